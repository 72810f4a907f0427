import { describe, expect, it } from 'vitest';
import { createDeliveryLog } from '../../main/services/delivery/log-store';
import { openWorkspace } from '../../main/services/workspace/workspace';
import { tempDir } from './helpers/temp-workspace';

describe('the delivery log store', () => {
  it('pages newest first by keyset, live rows by afterId, time ranges by bisecting ids; same answers as a plain filter', () => {
    const workspace = openWorkspace(tempDir());
    const db = workspace.db;
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO delivery_attempts (outbox_id, at, run_id, journey_id, message_id, channel_id, token, platform, app_id, outcome, reason, status, attempt, final)
      SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds'), 'run', 'jny_' || (i % 3), 'msg', 'chn', printf('%064x', i),
        CASE i % 2 WHEN 0 THEN 'fcm' ELSE 'apns' END, 'com.app', CASE WHEN i % 10 = 0 THEN 'retryable' ELSE 'delivered' END,
        CASE WHEN i % 10 = 0 THEN 'UNAVAILABLE' END, CASE WHEN i % 10 = 0 THEN 503 ELSE 200 END, 1, 1 FROM n`);
    const log = createDeliveryLog(db);
    const first = log.page({}, undefined, 100);
    expect(first.rows.map((r) => r.id)).toEqual(Array.from({ length: 100 }, (_, i) => 5000 - i));
    expect(log.page({}, first.nextBeforeId!, 100).rows[0]!.id).toBe(4900);
    expect(log.page({}, undefined, 1000, 4990).rows.map((r) => r.id)).toEqual([5000, 4999, 4998, 4997, 4996, 4995, 4994, 4993, 4992, 4991]);
    const from = '2026-01-01T00:30:00.000Z';
    const to = '2026-01-01T00:40:00.000Z';
    const ranged = log.page({ from, to }, undefined, 1000).rows;
    const plain = db.prepare<[string, string], { id: number }>('SELECT id FROM delivery_attempts WHERE at >= ? AND at < ? ORDER BY id DESC').all(from, to);
    expect(ranged.map((r) => r.id)).toEqual(plain.map((r) => r.id));
    expect(log.counts({ from, to }).total).toBe(plain.length);
    const counts = log.counts({ platform: 'fcm' });
    expect(counts).toEqual({ total: 2500, byOutcome: { delivered: 2000, retryable: 500 }, byReason: [{ reason: 'UNAVAILABLE', count: 500 }] });
    expect(log.page({ outcome: 'retryable', journeyId: 'jny_0' }, undefined, 5).rows.every((r) => r.outcome === 'retryable' && r.journeyId === 'jny_0')).toBe(true);
    workspace.close();
  });
});
