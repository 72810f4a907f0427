import type { DeliveryOutcome } from '../../../shared/domain/delivery.js';
import { type OutboxItem, outboxRequestSchema } from '../../../shared/domain/outbox.js';
import type { Clock } from '../clock.js';
import type { Statement } from 'better-sqlite3';
import { createDeliveryRollup } from '../reports/delivery-rollup.js';
import type { Db } from '../workspace/database.js';

export interface OutboxRow {
  id: number;
  dedupeKey: string;
  origin: OutboxItem['origin'];
  messageId: string;
  channelId: string;
  journeyId: string | null;
  versionId: string | null;
  nodeId: string | null;
  runId: string;
  profileId: number | null;
  platform: OutboxItem['platform'];
  appId: string;
  token: string;
  request: OutboxItem['request'];
  status: string;
  attempts: number;
  notBefore: string;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Re-sent after a crash before its answer was recorded (migration 30). */
  possiblyDuplicated: boolean;
  outcome: DeliveryOutcome | null;
  reason: string | null;
}

interface Row {
  id: number;
  dedupe_key: string;
  origin: OutboxItem['origin'];
  message_id: string;
  channel_id: string;
  journey_id: string | null;
  version_id: string | null;
  node_id: string | null;
  run_id: string;
  profile_id: number | null;
  platform: OutboxItem['platform'];
  app_id: string;
  token: string;
  request: string;
  status: string;
  attempts: number;
  not_before: string;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  possibly_duplicated?: number;
  outcome?: DeliveryOutcome | null;
  reason?: string | null;
}

/**
 * A claimed row's request as stored, parsed where it is sent. The send path trusts what enqueue
 * wrote (a typed OutboxItem, serialised by us): it only checks the request's kind, where get() and
 * byRun() validate it fully. Saves a schema walk per push.
 */
export const parseStoredRequest = (text: string): OutboxItem['request'] => {
  const request = JSON.parse(text) as OutboxItem['request'];
  if (request?.kind !== 'apns' && request?.kind !== 'fcm') return outboxRequestSchema.parse(request);
  return request;
};

/**
 * A row claimed for sending: what the dispatcher, the log and the senders need of it. The request
 * stays the stored JSON text: it is parsed by the sender (in its own thread), not here.
 */
export type ClaimedRow = Pick<
  OutboxRow,
  'id' | 'origin' | 'messageId' | 'channelId' | 'journeyId' | 'nodeId' | 'runId' | 'profileId' | 'platform' | 'appId' | 'token' | 'attempts' | 'expiresAt' | 'possiblyDuplicated'
> & {
  /** OutboxItem['request'] as JSON (parseStoredRequest). */
  request: string;
};

const CLAIMED_COLUMNS = 'id, origin, message_id, channel_id, journey_id, node_id, run_id, profile_id, platform, app_id, token, request, attempts, expires_at, possibly_duplicated';
type ClaimedColumns = [number, OutboxItem['origin'], string, string, string | null, string | null, string, number | null, OutboxItem['platform'], string, string, string, number, string | null, number];

/** From a raw (array) row of CLAIMED_COLUMNS: cheaper than a row object per column name. */
const toClaimed = (r: ClaimedColumns): ClaimedRow => ({
  id: r[0],
  origin: r[1],
  messageId: r[2],
  channelId: r[3],
  journeyId: r[4],
  nodeId: r[5],
  runId: r[6],
  profileId: r[7],
  platform: r[8],
  appId: r[9],
  token: r[10],
  request: r[11],
  attempts: r[12],
  expiresAt: r[13],
  possiblyDuplicated: r[14] === 1,
});

export const rowToOutbox = (row: Row): OutboxRow => toOutbox(row, outboxRequestSchema.parse(JSON.parse(row.request)));

const toOutbox = (row: Row, request: OutboxItem['request']): OutboxRow => ({
  id: row.id,
  dedupeKey: row.dedupe_key,
  origin: row.origin,
  messageId: row.message_id,
  channelId: row.channel_id,
  journeyId: row.journey_id,
  versionId: row.version_id,
  nodeId: row.node_id,
  runId: row.run_id,
  profileId: row.profile_id,
  platform: row.platform,
  appId: row.app_id,
  token: row.token,
  request,
  status: row.status,
  attempts: row.attempts,
  notBefore: row.not_before,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  possiblyDuplicated: row.possibly_duplicated === 1,
  outcome: row.outcome ?? null,
  reason: row.reason ?? null,
});

