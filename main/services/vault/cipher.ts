import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StudioError } from '../../../shared/errors.js';

/**
 * How secrets are sealed at rest. The desktop app seals with Electron's safeStorage (the OS
 * keychain), the headless host with AES-256-GCM under a key from the environment or a 0600 key
 * file. The vault only sees this interface; no plaintext fallback exists.
 */
export interface SecretCipher {
  /** Recorded beside each sealed secret, so a workspace opened by the other host says why it can't read it. */
  readonly kind: string;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: version byte, 12-byte random IV, 16-byte tag, ciphertext. */
export function aesGcmCipher(key: Buffer, kind = 'aes-256-gcm'): SecretCipher {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  return {
    kind,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
        throw new StudioError('internal', 'A stored secret is damaged or in an unknown format.');
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new StudioError(
          'internal',
          'A stored credential cannot be decrypted with this machine’s secret key. If the workspace came from another machine, set JOURNEY_STUDIO_SECRET_KEY to the key it was sealed with, or import the credentials again.',
        );
      }
    },
  };
}
