import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createDeliveryLog } from '../../main/services/delivery/log-store';
import { logStream } from '../../main/services/reports/log-export';
import { openWorkspace } from '../../main/services/workspace/workspace';
import type { DeliveryLogRow } from '../../shared/domain/delivery';
import type { JourneyGraph } from '../../shared/domain/journey-graph';
import { openTestCore } from './helpers/core';
import { pushJourneyFile } from './helpers/journey-files';
import { tempDir } from './helpers/temp-workspace';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

const text = async (stream: AsyncIterable<unknown>) => {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
};
const stepsOf = (rows: DeliveryLogRow[]) => Object.fromEntries(rows.map((r) => [r.nodeId ?? 'test send', r.nodeName]));

describe('the delivery log names journey steps', () => {
  it('as the marketer named them on the canvas (the kind when unnamed), by the version that sent the push', async () => {
    const core = openTestCore({ seedSandboxChannel: true, delivery: { pollMs: 50 } });
    cores.push(core);
    const call = <T = unknown,>(channel: string, input: unknown = {}) => core.dispatch(channel as never, input) as Promise<T>;
    const [channel] = await call<{ id: string }[]>('channels.list');
    await call('sandbox.devices.install', { os: 'ios' });
    const audience = await call<{ id: string }>('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
    const journey = await call<{ id: string }>('journeys.importFile', {
      content: pushJourneyFile({
        name: 'Welcome',
        audienceId: audience.id,
        channelId: channel!.id,
        message: { id: 'msg_hello0001', name: 'Hello', title: 'Hello', body: 'Welcome aboard' },
        steps: [{ id: 'n_hello', name: 'Say hello' }, { id: 'n_again' }],
      }),
    });
    const { version } = await call<{ version: { id: string; graph: JourneyGraph } }>('journeys.open', { id: journey.id });
    await call('journeys.publish', { versionId: version.id });
    await core.engine.idle();
    expect(await call('delivery.drain', {})).toMatchObject({ delivered: 2 });
    const page = await call<{ rows: DeliveryLogRow[] }>('delivery.log.page', {});
    expect(stepsOf(page.rows)).toEqual({ n_hello: 'Say hello', n_again: 'Push message' });
    expect(page.rows.map((r) => [r.journeyName, r.messageName])).toEqual([['Welcome', 'Hello'], ['Welcome', 'Hello']]);

    // Renamed and removed in the next draft: what was sent by version 1 keeps version 1's names.
    const draft = await call<{ version: { id: string } }>('journeys.newDraft', { versionId: version.id });
    const nodes = version.graph.nodes.filter((n) => n.id !== 'n_again').map((n) => (n.id === 'n_hello' ? { ...n, name: 'Greeting', next: { next: 'n_end' } } : n));
    await call('journeys.saveDraft', { versionId: draft.version.id, graph: { nodes }, layout: {} });
    const again = await call<{ rows: DeliveryLogRow[] }>('delivery.log.page', {});
    expect(stepsOf(again.rows)).toEqual({ n_hello: 'Say hello', n_again: 'Push message' });
    const detail = await call<{ row: DeliveryLogRow; attempts: DeliveryLogRow[] }>('delivery.log.get', { id: again.rows[0]!.id });
    expect(detail.row.nodeName).toBe(again.rows[0]!.nodeName);
    expect(detail.attempts.every((a) => a.nodeName === detail.row.nodeName)).toBe(true);
  });

  it('follows a draft’s renames, finds a deleted step in older versions, and says when no version has it; the export says the same', async () => {
    const workspace = openWorkspace(tempDir());
    const db = workspace.db;
    const at = '2026-03-01T10:00:00.000Z';
    const graph = (nodes: { id: string; name?: string; type?: string }[]) =>
      JSON.stringify({ nodes: nodes.map((n) => ({ type: 'message', config: {}, next: {}, ...n })) });
    db.prepare('INSERT INTO journeys (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('jny_a', 'A', at, at);
    const version = db.prepare("INSERT INTO journey_versions (id, journey_id, number, status, graph, layout, created_at, updated_at) VALUES (?, 'jny_a', ?, ?, ?, '{}', ?, ?)");
    version.run('jv_1', 1, 'stopped', graph([{ id: 'n_old', name: 'Old offer' }, { id: 'n_push', name: 'First name' }]), at, at);
    version.run('jv_2', 2, 'draft', graph([{ id: 'n_push', name: 'Draft name' }, { id: 'n_gone', name: 'Soon gone' }]), at, at);
    const outbox = db.prepare(
      `INSERT INTO outbox (dedupe_key, origin, message_id, channel_id, journey_id, version_id, node_id, run_id, platform, app_id, token, request, not_before, created_at, updated_at)
       VALUES (?, ?, 'msg', 'chn', ?, ?, ?, 'run', 'apns', 'com.app', 'tok', '{}', ?, ?, ?)`,
    );
    const attempt = db.prepare(
      `INSERT INTO delivery_attempts (outbox_id, at, run_id, journey_id, node_id, message_id, channel_id, token, platform, app_id, outcome, attempt, final)
       VALUES (?, ?, 'run', ?, ?, 'msg', 'chn', 'tok', 'apns', 'com.app', 'delivered', 1, 1)`,
    );
    const send = (key: string, origin: string, journeyId: string | null, versionId: string | null, nodeId: string | null) => {
      const id = Number(outbox.run(key, origin, journeyId, versionId, nodeId, at, at, at).lastInsertRowid);
      attempt.run(id, at, journeyId, nodeId);
    };
    send('1', 'test', 'jny_a', 'jv_2', 'n_push');
    send('2', 'test', 'jny_a', 'jv_2', 'n_gone');
    send('3', 'test', 'jny_a', 'jv_2', 'n_old');
    send('4', 'test', 'jny_a', 'jv_2', 'n_never');
    send('5', 'campaign', 'cmp_x', 'cmp_x', 'n_message');
    send('6', 'test', null, null, null);
    db.prepare("INSERT INTO campaigns (id, name, message_id, audience_id, send_at, status, settings, created_at, updated_at) VALUES ('cmp_x', 'Spring sale', 'msg', 'aud', 0, 'done', '{}', ?, ?)").run(at, at);
    const log = createDeliveryLog(db);
    const names = () => stepsOf(log.page({}, undefined, 100).rows);
    expect(names()).toEqual({ n_push: 'Draft name', n_gone: 'Soon gone', n_old: 'Old offer', n_never: null, n_message: 'Push message', 'test send': null });
    // The journey column names the journey or the campaign; a test send has neither.
    expect(Object.fromEntries(log.page({}, undefined, 100).rows.map((r) => [r.journeyId ?? 'test send', r.journeyName]))).toEqual({ jny_a: 'A', cmp_x: 'Spring sale', 'test send': null });

    // The export carries the same names beside the ids.
    const exported = (await text(logStream(db, {}, 'csv'))).trim().split('\r\n').map((line) => line.split(','));
    const [header, ...rows] = exported;
    const at_ = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => [r[at_('journey_name')], r[at_('node_id')], r[at_('step_name')]])).toEqual([
      ['A', 'n_push', 'Draft name'],
      ['A', 'n_gone', 'Soon gone'],
      ['A', 'n_old', 'Old offer'],
      ['A', 'n_never', ''],
      ['Spring sale', 'n_message', 'Push message'],
      ['', '', ''],
    ]);

    // The draft is edited: the log reads it again (and only because it moved).
    db.prepare("UPDATE journey_versions SET graph = ?, updated_at = '2026-03-01T10:05:00.000Z' WHERE id = 'jv_2'").run(graph([{ id: 'n_push', name: '  ' }]));
    expect(names()).toMatchObject({ n_push: 'Push message', n_gone: null, n_old: 'Old offer' });
    workspace.close();
  });
});
