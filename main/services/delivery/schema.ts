import type { Migration } from '../workspace/migrations.js';

/**
 * Delivery (30+): what the dispatcher adds to the outbox rows (outcome, reason, who holds a row in
 * flight, the possibly-duplicated flag) and the delivery log, one row per attempt. Columns are
 * added, never changed, so the engine's writes to the outbox stay valid.
 */
export const deliverySchema: Migration = {
  version: 30,
  name: 'delivery',
  sql: `
    ALTER TABLE outbox ADD COLUMN outcome TEXT;
    ALTER TABLE outbox ADD COLUMN reason TEXT;
    ALTER TABLE outbox ADD COLUMN provider_id TEXT;
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    ALTER TABLE outbox ADD COLUMN possibly_duplicated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN finished_at TEXT;
    CREATE INDEX outbox_in_flight ON outbox (claimed_by) WHERE status = 'sending';
    -- The dispatcher claims per platform in id order (first queued, first sent), walking only queued rows.
    CREATE INDEX outbox_queue ON outbox (platform, id) WHERE status IN ('pending', 'retrying');

    CREATE TABLE delivery_attempts (
      id                   INTEGER PRIMARY KEY AUTOINCREMENT,
      outbox_id            INTEGER NOT NULL,
      at                   TEXT NOT NULL,
      run_id               TEXT NOT NULL,
      journey_id           TEXT,
      node_id              TEXT,
      message_id           TEXT NOT NULL,
      channel_id           TEXT NOT NULL,
      profile_id           INTEGER,
      token                TEXT NOT NULL,
      platform             TEXT NOT NULL,
      app_id               TEXT NOT NULL,
      outcome              TEXT NOT NULL,
      reason               TEXT,
      status               INTEGER,
      attempt              INTEGER NOT NULL,
      latency_ms           INTEGER,
      provider_id          TEXT,
      possibly_duplicated  INTEGER NOT NULL DEFAULT 0,
      final                INTEGER NOT NULL,
      response             TEXT
    );
    CREATE INDEX delivery_attempts_by_outbox ON delivery_attempts (outbox_id);
    CREATE INDEX delivery_attempts_by_outcome ON delivery_attempts (outcome, id);
    CREATE INDEX delivery_attempts_by_journey ON delivery_attempts (journey_id, id);
    -- Few indexes on purpose: every attempt is an insert at the sending rate. Other filters walk
    -- the log newest first (time correlates with id).

    CREATE TABLE delivery_pauses (journey_id TEXT PRIMARY KEY, paused_at TEXT NOT NULL);
    CREATE TABLE delivery_rate_limits (app_id TEXT PRIMARY KEY, per_second INTEGER NOT NULL CHECK (per_second > 0));
  `,
};

/**
 * Delivery (60): the writer of the delivery log keeps report_delivery_hourly itself, one upsert per
 * hour and dimensions per transaction (reports/delivery-rollup.ts), instead of migration 40's
 * trigger, which cost a lookup, an upsert and a statement journal per log row.
 */
export const deliveryRollupInWriter: Migration = {
  version: 60,
  name: 'delivery rollup in the writer',
  sql: `DROP TRIGGER report_rollup_attempt;`,
};
