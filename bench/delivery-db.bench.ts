// npm run bench -- delivery-db [COUNT]
// The database side of sending, alone (no network, no threads): COUNT outbox rows (default
// 100,000, half APNs half FCM) claimed, their registrations looked up and their answers written
// (outbox state, delivery-log row, rollup) as the dispatcher does, 1,000 rows per platform a
// transaction. Prints the core thread's CPU per push: what `npm run bench -- delivery` pays for
// the outbox and the log on top of sending.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenRegistry } from '../main/services/delivery/delivery-service.js';
import { systemClock } from '../main/services/clock.js';
import { type ClaimedRow, type Completion, createOutbox } from '../main/services/outbox/outbox.js';
import { timeOrderedUuid } from '../main/services/ids.js';
import { openWorkspace } from '../main/services/workspace/workspace.js';
import { SANDBOX_BUNDLE_ID } from '../main/simulators/credentials.js';
import { outboxItems } from '../test/unit/helpers/delivery.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DEVICES = 1000;
const CLAIM = Number(process.env.CLAIM ?? 1000);
/** Profiles with a device each (the simulated devices among them), as in the delivery bench's workspace. */
const PROFILES = Number(process.env.PROFILES ?? 100_000);
const token = (i: number, ios: boolean) => (ios ? i.toString(16).padStart(64, '0') : `fcm${i}:${'b'.repeat(140)}${i}`);
const devices = { ios: Array.from({ length: DEVICES }, (_, i) => ({ token: token(i, true) })), android: Array.from({ length: DEVICES }, (_, i) => ({ token: token(i, false) })) };

/** A delivered answer as the senders make it (apns-id / FCM message name). */
function delivered(row: ClaimedRow, at: string): Completion {
  const ios = row.platform !== 'fcm';
  const id = ios ? timeOrderedUuid() : `projects/sim/messages/${timeOrderedUuid()}`;
  const response = ios ? { status: 200, headers: { 'apns-id': id }, body: null } : { status: 200, headers: {}, body: { name: id } };
  return { row, outcome: 'delivered', reason: null, status: 200, latencyMs: 12, providerId: id, response: JSON.stringify(response), final: true, at };
}

function round(): { cpu: number; wall: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-delivery-db-'));
  const workspace = openWorkspace(dir);
  try {
    const db = workspace.db;
    db.exec(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${PROFILES})
      INSERT INTO profiles (attributes, is_test, created_at, updated_at) SELECT jsonb_object('n', i), 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM c`);
    const insert = db.prepare(`INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_at)
      VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', 'valid', '2026-01-01T00:00:00Z')`);
    db.transaction(() => {
      devices.ios.forEach((d, i) => insert.run(i + 1, SANDBOX_BUNDLE_ID, 'apnsSandbox', d.token, `ecid_i${i}`));
      devices.android.forEach((d, i) => insert.run(DEVICES + i + 1, SANDBOX_BUNDLE_ID, 'fcm', d.token, `ecid_a${i}`));
      // The other profiles' devices, as in the delivery bench's workspace.
      for (let id = 2 * DEVICES + 1; id <= PROFILES; id += 1) insert.run(id, SANDBOX_BUNDLE_ID, id % 2 ? 'fcm' : 'apnsSandbox', `${randomUUID()}${id}`, `ecid${id}`);
    })();
    const outbox = createOutbox(db, systemClock);
    outbox.enqueue(outboxItems(COUNT, devices, 'run_db'));
    const tokens = createTokenRegistry({ workspace });
    const cpu = process.cpuUsage();
    const started = performance.now();
    let pending: Completion[] = [];
    let done = 0;
    for (;;) {
      const now = new Date().toISOString();
      const claimed = outbox.settle(pending, [
        { owner: 'bench:1', limit: CLAIM, now, kind: 'apns' },
        { owner: 'bench:1', limit: CLAIM, now, kind: 'fcm' },
      ]);
      done += pending.length;
      pending = [];
      const rows = claimed.flat();
      if (!rows.length) break;
      tokens.statuses(SANDBOX_BUNDLE_ID, rows.map((r) => r.token));
      const at = new Date().toISOString();
      for (const row of rows) pending.push(delivered(row, at));
    }
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    if (done !== COUNT) throw new Error(`wrote ${done} of ${COUNT}`);
    return { cpu: (used.user + used.system) / COUNT, wall: (wallMs * 1000) / COUNT };
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const perPush: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  const { cpu, wall } = round();
  perPush.push(cpu);
  console.log(`round ${i + 1}: ${cpu.toFixed(1)} µs CPU per push (claim, token lookup, answer, log row, rollup), ${wall.toFixed(1)} µs wall`);
}
console.log(`median of ${ROUNDS}: ${[...perPush].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!.toFixed(1)} µs per push; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
