import { describe, expect, it } from 'vitest';
import { NoEncryptionError, WeakKeychainError, safeStorageCipher } from '../../main/app/secrets';
import { createFakeElectron } from './helpers/fake-electron';

describe('desktop vault cipher (safeStorage)', () => {
  it('seals with the OS keychain and opens what it sealed, binary included', () => {
    const { module } = createFakeElectron();
    const cipher = safeStorageCipher(module.safeStorage, { platform: 'darwin' });
    const secret = Buffer.from([0, 1, 2, 250, 255]);
    const sealed = cipher.seal(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(cipher.open(sealed).equals(secret)).toBe(true);
    expect(cipher.kind).toBe('safe-storage');
  });

  it('refuses to work without encryption: there is no plaintext fallback', () => {
    const fake = createFakeElectron();
    fake.keychain.available = false;
    expect(() => safeStorageCipher(fake.module.safeStorage, { platform: 'win32' })).toThrow(NoEncryptionError);
  });

  it('refuses Linux’s basic_text backend unless the user accepted it', () => {
    const fake = createFakeElectron();
    fake.keychain.backend = 'basic_text';
    expect(() => safeStorageCipher(fake.module.safeStorage, { platform: 'linux' })).toThrow(WeakKeychainError);
    const accepted = safeStorageCipher(fake.module.safeStorage, { platform: 'linux', acceptBasicText: true });
    expect(accepted.kind).toBe('safe-storage:basic_text');
    // Elsewhere the backend question does not arise.
    expect(safeStorageCipher(fake.module.safeStorage, { platform: 'darwin' }).kind).toBe('safe-storage');
  });
});
