/**
 * A journey file (the journeys.importFile format) in which one audience enters, once, and gets a
 * push at each of `steps` in turn, all of one new message; steps without a name show their kind.
 */
export function pushJourneyFile(options: {
  name: string;
  audienceId: string;
  channelId: string;
  message: { id: string; name: string; title: string; body: string };
  steps: { id: string; name?: string }[];
}): string {
  const ids = [...options.steps.map((s) => s.id), 'n_end'];
  return JSON.stringify({
    format: 'journey-studio/journey',
    formatVersion: 1,
    name: options.name,
    graph: {
      nodes: [
        { id: 'n_entry', type: 'entry.audience', config: { audienceId: options.audienceId, schedule: { kind: 'once' } }, next: { next: ids[0] } },
        ...options.steps.map((step, i) => ({ ...step, type: 'message', config: { messageId: options.message.id }, next: { next: ids[i + 1] } })),
        { id: 'n_end', type: 'end', config: {}, next: {} },
      ],
    },
    layout: {},
    messages: [{ id: options.message.id, name: options.message.name, channelId: options.channelId, content: { title: options.message.title, body: options.message.body } }],
  });
}
