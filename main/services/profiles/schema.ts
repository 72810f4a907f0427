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
