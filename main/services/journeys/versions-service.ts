import type { JourneyGraph, JourneyLayout } from '../../../shared/domain/journey-graph.js';
import { journeyGraphSchema, journeyLayoutSchema } from '../../../shared/domain/journey-graph.js';
import type { JourneyVersion, VersionStatus, VersionSummary } from '../../../shared/domain/journey-version.js';
import { StudioError } from '../../../shared/errors.js';
import { type ValidationContext, validateJourney } from '../../../shared/journey-validation.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { Db } from '../workspace/database.js';

interface VersionRow {
  id: string;
  journey_id: string;
  number: number;
  status: VersionStatus;
  graph: string;
  layout: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  stopped_at: string | null;
}

const summaryOf = (row: VersionRow): VersionSummary => ({
  id: row.id,
  journeyId: row.journey_id,
  number: row.number,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  ...(row.published_at ? { publishedAt: row.published_at } : {}),
  ...(row.stopped_at ? { stoppedAt: row.stopped_at } : {}),
  nodeCount: (JSON.parse(row.graph) as JourneyGraph).nodes.length,
});

const versionOf = (row: VersionRow): JourneyVersion => ({
  ...summaryOf(row),
  graph: journeyGraphSchema.parse(JSON.parse(row.graph)) as JourneyGraph,
  layout: journeyLayoutSchema.parse(JSON.parse(row.layout)),
});

export interface VersionsService {
  list(journeyId: string): VersionSummary[];
  get(versionId: string): JourneyVersion;
  /** The draft if there is one, else the newest version. */
  current(journeyId: string): JourneyVersion;
  createFirst(journeyId: string, graph?: JourneyGraph, layout?: JourneyLayout): JourneyVersion;
  saveDraft(versionId: string, graph: JourneyGraph, layout: JourneyLayout): VersionSummary;
  publish(versionId: string, context: ValidationContext): JourneyVersion;
  stop(versionId: string): JourneyVersion;
  newDraft(fromVersionId: string): JourneyVersion;
  /** Live versions (for the engine and for "in use" checks). */
  live(): JourneyVersion[];
}

/** Versions of journeys, and the rules of moving between draft, live, stopped and closed. */
export function createVersionsService(db: Db, clock: Clock): VersionsService {
  const stmt = {
    byJourney: db.prepare<[string], VersionRow>('SELECT * FROM journey_versions WHERE journey_id = ? ORDER BY number DESC'),
    byId: db.prepare<[string], VersionRow>('SELECT * FROM journey_versions WHERE id = ?'),
    draftOf: db.prepare<[string], VersionRow>("SELECT * FROM journey_versions WHERE journey_id = ? AND status = 'draft'"),
    liveOf: db.prepare<[string], VersionRow>("SELECT * FROM journey_versions WHERE journey_id = ? AND status = 'live'"),
    allLive: db.prepare<[], VersionRow>("SELECT * FROM journey_versions WHERE status = 'live'"),
    maxNumber: db.prepare<[string], { n: number | null }>('SELECT max(number) AS n FROM journey_versions WHERE journey_id = ?'),
    insert: db.prepare(
      `INSERT INTO journey_versions (id, journey_id, number, status, graph, layout, created_at, updated_at)
       VALUES (@id, @journeyId, @number, 'draft', @graph, @layout, @now, @now)`,
    ),
    save: db.prepare("UPDATE journey_versions SET graph = @graph, layout = @layout, updated_at = @now WHERE id = @id AND status = 'draft'"),
    setStatus: db.prepare(
      `UPDATE journey_versions SET status = @status, updated_at = @now,
         published_at = CASE WHEN @status = 'live' THEN @now ELSE published_at END,
         stopped_at = CASE WHEN @status IN ('stopped', 'closed') THEN @now ELSE stopped_at END
       WHERE id = @id`,
    ),
    journeyStatus: db.prepare('UPDATE journeys SET status = @status, updated_at = @now WHERE id = @journeyId'),
  };
  const now = () => clock.now().toISOString();

  const row = (versionId: string): VersionRow => {
    const found = stmt.byId.get(versionId);
    if (!found) throw new StudioError('not_found', 'That journey version no longer exists.');
    return found;
  };

  const insertDraft = (journeyId: string, graph: JourneyGraph, layout: JourneyLayout): JourneyVersion => {
    const id = newId('jv');
    const number = (stmt.maxNumber.get(journeyId)?.n ?? 0) + 1;
    stmt.insert.run({ id, journeyId, number, graph: JSON.stringify(graph), layout: JSON.stringify(layout), now: now() });
    return versionOf(row(id));
  };

  return {
    list: (journeyId) => stmt.byJourney.all(journeyId).map(summaryOf),
    get: (versionId) => versionOf(row(versionId)),
    current(journeyId) {
      const found = stmt.draftOf.get(journeyId) ?? stmt.byJourney.get(journeyId);
      if (!found) throw new StudioError('not_found', 'That journey has no versions.');
      return versionOf(found);
    },
    createFirst: (journeyId, graph = { nodes: [] }, layout = {}) => insertDraft(journeyId, graph, layout),
    saveDraft(versionId, graph, layout) {
      const found = row(versionId);
      if (found.status !== 'draft') {
        throw new StudioError('conflict', `Version ${found.number} is ${found.status} and read-only. Create a new draft to change it.`);
      }
      stmt.save.run({ id: versionId, graph: JSON.stringify(graph), layout: JSON.stringify(layout), now: now() });
      return summaryOf(row(versionId));
    },
    publish: db.transaction((versionId: string, context: ValidationContext) => {
      const found = row(versionId);
      if (found.status !== 'draft') throw new StudioError('conflict', `Version ${found.number} is already ${found.status}; only a draft can be published.`);
      const issues = validateJourney(versionOf(found).graph, context);
      if (issues.length > 0) {
        throw new StudioError(
          'invalid_input',
          `The journey can’t be published: ${issues.length} problem${issues.length === 1 ? '' : 's'} to fix first. ${issues[0]!.message}`,
          issues.map((issue) => ({ path: issue.nodeId ? `nodes.${issue.nodeId}${issue.output ? `.${issue.output}` : ''}` : 'journey', message: issue.message })),
        );
      }
      const at = now();
      const live = stmt.liveOf.get(found.journey_id);
      if (live) stmt.setStatus.run({ id: live.id, status: 'closed', now: at });
      stmt.setStatus.run({ id: versionId, status: 'live', now: at });
      stmt.journeyStatus.run({ journeyId: found.journey_id, status: 'live', now: at });
      return versionOf(row(versionId));
    }),
    stop: db.transaction((versionId: string) => {
      const found = row(versionId);
      if (found.status !== 'live') throw new StudioError('conflict', `Version ${found.number} is ${found.status}; only the live version can be stopped.`);
      const at = now();
      stmt.setStatus.run({ id: versionId, status: 'stopped', now: at });
      stmt.journeyStatus.run({ journeyId: found.journey_id, status: 'stopped', now: at });
      return versionOf(row(versionId));
    }),
    newDraft: db.transaction((fromVersionId: string) => {
      const from = row(fromVersionId);
      const existing = stmt.draftOf.get(from.journey_id);
      if (existing) throw new StudioError('conflict', `Version ${existing.number} is already a draft: edit it, or publish it first.`);
      return insertDraft(from.journey_id, JSON.parse(from.graph) as JourneyGraph, JSON.parse(from.layout) as JourneyLayout);
    }),
    live: () => stmt.allLive.all().map(versionOf),
  };
}
