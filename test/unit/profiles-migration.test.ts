import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { openDatabase } from '../../main/services/workspace/database';
import { migrations } from '../../main/services/workspace/migrations';
import { tempDir } from './helpers/temp-workspace';

/**
 * A workspace written at schema `version` holding profile #7 with registration #41 (invalid, with
 * its history), opened again with every migration: the registration must come through whole.
 */
function reopenedFrom(version: number) {
  const file = path.join(tempDir(), 'studio.db');
  const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) });
  old.exec(`INSERT INTO profiles (id, created_at, updated_at) VALUES (7, 'x', 'x');
    INSERT INTO push_registrations (id, profile_id, app_id, platform, token, registered_at, status, status_at) VALUES (41, 7, 'app', 'fcm', 'tok-1', 'x', 'invalid', 'y');
    INSERT INTO registration_status_history (registration_id, status, reason, at) VALUES (41, 'invalid', 'UNREGISTERED', 'y');`);
  old.close();
  const db = openDatabase(file);
  expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(version);
  const store = createProfileStore(db, () => 'e');
  expect(store.get(7).registrations).toEqual([expect.objectContaining({ id: 41, token: 'tok-1', status: 'invalid', history: [expect.objectContaining({ reason: 'UNREGISTERED' })] })]);
  return db;
}

/** The history still follows its registration (the foreign key was carried over with the rename). */
function expectHistoryCascades(db: ReturnType<typeof openDatabase>) {
  db.exec('DELETE FROM profiles WHERE id = 7');
  expect(db.prepare('SELECT count(*) AS n FROM registration_status_history').get()).toEqual({ n: 0 });
}

describe('schema version 5: push tokens found through the index on their last 16 characters', () => {
  it('keeps every registration, its id and its status history when a version 4 workspace is opened', () => {
    const db = reopenedFrom(4);
    expectHistoryCascades(db);
    db.close();
  });

  it('still refuses the same token twice for an app, whatever path writes it, and finds tokens through the small index', () => {
    const db = openDatabase(path.join(tempDir(), 'studio.db'));
    db.exec(`INSERT INTO profiles (id, created_at, updated_at) VALUES (1, 'x', 'x'), (2, 'x', 'x');
      INSERT INTO push_registrations (profile_id, app_id, platform, token, registered_at, status_at) VALUES (1, 'app', 'fcm', 'same-token-0123456789', 'x', 'x');`);
    const insert = db.prepare(`INSERT INTO push_registrations (profile_id, app_id, platform, token, registered_at, status_at) VALUES (?, ?, 'fcm', ?, 'x', 'x')`);
    expect(() => insert.run(2, 'app', 'same-token-0123456789')).toThrow(/UNIQUE constraint failed/);
    // Same last 16 characters, another token or another app: both fine.
    insert.run(2, 'app', 'other-token-0123456789'.replace('other', 'x'));
    insert.run(2, 'other.app', 'same-token-0123456789');
    const second = db.prepare(`SELECT id FROM push_registrations WHERE app_id = 'other.app'`).get() as { id: number };
    expect(() => db.prepare(`UPDATE push_registrations SET app_id = 'app' WHERE id = ?`).run(second.id)).toThrow(/UNIQUE constraint failed/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM push_registrations WHERE substr(token, -16) = substr(?, -16) AND app_id = ? AND token = ?`).all('t', 'a', 't');
    expect(JSON.stringify(plan)).toContain('push_registrations_by_token');
    db.close();
  });
});

describe('schema version 50: the registration CHECKs as comparisons', () => {
  it('keeps every registration, its id, its status history and the token index when a version 40 workspace is opened', () => {
    const db = reopenedFrom(40);
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE tbl_name IN ('push_registrations', 'registration_status_history') ORDER BY name`).all();
    expect(names.map((r) => (r as { name: string }).name)).toEqual([
      'push_registrations',
      'push_registrations_by_profile',
      'push_registrations_by_token',
      'push_registrations_unique_token',
      'push_registrations_unique_token_update',
      'registration_status_history',
      'registration_status_history_by_registration',
    ]);
    expectHistoryCascades(db);
    db.close();
  });

  it('still refuses an unknown platform or status, without building a table per row written', () => {
    const db = openDatabase(path.join(tempDir(), 'studio.db'));
    db.exec(`INSERT INTO profiles (id, created_at, updated_at) VALUES (1, 'x', 'x')`);
    const sql = `INSERT INTO push_registrations (profile_id, app_id, platform, token, registered_at, status, status_at) VALUES (1, 'app', ?, ?, 'x', ?, 'x')`;
    const insert = db.prepare(sql);
    for (const platform of ['apns', 'apnsSandbox', 'fcm']) insert.run(platform, `tok-${platform}`, 'valid');
    insert.run('fcm', 'tok-invalid', 'invalid');
    insert.run('fcm', 'tok-denylisted', 'denylisted');
    expect(() => insert.run('webpush', 'tok-x', 'valid')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('fcm', 'tok-y', 'unknown')).toThrow(/CHECK constraint failed/);
    const opcodes = db.prepare(`EXPLAIN ${sql}`).all('fcm', 't', 'valid').map((r) => (r as { opcode: string }).opcode);
    expect(opcodes).not.toContain('OpenEphemeral');
    db.close();
  });
});
