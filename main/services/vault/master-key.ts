import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../shared/errors.js';
import { studioConfigDir } from '../platform-dirs.js';
import { type SecretCipher, aesGcmCipher } from './cipher.js';

/**
 * The headless host's master key: JOURNEY_STUDIO_SECRET_KEY (32 bytes, base64 or hex) when set,
 * otherwise a key file created once with mode 0600 in the user's config folder — outside any
 * workspace, so that copying a workspace does not copy the key that opens its secrets.
 */
export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JOURNEY_STUDIO_KEY_FILE) return path.resolve(env.JOURNEY_STUDIO_KEY_FILE);
  return path.join(studioConfigDir(env, platform), 'secret.key');
}

export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new StudioError('invalid_input', 'JOURNEY_STUDIO_SECRET_KEY must be 32 bytes, written as 64 hex characters or base64.');
  }
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  if (existsSync(file)) {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new StudioError(
        'internal',
        `The secret key file ${file} can be read by other users. Run: chmod 600 "${file}"`,
      );
    }
    return parseSecretKey(readFileSync(file, 'utf8'));
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

export function headlessCipher(env: NodeJS.ProcessEnv = process.env): SecretCipher {
  if (env.JOURNEY_STUDIO_SECRET_KEY) return aesGcmCipher(parseSecretKey(env.JOURNEY_STUDIO_SECRET_KEY), 'aes-256-gcm:env');
  return aesGcmCipher(readOrCreateKeyFile(defaultKeyFile(env)), 'aes-256-gcm:keyfile');
}
