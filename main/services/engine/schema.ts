import type { Migration } from '../workspace/migrations.js';

/**
 * The journey engine's state (versions 21–29 belong to the engine). Times the engine computes with
 * are epoch milliseconds (INTEGER), so that "who is due" is one index range.
 *
 * - engine_entries: one row per entry of a profile into a journey version (a re-entrance is a new
 *   row with its own id): where it is, why it waits and until when, the path it took. The unique
 *   entry_key (which scheduled run or which event made it enter) makes entering idempotent.
 * - engine_counts / engine_samples: per version and mode, how many reached each node, took each
 *   edge, ended, were excluded (by reason), with the first few profiles behind each number.
 * - engine_sends: one row per push to a profile (not per device), for the frequency cap.
 * - engine_schedules: the next run of each audience entry (and of each campaign).
 * - engine_tests: draft versions in test mode.
 * - journey_settings: the rules a journey runs under (re-entrance, cap, quiet hours, TTL).
 * - campaigns: a message sent once to an audience, run by the engine as a journey of one step.
 */
export const engineSchema: Migration = {
  version: 21,
  name: 'journey engine',
  sql: `
    CREATE TABLE engine_entries (
      id              INTEGER PRIMARY KEY,
      journey_id      TEXT NOT NULL,
      version_id      TEXT NOT NULL,
      mode            TEXT NOT NULL CHECK (mode IN ('live', 'test')),
      profile_id      INTEGER NOT NULL,
      entry_key       TEXT NOT NULL,
      entry_node      TEXT NOT NULL,
      node_id         TEXT NOT NULL,
      phase           TEXT NOT NULL CHECK (phase IN ('arrive', 'wake', 'event')),
      status          TEXT NOT NULL CHECK (status IN ('active', 'waiting', 'ended', 'excluded')),
      reason          TEXT,
      wake_at         INTEGER,
      wait_event      TEXT,
      wait_condition  TEXT,
      t               INTEGER NOT NULL,
      event           TEXT,
      path            TEXT NOT NULL DEFAULT '[]',
      entered_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      UNIQUE (version_id, mode, profile_id, entry_key)
    );
    CREATE INDEX engine_entries_due ON engine_entries (wake_at) WHERE status IN ('active', 'waiting');
    CREATE INDEX engine_entries_waiting_event ON engine_entries (profile_id, wait_event) WHERE status = 'waiting' AND wait_event IS NOT NULL;
    CREATE INDEX engine_entries_by_journey ON engine_entries (journey_id, mode, profile_id, entered_at);
    CREATE INDEX engine_entries_by_node ON engine_entries (version_id, mode, status, node_id);

    CREATE TABLE engine_counts (
      version_id  TEXT NOT NULL,
      mode        TEXT NOT NULL,
      key         TEXT NOT NULL,
      n           INTEGER NOT NULL,
      PRIMARY KEY (version_id, mode, key)
    ) WITHOUT ROWID;

    CREATE TABLE engine_samples (
      version_id  TEXT NOT NULL,
      mode        TEXT NOT NULL,
      key         TEXT NOT NULL,
      profile_id  INTEGER NOT NULL,
      PRIMARY KEY (version_id, mode, key, profile_id)
    ) WITHOUT ROWID;

    CREATE TABLE engine_sends (
      profile_id  INTEGER NOT NULL,
      at          INTEGER NOT NULL,
      journey_id  TEXT NOT NULL,
      entry_id    INTEGER NOT NULL,
      node_id     TEXT NOT NULL,
      PRIMARY KEY (entry_id, node_id)
    );
    CREATE INDEX engine_sends_by_profile ON engine_sends (profile_id, at);

    CREATE TABLE engine_schedules (
      version_id  TEXT NOT NULL,
      node_id     TEXT NOT NULL,
      mode        TEXT NOT NULL,
      next_run    INTEGER,
      last_run    INTEGER,
      PRIMARY KEY (version_id, node_id, mode)
    );

    CREATE TABLE engine_tests (
      version_id  TEXT PRIMARY KEY,
      started_at  INTEGER NOT NULL
    );

    CREATE TABLE journey_settings (
      journey_id  TEXT PRIMARY KEY,
      settings    TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );

    CREATE TABLE campaigns (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      audience_id TEXT NOT NULL,
      send_at     INTEGER NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('scheduled', 'running', 'done', 'cancelled')),
      settings    TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
  `,
};

/**
 * engine_entries' CHECKs on phase and status as comparisons instead of IN lists, as migration 50
 * did for registrations: SQLite fills a temporary table for an IN list of more than two values on
 * every row it checks, two per entry and one or two more each time an entry moves. Same rules,
 * columns, ids and indexes; the table is rebuilt because a CHECK can't be changed in place.
 */
export const engineEntryChecksAsComparisons: Migration = {
  version: 72,
  name: 'engine-entry-checks-as-comparisons',
  sql: `
    CREATE TABLE engine_entries_v72 (
      id              INTEGER PRIMARY KEY,
      journey_id      TEXT NOT NULL,
      version_id      TEXT NOT NULL,
      mode            TEXT NOT NULL CHECK (mode = 'live' OR mode = 'test'),
      profile_id      INTEGER NOT NULL,
      entry_key       TEXT NOT NULL,
      entry_node      TEXT NOT NULL,
      node_id         TEXT NOT NULL,
      phase           TEXT NOT NULL CHECK (phase = 'arrive' OR phase = 'wake' OR phase = 'event'),
      status          TEXT NOT NULL CHECK (status = 'active' OR status = 'waiting' OR status = 'ended' OR status = 'excluded'),
      reason          TEXT,
      wake_at         INTEGER,
      wait_event      TEXT,
      wait_condition  TEXT,
      t               INTEGER NOT NULL,
      event           TEXT,
      path            TEXT NOT NULL DEFAULT '[]',
      entered_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      UNIQUE (version_id, mode, profile_id, entry_key)
    );
    INSERT INTO engine_entries_v72 SELECT * FROM engine_entries ORDER BY id;
    DROP TABLE engine_entries;
    ALTER TABLE engine_entries_v72 RENAME TO engine_entries;
    CREATE INDEX engine_entries_due ON engine_entries (wake_at) WHERE status IN ('active', 'waiting');
    CREATE INDEX engine_entries_waiting_event ON engine_entries (profile_id, wait_event) WHERE status = 'waiting' AND wait_event IS NOT NULL;
    CREATE INDEX engine_entries_by_journey ON engine_entries (journey_id, mode, profile_id, entered_at);
    CREATE INDEX engine_entries_by_node ON engine_entries (version_id, mode, status, node_id);
  `,
};
