import { type OutboxItem, outboxRequestSchema } from '../../../shared/domain/outbox.js';
import type { Clock } from '../clock.js';
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
}

export const rowToOutbox = (row: Row): OutboxRow => ({
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
  request: outboxRequestSchema.parse(JSON.parse(row.request)),
  status: row.status,
  attempts: row.attempts,
  notBefore: row.not_before,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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
}

export function createOutbox(db: Db, clock: Clock): Outbox {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (dedupe_key, origin, message_id, channel_id, journey_id, version_id, node_id, run_id, profile_id,
       platform, app_id, token, request, not_before, expires_at, created_at, updated_at)
     VALUES (@dedupeKey, @origin, @messageId, @channelId, @journeyId, @versionId, @nodeId, @runId, @profileId,
       @platform, @appId, @token, @request, @notBefore, @expiresAt, @now, @now)`,
  );
  const one = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const run = db.prepare<[string], Row>('SELECT * FROM outbox WHERE run_id = ? ORDER BY id');
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
  };
}
