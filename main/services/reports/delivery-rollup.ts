import type { Db } from '../workspace/database.js';

/** One delivery-log row as the hourly rollup counts it. */
export interface RolledUpAttempt {
  at: string;
  origin: string;
  journeyId: string | null;
  nodeId: string | null;
  messageId: string;
  appId: string;
  platform: string;
  outcome: string;
  reason: string | null;
  final: boolean;
}

/**
 * Keeps report_delivery_hourly equal to the delivery log: the writer of delivery_attempts counts
 * the rows it inserts and adds them, one upsert per distinct hour and dimensions, in the same
 * transaction (migration 60 replaced the per-row trigger of migration 40 with this: the trigger
 * cost a lookup, an upsert and a statement journal per row). Every insert into delivery_attempts
 * must go through a rollup.
 */
export function createDeliveryRollup(db: Db) {
  const upsert = db.prepare<[string, string, string, string, string, string, string, string, string, number, number]>(
    `INSERT INTO report_delivery_hourly (hour, origin, journey_id, node_id, message_id, app_id, platform, outcome, reason, final, n)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  return {
    /** Adds the rows; call inside the transaction that inserts them. */
    add(attempts: Iterable<RolledUpAttempt>): void {
      const counts = new Map<string, { a: RolledUpAttempt; n: number }>();
      for (const a of attempts) {
        const id = `${a.at.slice(0, 13)}\u0000${a.origin}\u0000${a.journeyId ?? ''}\u0000${a.nodeId ?? ''}\u0000${a.messageId}\u0000${a.appId}\u0000${a.platform}\u0000${a.outcome}\u0000${a.reason ?? ''}\u0000${a.final ? 1 : 0}`;
        const seen = counts.get(id);
        if (seen) seen.n += 1;
        else counts.set(id, { a, n: 1 });
      }
      for (const { a, n } of counts.values()) {
        upsert.run(a.at.slice(0, 13), a.origin, a.journeyId ?? '', a.nodeId ?? '', a.messageId, a.appId, a.platform, a.outcome, a.reason ?? '', a.final ? 1 : 0, n);
      }
    },
  };
}
