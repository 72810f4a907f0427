import { describe, expect, it } from 'vitest';
import { journeyGraphSchema } from '../../shared/domain/journey-graph';
import { addNode, align, connect, copyNodes, disconnect, extract, paste, removeNodes, updateNode } from '../../shared/journey-edits';
import { brokenGraphReason } from '../../shared/journey-file';
import { welcomeSeries } from './helpers/journey-graphs';

const doc = () => ({ graph: welcomeSeries(), layout: Object.fromEntries(welcomeSeries().nodes.map((n, i) => [n.id, { x: 0, y: i * 100 }])) });

describe('journey edits', () => {
  it('adds a step with its outputs unconnected, in a shape the schema accepts', () => {
    const { doc: next, id } = addNode({ graph: { nodes: [] }, layout: {} }, 'waitForEvent', { x: 10, y: 20 });
    expect(next.graph.nodes[0]).toMatchObject({ id, type: 'waitForEvent', next: { event: null, timeout: null } });
    expect(next.layout[id]).toEqual({ x: 10, y: 20 });
    expect(journeyGraphSchema.safeParse(next.graph).success).toBe(true);
  });

  it('removing steps removes their links and positions', () => {
    const next = removeNodes(doc(), new Set(['n_wait']));
    expect(next.graph.nodes.find((n) => n.id === 'n_cond')?.next).toEqual({ p_loyal: 'n_vip', otherwise: null });
    expect(next.layout.n_wait).toBeUndefined();
    expect(brokenGraphReason(next.graph, next.layout)).toBeUndefined();
  });

  it('connects only what the rules allow, and disconnects', () => {
    const open = disconnect(doc(), 'n_push', 'next');
    expect(open.graph.nodes.find((n) => n.id === 'n_push')?.next.next).toBeNull();
    expect(connect(open, 'n_push', 'next', 'n_wait').refusal).toContain('loop');
    const joined = connect(open, 'n_push', 'next', 'n_end1');
    expect(joined.refusal).toBeUndefined();
    expect(joined.doc.graph.nodes.find((n) => n.id === 'n_push')?.next.next).toBe('n_end1');
  });

  it('a condition path added in the inspector becomes a new unconnected output; a removed one drops its link', () => {
    const withPath = updateNode(doc(), 'n_cond', {
      config: { paths: [{ id: 'p_loyal', label: 'Loyal' }, { id: 'p_new', label: 'New' }] },
    });
    expect(withPath.graph.nodes.find((n) => n.id === 'n_cond')?.next).toEqual({ p_loyal: 'n_vip', p_new: null, otherwise: 'n_wait' });
    const without = updateNode(doc(), 'n_cond', { config: { paths: [{ id: 'p_other', label: 'Other' }] } });
    expect(without.graph.nodes.find((n) => n.id === 'n_cond')?.next).toEqual({ p_other: null, otherwise: 'n_wait' });
  });

  it('duplicates and pastes with new ids, keeping links inside the copied set only', () => {
    const { doc: next, ids } = copyNodes(doc(), new Set(['n_wait', 'n_push']), { x: 40, y: 40 });
    expect(ids).toHaveLength(2);
    const [wait, push] = ids.map((id) => next.graph.nodes.find((n) => n.id === id)!);
    expect(wait?.next.next).toBe(push?.id);
    expect(push?.next.next).toBeNull();
    expect(next.layout[wait!.id]).toEqual({ x: 40, y: 340 });
    expect(brokenGraphReason(next.graph, next.layout)).toBeUndefined();

    const clip = extract(doc(), new Set(['n_cond', 'n_vip']));
    const pasted = paste(doc(), clip, { x: 300, y: 0 });
    expect(pasted.doc.graph.nodes).toHaveLength(9);
    const cond = pasted.doc.graph.nodes.find((n) => n.id === pasted.ids[0])!;
    expect(cond.type).toBe('condition');
    const newPath = (cond.config as { paths: { id: string }[] }).paths[0]!.id;
    expect(newPath).not.toBe('p_loyal');
    expect(cond.next[newPath]).toBe(pasted.ids[1]);
    expect(brokenGraphReason(pasted.doc.graph, pasted.doc.layout)).toBeUndefined();
  });

  it('aligns steps on a row or a column', () => {
    const d = doc();
    const row = align(d, ['n_vip', 'n_wait'], 'horizontal');
    expect(row.layout.n_vip?.y).toBe(row.layout.n_wait?.y);
    const column = align({ ...d, layout: { ...d.layout, n_vip: { x: 50, y: 0 } } }, ['n_vip', 'n_wait'], 'vertical');
    expect(column.layout.n_vip?.x).toBe(0);
  });
});
