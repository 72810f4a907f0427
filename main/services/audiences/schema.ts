import type { Migration } from '../workspace/migrations.js';

export const audiencesSchema: Migration = {
  version: 4,
  name: 'audiences',
  sql: `
    CREATE TABLE audiences (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      rule        TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT
    );
  `,
};
