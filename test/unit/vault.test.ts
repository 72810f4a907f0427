import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesGcmCipher } from '../../main/services/vault/cipher';
import { headlessCipher, parseSecretKey } from '../../main/services/vault/master-key';
import { redactSecrets } from '../../main/services/vault/redact';
import { p8Pem } from './helpers/credentials';
import { tempDir } from './helpers/temp-workspace';

describe('AES-256-GCM cipher', () => {
  it('seals with a fresh IV each time and opens only with the same key', () => {
    const key = randomBytes(32);
    const cipher = aesGcmCipher(key);
    const a = cipher.seal(Buffer.from('secret'));
    const b = cipher.seal(Buffer.from('secret'));
    expect(a.equals(b)).toBe(false);
    expect(cipher.open(a).toString()).toBe('secret');
    expect(() => aesGcmCipher(randomBytes(32)).open(a)).toThrow(/cannot be decrypted/);
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => cipher.open(tampered)).toThrow(/cannot be decrypted/);
  });
});

describe('headless master key', () => {
  it('takes JOURNEY_STUDIO_SECRET_KEY as hex or base64, and refuses a wrong length', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseSecretKey('short')).toThrow(/must be 32 bytes/);
  });

  it('creates a key file with mode 0600 once and reuses it; refuses one others can read', () => {
    const file = path.join(tempDir(), 'conf', 'secret.key');
    const first = headlessCipher({ JOURNEY_STUDIO_KEY_FILE: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal(Buffer.from('x'));
    const second = headlessCipher({ JOURNEY_STUDIO_KEY_FILE: file });
    expect(second.open(sealed).toString()).toBe('x');
    chmodSync(file, 0o644);
    expect(() => headlessCipher({ JOURNEY_STUDIO_KEY_FILE: file })).toThrow(/chmod 600/);
  });

  it('prefers the environment key over the key file', () => {
    const file = path.join(tempDir(), 'secret.key');
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    const key = randomBytes(32);
    const cipher = headlessCipher({ JOURNEY_STUDIO_KEY_FILE: file, JOURNEY_STUDIO_SECRET_KEY: key.toString('base64') });
    expect(aesGcmCipher(key).open(cipher.seal(Buffer.from('y'))).toString()).toBe('y');
    expect(readFileSync(file, 'utf8')).not.toBe(key.toString('base64'));
  });
});

describe('redaction', () => {
  it('removes PEM keys, service-account private_key values, bearer tokens and JWTs from text', () => {
    const pem = p8Pem();
    const text = `failed with ${pem} and {"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n"} authorization: Bearer ya29.a0AfH6SMBxyzxyzxyzxyz token eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJURUFNIn0.c2lnbmF0dXJlc2ln`;
    const clean = redactSecrets(text);
    expect(clean).not.toContain('MIIE');
    expect(clean).not.toContain(pem.split('\n')[1]);
    expect(clean).not.toContain('ya29');
    expect(clean).not.toContain('eyJhbGciOiJFUzI1NiJ9');
    expect(clean).toContain('[redacted key]');
  });
});
