import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FolderInspection } from '../../../shared/domain/workspace.js';
import { StudioError } from '../../../shared/errors.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { readWorkspaceName } from './settings.js';
import { DATABASE_FILE } from './workspace.js';

/** Files an OS drops in any folder it shows; they don't make a folder "not empty". */
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.directory']);

/**
 * A folder path from the user (typed in the browser, or picked in a dialog) made absolute: a
 * leading ~ is the home folder; a relative path is refused, because it would be relative to
 * wherever the host happened to start, which the user can't see.
 */
export function resolveFolderPath(input: string, home = os.homedir()): string {
  let value = input.trim();
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) value = path.join(home, value.slice(1));
  if (!path.isAbsolute(value)) {
    throw new StudioError('invalid_input', `Give the folder’s full path (for example ${path.join(home, 'Journey Studio')}), not "${input.trim()}".`);
  }
  return path.resolve(value);
}

/** True when the folder holds a workspace database (it may still be too new or unreadable). */
export function isWorkspaceFolder(dir: string): boolean {
  return existsSync(path.join(dir, DATABASE_FILE));
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * What a folder is, for opening it as a workspace, told without changing anything in it: the
 * database is opened read-only just to read its schema version.
 */
export function inspectFolder(dir: string, latest = LATEST_SCHEMA_VERSION): FolderInspection {
  const at = { path: dir };
  let stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') return { ...at, state: 'missing', message: `There is no folder at ${dir}.` };
    if (code === 'ENOTDIR') return { ...at, state: 'not_folder', message: `${dir} is not a folder: part of the path is a file.` };
    return { ...at, state: 'unreadable', message: `Journey Studio can’t look at ${dir} (${code ?? 'unknown error'}).` };
  }
  if (!stats.isDirectory()) return { ...at, state: 'not_folder', message: `${dir} is a file, not a folder. Pick the folder that holds a workspace.` };
  let entries: string[];
  try {
    accessSync(dir, constants.R_OK | constants.W_OK);
    entries = readdirSync(dir);
  } catch {
    return { ...at, state: 'unreadable', message: `Journey Studio can’t read and write ${dir} (permission denied). Check the folder’s permissions.` };
  }
  if (!entries.includes(DATABASE_FILE)) {
    if (entries.every((name) => OS_LITTER.has(name))) return { ...at, state: 'empty', message: 'This folder is empty: a new workspace can be made in it.' };
    return {
      ...at,
      state: 'not_workspace',
      message: 'This folder holds other files and no Journey Studio workspace (a workspace folder holds studio.db). Pick the workspace folder itself, or make a new workspace in a folder inside it.',
    };
  }
  const name = readWorkspaceName(dir);
  let version: number;
  try {
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch (error) {
    const why = errnoOf(error) === 'SQLITE_NOTADB' ? 'its studio.db is not a Journey Studio database' : `its studio.db can’t be read (${(error as Error).message})`;
    return { ...at, state: 'unreadable', name, message: `“${name}” can’t be opened: ${why}.` };
  }
  if (version > latest) {
    return {
      ...at,
      state: 'too_new',
      name,
      schemaVersion: version,
      message: `“${name}” was saved by a newer Journey Studio (schema version ${version}; this build reads up to ${latest}). Update Journey Studio to open it.`,
    };
  }
  return { ...at, state: 'workspace', name, schemaVersion: version, message: `“${name}” is a Journey Studio workspace.` };
}

/**
 * The error for a folder that can't be opened as it is, with the inspection's message: a
 * too-new workspace keeps its own code, so callers can tell it apart.
 */
export function cannotOpen(found: FolderInspection): StudioError {
  if (found.state === 'too_new') return new StudioError('workspace_too_new', `${found.message} Nothing in the workspace was changed.`);
  if (found.state === 'empty') return new StudioError('invalid_input', 'This folder is empty, not a workspace. Make a new workspace in it, or pick another folder.');
  return new StudioError('invalid_input', found.message);
}
