import {
  type ActivityConfig,
  type ActivityType,
  type JourneyGraph,
  type JourneyLayout,
  type JourneyNode,
  type NodeId,
  outputsOf,
} from './domain/journey-graph.js';
import { connectionRefusal } from './journey-validation.js';

/**
 * Edits of a journey draft, as pure functions of the document (graph + layout). The canvas applies
 * them, keeps the results for undo and autosaves; tests check them without a browser.
 */
export interface JourneyDoc {
  graph: JourneyGraph;
  layout: JourneyLayout;
}

export type Position = { x: number; y: number };

let counter = 0;
/** Short, unique-enough ids for nodes and paths made in this session (time + counter + random). */
export function freshId(prefix: 'n' | 'p'): string {
  counter = (counter + 1) % 1296;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36).padStart(2, '0')}${Math.random().toString(36).slice(2, 6)}`;
}

/** The settings a new step starts with: valid in shape, to be completed in the inspector. */
export function defaultConfig<T extends ActivityType>(type: T): ActivityConfig<T> {
  const defaults: { [K in ActivityType]: ActivityConfig<K> } = {
    'entry.audience': { schedule: { kind: 'once' } },
    'entry.event': {},
    condition: { paths: [{ id: freshId('p'), label: 'Path 1' }] },
    timeCondition: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
    split: { paths: [{ id: freshId('p'), label: 'A', percent: 50 }, { id: freshId('p'), label: 'B', percent: 50 }] },
    wait: { kind: 'duration', seconds: 86_400 },
    waitForEvent: { eventType: 'pushTracking.applicationOpened', timeoutSeconds: 2 * 86_400 },
    message: {},
    end: {},
  };
  return structuredClone(defaults[type]);
}

/** Keeps `next` in step with the node's outputs: new outputs unconnected, removed ones dropped. */
function syncOutputs(node: JourneyNode): JourneyNode {
  const next: Record<string, NodeId | null> = {};
  for (const output of outputsOf(node)) next[output] = node.next[output] ?? null;
  return { ...node, next } as JourneyNode;
}

export function addNode(doc: JourneyDoc, type: ActivityType, position: Position, config?: ActivityConfig<ActivityType>): { doc: JourneyDoc; id: NodeId } {
  const id = freshId('n');
  const node = syncOutputs({ id, type, config: config ?? defaultConfig(type), next: {} } as JourneyNode);
  return { id, doc: { graph: { nodes: [...doc.graph.nodes, node] }, layout: { ...doc.layout, [id]: position } } };
}

export function removeNodes(doc: JourneyDoc, ids: ReadonlySet<NodeId>): JourneyDoc {
  const nodes = doc.graph.nodes
    .filter((n) => !ids.has(n.id))
    .map((n) => ({ ...n, next: Object.fromEntries(Object.entries(n.next).map(([k, v]) => [k, v && ids.has(v) ? null : v])) }) as JourneyNode);
  const layout = Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !ids.has(id)));
  return { graph: { nodes }, layout };
}

export function connect(doc: JourneyDoc, source: NodeId, output: string, target: NodeId): { doc: JourneyDoc; refusal?: string } {
  const refusal = connectionRefusal(doc.graph, source, output, target);
  if (refusal) return { doc, refusal };
  return { doc: mapNode(doc, source, (n) => ({ ...n, next: { ...n.next, [output]: target } }) as JourneyNode) };
}

export function disconnect(doc: JourneyDoc, source: NodeId, output: string): JourneyDoc {
  return mapNode(doc, source, (n) => ({ ...n, next: { ...n.next, [output]: null } }) as JourneyNode);
}

export function moveNodes(doc: JourneyDoc, positions: Record<NodeId, Position>): JourneyDoc {
  return { ...doc, layout: { ...doc.layout, ...positions } };
}

/** Replaces a node's name and/or settings; outputs follow (a condition path added or removed). */
export function updateNode(doc: JourneyDoc, id: NodeId, patch: { name?: string; config?: unknown }): JourneyDoc {
  return mapNode(doc, id, (n) => syncOutputs({ ...n, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.config !== undefined ? { config: patch.config } : {}) } as JourneyNode));
}

/** Adds copies of `nodes` with new ids; links among them are kept, links out of the set dropped. */
function cloneInto(doc: JourneyDoc, nodes: JourneyNode[], positions: JourneyLayout, offset: Position): { doc: JourneyDoc; ids: NodeId[] } {
  const renamed = new Map(nodes.map((n) => [n.id, freshId('n')]));
  const copies = nodes.map((n) => {
    const config = structuredClone(n.config) as { paths?: { id: string }[] };
    const pathIds = new Map<string, string>();
    for (const path of config.paths ?? []) {
      const fresh = freshId('p');
      pathIds.set(path.id, fresh);
      path.id = fresh;
    }
    const next = Object.fromEntries(
      Object.entries(n.next).map(([output, target]) => [pathIds.get(output) ?? output, target ? (renamed.get(target) ?? null) : null]),
    );
    return { ...n, id: renamed.get(n.id)!, config, next } as JourneyNode;
  });
  const layout = { ...doc.layout };
  for (const n of nodes) {
    const at = positions[n.id] ?? { x: 0, y: 0 };
    layout[renamed.get(n.id)!] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  return { doc: { graph: { nodes: [...doc.graph.nodes, ...copies] }, layout }, ids: copies.map((c) => c.id) };
}

/** Duplicates the chosen nodes within the document. */
export function copyNodes(doc: JourneyDoc, ids: ReadonlySet<NodeId>, offset: Position): { doc: JourneyDoc; ids: NodeId[] } {
  return cloneInto(doc, doc.graph.nodes.filter((n) => ids.has(n.id)), doc.layout, offset);
}

/** The part of a document a clipboard holds: the chosen nodes and their positions. */
export function extract(doc: JourneyDoc, ids: ReadonlySet<NodeId>): JourneyDoc {
  const nodes = doc.graph.nodes.filter((n) => ids.has(n.id));
  return { graph: { nodes }, layout: Object.fromEntries(nodes.map((n) => [n.id, doc.layout[n.id] ?? { x: 0, y: 0 }])) };
}

/** Pastes a clipboard document into `doc` with fresh ids, offset so the copies don't hide the originals. */
export function paste(doc: JourneyDoc, clip: JourneyDoc, offset: Position): { doc: JourneyDoc; ids: NodeId[] } {
  return cloneInto(doc, clip.graph.nodes, clip.layout, offset);
}

export function align(doc: JourneyDoc, ids: NodeId[], axis: 'horizontal' | 'vertical'): JourneyDoc {
  const points = ids.map((id) => doc.layout[id]).filter((p): p is Position => Boolean(p));
  if (points.length < 2) return doc;
  const value = axis === 'horizontal' ? Math.min(...points.map((p) => p.y)) : Math.min(...points.map((p) => p.x));
  const positions = Object.fromEntries(
    ids.filter((id) => doc.layout[id]).map((id) => [id, axis === 'horizontal' ? { ...doc.layout[id]!, y: value } : { ...doc.layout[id]!, x: value }]),
  );
  return moveNodes(doc, positions);
}

function mapNode(doc: JourneyDoc, id: NodeId, change: (node: JourneyNode) => JourneyNode): JourneyDoc {
  return { ...doc, graph: { nodes: doc.graph.nodes.map((n) => (n.id === id ? change(n) : n)) } };
}
