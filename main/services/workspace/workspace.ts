import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Theme } from '../../../shared/domain/workspace.js';
import { StudioError } from '../../../shared/errors.js';
import { type Db, openDatabase, schemaVersion } from './database.js';
import { type SettingsStore, openSettings } from './settings.js';

export const DATABASE_FILE = 'studio.db';

export interface Workspace {
  readonly dir: string;
  /** The name given in "New workspace…", else the folder's name. */
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
    get name() {
      return settings.name() ?? path.basename(absolute);
    },
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

/**
 * Makes the folder of a new workspace (and any folders above it) and gives it its name and theme;
 * its database is made when the workspace is opened.
 */
export function prepareWorkspaceFolder(dir: string, { name, theme }: { name: string; theme: Theme }): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'part of the path is a file' : code;
    throw new StudioError('invalid_input', `The folder ${dir} could not be made (${why}). Pick a place you can write to.`);
  }
  const settings = openSettings(dir);
  settings.update({ theme });
  settings.setName(name);
}
