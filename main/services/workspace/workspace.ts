import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Db, openDatabase, schemaVersion } from './database.js';
import { type SettingsStore, openSettings } from './settings.js';

export const DATABASE_FILE = 'studio.db';

export interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly db: Db;
  readonly settings: SettingsStore;
  /** True when this open created the workspace (first start): the place to seed it. */
  readonly created: boolean;
  schemaVersion(): number;
  close(): void;
}

/** A workspace is a folder: one SQLite database and a settings file. */
export function openWorkspace(dir: string): Workspace {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const created = !existsSync(path.join(absolute, DATABASE_FILE));
  const db = openDatabase(path.join(absolute, DATABASE_FILE));
  const settings = openSettings(absolute);
  let closed = false;
  return {
    dir: absolute,
    name: path.basename(absolute),
    db,
    settings,
    created,
    schemaVersion: () => schemaVersion(db),
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
