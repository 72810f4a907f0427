import type { JourneyGraph, JourneyNode } from '../../../shared/domain/journey-graph';

/** A welcome series: audience entry → condition (iOS?) → push / wait → push → end. */
export function welcomeSeries(): JourneyGraph {
  const nodes: JourneyNode[] = [
    { id: 'n_entry', type: 'entry.audience', config: { audienceId: 'aud_newsignups1', schedule: { kind: 'daily', at: '09:00' } }, next: { next: 'n_cond' } },
    {
      id: 'n_cond',
      type: 'condition',
      config: { paths: [{ id: 'p_loyal', label: 'Loyal', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'gold' } }] },
      next: { p_loyal: 'n_vip', otherwise: 'n_wait' },
    },
    { id: 'n_vip', type: 'message', config: { messageId: 'msg_vipwelcome1' }, next: { next: 'n_end1' } },
    { id: 'n_wait', type: 'wait', config: { kind: 'duration', seconds: 86_400 }, next: { next: 'n_push' } },
    { id: 'n_push', type: 'message', config: { messageId: 'msg_welcome001' }, next: { next: 'n_end2' } },
    { id: 'n_end1', type: 'end', config: {}, next: {} },
    { id: 'n_end2', type: 'end', config: {}, next: {} },
  ];
  return { nodes };
}

export const welcomeContext = () => ({
  audiences: new Set(['aud_newsignups1']),
  messages: new Map([
    ['msg_vipwelcome1', { name: 'VIP welcome', channelId: 'chn_sandbox0001' }],
    ['msg_welcome001', { name: 'Welcome', channelId: 'chn_sandbox0001' }],
  ]),
  now: new Date('2026-11-28T12:00:00Z'),
});

export function withNode(graph: JourneyGraph, id: string, change: (node: JourneyNode) => JourneyNode): JourneyGraph {
  return { nodes: graph.nodes.map((n) => (n.id === id ? change(structuredClone(n)) : n)) };
}

/** The messages a welcome series file carries (the ids its push steps use). */
export const welcomeMessages = (channelId: string | null = 'chn_sandbox0001') => [
  { id: 'msg_vipwelcome1', name: 'VIP welcome', channelId, content: { title: 'Welcome, VIP', body: 'Your perks are waiting.' } },
  { id: 'msg_welcome001', name: 'Welcome', channelId, content: { title: 'Welcome!', body: 'Glad to have you, {{default profile.person.firstName "there"}}.' } },
];
