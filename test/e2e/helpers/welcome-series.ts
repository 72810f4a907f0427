/**
 * A realistic welcome series as a journey file: audience entry, a condition on loyalty, a VIP push,
 * a one-day wait and a welcome push.
 */
export function welcomeSeriesFile(audienceId: string, channelId: string | null = null): string {
  const vip = 'msg_vipwelcome1';
  const welcome = 'msg_welcome001';
  return JSON.stringify({
    format: 'journey-studio/journey',
    formatVersion: 1,
    name: 'Welcome series',
    graph: {
      nodes: [
        { id: 'n_entry', type: 'entry.audience', name: 'New sign-ups, daily', config: { audienceId, schedule: { kind: 'daily', at: '09:00' } }, next: { next: 'n_cond' } },
        {
          id: 'n_cond',
          type: 'condition',
          name: 'Gold members?',
          config: { paths: [{ id: 'p_gold', label: 'Gold', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'gold' } }] },
          next: { p_gold: 'n_vip', otherwise: 'n_wait' },
        },
        { id: 'n_vip', type: 'message', name: 'VIP welcome', config: { messageId: vip }, next: { next: 'n_end1' } },
        { id: 'n_wait', type: 'wait', name: 'Give them a day', config: { kind: 'duration', seconds: 86400 }, next: { next: 'n_push' } },
        { id: 'n_push', type: 'message', name: 'Welcome push', config: { messageId: welcome }, next: { next: 'n_end2' } },
        { id: 'n_end1', type: 'end', config: {}, next: {} },
        { id: 'n_end2', type: 'end', config: {}, next: {} },
      ],
    },
    layout: {
      n_entry: { x: 175, y: 0 },
      n_cond: { x: 175, y: 150 },
      n_vip: { x: 0, y: 300 },
      n_wait: { x: 350, y: 300 },
      n_push: { x: 350, y: 450 },
      n_end1: { x: 0, y: 450 },
      n_end2: { x: 350, y: 600 },
    },
    messages: [
      { id: vip, name: 'VIP welcome', channelId, content: { title: 'Welcome to Gold, {{default profile.person.firstName "friend"}}', body: 'Your member perks are unlocked.' } },
      { id: welcome, name: 'Welcome push', channelId, content: { title: 'Welcome aboard 👋', body: 'Here is 10% off your first order, {{default profile.person.firstName "there"}}.' } },
    ],
  });
}
