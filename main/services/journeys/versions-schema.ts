import type { Migration } from '../workspace/migrations.js';

/** Journey versions: the canonical graph and the canvas layout of each version. */
export const journeyVersionsSchema: Migration = {
  version: 11,
  name: 'journey versions',
  sql: `
    CREATE TABLE journey_versions (
      id            TEXT PRIMARY KEY,
      journey_id    TEXT NOT NULL REFERENCES journeys (id),
      number        INTEGER NOT NULL,
      status        TEXT NOT NULL CHECK (status IN ('draft', 'live', 'stopped', 'closed')),
      graph         TEXT NOT NULL,
      layout        TEXT NOT NULL,
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL,
      published_at  TEXT,
      stopped_at    TEXT,
      UNIQUE (journey_id, number)
    );
    -- At most one draft and one live version per journey.
    CREATE UNIQUE INDEX journey_versions_one_draft ON journey_versions (journey_id) WHERE status = 'draft';
    CREATE UNIQUE INDEX journey_versions_one_live ON journey_versions (journey_id) WHERE status = 'live';
    -- Journeys created before versions existed get an empty first draft.
    INSERT INTO journey_versions (id, journey_id, number, status, graph, layout, created_at, updated_at)
      SELECT 'jv_' || substr(id, 5), id, 1, 'draft', '{"nodes":[]}', '{}', created_at, updated_at FROM journeys;
  `,
};
