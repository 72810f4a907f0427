import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { openTestCore } from './helpers/core';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

async function sandboxCore() {
  const core = openTestCore({ seedSandboxChannel: true, delivery: { pollMs: 50, backoff: { baseMs: 10, maxMs: 200, maxAttempts: 6 } } });
  cores.push(core);
  const [channel] = (await core.dispatch('channels.list', {})) as { id: string }[];
  const message = (await core.dispatch('messages.create', { name: 'Hello', channelId: channel!.id, content: undefined })) as { id: string };
  await core.dispatch('messages.update', { id: message.id, content: { ...((await core.dispatch('messages.get', { id: message.id })) as { content: object }).content, title: 'Hi there', body: 'A test push' } });
  return { core, channelId: channel!.id, messageId: message.id };
}

describe('delivery: test send through the sandbox', () => {
  it('sends to a simulated iPhone and Android phone, logs both, and the devices show them', async () => {
    const { core, messageId } = await sandboxCore();
    const iphone = (await core.dispatch('sandbox.addDevice', { platform: 'ios' })) as { id: string };
    const pixel = (await core.dispatch('sandbox.addDevice', { platform: 'android' })) as { id: string };
    const sent = (await core.dispatch('delivery.testSend', { messageId, deviceIds: [iphone.id, pixel.id] })) as { runId: string; queued: number };
    expect(sent.queued).toBe(2);
    const summary = (await core.dispatch('delivery.drain', {})) as { delivered: number };
    expect(summary.delivered).toBe(2);
    const devices = (await core.dispatch('sandbox.devices', {})) as { id: string; notifications: { title: string }[] }[];
    expect(devices.find((d) => d.id === iphone.id)!.notifications[0]!.title).toBe('Hi there');
    expect(devices.find((d) => d.id === pixel.id)!.notifications[0]!.title).toBe('Hi there');
    const page = (await core.dispatch('delivery.log.page', {})) as { rows: { id: number; outcome: string; platform: string; providerId: string }[] };
    expect(page.rows.map((r) => r.outcome)).toEqual(['delivered', 'delivered']);
    const detail = (await core.dispatch('delivery.log.get', { id: page.rows[0]!.id })) as object;
    const text = JSON.stringify(detail);
    expect(text).not.toMatch(/PRIVATE KEY|private_key|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    const counts = (await core.dispatch('delivery.log.counts', {})) as { total: number; byOutcome: Record<string, number> };
    expect(counts).toMatchObject({ total: 2, byOutcome: { delivered: 2 } });
  });
});
