import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Db, openDatabase, schemaVersion } from './database.js';
import { type SettingsStore, openSettings } from './settings.js';

export const DATABASE_FILE = 'studio.db';

export interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly db: Db;
  readonly settings: SettingsStore;
  schemaVersion(): number;
  close(): void;
}

/** A workspace is a folder: one SQLite database and a settings file. */
export function openWorkspace(dir: string): Workspace {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const db = openDatabase(path.join(absolute, DATABASE_FILE));
  const settings = openSettings(absolute);
  let closed = false;
  return {
    dir: absolute,
    name: path.basename(absolute),
    db,
    settings,
    schemaVersion: () => schemaVersion(db),
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
