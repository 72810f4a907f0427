import { type KeyObject, randomBytes } from 'node:crypto';
import type { Clock } from '../../services/clock.js';
import { publicKeyFromPem } from '../credentials.js';
import { decodeJwt, verifyJwtSignature } from '../jwt.js';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** google-auth-library signs for this audience and posts here, whatever token_uri says. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_ASSERTION_LIFETIME_S = 60 * 60;
const CLOCK_SKEW_S = 5 * 60;
export const ACCESS_TOKEN_LIFETIME_S = 60 * 60;

export interface ServiceAccountRegistration {
  client_email: string;
  project_id: string;
  /** The service account's private key (the JSON's private_key) or its public key. */
  private_key: string;
  token_uri?: string;
}

interface RegisteredAccount {
  clientEmail: string;
  projectId: string;
  publicKey: KeyObject;
  tokenUri: string | undefined;
}

export interface AccessToken {
  clientEmail: string;
  projectId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
}

export type TokenAnswer =
  | { ok: true; body: { access_token: string; expires_in: number; token_type: 'Bearer' } }
  | { ok: false; httpStatus: number; body: { error: string; error_description: string } };

function refuse(error: string, description: string, httpStatus = 400): TokenAnswer {
  return { ok: false, httpStatus, body: { error, error_description: description } };
}

/**
 * Google's OAuth2 JWT-bearer grant, for the service accounts registered here: verifies the RS256
 * assertion against the account's public key and issues opaque access tokens the FCM simulator
 * then accepts.
 */
export class OAuthIssuer {
  private readonly accounts = new Map<string, RegisteredAccount>();
  private readonly tokens = new Map<string, AccessToken>();
  /** The simulator's own token URLs (it knows its port only once listening). */
  readonly ownTokenUrls = new Set<string>([GOOGLE_TOKEN_URL]);

  constructor(private readonly clock: Clock) {}

  register(account: ServiceAccountRegistration): void {
    this.accounts.set(account.client_email, {
      clientEmail: account.client_email,
      projectId: account.project_id,
      publicKey: publicKeyFromPem(account.private_key),
      tokenUri: account.token_uri,
    });
  }

  /** Deleting the account (or its key) in the console: its assertions fail from now on. */
  revoke(clientEmail: string): void {
    this.accounts.delete(clientEmail);
    for (const [token, entry] of this.tokens) if (entry.clientEmail === clientEmail) this.tokens.delete(token);
  }

  /** The paths the token endpoint answers on: Google's own and each account's token_uri path. */
  isTokenPath(path: string): boolean {
    if (path === '/token' || path === '/oauth2/v4/token') return true;
    for (const account of this.accounts.values()) {
      if (account.tokenUri && safePath(account.tokenUri) === path) return true;
    }
    return false;
  }

  exchange(form: URLSearchParams): TokenAnswer {
    const grantType = form.get('grant_type');
    if (grantType !== JWT_BEARER) return refuse('unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    const assertion = form.get('assertion');
    const jwt = assertion ? decodeJwt(assertion) : undefined;
    if (!jwt) return refuse('invalid_request', 'Invalid JWT: no assertion or not a JWT.');
    const { iss, aud, scope, iat, exp } = jwt.claims;
    if (jwt.header.alg !== 'RS256') return refuse('invalid_grant', 'Invalid JWT: algorithm must be RS256.');
    const account = typeof iss === 'string' ? this.accounts.get(iss) : undefined;
    if (!account) return refuse('invalid_grant', 'Invalid grant: account not found');
    if (!verifyJwtSignature(jwt, 'RS256', account.publicKey)) return refuse('invalid_grant', 'Invalid JWT Signature.');
    // aud must name the token endpoint: the account's token_uri, or Google's URL, which
    // google-auth-library always uses (it ignores token_uri), or this simulator's own URL.
    if (typeof aud !== 'string' || !(aud === account.tokenUri || this.ownTokenUrls.has(aud))) {
      return refuse('invalid_grant', 'Invalid JWT: Failed audience check.');
    }
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > MAX_ASSERTION_LIFETIME_S || iat > now + CLOCK_SKEW_S || exp < now - CLOCK_SKEW_S) {
      return refuse('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    if (typeof scope !== 'string' || scope.trim() === '') return refuse('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');

    const accessToken = `ya29.c.${randomBytes(48).toString('base64url')}`;
    this.tokens.set(accessToken, {
      clientEmail: account.clientEmail,
      projectId: account.projectId,
      scopes: new Set(scope.split(/\s+/)),
      expiresAt: (now + ACCESS_TOKEN_LIFETIME_S) * 1000,
    });
    return { ok: true, body: { access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_S - 1, token_type: 'Bearer' } };
  }

  /** The live token behind `authorization: Bearer ...`; undefined when unknown or expired. */
  accessToken(token: string): AccessToken | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry;
  }
}

function safePath(uri: string): string | undefined {
  try {
    return new URL(uri).pathname;
  } catch {
    return undefined;
  }
}
