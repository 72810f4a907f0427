import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createAdjustableClock } from '../../main/services/clock';
import { openTestCore } from './helpers/core';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

type Clock = { now: string; aheadSeconds: number; adjustable: boolean };

function open(virtualTime: boolean, workspaceDir?: string) {
  const core = openTestCore({ seedSandboxChannel: true, virtualTime, delivery: { pollMs: 50 }, ...(workspaceDir ? { workspaceDir } : {}) });
  cores.push(core);
  const call = <T = unknown,>(channel: string, input: unknown = {}) => core.dispatch(channel as never, input) as Promise<T>;
  return { core, call };
}

describe('virtual time (serve --virtual-time)', () => {
  it('moving the clock on ends waits: a live journey sends its push a day later, to the phone', async () => {
    const { core, call } = open(true);
    const told: Clock[] = [];
    core.events.on((e) => e.name === 'engine.clock.changed' && told.push(e.payload as Clock));
    const [channel] = await call<{ id: string }[]>('channels.list');
    const phone = await call<{ id: string; profileId: number }>('sandbox.devices.install', { os: 'ios' });
    const audience = await call<{ id: string }>('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
    const journey = await call<{ id: string }>('journeys.importFile', {
      content: JSON.stringify({
        format: 'journey-studio/journey',
        formatVersion: 1,
        name: 'Tomorrow',
        graph: {
          nodes: [
            { id: 'n_entry', type: 'entry.audience', config: { audienceId: audience.id, schedule: { kind: 'once' } }, next: { next: 'n_wait' } },
            { id: 'n_wait', type: 'wait', config: { kind: 'duration', seconds: 86_400 }, next: { next: 'n_push' } },
            { id: 'n_push', type: 'message', config: { messageId: 'msg_tomorrow01' }, next: { next: 'n_end' } },
            { id: 'n_end', type: 'end', config: {}, next: {} },
          ],
        },
        layout: {},
        messages: [{ id: 'msg_tomorrow01', name: 'Tomorrow', channelId: channel!.id, content: { title: 'A day later', body: 'Hello' } }],
      }),
    });
    const { version } = await call<{ version: { id: string } }>('journeys.open', { id: journey.id });
    await call('journeys.publish', { versionId: version.id });
    await core.engine.idle();
    await expect.poll(async () => (await call<{ nodes: Record<string, { waiting: number }> }>('engine.counts', { versionId: version.id })).nodes.n_wait?.waiting).toBe(1);

    // An hour on, still waiting; a day on, the push goes.
    const hour = await call<Clock>('engine.clock.advance', { seconds: 3600 });
    expect(hour).toMatchObject({ adjustable: true, aheadSeconds: 3600 });
    expect(Date.parse(hour.now) - Date.now()).toBeGreaterThan(3590_000);
    expect((await call<{ nodes: Record<string, { waiting: number }> }>('engine.counts', { versionId: version.id })).nodes.n_wait?.waiting).toBe(1);
    await call('engine.clock.advance', { seconds: 86_400 });
    expect(await call('delivery.drain', {})).toMatchObject({ delivered: 1 });
    const [received] = await call<{ title: string; receivedAt: string; link: { profileId: number } }[]>('tracking.notifications', { deviceId: phone.id });
    expect(received).toMatchObject({ title: 'A day later', link: { profileId: phone.profileId } });
    // The phone lives in the studio's time: it got the push "tomorrow".
    expect(Date.parse(received!.receivedAt) - Date.now()).toBeGreaterThan(89_000_000);
    expect(told.map((t) => t.aheadSeconds)).toEqual([3600, 90_000]);
    expect(await call<Clock>('engine.clock.get')).toMatchObject({ aheadSeconds: 90_000, adjustable: true });
  });

  it('a phone installed and uninstalled after the clock moved on answers 410 and its token is invalidated: the phone and the profile agree on the time', async () => {
    const { call } = open(true);
    await call('engine.clock.advance', { seconds: 86_400 });
    const [channel] = await call<{ id: string }[]>('channels.list');
    const phone = await call<{ id: string; profileId: number }>('sandbox.devices.install', { os: 'ios' });
    const message = await call<{ id: string }>('messages.create', { name: 'Hello', channelId: channel!.id, content: { title: 'Hello', body: 'Hi' } });
    await call('sandbox.devices.uninstall', { deviceId: phone.id });
    expect(await call('delivery.testSend', { messageId: message.id, profileIds: [phone.profileId] })).toMatchObject({ queued: 1 });
    await call('delivery.drain', {});
    await expect.poll(async () => (await call<{ rows: { reason: string | null }[] }>('delivery.log.page', {})).rows.map((r) => r.reason)).toEqual(['Unregistered']);
    const profile = await call<{ registrations: { status: string }[] }>('profiles.get', { id: phone.profileId });
    expect(profile.registrations.map((r) => r.status)).toEqual(['invalid']);
  });

  it('a studio on real time says so and refuses to move', async () => {
    const { call } = open(false);
    expect(await call<Clock>('engine.clock.get')).toMatchObject({ aheadSeconds: 0, adjustable: false });
    await expect(call('engine.clock.advance', { seconds: 3600 })).rejects.toThrow('runs on real time');
    await expect(call('engine.clock.advance', { seconds: 5 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('a workspace keeps where its clock was left: a restart starts there again, and on real time it still never runs backwards', async () => {
    const first = open(true);
    const dir = first.core.workspace.dir;
    await first.call('engine.clock.advance', { seconds: 2 * 86_400 });
    await first.core.close();

    const again = open(true, dir);
    expect(await again.call<Clock>('engine.clock.get')).toMatchObject({ aheadSeconds: 2 * 86_400, adjustable: true });
    await again.call('engine.clock.advance', { seconds: 3600 });
    await again.core.close();

    // Opened without --virtual-time: the clock can't be moved, but stays where the workspace's data is.
    const real = open(false, dir);
    const clock = await real.call<Clock>('engine.clock.get');
    expect(clock).toMatchObject({ aheadSeconds: 2 * 86_400 + 3600, adjustable: false });
    expect(Date.parse(clock.now) - Date.now()).toBeGreaterThan((2 * 86_400 + 3590) * 1000);
    await expect(real.call('engine.clock.advance', { seconds: 60 })).rejects.toThrow('runs on real time');
  });

  it('the adjustable clock follows real time, ahead by what it was moved, and never goes back', () => {
    let real = 1_000_000;
    const clock = createAdjustableClock({ now: () => new Date(real) });
    clock.advance(5000);
    real += 10;
    expect(clock.now().getTime()).toBe(1_005_010);
    expect(clock.aheadMs()).toBe(5000);
    expect(() => clock.advance(-1)).toThrow('only moves forward');
  });
});
