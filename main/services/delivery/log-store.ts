import type { DeliveryCounts, DeliveryFilter, DeliveryLogRow } from '../../../shared/domain/delivery.js';
import type { Db } from '../workspace/database.js';

interface AttemptRow {
  id: number;
  outbox_id: number;
  at: string;
  run_id: string;
  journey_id: string | null;
  node_id: string | null;
  message_id: string;
  channel_id: string;
  profile_id: number | null;
  token: string;
  platform: DeliveryLogRow['platform'];
  app_id: string;
  outcome: DeliveryLogRow['outcome'];
  reason: string | null;
  status: number | null;
  attempt: number;
  latency_ms: number | null;
  provider_id: string | null;
  possibly_duplicated: number;
  final: number;
  response: string | null;
}

export const shortToken = (token: string) => (token.length > 16 ? `${token.slice(0, 8)}…${token.slice(-4)}` : token);

const toLogRow = (r: AttemptRow): DeliveryLogRow => ({
  id: r.id,
  outboxId: r.outbox_id,
  at: r.at,
  runId: r.run_id,
  journeyId: r.journey_id,
  nodeId: r.node_id,
  messageId: r.message_id,
  channelId: r.channel_id,
  profileId: r.profile_id,
  device: shortToken(r.token),
  platform: r.platform,
  appId: r.app_id,
  outcome: r.outcome,
  reason: r.reason,
  status: r.status,
  attempt: r.attempt,
  latencyMs: r.latency_ms,
  providerId: r.provider_id,
  possiblyDuplicated: r.possibly_duplicated === 1,
  final: r.final === 1,
});

/** Filter to SQL: every value bound, column names fixed here. */
function where(filter: DeliveryFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const eq = (column: string, key: keyof DeliveryFilter) => {
    if (filter[key] !== undefined && filter[key] !== '') {
      parts.push(`${column} = @${key}`);
      params[key] = filter[key];
    }
  };
  eq('journey_id', 'journeyId');
  eq('message_id', 'messageId');
  eq('run_id', 'runId');
  eq('platform', 'platform');
  eq('app_id', 'appId');
  eq('outcome', 'outcome');
  eq('reason', 'reason');
  if (filter.from) {
    parts.push('at >= @from');
    params.from = filter.from;
  }
  if (filter.to) {
    parts.push('at < @to');
    params.to = filter.to;
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/**
 * Reads of the delivery log. Pages by keyset on the id (newest first), so the millionth row costs
 * what the first does; filters use the (column, id) indexes.
 */
export function createDeliveryLog(db: Db) {
  const byOutbox = db.prepare<[number], AttemptRow>('SELECT * FROM delivery_attempts WHERE outbox_id = ? ORDER BY id');
  const one = db.prepare<[number], AttemptRow>('SELECT * FROM delivery_attempts WHERE id = ?');
  return {
    page(filter: DeliveryFilter, beforeId: number | undefined, limit: number): { rows: DeliveryLogRow[]; nextBeforeId: number | null } {
      const w = where(filter);
      const rows = db
        .prepare<Record<string, unknown>, AttemptRow>(`SELECT * FROM delivery_attempts WHERE ${w.sql}${beforeId ? ' AND id < @beforeId' : ''} ORDER BY id DESC LIMIT @limit`)
        .all({ ...w.params, ...(beforeId ? { beforeId } : {}), limit });
      return { rows: rows.map(toLogRow), nextBeforeId: rows.length === limit ? rows.at(-1)!.id : null };
    },
    counts(filter: DeliveryFilter): DeliveryCounts {
      const w = where(filter);
      const byOutcome: Record<string, number> = {};
      let total = 0;
      for (const r of db.prepare<Record<string, unknown>, { outcome: string; n: number }>(`SELECT outcome, count(*) AS n FROM delivery_attempts WHERE ${w.sql} GROUP BY outcome`).all(w.params)) {
        byOutcome[r.outcome] = r.n;
        total += r.n;
      }
      const byReason = db
        .prepare<Record<string, unknown>, { reason: string; count: number }>(
          `SELECT reason, count(*) AS count FROM delivery_attempts WHERE ${w.sql} AND reason IS NOT NULL GROUP BY reason ORDER BY count DESC LIMIT 30`,
        )
        .all(w.params);
      return { total, byOutcome, byReason };
    },
    get(id: number): { row: DeliveryLogRow; token: string; response: unknown; attempts: DeliveryLogRow[] } | undefined {
      const r = one.get(id);
      if (!r) return undefined;
      return { row: toLogRow(r), token: r.token, response: r.response ? (JSON.parse(r.response) as unknown) : null, attempts: byOutbox.all(r.outbox_id).map(toLogRow) };
    },
  };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;
