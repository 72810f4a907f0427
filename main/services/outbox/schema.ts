import type { Migration } from '../workspace/migrations.js';
import { QUEUED_ROLLUP_TRIGGER } from '../reports/schema.js';

/**
 * The delivery outbox: one row per (message, device). The engine inserts (idempotently, by
 * dedupe_key), the dispatcher moves rows through their states.
 */
export const outboxSchema: Migration = {
  version: 20,
  name: 'outbox',
  sql: `
    CREATE TABLE outbox (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      dedupe_key  TEXT NOT NULL UNIQUE,
      origin      TEXT NOT NULL CHECK (origin IN ('journey', 'campaign', 'test')),
      message_id  TEXT NOT NULL,
      channel_id  TEXT NOT NULL,
      journey_id  TEXT,
      version_id  TEXT,
      node_id     TEXT,
      run_id      TEXT NOT NULL,
      profile_id  INTEGER,
      platform    TEXT NOT NULL CHECK (platform IN ('apns', 'apnsSandbox', 'fcm')),
      app_id      TEXT NOT NULL,
      token       TEXT NOT NULL,
      request     TEXT NOT NULL,
      status      TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'retrying', 'delivered', 'failed', 'expired', 'cancelled')),
      attempts    INTEGER NOT NULL DEFAULT 0,
      not_before  TEXT NOT NULL,
      expires_at  TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    CREATE INDEX outbox_ready ON outbox (status, not_before) WHERE status IN ('pending', 'retrying');
    CREATE INDEX outbox_by_run ON outbox (run_id);
    CREATE INDEX outbox_by_journey ON outbox (journey_id, node_id);
  `,
};

/**
 * The outbox's CHECKs on origin, platform and status as comparisons instead of IN lists, as
 * migration 50 did for registrations: SQLite fills a temporary table for an IN list of more than
 * two values on every row it checks, three per push queued and one more per status change (every
 * claim and every result). Same rules, columns (in the same order: migration 30's are last), ids,
 * AUTOINCREMENT counter, indexes and the queued-rollup trigger; the table is rebuilt because a CHECK
 * can't be changed in place.
 */
export const outboxChecksAsComparisons: Migration = {
  version: 71,
  name: 'outbox-checks-as-comparisons',
  sql: `
    CREATE TABLE outbox_v71 (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      dedupe_key  TEXT NOT NULL UNIQUE,
      origin      TEXT NOT NULL CHECK (origin = 'journey' OR origin = 'campaign' OR origin = 'test'),
      message_id  TEXT NOT NULL,
      channel_id  TEXT NOT NULL,
      journey_id  TEXT,
      version_id  TEXT,
      node_id     TEXT,
      run_id      TEXT NOT NULL,
      profile_id  INTEGER,
      platform    TEXT NOT NULL CHECK (platform = 'apns' OR platform = 'apnsSandbox' OR platform = 'fcm'),
      app_id      TEXT NOT NULL,
      token       TEXT NOT NULL,
      request     TEXT NOT NULL,
      status      TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status = 'pending' OR status = 'sending' OR status = 'retrying' OR status = 'delivered'
                         OR status = 'failed' OR status = 'expired' OR status = 'cancelled'),
      attempts    INTEGER NOT NULL DEFAULT 0,
      not_before  TEXT NOT NULL,
      expires_at  TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      outcome     TEXT,
      reason      TEXT,
      provider_id TEXT,
      claimed_by  TEXT,
      possibly_duplicated INTEGER NOT NULL DEFAULT 0,
      finished_at TEXT
    );
    INSERT INTO outbox_v71 SELECT * FROM outbox ORDER BY id;
    -- The next id stays above every id ever given, rows since deleted included.
    DELETE FROM sqlite_sequence WHERE name = 'outbox_v71';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_v71', seq FROM sqlite_sequence WHERE name = 'outbox';
    DROP TABLE outbox;
    -- Legacy renaming: leave the triggers of other tables that name the outbox (push_tracking_link) as
    -- they are, instead of failing on them while the table is missing; they name the new one after it.
    PRAGMA legacy_alter_table = ON;
    ALTER TABLE outbox_v71 RENAME TO outbox;
    PRAGMA legacy_alter_table = OFF;
    CREATE INDEX outbox_ready ON outbox (status, not_before) WHERE status IN ('pending', 'retrying');
    CREATE INDEX outbox_by_run ON outbox (run_id);
    CREATE INDEX outbox_by_journey ON outbox (journey_id, node_id);
    CREATE INDEX outbox_in_flight ON outbox (claimed_by) WHERE status = 'sending';
    CREATE INDEX outbox_queue ON outbox (platform, id) WHERE status IN ('pending', 'retrying');
    CREATE INDEX outbox_by_provider_id ON outbox (provider_id) WHERE provider_id IS NOT NULL;
    CREATE INDEX outbox_by_message_profile ON outbox (message_id, profile_id);
    ${QUEUED_ROLLUP_TRIGGER}
  `,
};
