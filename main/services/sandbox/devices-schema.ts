import type { Migration } from '../workspace/migrations.js';

/**
 * The sandbox's simulated phones, kept in the workspace so that they (and the tokens on profiles)
 * outlive a restart: the device, the profile it syncs to, and every token it held with its state.
 */
export const simulatedDevicesSchema: Migration = {
  version: 12,
  name: 'simulated devices',
  sql: `
    CREATE TABLE sandbox_devices (
      id          TEXT PRIMARY KEY,
      profile_id  INTEGER,
      ecid        TEXT,
      record      TEXT NOT NULL
    );
    CREATE TABLE sandbox_device_tokens (
      token       TEXT PRIMARY KEY,
      device_id   TEXT NOT NULL REFERENCES sandbox_devices (id),
      state       TEXT NOT NULL CHECK (state IN ('live', 'dead', 'stale')),
      issued_at   TEXT NOT NULL,
      died_at     TEXT
    );
    CREATE INDEX sandbox_device_tokens_by_device ON sandbox_device_tokens (device_id);
  `,
};
