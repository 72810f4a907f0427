import { type JourneyCounts, type NodeCount, SAMPLE_SIZE } from '../../../shared/domain/engine.js';
import type { JourneyGraph } from '../../../shared/domain/journey-graph.js';

export interface Tally {
  n: number;
  sample: number[];
}

/** Counts by key (see WalkContext.count) with the first few profiles behind each, in memory. */
export class CountMap {
  readonly map = new Map<string, Tally>();
  add(key: string, profileId: number, n = 1): void {
    let tally = this.map.get(key);
    if (!tally) this.map.set(key, (tally = { n: 0, sample: [] }));
    tally.n += n;
    if (tally.sample.length < SAMPLE_SIZE && !tally.sample.includes(profileId)) tally.sample.push(profileId);
  }
}

const emptyNode = (): NodeCount => ({ reached: 0, reachedSample: [], waiting: 0, waitingSample: [], excluded: {}, ended: 0, pushes: 0, devices: 0 });

/**
 * Turns tallies into the counts the canvas shows. `entered` counts entries (a profile entering
 * twice counts twice); every entry is in exactly one of ended, excluded or waiting.
 */
export function buildCounts(
  graph: JourneyGraph,
  tallies: ReadonlyMap<string, Tally>,
  meta: Pick<JourneyCounts, 'versionId' | 'mode'> & Partial<Pick<JourneyCounts, 'from' | 'until' | 'ms'>>,
): JourneyCounts {
  const nodes: JourneyCounts['nodes'] = {};
  for (const node of graph.nodes) nodes[node.id] = emptyNode();
  const edges: JourneyCounts['edges'] = {};
  const totals = { entered: 0, ended: 0, excluded: 0, waiting: 0, refused: 0 };
  for (const [key, tally] of tallies) {
    const [kind, nodeId, rest] = splitKey(key);
    const node = (nodes[nodeId] ??= emptyNode());
    switch (kind) {
      case 'r':
        node.reached += tally.n;
        node.reachedSample = tally.sample;
        break;
      case 'w':
        node.waiting += tally.n;
        node.waitingSample = tally.sample;
        totals.waiting += tally.n;
        break;
      case 'end':
        node.ended += tally.n;
        totals.ended += tally.n;
        break;
      case 'x':
        node.excluded[rest] = { count: tally.n, sample: tally.sample };
        totals.excluded += tally.n;
        break;
      case 'refused':
        node.excluded.reentrance = { count: tally.n, sample: tally.sample };
        totals.refused += tally.n;
        break;
      case 'e':
        edges[`${nodeId}:${rest}`] = { count: tally.n, sample: tally.sample };
        break;
      case 'p':
        node.pushes += tally.n;
        break;
      case 'd':
        node.devices += tally.n;
        break;
      case 'in':
        totals.entered += tally.n;
        break;
    }
  }
  return { ...meta, nodes, edges, totals };
}

function splitKey(key: string): [string, string, string] {
  const first = key.indexOf(':');
  const second = key.indexOf(':', first + 1);
  return second < 0 ? [key.slice(0, first), key.slice(first + 1), ''] : [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)];
}
