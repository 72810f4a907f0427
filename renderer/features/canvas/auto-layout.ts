import dagre from '@dagrejs/dagre';
import type { JourneyLayout } from '../../../shared/domain/journey-graph';
import type { JourneyDoc } from '../../../shared/journey-edits';

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 96;

/** Lays the journey out top to bottom, branches side by side (dagre's layered layout). */
export function autoLayout(doc: JourneyDoc): JourneyLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const node of doc.graph.nodes) for (const target of Object.values(node.next)) if (target) g.setEdge(node.id, target);
  dagre.layout(g);
  return Object.fromEntries(
    doc.graph.nodes.map((node) => {
      const p = g.node(node.id);
      return [node.id, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) }];
    }),
  );
}
