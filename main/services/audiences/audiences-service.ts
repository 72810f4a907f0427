import type { Audience, Rule } from '../../../shared/domain/audience.js';
import type { ProfileRow } from '../../../shared/domain/profile.js';
import { StudioError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { Db } from '../workspace/database.js';
import { compileRule } from './compile.js';

interface AudienceRow {
  id: string;
  name: string;
  rule: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const toAudience = (row: AudienceRow): Audience => ({
  id: row.id,
  name: row.name,
  rule: JSON.parse(row.rule) as Rule,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createAudiencesService(db: Db, store: ProfileStore, clock: Clock) {
  const s = {
    list: db.prepare<[], AudienceRow>('SELECT * FROM audiences WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id'),
    byId: db.prepare<[string], AudienceRow>('SELECT * FROM audiences WHERE id = ?'),
    insert: db.prepare('INSERT INTO audiences (id, name, rule, created_at, updated_at) VALUES (@id, @name, @rule, @now, @now)'),
    update: db.prepare('UPDATE audiences SET name = @name, rule = @rule, updated_at = @now WHERE id = @id'),
    softDelete: db.prepare('UPDATE audiences SET deleted_at = @now WHERE id = @id'),
    restore: db.prepare('UPDATE audiences SET deleted_at = NULL WHERE id = @id'),
  };
  const now = () => clock.now().toISOString();
  const row = (id: string, allowDeleted = false): AudienceRow => {
    const found = s.byId.get(id);
    if (!found || (found.deleted_at !== null && !allowDeleted)) throw new StudioError('not_found', 'That audience no longer exists. It may have been deleted in another window.');
    return found;
  };

  return {
    list: () => s.list.all().map(toAudience),
    save(input: { id?: string; name: string; rule: Rule }): Audience {
      const rule = JSON.stringify(input.rule);
      if (input.id) {
        row(input.id);
        s.update.run({ id: input.id, name: input.name, rule, now: now() });
        return toAudience(row(input.id));
      }
      const id = newId('aud');
      s.insert.run({ id, name: input.name, rule, now: now() });
      return toAudience(row(id));
    },
    delete(id: string) {
      row(id);
      s.softDelete.run({ id, now: now() });
      return { id };
    },
    restore(id: string): Audience {
      row(id, true);
      s.restore.run({ id });
      return toAudience(row(id));
    },
    count(rule: Rule, at = clock.now()): number {
      const { where, params } = compileRule(rule, at);
      return db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM profiles p WHERE ${where}`).get(...params)!.n;
    },
    /** The ids of matching profiles, in id order, a page at a time (what a journey's audience entry reads). */
    ids(rule: Rule, { afterId = 0, limit = 1000, at = clock.now() } = {}): number[] {
      const { where, params } = compileRule(rule, at);
      return db
        .prepare<unknown[], { id: number }>(`SELECT p.id FROM profiles p WHERE p.id > ? AND ${where} ORDER BY p.id LIMIT ?`)
        .all(afterId, ...params, limit)
        .map((r) => r.id);
    },
    preview(rule: Rule, sample: number): { count: number; sample: ProfileRow[]; ms: number } {
      const started = performance.now();
      const at = clock.now();
      const count = this.count(rule, at);
      const rows = sample > 0 ? store.rowsByIds(this.ids(rule, { limit: sample, at })) : [];
      return { count, sample: rows, ms: Math.round(performance.now() - started) };
    },
  };
}

export type AudiencesService = ReturnType<typeof createAudiencesService>;
