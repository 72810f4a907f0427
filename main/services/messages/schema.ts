import type { Migration } from '../workspace/migrations.js';

/**
 * Push messages. Version 10: versions 3 to 9 are kept for the profiles area, built in parallel.
 * The content is one JSON document (shared/domain/message.ts), validated with zod on the way in
 * and out, so the form can grow fields without a migration each time.
 */
export const messagesSchema: Migration = {
  version: 10,
  name: 'messages',
  sql: `
    CREATE TABLE messages (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      channel_id  TEXT,
      content     TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT
    );
    CREATE INDEX messages_live_by_update ON messages (updated_at DESC) WHERE deleted_at IS NULL;
  `,
};
