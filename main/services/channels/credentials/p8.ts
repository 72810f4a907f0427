import { type KeyObject, createPrivateKey } from 'node:crypto';
import type { CredentialInspection } from '../../../../shared/domain/channel.js';
import { StudioError } from '../../../../shared/errors.js';
import { publicKeyFingerprint } from './fingerprint.js';

export interface ParsedP8 {
  pem: string;
  key: KeyObject;
  inspection: Extract<CredentialInspection, { kind: 'p8' }>;
}

const bad = (message: string) => new StudioError('invalid_input', message);

/**
 * An APNs auth key (.p8) must be a PKCS#8 PEM holding an EC key on P-256 — what Apple issues. Each
 * way it can be wrong gets its own message.
 */
export function parseP8(content: Buffer, fileName: string): ParsedP8 {
  const text = content.toString('utf8').replace(/^\uFEFF/, '').trim();
  if (text.includes('-----BEGIN EC PRIVATE KEY-----')) {
    throw bad('This is an EC key in the older SEC1 format. Apple’s .p8 keys are PKCS#8 (“BEGIN PRIVATE KEY”): download the key again from Apple Developer, Keys.');
  }
  if (text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw bad('This key is encrypted with a password. Apple’s .p8 keys are not: use the file exactly as downloaded from Apple Developer.');
  }
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    throw bad('This is a certificate, not an APNs auth key. For certificate auth choose “.p12 certificate”.');
  }
  if (!/^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----$/.test(text)) {
    throw bad(`${fileName} is not a .p8 key: it should be a text file starting with “-----BEGIN PRIVATE KEY-----”.`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw bad(`${fileName} looks like a PEM key but its content is damaged. Download the key again from Apple Developer.`);
  }
  if (key.asymmetricKeyType !== 'ec') {
    throw bad(`This is an ${key.asymmetricKeyType?.toUpperCase() ?? 'unknown'} key. APNs auth keys are EC P-256 keys (.p8 from Apple Developer, Keys).`);
  }
  if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw bad(`This EC key uses the ${key.asymmetricKeyDetails?.namedCurve ?? 'unknown'} curve. APNs auth keys use P-256.`);
  }
  const keyIdFromFileName = /AuthKey_([A-Z0-9]{10})\.p8$/i.exec(fileName)?.[1]?.toUpperCase();
  return {
    pem: `${text}\n`,
    key,
    inspection: {
      kind: 'p8',
      fingerprint: publicKeyFingerprint(key),
      ...(keyIdFromFileName ? { keyIdFromFileName } : {}),
      warnings: [],
    },
  };
}