/** How one attempt ended, as the dispatcher records it (one transaction for many). */
export interface Completion {
  row: ClaimedRow;
  outcome: DeliveryOutcome;
  reason: string | null;
  /** HTTP status of the provider's answer; null when nothing came back or nothing was sent. */
  status: number | null;
  latencyMs: number | null;
  providerId: string | null;
  /** The provider's answer for the detail drawer, as JSON (never credentials); null when none. */
  response: string | null;
  /** No further attempt: the row reaches its final state. */
  final: boolean;
  /** When not final: the earliest time of the next attempt. */
  retryAt?: string;
  at: string;
}

const finalStatus: Record<DeliveryOutcome, string> = {
  delivered: 'delivered',
  expired: 'expired',
  cancelled: 'cancelled',
  retryable: 'failed',
  permanent: 'failed',
  tokenInvalid: 'failed',
  configuration: 'failed',
};

/**
 * The outbox behind an interface, so that a distributed queue can replace the table when one
 * machine is not enough. Enqueueing is idempotent: a row whose dedupe key exists is skipped, so an
 * engine step re-run after a crash never sends twice.
 */
export interface Outbox {
  /** Inserts the items in one transaction; returns how many were new. */
  enqueue(items: OutboxItem[]): number;
  get(id: number): OutboxRow | undefined;
  byRun(runId: string): OutboxRow[];
  /**
   * Moves up to `limit` ready rows (pending or retrying, due, journey not paused) to `sending`
   * under `owner`, counting the attempt, in one transaction. A row stays `sending` until its
   * answer is recorded by complete(): after a crash those are the rows whose answer never arrived.
   */
  claim(input: ClaimInput): ClaimedRow[];
  /** Records answers: each row's new state and one delivery-log row per attempt, in one transaction. */
  complete(completions: readonly Completion[]): void;
  /**
   * complete() then claim() for each of `claims`, in one transaction (one commit instead of
   * several). Returns the rows claimed, per claim.
   */
  settle(completions: readonly Completion[], claims: readonly ClaimInput[]): ClaimedRow[][];
  /**
   * Rows left `sending` by owners that are gone (a killed process): back to `retrying`, due now,
   * flagged possibly duplicated (the request may have reached the provider). Returns how many.
   */
  recover(isGone: (owner: string) => boolean, now: string): number;
  /** Cancels a journey's (or run's) rows that are not yet with the provider. */
  cancel(filter: { journeyId?: string; runId?: string }, now: string): number;
  /** Rows of a run that failed for a retryable reason (out of attempts) go back to the queue. */
  requeueRetryable(runId: string, now: string): number;
  /** Ready now, waiting (a later not_before or paused), in flight. */
  stats(now: string, journeyId?: string): { ready: number; waiting: number; sending: number };
  /** The earliest not_before among rows still to send (of one journey, unpaused), if any. */
  nextDue(journeyId?: string): string | undefined;
  /** Cheap: is anything ready now, or in flight? (what a drain polls) */
  busy(now: string, journeyId?: string): boolean;
  pause(journeyId: string, now: string): void;
  resume(journeyId: string): void;
  paused(): string[];
  rateLimits(): { appId: string; perSecond: number }[];
  setRateLimit(appId: string, perSecond: number | null): void;
}

export interface ClaimInput {
  owner: string;
  limit: number;
  now: string;
  journeyId?: string;
  kind?: 'apns' | 'fcm';
}

const ATTEMPT_COLUMNS = 20;
const ATTEMPTS_PER_INSERT = 50;

