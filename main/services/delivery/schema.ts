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
    CREATE INDEX delivery_attempts_by_message ON delivery_attempts (message_id, id);
    CREATE INDEX delivery_attempts_by_run ON delivery_attempts (run_id, id);
    CREATE INDEX delivery_attempts_by_at ON delivery_attempts (at);

    CREATE TABLE delivery_pauses (journey_id TEXT PRIMARY KEY, paused_at TEXT NOT NULL);
    CREATE TABLE delivery_rate_limits (app_id TEXT PRIMARY KEY, per_second INTEGER NOT NULL CHECK (per_second > 0));
  `,
};
