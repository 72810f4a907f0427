import { type RolledUpAttempt, createDeliveryRollup } from '../../../main/services/reports/delivery-rollup';
import type { Db } from '../../../main/services/workspace/database';

const OUTCOMES = [
  ['delivered', null],
  ['delivered', null],
  ['delivered', null],
  ['delivered', null],
  ['tokenInvalid', 'Unregistered'],
  ['permanent', 'BadDeviceToken'],
  ['retryable', 'TooManyRequests'],
  ['configuration', 'InvalidProviderToken'],
  ['expired', 'TTL passed before sending'],
] as const;

/**
 * Writes `count` pushes straight into the outbox and the delivery log (one final attempt each, every
 * seventh with a retried attempt before it), spread over `days` from `start`, over two journeys and
 * test sends, two messages, three platforms; and an open for every fifth delivered push (a second
 * open for every tenth), an action tap for every twentieth. Deterministic.
 */
export function generateDeliveries(db: Db, count: number, options: { start?: Date; days?: number; journeys?: string[] } = {}): void {
  const start = (options.start ?? new Date('2026-03-01T00:00:00.000Z')).getTime();
  const spanMs = (options.days ?? 14) * 86_400_000;
  const journeys = options.journeys ?? ['jny_reportsA', 'jny_reportsB'];
  const outbox = db.prepare(
    `INSERT INTO outbox (id, dedupe_key, origin, message_id, channel_id, journey_id, version_id, node_id, run_id, profile_id, platform, app_id, token, request,
       status, attempts, not_before, created_at, updated_at, outcome, reason, provider_id, finished_at)
     VALUES (@id, @key, @origin, @message, 'chn_x', @journey, NULL, @node, @run, @profile, @platform, @app, @token, '{"kind":"fcm","message":{}}',
       @status, @attempts, @at, @at, @at, @outcome, @reason, @provider, @at)`,
  );
  const attempt = db.prepare(
    `INSERT INTO delivery_attempts (outbox_id, at, run_id, journey_id, node_id, message_id, channel_id, profile_id, token, platform, app_id,
       outcome, reason, status, attempt, latency_ms, provider_id, possibly_duplicated, final, response)
     VALUES (@id, @at, @run, @journey, @node, @message, 'chn_x', @profile, @token, @platform, @app, @outcome, @reason, @status, @attempt, 12, @provider, 0, @final, NULL)`,
  );
  const open = db.prepare(
    `INSERT INTO push_interactions (event_id, at, kind, action_id, outbox_id, provider_id, origin, journey_id, node_id, message_id, app_id, platform, profile_id, first)
     VALUES (NULL, @at, @kind, @action, @id, @provider, @origin, @journey, @node, @message, @app, @platform, @profile, @first)`,
  );
  // Like the dispatcher, whatever writes the log keeps the hourly rollup (in the same transaction).
  const rollup = createDeliveryRollup(db);
  const base = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM outbox').get() as { id: number }).id;
  const platforms = ['apns', 'apnsSandbox', 'fcm'] as const;
  const write = db.transaction((from: number, to: number) => {
    const logged: RolledUpAttempt[] = [];
    for (let i = from; i < to; i += 1) {
      const id = base + i + 1;
      const test = i % 11 === 10;
      const journey = test ? null : journeys[i % journeys.length]!;
      const platform = platforms[i % 3]!;
      const [outcome, reason] = OUTCOMES[i % OUTCOMES.length]!;
      const at = new Date(start + Math.floor((i / count) * spanMs)).toISOString();
      const row = {
        id,
        key: `gen:${id}`,
        origin: test ? 'test' : 'journey',
        message: i % 2 === 0 ? 'msg_reportsA' : 'msg_reportsB',
        journey,
        node: journey ? (i % 2 === 0 ? 'n_pushA' : 'n_pushB') : null,
        run: `run_${Math.floor(i / 100)}`,
        profile: (i % 5000) + 1,
        platform,
        app: platform === 'fcm' ? 'com.example.android' : 'com.example.ios',
        token: id.toString(16).padStart(64, "a"),
        status: outcome === 'delivered' ? 'delivered' : outcome === 'expired' ? 'expired' : 'failed',
        attempts: i % 7 === 0 ? 2 : 1,
        at,
        outcome,
        reason,
        provider: outcome === 'delivered' ? `pid-${id}` : null,
      };
      outbox.run(row);
      const rolled = { at, origin: row.origin, journeyId: journey, nodeId: row.node, messageId: row.message, appId: row.app, platform };
      if (i % 7 === 0) {
        attempt.run({ ...row, outcome: 'retryable', reason: 'ServiceUnavailable', status: 503, attempt: 1, final: 0, provider: null });
        logged.push({ ...rolled, outcome: 'retryable', reason: 'ServiceUnavailable', final: false });
      }
      attempt.run({ ...row, status: outcome === 'delivered' ? 200 : 400, attempt: row.attempts, final: 1 });
      logged.push({ ...rolled, outcome, reason, final: true });
      if (outcome === 'delivered' && i % 5 === 0) {
        const o = { ...row, at: new Date(Date.parse(at) + 60_000).toISOString(), action: null, kind: 'open' };
        open.run({ ...o, first: 1 });
        if (i % 10 === 0) open.run({ ...o, first: 0 });
        if (i % 20 === 0) open.run({ ...o, kind: 'action', action: 'buy', first: 0 });
      }
    }
    rollup.add(logged);
  });
  for (let from = 0; from < count; from += 20_000) write(from, Math.min(count, from + 20_000));
}
