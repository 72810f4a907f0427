import { describe, expect, it } from 'vitest';
import type { JourneySummary } from '../../shared/domain/journey';
import type { JourneyDetail } from '../../shared/domain/journey-version';
import { JOURNEY_FILE_FORMAT, parseJourneyFile, serializeJourneyFile } from '../../shared/journey-file';
import { openTestCore } from './helpers/core';
import { failure } from './helpers/failure';
import { welcomeMessages, welcomeSeries } from './helpers/journey-graphs';

const layout = { n_entry: { x: 0, y: 0 }, n_cond: { x: 0, y: 120 }, n_vip: { x: -150, y: 240 }, n_wait: { x: 150, y: 240 }, n_push: { x: 150, y: 360 }, n_end1: { x: -150, y: 360 }, n_end2: { x: 150, y: 480 } };

async function journeyWithAudience() {
  const core = openTestCore({ seedSandboxChannel: true });
  const [channel] = (await core.dispatch('channels.list', {})) as { id: string }[];
  const audience = (await core.dispatch('audiences.save', { name: 'New sign-ups', rule: { kind: 'and', rules: [] } })) as { id: string };
  const graph = welcomeSeries();
  // A journey whose audience exists and whose message steps are configured.
  graph.nodes[0] = { ...graph.nodes[0]!, config: { audienceId: audience.id, schedule: { kind: 'daily', at: '09:00' } } } as (typeof graph.nodes)[0];
  // The two messages its push steps use, as real messages of the workspace.
  for (const message of welcomeMessages(channel!.id)) await core.dispatch('messages.import', { message });
  const journey = (await core.dispatch('journeys.create', { name: 'Welcome' })) as JourneySummary;
  const opened = (await core.dispatch('journeys.open', { id: journey.id })) as JourneyDetail;
  return { core, journey, graph, draft: opened.version };
}

