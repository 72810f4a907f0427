import { describe, expect, it } from 'vitest';
import type { JourneyGraph, JourneyNode } from '../../shared/domain/journey-graph';
import { journeyGraphSchema } from '../../shared/domain/journey-graph';
import { connectionRefusal, validateJourney } from '../../shared/journey-validation';
import { welcomeContext, welcomeSeries, withNode } from './helpers/journey-graphs';

const codes = (graph: JourneyGraph, context = welcomeContext()) => validateJourney(graph, context).map((i) => `${i.code}${i.nodeId ? `@${i.nodeId}` : ''}${i.output ? `.${i.output}` : ''}`);
const add = (graph: JourneyGraph, ...nodes: JourneyNode[]): JourneyGraph => ({ nodes: [...graph.nodes, ...nodes] });

describe('journey validation', () => {
  it('passes a complete welcome series, which the schema accepts', () => {
    expect(journeyGraphSchema.safeParse(welcomeSeries()).success).toBe(true);
    expect(codes(welcomeSeries())).toEqual([]);
  });

  it('requires exactly one entry', () => {
    expect(codes({ nodes: [{ id: 'n_end', type: 'end', config: {}, next: {} }] })).toEqual(['missing-entry']);
    const second: JourneyNode = { id: 'n_entry2', type: 'entry.event', config: { eventType: 'application.launch' }, next: { next: 'n_end1' } };
    expect(codes(add(welcomeSeries(), second))).toContain('several-entries@n_entry2');
  });

  it('refuses links into an entry, to missing steps, and loops', () => {
    const intoEntry = withNode(welcomeSeries(), 'n_push', (n) => ({ ...n, next: { next: 'n_entry' } }));
    expect(codes(intoEntry)).toContain('entry-with-input@n_entry');
    const broken = withNode(welcomeSeries(), 'n_push', (n) => ({ ...n, next: { next: 'n_ghost' } }));
    expect(codes(broken)).toContain('broken-link@n_push.next');
    const loop = withNode(welcomeSeries(), 'n_push', (n) => ({ ...n, next: { next: 'n_wait' } }));
    expect(codes(loop)).toEqual(expect.arrayContaining(['cycle@n_wait', 'cycle@n_push']));
  });

  it('finds unreachable steps and outputs that lead nowhere', () => {
    const orphan: JourneyNode = { id: 'n_orphan', type: 'end', config: {}, next: {} };
    expect(codes(add(welcomeSeries(), orphan))).toEqual(['unreachable@n_orphan']);
    const dangling = withNode(welcomeSeries(), 'n_cond', (n) => ({ ...n, next: { p_loyal: 'n_vip', otherwise: null } }));
    expect(codes(dangling)).toEqual(expect.arrayContaining(['dangling-output@n_cond.otherwise', 'unreachable@n_wait']));
  });

  it.each([
    ['an audience entry without its audience', 'n_entry', (n: JourneyNode) => ({ ...n, config: { schedule: { kind: 'once' } } })],
    ['a message step without a message', 'n_push', (n: JourneyNode) => ({ ...n, config: {} })],
    ['a wait without a duration', 'n_wait', (n: JourneyNode) => ({ ...n, config: { kind: 'duration' } })],
    ['a condition path without a rule', 'n_cond', (n: JourneyNode) => ({ ...n, config: { paths: [{ id: 'p_loyal', label: 'Loyal' }] } })],
  ])('flags %s as unconfigured', (_what, id, change) => {
    expect(codes(withNode(welcomeSeries(), id, change as (n: JourneyNode) => JourneyNode))).toEqual([`unconfigured@${id}`]);
  });

  it('flags messages without a channel, and references to deleted messages or audiences', () => {
    const context = welcomeContext();
    context.messages.set('msg_welcome001', { name: 'Welcome', channelId: undefined as unknown as string });
    expect(codes(welcomeSeries(), context)).toEqual(['message-without-channel@n_push']);
    context.messages.delete('msg_welcome001');
    context.audiences.clear();
    expect(codes(welcomeSeries(), context)).toEqual(['unknown-audience@n_entry', 'unknown-message@n_push']);
  });

  it('requires splits to add up to 100% and waits to stay within 90 days', () => {
    const split = withNode(welcomeSeries(), 'n_cond', () => ({
      id: 'n_cond',
      type: 'split',
      config: { paths: [{ id: 'p_a', label: 'A', percent: 60 }, { id: 'p_b', label: 'B', percent: 30 }] },
      next: { p_a: 'n_vip', p_b: 'n_wait' },
    }));
    const issues = validateJourney(split, welcomeContext());
    expect(issues.map((i) => i.code)).toEqual(['split-not-100']);
    expect(issues[0]?.message).toContain('add up to 90%');
    const long = withNode(welcomeSeries(), 'n_wait', (n) => ({ ...n, config: { kind: 'duration', seconds: 91 * 86_400 } }) as JourneyNode);
    expect(codes(long)).toEqual(['wait-too-long@n_wait']);
    const until = withNode(welcomeSeries(), 'n_wait', (n) => ({ ...n, config: { kind: 'until', at: '2027-06-01T00:00:00Z' } }) as JourneyNode);
    expect(codes(until)).toEqual(['wait-too-long@n_wait']);
  });
});

describe('connecting steps on the canvas', () => {
  const open = withNode(welcomeSeries(), 'n_push', (n) => ({ ...n, next: { next: null } }));
  it('allows a free output to a later step', () => {
    expect(connectionRefusal(open, 'n_push', 'next', 'n_end2')).toBeUndefined();
  });
  it.each([
    ['into an entry', 'n_push', 'next', 'n_entry', 'An entry cannot have inputs'],
    ['to itself', 'n_push', 'next', 'n_push', 'cannot lead to itself'],
    ['back upstream (a loop)', 'n_push', 'next', 'n_wait', 'would make a loop'],
    ['from an output already used', 'n_wait', 'next', 'n_end2', 'already connected'],
    ['from an output the step does not have', 'n_push', 'timeout', 'n_end2', 'does not exist'],
  ])('refuses a link %s', (_what, source, output, target, reason) => {
    expect(connectionRefusal(open, source, output, target)).toContain(reason);
  });
});
