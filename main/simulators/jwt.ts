import { type KeyObject, verify } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function parsePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a compact JWS without trusting it; undefined when it isn't one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second <= first + 1 || second === token.length - 1 || token.indexOf('.', second + 1) !== -1) return undefined;
  const header = parsePart(token.slice(0, first));
  const claims = parsePart(token.slice(first + 1, second));
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: token.slice(0, second), signature: Buffer.from(token.slice(second + 1), 'base64url') };
}

/** ES256 (JOSE's raw r||s signature) or RS256, checked with Node's native crypto. */
export function verifyJwtSignature(jwt: DecodedJwt, alg: 'ES256' | 'RS256', key: KeyObject): boolean {
  try {
    const data = Buffer.from(jwt.signingInput);
    return alg === 'ES256'
      ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature)
      : verify('sha256', data, key, jwt.signature);
  } catch {
    return false;
  }
}
