import { StudioError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { Db } from '../workspace/database.js';
import type { SecretCipher } from './cipher.js';

/**
 * The only place secrets are stored. Callers get an opaque id back; the plaintext only ever comes
 * out through `reveal`, inside the core, for the moment it is needed (signing, sending).
 */
export interface Vault {
  readonly cipherKind: string;
  store(plain: Buffer | string, id?: string): string;
  reveal(id: string): Buffer;
  has(id: string): boolean;
  remove(id: string): void;
}

export function createVault(db: Db, cipher: SecretCipher, clock: Clock): Vault {
  const insert = db.prepare('INSERT OR REPLACE INTO secrets (id, cipher, sealed, created_at) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string], { cipher: string; sealed: Buffer }>('SELECT cipher, sealed FROM secrets WHERE id = ?');
  const del = db.prepare('DELETE FROM secrets WHERE id = ?');
  return {
    cipherKind: cipher.kind,
    store(plain, id = newId('sec')) {
      const bytes = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
      insert.run(id, cipher.kind, cipher.seal(bytes), clock.now().toISOString());
      return id;
    },
    reveal(id) {
      const row = select.get(id);
      if (!row) throw new StudioError('not_found', 'A credential this channel needs is missing. Import it again.');
      if (row.cipher.split(':')[0] !== cipher.kind.split(':')[0]) {
        throw new StudioError(
          'internal',
          row.cipher.startsWith('safe-storage')
            ? 'This credential was sealed by the desktop app’s system keychain and can only be opened there. Open the workspace in the desktop app, or import the credential again.'
            : 'This credential was sealed by the headless host’s secret key and can only be opened there. Import the credential again in this app.',
        );
      }
      return cipher.open(row.sealed);
    },
    has: (id) => select.get(id) !== undefined,
    remove: (id) => void del.run(id),
  };
}
