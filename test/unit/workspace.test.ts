import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { openDatabase } from '../../main/services/workspace/database';
import { LATEST_SCHEMA_VERSION, type Migration } from '../../main/services/workspace/migrations';
import { openWorkspace } from '../../main/services/workspace/workspace';
import { tempDir } from './helpers/temp-workspace';

describe('workspace', () => {
  it('creates the folder, a WAL database at the latest schema version, and settings with defaults', () => {
    const dir = path.join(tempDir(), 'nested', 'ws');
    const workspace = openWorkspace(dir);
    expect(statSync(path.join(dir, 'studio.db')).isFile()).toBe(true);
    expect(workspace.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(workspace.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(workspace.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(workspace.settings.get()).toEqual({ theme: 'system' });
    workspace.close();
  });

  it('applies only the migrations a workspace has not had yet, in order', () => {
    const file = path.join(tempDir(), 'studio.db');
    const first: Migration[] = [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' }];
    openDatabase(file, { migrations: first }).close();
    const both: Migration[] = [
      { version: 2, name: 'b', sql: 'INSERT INTO a VALUES (2)' },
      ...first,
    ];
    const db = openDatabase(file, { migrations: both });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 2 }]);
    db.close();
    // Opening again runs nothing twice.
    const again = openDatabase(file, { migrations: both });
    expect(again.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 1 });
    again.close();
  });

  it('rolls a failing migration back whole and leaves the version where it was', () => {
    const file = path.join(tempDir(), 'studio.db');
    const broken: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1)' },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/nowhere/);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").all()).toEqual([]);
    db.close();
  });

  it('refuses a workspace written by a newer build, with a clear message, and changes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'studio.db');
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.close();
    const before = readFileSync(file);

    let caught: unknown;
    try {
      openWorkspace(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StudioError);
    expect((caught as StudioError).code).toBe('workspace_too_new');
    expect((caught as StudioError).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect((caught as StudioError).message).toContain('Update Journey Studio');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('keeps settings across reopening and falls back to the default for a hand-broken value', () => {
    const dir = tempDir();
    const first = openWorkspace(dir);
    expect(first.settings.update({ theme: 'dark' })).toEqual({ theme: 'dark' });
    first.close();
    const second = openWorkspace(dir);
    expect(second.settings.get()).toEqual({ theme: 'dark' });
    second.close();

    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'purple' }));
    const third = openWorkspace(dir);
    expect(third.settings.get()).toEqual({ theme: 'system' });
    third.close();
  });
});
