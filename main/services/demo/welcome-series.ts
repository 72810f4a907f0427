/** A message as a journey file carries it. */
export interface FileMessage {
  id: string;
  name: string;
  channelId: string | null;
  content: unknown;
}

/**
 * The demo's welcome series as a journey file: everyone with the app enters once; gold and
 * platinum members get the gold welcome at once, the others the welcome push a day later. The file
 * carries the messages its steps use, as an export would.
 */
export function welcomeSeriesFile(audienceId: string, messages: { gold: FileMessage; welcome: FileMessage }): string {
  return JSON.stringify({
    format: 'journey-studio/journey',
    formatVersion: 1,
    name: 'Welcome series',
    graph: {
      nodes: [
        { id: 'n_entry', type: 'entry.audience', name: 'Everyone with the app', config: { audienceId, schedule: { kind: 'once' } }, next: { next: 'n_tier' } },
        {
          id: 'n_tier',
          type: 'condition',
          name: 'Gold or platinum?',
          config: { paths: [{ id: 'p_vip', label: 'Gold+', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'in', values: ['gold', 'platinum'] } }] },
          next: { p_vip: 'n_vip', otherwise: 'n_wait' },
        },
        { id: 'n_vip', type: 'message', name: messages.gold.name, config: { messageId: messages.gold.id }, next: { next: 'n_end_vip' } },
        { id: 'n_wait', type: 'wait', name: 'Give them a day', config: { kind: 'duration', seconds: 86_400 }, next: { next: 'n_welcome' } },
        { id: 'n_welcome', type: 'message', name: messages.welcome.name, config: { messageId: messages.welcome.id }, next: { next: 'n_end' } },
        { id: 'n_end_vip', type: 'end', config: {}, next: {} },
        { id: 'n_end', type: 'end', config: {}, next: {} },
      ],
    },
    layout: {
      n_entry: { x: 175, y: 0 },
      n_tier: { x: 175, y: 150 },
      n_vip: { x: 0, y: 300 },
      n_wait: { x: 350, y: 300 },
      n_welcome: { x: 350, y: 450 },
      n_end_vip: { x: 0, y: 450 },
      n_end: { x: 350, y: 600 },
    },
    messages: [messages.gold, messages.welcome].map(({ id, name, channelId, content }) => ({ id, name, channelId, content })),
  });
}