describe('journey versions', () => {
  it('a new journey opens on an empty draft, version 1; the canvas autosaves into it', async () => {
    const { core, graph, draft, journey } = await journeyWithAudience();
    expect(draft).toMatchObject({ number: 1, status: 'draft', graph: { nodes: [] }, layout: {} });
    await core.dispatch('journeys.saveDraft', { versionId: draft.id, graph, layout });
    const reopened = (await core.dispatch('journeys.open', { id: journey.id })) as JourneyDetail;
    expect(reopened.version.graph).toEqual(graph);
    expect(reopened.version.layout).toEqual(layout);
    await core.close();
  });

  it('refuses to publish a journey with errors, and says what they are', async () => {
    const { core, draft, graph } = await journeyWithAudience();
    const error = await failure(core.dispatch('journeys.publish', { versionId: draft.id }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('The journey has no entry');
    // A message whose channel is gone can't be sent: publishing says which.
    await core.dispatch('journeys.saveDraft', { versionId: draft.id, graph, layout });
    await core.dispatch('messages.update', { id: 'msg_welcome001', channelId: null });
    const noChannel = await failure(core.dispatch('journeys.publish', { versionId: draft.id }));
    expect(noChannel.message).toContain('The message “Welcome” has no channel');
    await core.close();
  });

  it('publishes a valid draft (live, read-only), stops it, and copies a version into a new draft', async () => {
    const { core, graph, draft, journey } = await journeyWithAudience();
    await core.dispatch('journeys.saveDraft', { versionId: draft.id, graph, layout });
    const live = (await core.dispatch('journeys.publish', { versionId: draft.id })) as JourneyDetail;
    expect(live.version.status).toBe('live');
    expect(live.journey.status).toBe('live');
    expect((await failure(core.dispatch('journeys.saveDraft', { versionId: draft.id, graph, layout }))).message).toContain('read-only');
    expect((await failure(core.dispatch('journeys.delete', { id: journey.id }))).message).toContain('stop it before deleting');

    const second = (await core.dispatch('journeys.newDraft', { versionId: draft.id })) as JourneyDetail;
    expect(second.version).toMatchObject({ number: 2, status: 'draft', graph });
    expect((await failure(core.dispatch('journeys.newDraft', { versionId: draft.id }))).message).toContain('already a draft');

    const republished = (await core.dispatch('journeys.publish', { versionId: second.version.id })) as JourneyDetail;
    expect(republished.versions.map((v) => `${v.number}:${v.status}`)).toEqual(['2:live', '1:closed']);
    const stopped = (await core.dispatch('journeys.stop', { versionId: second.version.id })) as JourneyDetail;
    expect(stopped.version.status).toBe('stopped');
    expect(stopped.journey.status).toBe('stopped');
    await core.close();
  });

  it('duplicates a journey with its canvas', async () => {
    const { core, graph, draft, journey } = await journeyWithAudience();
    await core.dispatch('journeys.saveDraft', { versionId: draft.id, graph, layout });
    const copy = (await core.dispatch('journeys.duplicate', { id: journey.id })) as JourneySummary;
    const opened = (await core.dispatch('journeys.open', { id: copy.id })) as JourneyDetail;
    expect(opened.version).toMatchObject({ number: 1, status: 'draft', graph, layout });
    await core.close();
  });
});

describe('journey files', () => {
  it('export then import is exact', async () => {
    const { core, graph, draft } = await journeyWithAudience();
    await core.dispatch('journeys.saveDraft', { versionId: draft.id, graph, layout });
    const exported = (await core.dispatch('journeys.exportFile', { versionId: draft.id })) as { fileName: string; content: string };
    expect(exported.fileName).toBe('Welcome.journey.json');
    const imported = (await core.dispatch('journeys.importFile', { content: exported.content })) as JourneySummary;
    const opened = (await core.dispatch('journeys.open', { id: imported.id })) as JourneyDetail;
    expect(opened.version.graph).toEqual(graph);
    expect(opened.version.layout).toEqual(layout);
    const again = (await core.dispatch('journeys.exportFile', { versionId: opened.version.id })) as { content: string };
    expect(again.content).toBe(exported.content);
    await core.close();
  });

  const file = (patch: Record<string, unknown> = {}) =>
    JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 1, name: 'W', graph: welcomeSeries(), layout: {}, messages: welcomeMessages(), ...patch });

  it('round-trips through serialize and parse', () => {
    const parsed = parseJourneyFile(file());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parseJourneyFile(serializeJourneyFile(parsed.file))).toEqual(parsed);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['another format', JSON.stringify({ format: 'other' }), 'not a Journey Studio journey file'],
    ['a newer version', file({ formatVersion: 3 }), 'format version 3; this build reads version 1'],
    ['an unknown activity', file({ graph: { nodes: [{ id: 'n_x', type: 'sms', config: {}, next: {} }] } }), 'does not know: “sms”'],
    ['a broken link', file({ graph: { nodes: [{ id: 'n_e', type: 'end', config: {}, next: { next: 'n_gone' } }] } }), 'leads to n_gone'],
    ['a layout of a missing step', file({ layout: { n_ghost: { x: 1, y: 2 } } }), 'places n_ghost'],
    ['a message it does not carry', file({ messages: welcomeMessages().slice(1) }), 'does not carry'],
    ['a bad setting', file({ graph: { nodes: [{ id: 'n_w', type: 'wait', config: { kind: 'timeOfDay', at: '25:00' }, next: {} }] } }), 'Use a time like 09:30'],
  ])('refuses %s with the reason', (_what, content, reason) => {
    const parsed = parseJourneyFile(content);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('the documented JSON Schema', () => {
  it('is the one generated from the studio’s schema (run `npx tsx scripts/journey-schema.ts` after changing it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { journeyFileJsonSchema } = await import('../../shared/journey-file-schema');
    expect(JSON.parse(readFileSync('docs/journey-format.schema.json', 'utf8'))).toEqual(journeyFileJsonSchema());
  });
});
