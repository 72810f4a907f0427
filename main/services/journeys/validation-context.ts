import type { ValidationContext } from '../../../shared/journey-validation.js';
import type { Clock } from '../clock.js';
import type { Db } from '../workspace/database.js';

/**
 * What journey validation needs to know about the rest of the workspace: which audiences and
 * messages exist (read-only looks at those areas' tables, so that publishing checks references).
 */
export function createValidationContext(db: Db, clock: Clock): () => ValidationContext {
  const audiences = db.prepare<[], { id: string }>('SELECT id FROM audiences WHERE deleted_at IS NULL');
  // A message whose channel was deleted counts as having none.
  const messages = db.prepare<[], { id: string; name: string; channel_id: string | null }>(
    'SELECT m.id, m.name, c.id AS channel_id FROM messages m LEFT JOIN channels c ON c.id = m.channel_id WHERE m.deleted_at IS NULL',
  );
  return () => ({
    audiences: new Set(audiences.all().map((a) => a.id)),
    messages: new Map(messages.all().map((m) => [m.id, { name: m.name, channelId: m.channel_id ?? undefined }])),
    now: clock.now(),
  });
}
