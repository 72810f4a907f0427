import type { Migration } from '../workspace/migrations.js';

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
