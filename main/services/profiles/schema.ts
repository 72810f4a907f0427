import type { Migration } from '../workspace/migrations.js';

/**
 * The profile store. Profiles are numbered (INTEGER PRIMARY KEY AUTOINCREMENT: stable, never
 * reused) so that paging is a keyset walk over the primary key. Attributes are stored as JSONB.
 * A push token belongs to one profile at a time per app: (app_id, token) is unique, and a token
 * that arrives on another profile moves there (the device changed hands or the app was reinstalled).
 */
export const profilesSchema: Migration = {
  version: 3,
  name: 'profiles',
  sql: `
    CREATE TABLE profiles (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      attributes  BLOB NOT NULL DEFAULT (jsonb('{}')),
      is_test     INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    CREATE INDEX profiles_test ON profiles (id) WHERE is_test = 1;

    CREATE TABLE profile_identities (
      namespace   TEXT NOT NULL,
      value       TEXT NOT NULL,
      profile_id  INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      PRIMARY KEY (namespace, value)
    ) WITHOUT ROWID;
    CREATE INDEX profile_identities_by_profile ON profile_identities (profile_id);

    CREATE TABLE push_registrations (
      id             INTEGER PRIMARY KEY,
      profile_id     INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      app_id         TEXT NOT NULL,
      platform       TEXT NOT NULL CHECK (platform IN ('apns', 'apnsSandbox', 'fcm')),
      token          TEXT NOT NULL,
      ecid           TEXT,
      registered_at  TEXT NOT NULL,
      status         TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'invalid', 'denylisted')),
      status_reason  TEXT,
      status_at      TEXT NOT NULL,
      UNIQUE (app_id, token)
    );
    CREATE INDEX push_registrations_by_profile ON push_registrations (profile_id);

    CREATE TABLE registration_status_history (
      registration_id  INTEGER NOT NULL REFERENCES push_registrations (id) ON DELETE CASCADE,
      status           TEXT NOT NULL,
      reason           TEXT,
      at               TEXT NOT NULL
    );
    CREATE INDEX registration_status_history_by_registration ON registration_status_history (registration_id);

    CREATE TABLE experience_events (
      id          INTEGER PRIMARY KEY,
      profile_id  INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      type        TEXT NOT NULL,
      timestamp   TEXT NOT NULL,
      attributes  TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX experience_events_by_profile ON experience_events (profile_id, id);
    CREATE INDEX experience_events_by_type ON experience_events (type, timestamp, profile_id);
  `,
};

/**
 * The index tokens are found by, and the triggers that keep (app_id, token) unique through it. A
 * bulk load into an empty store drops them and builds them once at the end (bulk-load.ts); every
 * statement is idempotent so that an interrupted load is repaired when the store is next opened.
 * Never change this text in place: it is part of migrations 5 and 50.
 */
export const TOKEN_INDEX_SQL = `
    CREATE INDEX IF NOT EXISTS push_registrations_by_token ON push_registrations (substr(token, -16));
    CREATE TRIGGER IF NOT EXISTS push_registrations_unique_token BEFORE INSERT ON push_registrations
      WHEN EXISTS (SELECT 1 FROM push_registrations WHERE substr(token, -16) = substr(NEW.token, -16) AND app_id = NEW.app_id AND token = NEW.token)
      BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: push_registrations.app_id, push_registrations.token'); END;
    CREATE TRIGGER IF NOT EXISTS push_registrations_unique_token_update BEFORE UPDATE OF app_id, token ON push_registrations
      WHEN EXISTS (SELECT 1 FROM push_registrations WHERE substr(token, -16) = substr(NEW.token, -16) AND app_id = NEW.app_id AND token = NEW.token AND id != NEW.id)
      BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: push_registrations.app_id, push_registrations.token'); END;`;

/**
 * Push tokens found through an index on their last 16 characters instead of the UNIQUE (app_id,
 * token) constraint of version 3. That constraint's index held every token whole (~100 bytes an
 * entry, in random order) and, being a table constraint, could not be dropped: inserting two
 * million random tokens into it one by one was two thirds of the bulk-load floor. Tokens end in
 * random characters on both platforms (APNs: hex; FCM: base64url), so the suffix finds a token as
 * well at a fraction of the size, and this index can be dropped for a bulk load and built once at
 * the end (bulk-load.ts). Uniqueness of (app_id, token) stays in the database, checked by triggers
 * through the index. The table is rebuilt to drop the old constraint (with its history table, whose
 * foreign key must follow it); ids and history rows are kept as they are.
 */
