import Database from 'better-sqlite3';
import { StudioError } from '../../../shared/errors.js';
import { type Migration, migrations as defaultMigrations } from './migrations.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Injected by tests to exercise the version check; the product always uses the real list. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) a workspace database: WAL journal, foreign keys on, pending migrations
 * applied. A database written by a newer build is refused before anything is changed in it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const list = [...(options.migrations ?? defaultMigrations)].sort((a, b) => a.version - b.version);
  const latest = list.at(-1)?.version ?? 0;
  const db = new Database(file);
  try {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new StudioError(
        'workspace_too_new',
        `This workspace was saved by a newer Journey Studio (schema version ${current}; this build reads up to ${latest}). ` +
          'Update Journey Studio to open it. Nothing in the workspace was changed.',
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    for (const migration of list) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
