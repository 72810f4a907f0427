import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../services/vault/cipher.js';

/**
 * The desktop app's SecretCipher: Electron safeStorage, i.e. the OS keychain (Keychain on macOS,
 * DPAPI on Windows, libsecret/kwallet on Linux). Like Signal Desktop, there is no plaintext
 * fallback: where safeStorage can't encrypt, the vault refuses. On Linux without a keyring,
 * safeStorage falls back to the `basic_text` backend (a hard-coded key): that is refused unless the
 * user has explicitly accepted it.
 */
export class WeakKeychainError extends Error {
  constructor() {
    super(
      'No system keyring is available (Electron’s safeStorage would use its basic_text backend, which does not protect secrets).',
    );
  }
}

export class NoEncryptionError extends Error {
  constructor() {
    super('This system offers no way to encrypt secrets (safeStorage is unavailable). Journey Studio will not store credentials in plain text.');
  }
}

export function safeStorageCipher(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string },
  { platform = process.platform, acceptBasicText = false }: { platform?: NodeJS.Platform; acceptBasicText?: boolean } = {},
): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) throw new NoEncryptionError();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' && !acceptBasicText) throw new WeakKeychainError();
  return {
    kind: backend === 'basic_text' ? 'safe-storage:basic_text' : 'safe-storage',
    // safeStorage takes strings: base64 keeps binary secrets (a .p12) intact.
    seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
