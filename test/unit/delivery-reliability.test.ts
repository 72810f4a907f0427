import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../main/services/delivery/dispatcher';
import { createSimulatorSenders } from '../../main/services/delivery/direct-senders';
import { createTokenRegistry } from '../../main/services/delivery/delivery-service';
import { silentLogger } from '../../main/services/log';
import { systemClock } from '../../main/services/clock';
import { createOutbox } from '../../main/services/outbox/outbox';
import { openWorkspace } from '../../main/services/workspace/workspace';
import { type Sandbox, startSandbox } from '../../main/simulators/sandbox';
import type { FaultDecision } from '../../main/simulators/faults';
import { endpointsOf, outboxItems, pushNumber, registerDevices } from './helpers/delivery';
import { tempDir } from './helpers/temp-workspace';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** Exactly one dropped connection, at the nth request the simulator sees. */
function dropOnce(faults: { decide(): FaultDecision }, nth: number) {
  const decide = faults.decide.bind(faults);
  let seen = 0;
  faults.decide = () => ((seen += 1) === nth ? { kind: 'drop' } : decide());
}

describe('delivery reliability (faults injected by the simulators)', () => {
  it('10,000 pushes through 10% 503, 5% 429 with Retry-After, 2% Unregistered and a dropped connection: each ends in exactly one final state, none lost, counts match the simulators', async () => {
    const sandbox: Sandbox = await startSandbox({
      faults: {
        apns: { seed: 7, errorRates: { ServiceUnavailable: 0.1, TooManyRequests: 0.05, Unregistered: 0.02 }, retryAfterSeconds: 1 },
        fcm: { seed: 11, errorRates: { UNAVAILABLE: 0.1, QUOTA_EXCEEDED: 0.05, UNREGISTERED: 0.02 }, retryAfterSeconds: 1 },
      },
    });
    open.push(sandbox);
    dropOnce(sandbox.apns.faults, 2500);
    const devices = registerDevices(sandbox, 250);
    const delivered = new Map<number, number>();
    sandbox.devices.events.on('notification-delivered', ({ notification }) => {
      const n = pushNumber(notification.payload);
      delivered.set(n, (delivered.get(n) ?? 0) + 1);
    });

    const workspace = openWorkspace(tempDir());
    open.push(workspace);
    const outbox = createOutbox(workspace.db, systemClock);
    expect(outbox.enqueue(outboxItems(10_000, devices, 'run_reliability'))).toBe(10_000);
    const dispatcher = new Dispatcher({
      outbox,
      senders: createSimulatorSenders(endpointsOf(sandbox)),
      tokens: createTokenRegistry({ workspace }),
      clock: systemClock,
      logger: silentLogger,
      backoff: { baseMs: 50, maxMs: 2000, maxAttempts: 10 },
    });
    open.push(dispatcher);
    const summary = await dispatcher.drain();

    const db = workspace.db;
    const byStatus: Record<string, number> = Object.fromEntries(db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status').all().map((r) => [r.status, r.n]));
    // Every row final: delivered, or failed with a token that is gone.
    expect(Object.keys(byStatus).sort()).toEqual(['delivered', 'failed']);
    expect(byStatus.delivered! + byStatus.failed!).toBe(10_000);
    expect(db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'failed' AND outcome != 'tokenInvalid'`).get()).toEqual({ n: 0 });
    // Exactly one final log row per push.
    expect(db.prepare('SELECT count(*) AS n FROM (SELECT outbox_id FROM delivery_attempts GROUP BY outbox_id HAVING sum(final) != 1)').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(DISTINCT outbox_id) AS n FROM delivery_attempts').get()).toEqual({ n: 10_000 });

    // What the simulators saw matches the log: accepted = delivered rows = pushes on the devices, each once.
    const apns = sandbox.apns.counters.snapshot();
    const fcm = sandbox.fcm.counters.snapshot();
    expect(apns.accepted + fcm.accepted).toBe(byStatus.delivered);
    expect(delivered.size).toBe(byStatus.delivered);
    expect([...delivered.values()].every((times) => times === 1)).toBe(true);
    const answered = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM delivery_attempts WHERE status IS NOT NULL').get()!.n;
    // An answer that never reached the client (it gave up: a timeout on a starved machine, or the
    // connection dropped while the answer was on its way) is counted by the simulator and logged by
    // us as Timeout or ConnectionDropped: every other answer is in the log.
    const timeouts = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM delivery_attempts WHERE reason IN ('Timeout', 'ConnectionDropped')`).get()!.n;
    expect(answered).toBeLessThanOrEqual(apns.answered + fcm.answered);
    expect(answered + timeouts).toBeGreaterThanOrEqual(apns.answered + fcm.answered);
    const logged = db.prepare<[], { reason: string; n: number }>('SELECT reason, count(*) AS n FROM delivery_attempts WHERE status IS NOT NULL GROUP BY reason').all();
    const reasons = Object.fromEntries(logged.map((r) => [r.reason, r.n]));
    for (const [ours, theirs] of [
      [reasons.ServiceUnavailable, apns.byReason.ServiceUnavailable],
      [reasons.TooManyRequests, apns.byReason.TooManyRequests],
      [reasons.UNAVAILABLE, fcm.byReason.UNAVAILABLE],
      [reasons.QUOTA_EXCEEDED, fcm.byReason.QUOTA_EXCEEDED],
      [reasons.Unregistered, apns.byReason.Unregistered],
      [reasons.UNREGISTERED, fcm.byReason.UNREGISTERED],
    ]) {
      expect(ours).toBeGreaterThan(0);
      expect(ours).toBeLessThanOrEqual(theirs!);
      expect(ours! + timeouts).toBeGreaterThanOrEqual(theirs!);
    }
    // Outcomes and reasons are exactly the simulators' when no answer came late.
    if (timeouts === 0) expect(answered).toBe(apns.answered + fcm.answered);
    // The dropped connection was seen and its pushes retried (no answer: ConnectionDropped).
    expect(apns.dropped).toBeGreaterThanOrEqual(1);
    expect(db.prepare(`SELECT count(*) AS n FROM delivery_attempts WHERE reason = 'ConnectionDropped'`).get()).not.toEqual({ n: 0 });
    // 429s waited at least their Retry-After (1 s) before the next attempt.
    const early = db
      .prepare(
        `SELECT count(*) AS n FROM delivery_attempts a JOIN delivery_attempts b ON b.outbox_id = a.outbox_id AND b.attempt = a.attempt + 1
         WHERE a.reason IN ('TooManyRequests', 'QUOTA_EXCEEDED') AND julianday(b.at) - julianday(a.at) < 0.9 / 86400`,
      )
      .get();
    expect(early).toEqual({ n: 0 });
    expect(summary.delivered).toBe(byStatus.delivered);
    expect(summary.possiblyDuplicated).toBe(0);
    // The hourly rollup the reports read equals the log, attempt for attempt, retries included.
    const dims = 'hour, origin, journey_id, node_id, message_id, app_id, platform, outcome, reason, final';
    const fromLog = db
      .prepare(
        `SELECT ${dims}, count(*) AS n FROM (
           SELECT substr(a.at, 1, 13) AS hour, o.origin, coalesce(a.journey_id, '') AS journey_id, coalesce(a.node_id, '') AS node_id, a.message_id, a.app_id,
             a.platform, a.outcome, coalesce(a.reason, '') AS reason, a.final
           FROM delivery_attempts a JOIN outbox o ON o.id = a.outbox_id)
         GROUP BY ${dims} ORDER BY ${dims}`,
      )
      .all();
    expect(db.prepare(`SELECT ${dims}, n FROM report_delivery_hourly WHERE outcome != 'queued' ORDER BY ${dims}`).all()).toEqual(fromLog);
  }, 120_000);
});
