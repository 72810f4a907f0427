import type { JourneySummary } from '../../../shared/domain/journey.js';
import { StudioError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { Db } from '../workspace/database.js';
import { copyName } from './copy-name.js';

interface JourneyRow {
  id: string;
  name: string;
  status: JourneySummary['status'];
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const toSummary = (row: JourneyRow): JourneySummary => ({
  id: row.id,
  name: row.name,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface JourneysService {
  list(): JourneySummary[];
  get(id: string): JourneySummary;
  create(name: string): JourneySummary;
  rename(id: string, name: string): JourneySummary;
  duplicate(id: string, name?: string): JourneySummary;
  /** Soft delete, so that undo can bring the journey back exactly as it was. */
  delete(id: string): { id: string; deletedAt: string };
  restore(id: string): JourneySummary;
  /** Marks the journey changed now (its canvas was saved). */
  touch(id: string): void;
}

export function createJourneysService(db: Db, clock: Clock): JourneysService {
  const stmt = {
    list: db.prepare<[], JourneyRow>('SELECT * FROM journeys WHERE deleted_at IS NULL ORDER BY updated_at DESC, id'),
    names: db.prepare<[], { name: string }>('SELECT name FROM journeys WHERE deleted_at IS NULL'),
    byId: db.prepare<[string], JourneyRow>('SELECT * FROM journeys WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO journeys (id, name, status, created_at, updated_at) VALUES (@id, @name, 'draft', @now, @now)`,
    ),
    rename: db.prepare('UPDATE journeys SET name = @name, updated_at = @now WHERE id = @id'),
    softDelete: db.prepare('UPDATE journeys SET deleted_at = @now WHERE id = @id'),
    restore: db.prepare('UPDATE journeys SET deleted_at = NULL WHERE id = @id'),
    touch: db.prepare('UPDATE journeys SET updated_at = @now WHERE id = @id'),
  };

  const now = () => clock.now().toISOString();

  const row = (id: string, { allowDeleted = false } = {}): JourneyRow => {
    const found = stmt.byId.get(id);
    if (!found || (found.deleted_at !== null && !allowDeleted)) {
      throw new StudioError('not_found', 'That journey no longer exists. It may have been deleted in another window.');
    }
    return found;
  };

  return {
    list: () => stmt.list.all().map(toSummary),
    get: (id) => toSummary(row(id)),
    create(name) {
      const id = newId('jny');
      stmt.insert.run({ id, name, now: now() });
      return toSummary(row(id));
    },
    rename(id, name) {
      row(id);
      stmt.rename.run({ id, name, now: now() });
      return toSummary(row(id));
    },
    duplicate: db.transaction((id: string, name?: string) => {
      const original = row(id);
      const taken = new Set(stmt.names.all().map((r) => r.name));
      const newIdValue = newId('jny');
      stmt.insert.run({ id: newIdValue, name: name ?? copyName(original.name, taken), now: now() });
      return toSummary(row(newIdValue));
    }),
    delete(id) {
      row(id);
      const deletedAt = now();
      stmt.softDelete.run({ id, now: deletedAt });
      return { id, deletedAt };
    },
    touch: (id) => void stmt.touch.run({ id, now: now() }),
    restore(id) {
      const found = row(id, { allowDeleted: true });
      if (found.deleted_at === null) return toSummary(found);
      stmt.restore.run({ id });
      return toSummary(row(id));
    },
  };
}
