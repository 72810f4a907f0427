import type { JourneyGraph } from '../../../shared/domain/journey-graph.js';
import { nodeLabel } from '../../../shared/journey-validation.js';
import { campaignGraph } from '../engine/engine.js';
import type { Db } from '../workspace/database.js';

interface Names {
  /** The version's updated_at when read: only a draft's graph changes, so only a draft is read again when it moved. */
  stamp: string;
  draft: boolean;
  labels: Map<string, string>;
}

/** A campaign runs as a journey of its own whose steps' ids and kinds don't depend on its audience or message. */
const CAMPAIGN_STEPS = new Map(campaignGraph('', '').nodes.map((n) => [n.id, nodeLabel(n)]));
const MAX_CACHED = 500;

/**
 * What the marketer called each step of a journey version, for lists that show node ids by the
 * thousand (the delivery log). Each version's graph is parsed once and kept; a published version
 * never changes, a draft is read again only when its updated_at moved. A step that is not in its
 * version (a draft's step deleted since) is looked for in the journey's other versions, newest first.
 */
export function createStepNames(db: Db) {
  const stampOf = db.prepare<[string], { status: string; updated_at: string }>('SELECT status, updated_at FROM journey_versions WHERE id = ?');
  const graphOf = db.prepare<[string], { status: string; updated_at: string; graph: string }>('SELECT status, updated_at, graph FROM journey_versions WHERE id = ?');
  const versionsOf = db.prepare<[string], { id: string }>('SELECT id FROM journey_versions WHERE journey_id = ? ORDER BY number DESC');
  const cache = new Map<string, Names>();

  const namesOf = (versionId: string): Map<string, string> | undefined => {
    const cached = cache.get(versionId);
    if (cached && (!cached.draft || stampOf.get(versionId)?.updated_at === cached.stamp)) return cached.labels;
    const row = graphOf.get(versionId);
    if (!row) return undefined;
    const graph = JSON.parse(row.graph) as JourneyGraph;
    const names: Names = { stamp: row.updated_at, draft: row.status === 'draft', labels: new Map(graph.nodes.map((n) => [n.id, nodeLabel(n)])) };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(versionId, names);
    return names.labels;
  };

  const name = (journeyId: string | null, versionId: string | null, nodeId: string): string | null => {
    if (versionId?.startsWith('cmp_')) return CAMPAIGN_STEPS.get(nodeId) ?? null;
    const own = versionId ? namesOf(versionId)?.get(nodeId) : undefined;
    if (own !== undefined || !journeyId) return own ?? null;
    for (const other of versionsOf.all(journeyId)) {
      if (other.id === versionId) continue;
      const label = namesOf(other.id)?.get(nodeId);
      if (label !== undefined) return label;
    }
    return null;
  };

  return {
    /**
     * A resolver for one batch of rows (a page of the log): each (version, step) is looked up once
     * in it, so a page of 200 rows of one draft checks that draft's stamp once, not 200 times.
     */
    batch(): (journeyId: string | null, versionId: string | null, nodeId: string | null) => string | null {
      const seen = new Map<string, string | null>();
      return (journeyId, versionId, nodeId) => {
        if (nodeId === null) return null;
        const key = `${journeyId ?? ''}\u0000${versionId ?? ''}\u0000${nodeId}`;
        if (!seen.has(key)) seen.set(key, name(journeyId, versionId, nodeId));
        return seen.get(key)!;
      };
    },
  };
}

export type StepNames = ReturnType<typeof createStepNames>;
