import type { Migration } from '../workspace/migrations.js';

export const journeysSchema: Migration = {
  version: 1,
  name: 'journeys',
  sql: `
    CREATE TABLE journeys (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live', 'stopped')),
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT
    );
    CREATE INDEX journeys_live_by_update ON journeys (updated_at DESC) WHERE deleted_at IS NULL;
  `,
};
