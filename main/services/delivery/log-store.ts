import type { DeliveryCounts, DeliveryFilter, DeliveryLogRow } from '../../../shared/domain/delivery.js';
import { createStepNames } from '../journeys/step-names.js';
import type { Db } from '../workspace/database.js';

interface AttemptRow {
  id: number;
  outbox_id: number;
  at: string;
  run_id: string;
  journey_id: string | null;
  node_id: string | null;
  /** The journey version that sent it (from its outbox row). */
  version_id: string | null;
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
  journey_name: string | null;
  message_name: string | null;
}

export const shortToken = (token: string) => (token.length > 16 ? `${token.slice(0, 8)}…${token.slice(-4)}` : token);

type StepName = (journeyId: string | null, versionId: string | null, nodeId: string | null) => string | null;

const toLogRow = (r: AttemptRow, stepName: StepName): DeliveryLogRow => ({
  id: r.id,
  outboxId: r.outbox_id,
  at: r.at,
  runId: r.run_id,
  journeyId: r.journey_id,
  journeyName: r.journey_name,
  nodeId: r.node_id,
  nodeName: stepName(r.journey_id, r.version_id, r.node_id),
  messageId: r.message_id,
  messageName: r.message_name,
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

/** Rows are written in time order (give or take a flush): a time is found by bisecting ids, not by an index on `at`. */
const SKEW_MS = 5000;

/** Filter to SQL: every value bound, column names fixed here. */
function where(filter: DeliveryFilter, idAt?: (iso: string) => number): { sql: string; params: Record<string, unknown> } {
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
  const shift = (iso: string, ms: number) => {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : new Date(t + ms).toISOString();
  };
  if (filter.from) {
    parts.push('at >= @from');
    params.from = filter.from;
    if (idAt) {
      parts.push('id >= @idFrom');
      params.idFrom = idAt(shift(filter.from, -SKEW_MS));
    }
  }
  if (filter.to) {
    parts.push('at < @to');
    params.to = filter.to;
    if (idAt) {
      parts.push('id < @idTo');
      params.idTo = idAt(shift(filter.to, SKEW_MS));
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/**
 * The attempt, the version that sent it and the names of its journey (or campaign) and message:
 * primary-key lookups per row returned, after the LIMIT. Shared with the log's export.
 */
export const namedAttemptColumns = `(SELECT version_id FROM outbox WHERE outbox.id = delivery_attempts.outbox_id) AS version_id,
  coalesce((SELECT name FROM journeys WHERE journeys.id = delivery_attempts.journey_id), (SELECT name FROM campaigns WHERE campaigns.id = delivery_attempts.journey_id)) AS journey_name,
  (SELECT name FROM messages WHERE messages.id = delivery_attempts.message_id) AS message_name`;
const columns = `delivery_attempts.*, ${namedAttemptColumns}`;

/**
 * Reads of the delivery log. Pages by keyset on the id (newest first), so the millionth row costs
 * what the first does; filters use the (column, id) indexes.
 */
export function createDeliveryLog(db: Db) {
  const steps = createStepNames(db);
  const byOutbox = db.prepare<[number], AttemptRow>(`SELECT ${columns} FROM delivery_attempts WHERE outbox_id = ? ORDER BY id`);
  const one = db.prepare<[number], AttemptRow>(`SELECT ${columns} FROM delivery_attempts WHERE id = ?`);
  // Two statements: SQLite answers min() or max() from the primary key only when it is alone.
  const lowest = db.prepare<[], { id: number }>('SELECT id FROM delivery_attempts ORDER BY id LIMIT 1');
  const highest = db.prepare<[], { id: number }>('SELECT id FROM delivery_attempts ORDER BY id DESC LIMIT 1');
  const atFrom = db.prepare<[number], { id: number; at: string }>('SELECT id, at FROM delivery_attempts WHERE id >= ? ORDER BY id LIMIT 1');
  /** The first id logged at or after `iso` (one past the last id when none): about 20 primary-key lookups for a million rows. */
  const idAt = (iso: string): number => {
    const lo = lowest.get()?.id;
    const hi = highest.get()?.id;
    if (lo === undefined || hi === undefined) return 0;
    let low = lo;
    let high = hi + 1;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const row = atFrom.get(mid);
      if (!row || row.at >= iso) high = mid;
      else low = row.id + 1;
    }
    return low;
  };
  return {
    page(filter: DeliveryFilter, beforeId: number | undefined, limit: number, afterId?: number): { rows: DeliveryLogRow[]; nextBeforeId: number | null } {
      const w = where(filter, idAt);
      const keyset = `${beforeId ? ' AND id < @beforeId' : ''}${afterId !== undefined ? ' AND id > @afterId' : ''}`;
      const rows = db
        .prepare<Record<string, unknown>, AttemptRow>(`SELECT ${columns} FROM delivery_attempts WHERE ${w.sql}${keyset} ORDER BY id DESC LIMIT @limit`)
        .all({ ...w.params, ...(beforeId ? { beforeId } : {}), ...(afterId !== undefined ? { afterId } : {}), limit });
      const stepName = steps.batch();
      return { rows: rows.map((r) => toLogRow(r, stepName)), nextBeforeId: rows.length === limit ? rows.at(-1)!.id : null };
    },
    counts(filter: DeliveryFilter): DeliveryCounts {
      const w = where(filter, idAt);
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
      const stepName = steps.batch();
      return {
        row: toLogRow(r, stepName),
        token: r.token,
        response: r.response ? (JSON.parse(r.response) as unknown) : null,
        attempts: byOutbox.all(r.outbox_id).map((a) => toLogRow(a, stepName)),
      };
    },
  };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;