export function createOutbox(db: Db, clock: Clock): Outbox {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (dedupe_key, origin, message_id, channel_id, journey_id, version_id, node_id, run_id, profile_id,
       platform, app_id, token, request, not_before, expires_at, created_at, updated_at)
     VALUES (@dedupeKey, @origin, @messageId, @channelId, @journeyId, @versionId, @nodeId, @runId, @profileId,
       @platform, @appId, @token, @request, @notBefore, @expiresAt, @now, @now)`,
  );
  const one = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const run = db.prepare<[string], Row>('SELECT * FROM outbox WHERE run_id = ? ORDER BY id');
  const ready = `status IN ('pending', 'retrying') AND not_before <= @now
       AND (journey_id IS NULL OR journey_id NOT IN (SELECT journey_id FROM delivery_pauses))`;
  const claimSql = (extra: string) =>
    `UPDATE OR FAIL outbox SET status = 'sending', attempts = attempts + 1, claimed_by = @owner, updated_at = @now
     WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_queue WHERE ${ready}${extra} ORDER BY id LIMIT @limit)
     RETURNING ${CLAIMED_COLUMNS}`;
  const raw = <P extends object>(sql: string) => db.prepare<P, ClaimedColumns>(sql).raw(true) as unknown as Statement<P, ClaimedColumns>;
  const perKind = <P extends object>(extra: string) => ({
    any: raw<P>(claimSql(extra).replace('INDEXED BY outbox_queue ', '')),
    apns: raw<P>(claimSql(`${extra} AND platform = 'apns'`)),
    apnsSandbox: raw<P>(claimSql(`${extra} AND platform = 'apnsSandbox'`)),
    fcm: raw<P>(claimSql(`${extra} AND platform = 'fcm'`)),
  });
  const claimAny = perKind<{ owner: string; limit: number; now: string }>('');
  const claimJourney = perKind<{ owner: string; limit: number; now: string; journeyId: string }>(' AND journey_id = @journeyId');
  const rollup = createDeliveryRollup(db);
  // Positional parameters: binding 20 named ones costs a property lookup each, per row.
  const updateRow = db.prepare<[string, string, string | null, string | null, string | null, string | null, string, number]>(
    `UPDATE OR FAIL outbox SET status = ?, outcome = ?, reason = ?, provider_id = coalesce(?, provider_id),
       not_before = coalesce(?, not_before), finished_at = ?, claimed_by = NULL, updated_at = ?
     WHERE id = ? AND status = 'sending'`,
  );
  // The log rows of a transaction go in by statements of up to ATTEMPTS_PER_INSERT rows: one
  // statement step (and one AUTOINCREMENT write-back) per chunk, not per row.
  const attemptSql = (n: number) =>
    `INSERT OR FAIL INTO delivery_attempts (outbox_id, at, run_id, journey_id, node_id, message_id, channel_id, profile_id, token, platform, app_id,
       outcome, reason, status, attempt, latency_ms, provider_id, possibly_duplicated, final, response)
     VALUES ${Array.from({ length: n }, () => `(${'?, '.repeat(ATTEMPT_COLUMNS - 1)}?)`).join(', ')}`;
  const insertAttempts = new Map<number, Statement<unknown[]>>();
  const insertAttemptsOf = (n: number) => {
    let statement = insertAttempts.get(n);
    if (!statement) insertAttempts.set(n, (statement = db.prepare<unknown[]>(attemptSql(n))));
    return statement;
  };
  // Statements, not nested transactions: better-sqlite3 makes a nested one a savepoint, whose
  // journal costs more than the writes themselves. OR FAIL: no statement can fail half-way here,
  // and without ABORT's guarantee SQLite keeps no statement journal.
  const writeCompletions = (completions: readonly Completion[]) => {
    let params: unknown[] = [];
    for (const c of completions) {
      const r = c.row;
      // A row cancelled or recovered by someone else meanwhile keeps that state (no change); the attempt is logged anyway.
      updateRow.run(c.final ? finalStatus[c.outcome] : 'retrying', c.outcome, c.reason, c.providerId, c.final ? null : (c.retryAt ?? c.at), c.final ? c.at : null, c.at, r.id);
      params.push(r.id, c.at, r.runId, r.journeyId, r.nodeId, r.messageId, r.channelId, r.profileId, r.token, r.platform, r.appId);
      params.push(c.outcome, c.reason, c.status, r.attempts, c.latencyMs, c.providerId, r.possiblyDuplicated ? 1 : 0, c.final ? 1 : 0, c.response);
      if (params.length === ATTEMPT_COLUMNS * ATTEMPTS_PER_INSERT) {
        insertAttemptsOf(ATTEMPTS_PER_INSERT).run(params);
        params = [];
      }
    }
    if (params.length) insertAttemptsOf(params.length / ATTEMPT_COLUMNS).run(params);
    rollup.add(
      completions.map((c) => ({ at: c.at, origin: c.row.origin, journeyId: c.row.journeyId, nodeId: c.row.nodeId, messageId: c.row.messageId, appId: c.row.appId, platform: c.row.platform, outcome: c.outcome, reason: c.reason, final: c.final })),
    );
  };
  const claimRows = ({ owner, limit, now, journeyId, kind }: ClaimInput): ClaimedRow[] => {
    const statements = journeyId ? claimJourney : claimAny;
    const params = { owner, limit, now, ...(journeyId ? { journeyId } : {}) } as { owner: string; limit: number; now: string; journeyId: string };
    let rows: ClaimedColumns[];
    if (kind === 'fcm') rows = statements.fcm.all(params);
    else if (kind === 'apns') {
      rows = statements.apnsSandbox.all(params);
      if (rows.length < limit) rows = rows.concat(statements.apns.all({ ...params, limit: limit - rows.length }));
    } else rows = statements.any.all(params);
    return rows.map(toClaimed).sort((a, b) => a.id - b.id);
  };
  const completeAll = db.transaction(writeCompletions);
  const claimAll = db.transaction(claimRows);
  const settleAll = db.transaction((completions: readonly Completion[], claims: readonly ClaimInput[]) => {
    writeCompletions(completions);
    return claims.map(claimRows);
  });
  const owners = db.prepare<[], { claimed_by: string | null }>(`SELECT DISTINCT claimed_by FROM outbox WHERE status = 'sending'`);
  const release = db.prepare(
    `UPDATE outbox SET status = 'retrying', possibly_duplicated = 1, claimed_by = NULL, not_before = @now, updated_at = @now
     WHERE status = 'sending' AND claimed_by IS @owner`,
  );
  const cancelJourney = db.prepare(
    `UPDATE outbox SET status = 'cancelled', outcome = 'cancelled', reason = 'Cancelled', finished_at = @now, updated_at = @now
     WHERE journey_id = @journeyId AND status IN ('pending', 'retrying')`,
  );
  const cancelRun = db.prepare(
    `UPDATE outbox SET status = 'cancelled', outcome = 'cancelled', reason = 'Cancelled', finished_at = @now, updated_at = @now
     WHERE run_id = @runId AND status IN ('pending', 'retrying')`,
  );
  const requeue = db.prepare(
    `UPDATE outbox SET status = 'retrying', not_before = @now, finished_at = NULL, updated_at = @now
     WHERE run_id = @runId AND status = 'failed' AND outcome = 'retryable'`,
  );
  const statsSql = (extra: string) =>
    `SELECT
       sum(CASE WHEN status IN ('pending', 'retrying') AND not_before <= @now
                 AND (journey_id IS NULL OR journey_id NOT IN (SELECT journey_id FROM delivery_pauses)) THEN 1 ELSE 0 END) AS ready,
       sum(CASE WHEN status IN ('pending', 'retrying') THEN 1 ELSE 0 END) AS queued,
       sum(CASE WHEN status = 'sending' THEN 1 ELSE 0 END) AS sending
     FROM outbox WHERE status IN ('pending', 'retrying', 'sending')${extra}`;
  const wrapStats = (stmt: { get(p: object): { ready: number | null; queued: number | null; sending: number | null } | undefined }) => ({
    get: (p: object) => {
      const r = stmt.get(p);
      return r ? { ready: r.ready ?? 0, waiting: (r.queued ?? 0) - (r.ready ?? 0), sending: r.sending ?? 0 } : undefined;
    },
  });
  const statsAll = wrapStats(db.prepare(statsSql('')));
  const statsJourney = wrapStats(db.prepare(statsSql(' AND journey_id = @journeyId')));
  const nextDueSql = (extra: string) =>
    `SELECT min(not_before) AS due FROM outbox WHERE status IN ('pending', 'retrying')
       AND (journey_id IS NULL OR journey_id NOT IN (SELECT journey_id FROM delivery_pauses))${extra}`;
  const busySql = (extra: string) =>
    `SELECT 1 FROM outbox WHERE ${ready}${extra}
     UNION ALL SELECT 1 FROM outbox WHERE status = 'sending'${extra} LIMIT 1`;
  const busyAll = db.prepare<{ now: string }, unknown>(busySql(''));
  const busyJourney = db.prepare<{ now: string; journeyId: string }, unknown>(busySql(' AND journey_id = @journeyId'));
  const nextDueAll = db.prepare<[], { due: string | null }>(nextDueSql(''));
  const nextDueJourney = db.prepare<{ journeyId: string }, { due: string | null }>(nextDueSql(' AND journey_id = @journeyId'));
  const pauseStmt = db.prepare('INSERT OR IGNORE INTO delivery_pauses (journey_id, paused_at) VALUES (?, ?)');
  const resumeStmt = db.prepare('DELETE FROM delivery_pauses WHERE journey_id = ?');
  const pausedStmt = db.prepare<[], { journey_id: string }>('SELECT journey_id FROM delivery_pauses ORDER BY paused_at');
  const limitsStmt = db.prepare<[], { app_id: string; per_second: number }>('SELECT app_id, per_second FROM delivery_rate_limits ORDER BY app_id');
  const setLimit = db.prepare('INSERT INTO delivery_rate_limits (app_id, per_second) VALUES (?, ?) ON CONFLICT (app_id) DO UPDATE SET per_second = excluded.per_second');
  const deleteLimit = db.prepare('DELETE FROM delivery_rate_limits WHERE app_id = ?');
  const enqueueAll = db.transaction((items: OutboxItem[]) => {
    const now = clock.now().toISOString();
    let added = 0;
    for (const item of items) {
      added += insert.run({
        dedupeKey: item.dedupeKey,
        origin: item.origin,
        messageId: item.messageId,
        channelId: item.channelId,
        journeyId: item.journeyId ?? null,
        versionId: item.versionId ?? null,
        nodeId: item.nodeId ?? null,
        runId: item.runId,
        profileId: item.profileId ?? null,
        platform: item.platform,
        appId: item.appId,
        token: item.token,
        request: JSON.stringify(item.request),
        notBefore: item.notBefore,
        expiresAt: item.expiresAt ?? null,
        now,
      }).changes;
    }
    return added;
  });
  return {
    enqueue: (items) => (items.length ? enqueueAll(items) : 0),
    get: (id) => {
      const row = one.get(id);
      return row ? rowToOutbox(row) : undefined;
    },
    byRun: (runId) => run.all(runId).map(rowToOutbox),
    claim: (input) => claimAll(input),
    complete: (completions) => {
      if (completions.length) completeAll(completions);
    },
    settle: (completions, claims) => settleAll(completions, claims),
    recover: (isGone, now) =>
      db.transaction(() => {
        let recovered = 0;
        for (const { claimed_by: owner } of owners.all()) {
          if (owner === null || isGone(owner)) recovered += release.run({ owner, now }).changes;
        }
        return recovered;
      })(),
    cancel: ({ journeyId, runId }, now) => {
      if (journeyId) return cancelJourney.run({ journeyId, now }).changes;
      if (runId) return cancelRun.run({ runId, now }).changes;
      return 0;
    },
    requeueRetryable: (runId, now) => requeue.run({ runId, now }).changes,
    stats: (now, journeyId) => {
      const r = (journeyId ? statsJourney.get({ now, journeyId }) : statsAll.get({ now }))!;
      return { ready: r.ready ?? 0, waiting: r.waiting ?? 0, sending: r.sending ?? 0 };
    },
    busy: (now, journeyId) => (journeyId ? busyJourney.get({ now, journeyId }) : busyAll.get({ now })) !== undefined,
    nextDue: (journeyId) => (journeyId ? nextDueJourney.get({ journeyId }) : nextDueAll.get())?.due ?? undefined,
    pause: (journeyId, now) => void pauseStmt.run(journeyId, now),
    resume: (journeyId) => void resumeStmt.run(journeyId),
    paused: () => pausedStmt.all().map((r) => r.journey_id),
    rateLimits: () => limitsStmt.all().map((r) => ({ appId: r.app_id, perSecond: r.per_second })),
    setRateLimit: (appId, perSecond) => {
      if (perSecond === null) deleteLimit.run(appId);
      else setLimit.run(appId, perSecond);
    },
  };
}