export const registrationsByTokenSuffix: Migration = {
  version: 5,
  name: 'registrations-by-token-suffix',
  sql: `
    CREATE TABLE push_registrations_v5 (
      id             INTEGER PRIMARY KEY,
      profile_id     INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      app_id         TEXT NOT NULL,
      platform       TEXT NOT NULL CHECK (platform IN ('apns', 'apnsSandbox', 'fcm')),
      token          TEXT NOT NULL,
      ecid           TEXT,
      registered_at  TEXT NOT NULL,
      status         TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'invalid', 'denylisted')),
      status_reason  TEXT,
      status_at      TEXT NOT NULL
    );
    INSERT INTO push_registrations_v5 (id, profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at)
      SELECT id, profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at FROM push_registrations;
    CREATE TABLE registration_status_history_v5 (
      registration_id  INTEGER NOT NULL REFERENCES push_registrations_v5 (id) ON DELETE CASCADE,
      status           TEXT NOT NULL,
      reason           TEXT,
      at               TEXT NOT NULL
    );
    INSERT INTO registration_status_history_v5 (rowid, registration_id, status, reason, at)
      SELECT rowid, registration_id, status, reason, at FROM registration_status_history;
    DROP TABLE registration_status_history;
    DROP TABLE push_registrations;
    ALTER TABLE push_registrations_v5 RENAME TO push_registrations;
    ALTER TABLE registration_status_history_v5 RENAME TO registration_status_history;
    CREATE INDEX push_registrations_by_profile ON push_registrations (profile_id);
    CREATE INDEX registration_status_history_by_registration ON registration_status_history (registration_id);
    ${TOKEN_INDEX_SQL}
  `,
};

/**
 * The CHECKs on platform and status as comparisons instead of IN lists. SQLite builds an ephemeral
 * table for a CHECK's IN list on every row written (a temporary B-tree opened, filled and closed per
 * INSERT): that was two fifths of the cost of inserting a registration, the bulk of a first import.
 * Same rule, same columns, same ids and history; the table is rebuilt because a CHECK can't be
 * changed in place (as version 5 did).
 */
export const registrationChecksAsComparisons: Migration = {
  version: 50,
  name: 'registration-checks-as-comparisons',
  sql: `
    CREATE TABLE push_registrations_v50 (
      id             INTEGER PRIMARY KEY,
      profile_id     INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      app_id         TEXT NOT NULL,
      platform       TEXT NOT NULL CHECK (platform = 'apns' OR platform = 'apnsSandbox' OR platform = 'fcm'),
      token          TEXT NOT NULL,
      ecid           TEXT,
      registered_at  TEXT NOT NULL,
      status         TEXT NOT NULL DEFAULT 'valid' CHECK (status = 'valid' OR status = 'invalid' OR status = 'denylisted'),
      status_reason  TEXT,
      status_at      TEXT NOT NULL
    );
    INSERT INTO push_registrations_v50 (id, profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at)
      SELECT id, profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at FROM push_registrations ORDER BY id;
    CREATE TABLE registration_status_history_v50 (
      registration_id  INTEGER NOT NULL REFERENCES push_registrations_v50 (id) ON DELETE CASCADE,
      status           TEXT NOT NULL,
      reason           TEXT,
      at               TEXT NOT NULL
    );
    INSERT INTO registration_status_history_v50 (rowid, registration_id, status, reason, at)
      SELECT rowid, registration_id, status, reason, at FROM registration_status_history ORDER BY rowid;
    DROP TABLE registration_status_history;
    DROP TABLE push_registrations;
    ALTER TABLE push_registrations_v50 RENAME TO push_registrations;
    ALTER TABLE registration_status_history_v50 RENAME TO registration_status_history;
    CREATE INDEX push_registrations_by_profile ON push_registrations (profile_id);
    CREATE INDEX registration_status_history_by_registration ON registration_status_history (registration_id);
    ${TOKEN_INDEX_SQL}
  `,
};
