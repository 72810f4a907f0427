import type { Migration } from '../workspace/migrations.js';

/** Sealed secrets, the channel configurations that refer to them by id, and the sandbox's trusted keys. */
export const vaultAndChannelsSchema: Migration = {
  version: 2,
  name: 'vault, channels and sandbox',
  sql: `
    CREATE TABLE secrets (
      id          TEXT PRIMARY KEY,
      cipher      TEXT NOT NULL,
      sealed      BLOB NOT NULL,
      created_at  TEXT NOT NULL
    );
    CREATE TABLE channels (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      target      TEXT NOT NULL CHECK (target IN ('sandbox', 'live')),
      ios         TEXT,
      android     TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    -- The provider sandbox's trusted public keys (see services/sandbox/registry.ts).
    CREATE TABLE sandbox_registrations (
      fingerprint TEXT PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('apns-key', 'fcm-account')),
      record      TEXT NOT NULL,
      created_at  TEXT NOT NULL
    );
  `,
};
