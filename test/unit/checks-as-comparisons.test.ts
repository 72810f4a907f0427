import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../main/services/workspace/database';
import { migrations } from '../../main/services/workspace/migrations';
import { tempDir } from './helpers/temp-workspace';

/** Migrations 71 and 72: the outbox's and engine_entries' CHECKs as comparisons (tables rebuilt). */
const OUTBOX_INSERT = `INSERT INTO outbox (dedupe_key, origin, message_id, channel_id, journey_id, run_id, profile_id, platform, app_id, token, request, status, not_before, created_at, updated_at)
  VALUES (?, ?, 'msg_a', 'chn_a', 'jny_a', 'run_a', 7, ?, 'app', 'tok', '{}', ?, '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z')`;
const ENTRY_INSERT = `INSERT INTO engine_entries (journey_id, version_id, mode, profile_id, entry_key, entry_node, node_id, phase, status, t, wake_at, entered_at, updated_at)
  VALUES ('jny_a', 'ver_a', ?, ?, 'k', 'n1', 'n1', ?, ?, 1, 5, 1, 1)`;

const names = (db: Db, table: string) =>
  (db.prepare(`SELECT type || ' ' || name AS n FROM sqlite_master WHERE tbl_name = ? ORDER BY type, name`).all(table) as { n: string }[]).map((r) => r.n);
const rows = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
const opcodes = (db: Db, sql: string, ...params: unknown[]) => db.prepare(`EXPLAIN ${sql}`).all(...params).map((r) => (r as { opcode: string }).opcode);

describe('schema versions 71 and 72: outbox and engine entry CHECKs as comparisons', () => {
  it('a version 70 workspace keeps its pushes, entries, ids, indexes and triggers, and goes on numbering pushes above a deleted one', () => {
    const file = path.join(tempDir(), 'studio.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 70) });
    const insert = old.prepare(OUTBOX_INSERT);
    insert.run('k1', 'journey', 'apns', 'delivered');
    insert.run('k2', 'test', 'fcm', 'pending');
    insert.run('k3', 'campaign', 'apnsSandbox', 'failed');
    old.exec(`DELETE FROM outbox WHERE dedupe_key = 'k3'`);
    old.prepare(ENTRY_INSERT).run('live', 7, 'wake', 'waiting');
    old.prepare(ENTRY_INSERT).run('test', 8, 'arrive', 'active');
    const before = { outbox: rows(old, 'outbox'), entries: rows(old, 'engine_entries'), outboxNames: names(old, 'outbox'), entryNames: names(old, 'engine_entries') };
    const rollup = old.prepare('SELECT * FROM report_delivery_hourly ORDER BY outcome, platform').all();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(72);
    expect(rows(db, 'outbox')).toEqual(before.outbox);
    expect(rows(db, 'engine_entries')).toEqual(before.entries);
    expect(names(db, 'outbox')).toEqual(before.outboxNames);
    expect(names(db, 'engine_entries')).toEqual(before.entryNames);
    expect(db.prepare('SELECT * FROM report_delivery_hourly ORDER BY outcome, platform').all()).toEqual(rollup);

    // A new push gets id 4 (3 was given, then deleted) and is still counted as queued by the rollup trigger.
    expect(db.prepare(OUTBOX_INSERT).run('k4', 'journey', 'fcm', 'pending').lastInsertRowid).toBe(4);
    expect(db.prepare(`SELECT sum(n) AS n FROM report_delivery_hourly WHERE outcome = 'queued'`).get()).toEqual({ n: 4 });
    // An open of it is still linked to it by the tracking trigger, which names the rebuilt table.
    db.exec(`INSERT INTO profiles (id, created_at, updated_at) VALUES (7, 'x', 'x');
      INSERT INTO experience_events (profile_id, type, timestamp, attributes) VALUES (7, 'pushTracking.applicationOpened', '2026-03-01T11:00:00.000Z', '{"pushTracking":{"outboxId":4}}')`);
    expect(db.prepare('SELECT outbox_id, message_id, first FROM push_interactions').all()).toEqual([{ outbox_id: 4, message_id: 'msg_a', first: 1 }]);
    db.close();
  });

  it('still refuses an unknown origin, platform, status, mode or phase, without building a table per row written', () => {
    const db = openDatabase(path.join(tempDir(), 'studio.db'));
    const insert = db.prepare(OUTBOX_INSERT);
    let n = 0;
    for (const origin of ['journey', 'campaign', 'test']) insert.run(`o${++n}`, origin, 'fcm', 'pending');
    for (const platform of ['apns', 'apnsSandbox', 'fcm']) insert.run(`p${++n}`, 'test', platform, 'pending');
    for (const status of ['pending', 'sending', 'retrying', 'delivered', 'failed', 'expired', 'cancelled']) insert.run(`s${++n}`, 'test', 'fcm', status);
    expect(() => insert.run('x1', 'email', 'fcm', 'pending')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('x2', 'test', 'webpush', 'pending')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('x3', 'test', 'fcm', 'lost')).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare(`UPDATE outbox SET status = 'lost' WHERE id = 1`).run()).toThrow(/CHECK constraint failed/);

    const entry = db.prepare(ENTRY_INSERT);
    let profile = 0;
    for (const mode of ['live', 'test']) for (const phase of ['arrive', 'wake', 'event']) for (const status of ['active', 'waiting', 'ended', 'excluded']) entry.run(mode, ++profile, phase, status);
    expect(() => entry.run('draft', ++profile, 'arrive', 'active')).toThrow(/CHECK constraint failed/);
    expect(() => entry.run('live', ++profile, 'sleep', 'active')).toThrow(/CHECK constraint failed/);
    expect(() => entry.run('live', ++profile, 'arrive', 'paused')).toThrow(/CHECK constraint failed/);

    expect(opcodes(db, OUTBOX_INSERT, 'k', 'test', 'fcm', 'pending')).not.toContain('OpenEphemeral');
    expect(opcodes(db, `UPDATE outbox SET status = ?, outcome = ? WHERE id = ?`, 'delivered', 'delivered', 1)).not.toContain('OpenEphemeral');
    expect(opcodes(db, ENTRY_INSERT, 'live', 1, 'arrive', 'active')).not.toContain('OpenEphemeral');
    expect(opcodes(db, `UPDATE engine_entries SET phase = ?, status = ? WHERE id = ?`, 'wake', 'waiting', 1)).not.toContain('OpenEphemeral');
    db.close();
  });
});
