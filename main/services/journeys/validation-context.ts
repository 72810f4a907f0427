import type { ValidationContext } from '../../../shared/journey-validation.js';
import type { Clock } from '../clock.js';
import type { Db } from '../workspace/database.js';

/**
 * What journey validation needs to know about the rest of the workspace: which audiences and
 * messages exist (read-only looks at those areas' tables, so that publishing checks references).
 */
export function createValidationContext(db: Db, clock: Clock): () => ValidationContext {
  const audiences = db.prepare<[], { id: string }>('SELECT id FROM audiences WHERE deleted_at IS NULL');
  return () => ({ audiences: new Set(audiences.all().map((a) => a.id)), now: clock.now() });
}
