import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../main/services/profiles/import/importer';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { type Db, openDatabase } from '../../main/services/workspace/database';
import { migrations } from '../../main/services/workspace/migrations';
import { generateDeliveries } from './helpers/report-data';
import { tempDir } from './helpers/temp-workspace';

/**
 * Migration 70 rewrote the trigger that links tracking events to their pushes (so that it goes
 * through indexes). These tests hold it to migration 40's trigger: the same events imported into a
 * workspace at version 60 and into a current one give the same interactions, row for row.
 */
const open = (link: Record<string, unknown> | null) => ({ type: 'pushTracking.applicationOpened', attributes: link ? { pushTracking: link } : {} });

// generateDeliveries(db, 40): push #n went to profile n, message msg_reportsA for odd n, msg_reportsB for even n;
// delivered ones (#1-#4, #10-#13, ...) carry provider id pid-n, and every fifth delivered one was opened already.
const EVENTS: { email: string; type: string; attributes: Record<string, unknown> }[] = [
  { email: 'p1@x.com', ...open({ outboxId: 1 }) },
  { email: 'p1@x.com', ...open({ outboxId: 1 }) },
  { email: 'p2@x.com', ...open({ providerMessageId: 'pid-2' }) },
  { email: 'p2@x.com', ...open({ providerMessageId: 'pid-2' }) },
  { email: 'p3@x.com', ...open({ messageId: 'msg_reportsA' }) },
  // No push of msg_reportsB to profile 3: an open of that message, linked to no push, first once per profile.
  { email: 'p3@x.com', ...open({ messageId: 'msg_reportsB', journeyId: 'jny_elsewhere' }) },
  { email: 'p3@x.com', ...open({ messageId: 'msg_reportsB' }) },
  { email: 'p4@x.com', ...open({ messageId: 'msg_reportsB' }) },
  // Not linked to anything at all: first once per profile too.
  { email: 'p4@x.com', ...open(null) },
  { email: 'p4@x.com', ...open(null) },
  { email: 'p3@x.com', ...open(null) },
  { email: 'p1@x.com', type: 'pushTracking.applicationOpened', attributes: { messageId: 'msg_unknown' } },
  { email: 'p1@x.com', type: 'pushTracking.applicationOpened', attributes: { messageId: 'msg_unknown' } },
  { email: 'p2@x.com', type: 'pushTracking.customAction', attributes: { pushTracking: { outboxId: 2, actionId: 'buy' } } },
  { email: 'p2@x.com', type: 'pushTracking.dismissed', attributes: { pushTracking: { outboxId: 2 } } },
  { email: 'p4@x.com', type: 'pushTracking.customAction', attributes: { pushTracking: { actionId: 'later' } } },
  { email: 'p1@x.com', type: 'application.launch', attributes: {} },
];

function workspace(upTo?: number) {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'studio.db'), upTo === undefined ? {} : { migrations: migrations.filter((m) => m.version <= upTo) });
  generateDeliveries(db, 40);
  const store = createProfileStore(db, () => 'ecid');
  for (const n of [1, 2, 3, 4]) store.upsertProfile({ identities: [{ namespace: 'email', value: `p${n}@x.com` }], attributes: {}, registrations: [], isTest: null }, 'email', '2026-03-01T00:00:00.000Z');
  return { dir, db, store };
}

/** `journey-studio import events` of an NDJSON file of the events, a few rows per batch. */
async function importEvents(ws: ReturnType<typeof workspace>, events: typeof EVENTS, name: string) {
  const file = path.join(ws.dir, name);
  const lines = events.map((e, i) => JSON.stringify({ identity: { email: e.email }, type: e.type, timestamp: `2026-03-20T10:00:${String(i).padStart(2, '0')}Z`, attributes: e.attributes }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const report = await runImport(ws.store, { jobId: 'imp_link', file, fileName: name, kind: 'events', batchSize: 5 });
  expect(report).toMatchObject({ state: 'done', imported: events.length, rejected: 0 });
}

const interactions = (db: Db) => db.prepare('SELECT * FROM push_interactions ORDER BY id').all();
const hourly = (db: Db) => db.prepare('SELECT * FROM report_interaction_hourly ORDER BY journey_id, hour, kind, action_id, origin, message_id, app_id, platform').all();
const firsts = (db: Db) =>
  db.prepare('SELECT profile_id AS profile, kind, outbox_id AS outbox, message_id AS message, first FROM push_interactions WHERE event_id IS NOT NULL ORDER BY id').all();

describe('tracking events linked to their pushes through indexes (migration 70)', () => {
  it('imported events give the same interactions, first opens and hourly rollup as migration 40 gave', async () => {
    const before = workspace(60);
    const now = workspace();
    await importEvents(before, EVENTS, 'events.ndjson');
    await importEvents(now, EVENTS, 'events.ndjson');
    expect(interactions(now.db)).toEqual(interactions(before.db));
    expect(hourly(now.db)).toEqual(hourly(before.db));
    expect(firsts(now.db)).toEqual([
      { profile: 1, kind: 'open', outbox: 1, message: 'msg_reportsA', first: 0 }, // push #1 had been opened already
      { profile: 1, kind: 'open', outbox: 1, message: 'msg_reportsA', first: 0 },
      { profile: 2, kind: 'open', outbox: 2, message: 'msg_reportsB', first: 1 },
      { profile: 2, kind: 'open', outbox: 2, message: 'msg_reportsB', first: 0 },
      { profile: 3, kind: 'open', outbox: 3, message: 'msg_reportsA', first: 1 },
      { profile: 3, kind: 'open', outbox: null, message: 'msg_reportsB', first: 1 },
      { profile: 3, kind: 'open', outbox: null, message: 'msg_reportsB', first: 0 },
      { profile: 4, kind: 'open', outbox: 4, message: 'msg_reportsB', first: 1 }, // push #4 went to profile 4
      { profile: 4, kind: 'open', outbox: null, message: null, first: 1 },
      { profile: 4, kind: 'open', outbox: null, message: null, first: 0 },
      { profile: 3, kind: 'open', outbox: null, message: null, first: 1 },
      { profile: 1, kind: 'open', outbox: null, message: 'msg_unknown', first: 1 },
      { profile: 1, kind: 'open', outbox: null, message: 'msg_unknown', first: 0 },
      { profile: 2, kind: 'action', outbox: 2, message: 'msg_reportsB', first: 0 },
      { profile: 2, kind: 'dismiss', outbox: 2, message: 'msg_reportsB', first: 0 },
      { profile: 4, kind: 'action', outbox: null, message: null, first: 0 },
    ]);
    before.db.close();
    now.db.close();
  });

  it('a workspace opened at version 60 keeps its interactions, and its earlier opens still count as seen', async () => {
    const ws = workspace(60);
    await importEvents(ws, EVENTS.slice(0, 11), 'first.ndjson');
    const kept = interactions(ws.db);
    ws.db.close();
    const db = openDatabase(path.join(ws.dir, 'studio.db'));
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(70);
    expect(interactions(db)).toEqual(kept);
    const store = createProfileStore(db, () => 'ecid');
    await importEvents({ ...ws, db, store }, EVENTS.slice(5, 11), 'again.ndjson');
    const again = firsts(db).slice(-6);
    expect(again.map((r) => (r as { first: number }).first)).toEqual([0, 0, 0, 0, 0, 0]);
    db.close();
  });
});
