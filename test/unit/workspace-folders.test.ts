import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { cannotOpen, inspectFolder, resolveFolderPath } from '../../main/services/workspace/folder-check';
import { LATEST_SCHEMA_VERSION } from '../../main/services/workspace/migrations';
import { MAX_RECENT_WORKSPACES, openRecentWorkspaces, startWorkspace } from '../../main/services/workspace/recent-workspaces';
import { openWorkspace, prepareWorkspaceFolder } from '../../main/services/workspace/workspace';
import { tempDir } from './helpers/temp-workspace';

function workspaceAt(dir: string, name?: string): string {
  if (name) prepareWorkspaceFolder(dir, { name, theme: 'system' });
  openWorkspace(dir).close();
  return dir;
}

describe('what a folder is, before it is opened as a workspace', () => {
  it('tells a workspace (with its given name, else the folder name) from an empty folder and a folder of other files', () => {
    const root = tempDir();
    expect(inspectFolder(workspaceAt(path.join(root, 'spring'), 'Spring campaign'))).toMatchObject({ state: 'workspace', name: 'Spring campaign', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(inspectFolder(workspaceAt(path.join(root, 'plain')))).toMatchObject({ state: 'workspace', name: 'plain' });

    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    // What an OS drops in a folder it has shown doesn't count.
    writeFileSync(path.join(empty, '.DS_Store'), '');
    expect(inspectFolder(empty)).toMatchObject({ state: 'empty', message: expect.stringContaining('new workspace can be made') });

    const documents = path.join(root, 'documents');
    mkdirSync(documents);
    writeFileSync(path.join(documents, 'budget.xlsx'), 'x');
    expect(inspectFolder(documents)).toMatchObject({ state: 'not_workspace', message: expect.stringContaining('holds other files') });
  });

  it('says clearly what is wrong with a missing path, a file, a too-new workspace and an unreadable database', () => {
    const root = tempDir();
    expect(inspectFolder(path.join(root, 'nope'))).toEqual({ path: path.join(root, 'nope'), state: 'missing', message: `There is no folder at ${path.join(root, 'nope')}.` });
    const file = path.join(root, 'notes.txt');
    writeFileSync(file, 'hello');
    expect(inspectFolder(file)).toMatchObject({ state: 'not_folder', message: expect.stringContaining('is a file, not a folder') });
    expect(inspectFolder(path.join(file, 'inside'))).toMatchObject({ state: 'not_folder' });

    const future = path.join(root, 'future');
    mkdirSync(future);
    const db = new Database(path.join(future, 'studio.db'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    db.close();
    const tooNew = inspectFolder(future);
    expect(tooNew).toMatchObject({ state: 'too_new', schemaVersion: LATEST_SCHEMA_VERSION + 3, message: expect.stringContaining('Update Journey Studio') });
    const error = cannotOpen(tooNew);
    expect(error).toBeInstanceOf(StudioError);
    expect(error.code).toBe('workspace_too_new');

    const broken = path.join(root, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'studio.db'), 'this is not SQLite at all, just some text that is long enough to have a header');
    expect(inspectFolder(broken)).toMatchObject({ state: 'unreadable', message: expect.stringContaining('not a Journey Studio database') });
  });

  it('changes nothing in the folders it looks at', () => {
    const dir = workspaceAt(path.join(tempDir(), 'ws'));
    const db = new Database(path.join(dir, 'studio.db'));
    db.exec('CREATE TABLE marker (x)');
    const before = db.pragma('data_version', { simple: true });
    inspectFolder(dir);
    expect(db.pragma('data_version', { simple: true })).toBe(before);
    db.close();
  });

  it('resolves ~ to the home folder and refuses relative paths, which would depend on where the host started', () => {
    expect(resolveFolderPath('~/Studio/ws', '/home/mara')).toBe('/home/mara/Studio/ws');
    expect(resolveFolderPath('  /srv/ws/../ws2/ ', '/home/mara')).toBe('/srv/ws2');
    expect(() => resolveFolderPath('ws', '/home/mara')).toThrow(/full path/);
    expect(() => resolveFolderPath('./ws', '/home/mara')).toThrow(StudioError);
  });
});

describe('the recent workspaces list', () => {
  it('keeps the newest first, once each, up to its limit, and remembers the last one used', () => {
    const recent = openRecentWorkspaces(tempDir());
    expect(recent.list()).toEqual([]);
    expect(recent.last()).toBeUndefined();
    recent.remember({ name: 'A', path: '/w/a' }, new Date('2030-01-01T00:00:00Z'));
    recent.remember({ name: 'B', path: '/w/b' }, new Date('2030-01-02T00:00:00Z'));
    recent.remember({ name: 'A again', path: '/w/a' }, new Date('2030-01-03T00:00:00Z'));
    expect(recent.list()).toEqual([
      { name: 'A again', path: '/w/a', openedAt: '2030-01-03T00:00:00.000Z' },
      { name: 'B', path: '/w/b', openedAt: '2030-01-02T00:00:00.000Z' },
    ]);
    expect(recent.last()).toBe('/w/a');
    for (let i = 0; i < MAX_RECENT_WORKSPACES + 5; i += 1) recent.remember({ name: `W${i}`, path: `/w/${i}` });
    expect(recent.list()).toHaveLength(MAX_RECENT_WORKSPACES);
    recent.forget(`/w/${MAX_RECENT_WORKSPACES + 4}`);
    expect(recent.list().map((r) => r.path)).not.toContain(`/w/${MAX_RECENT_WORKSPACES + 4}`);
  });

  it('survives being read again, and a hand-broken file reads as an empty list', () => {
    const dir = tempDir();
    openRecentWorkspaces(dir).remember({ name: 'A', path: '/w/a' });
    expect(openRecentWorkspaces(dir).last()).toBe('/w/a');
    writeFileSync(path.join(dir, 'recent-workspaces.json'), '{"recent": "everything"}');
    expect(openRecentWorkspaces(dir).list()).toEqual([]);
    writeFileSync(path.join(dir, 'recent-workspaces.json'), 'not json');
    expect(openRecentWorkspaces(dir).list()).toEqual([]);
  });

  it('starts in the last workspace used, or in the default one when the last is gone or too new, saying why', () => {
    const root = tempDir();
    const recent = openRecentWorkspaces(path.join(root, 'config'));
    const fallback = path.join(root, 'default');
    expect(startWorkspace(recent, fallback)).toEqual({ dir: fallback });
    const last = workspaceAt(path.join(root, 'last'));
    recent.remember({ name: 'last', path: last });
    expect(startWorkspace(recent, fallback)).toEqual({ dir: last });

    recent.remember({ name: 'gone', path: path.join(root, 'gone') });
    expect(startWorkspace(recent, fallback)).toEqual({ dir: fallback, note: expect.stringContaining(`There is no folder at ${path.join(root, 'gone')}`) });

    const future = path.join(root, 'future');
    mkdirSync(future);
    const db = new Database(path.join(future, 'studio.db'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    recent.remember({ name: 'future', path: future });
    expect(startWorkspace(recent, fallback).note).toContain('newer Journey Studio');
  });
});
