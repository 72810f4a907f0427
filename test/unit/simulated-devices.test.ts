import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createFcmMessaging } from '../../main/services/providers/fcm-messaging';
import { openTestCore } from './helpers/core';
import { file, p8Pem, serviceAccountJson } from './helpers/credentials';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function withProfile() {
  core = openTestCore();
  const c = core;
  const call = <T,>(channel: string, input: unknown) => c.dispatch(channel as never, input) as Promise<T>;
  // A profile as an import leaves it: an email, no devices.
  const { staged } = c;
  const { writeFileSync } = await import('node:fs');
  const { tempDir } = await import('./helpers/temp-workspace');
  const file = `${tempDir()}/people.csv`;
  writeFileSync(file, 'identity.email,firstName\nada@example.com,Ada\n');
  const { uploadId } = staged.stagePath(file);
  const events: { name: string; payload: unknown }[] = [];
  c.events.on((e) => events.push(e));
  const started = await call<{ jobId: string }>('profiles.import.start', { uploadId });
  await expect.poll(async () => (await call<{ state: string }>('profiles.import.get', { jobId: started.jobId })).state).toBe('done');
  return { core: c, call, events, profileId: 1 };
}

type Device = { id: string; token: string; ecid: string; profileId: number; platform: string; tokenState: string; previousTokens: { token: string; state: string }[] };
type Detail = { identities: { namespace: string; value: string }[]; registrations: { token: string; platform: string; status: string; ecid: string; appId: string }[] };

describe('simulated devices sync their tokens to profiles (as the mobile SDK does)', () => {
  it('installing the Sandbox app on an iPhone for a profile adds its token under a new ECID to that profile', async () => {
    const { call, events, profileId } = await withProfile();
    const iphone = await call<Device>('sandbox.devices.install', { os: 'ios', profileId });
    expect(iphone).toMatchObject({ profileId, platform: 'apnsSandbox', tokenState: 'live' });
    expect(iphone.token).toMatch(/^[0-9a-f]{64}$/);
    const detail = await call<Detail>('profiles.get', { id: profileId });
    expect(detail.registrations).toEqual([expect.objectContaining({ token: iphone.token, platform: 'apnsSandbox', status: 'valid', ecid: iphone.ecid, appId: 'com.journeystudio.sandbox' })]);
    expect(detail.identities).toContainEqual({ namespace: 'ECID', value: iphone.ecid });
    expect(events.map((e) => e.name)).toContain('sandbox.devices.changed');
    expect(events).toContainEqual({ name: 'profiles.changed', payload: { change: 'devices', ids: [profileId] } });
    expect(await call<Device[]>('sandbox.devices.list', { profileId })).toHaveLength(1);
    expect(await call<Device[]>('sandbox.devices.list', { profileId: 999 })).toHaveLength(0);
  });

  it('Android: reinstall and clear data give a new token and a new ECID on the same profile, and the old token answers UNREGISTERED', async () => {
    const { core: c, call, profileId } = await withProfile();
    const pixel = await call<Device>('sandbox.devices.install', { os: 'android', profileId });
    expect(pixel.platform).toBe('fcm');
    const reinstalled = await call<Device>('sandbox.devices.reinstall', { deviceId: pixel.id });
    expect(reinstalled.token).not.toBe(pixel.token);
    expect(reinstalled.ecid).not.toBe(pixel.ecid);
    expect(reinstalled.profileId).toBe(profileId);
    expect(reinstalled.previousTokens).toEqual([{ token: pixel.token, state: 'dead' }]);
    const cleared = await call<Device>('sandbox.devices.clearData', { deviceId: pixel.id });
    expect(new Set([pixel.ecid, reinstalled.ecid, cleared.ecid]).size).toBe(3);
    expect(cleared.previousTokens.map((t) => t.state)).toEqual(['dead', 'dead']);

    const detail = await call<Detail>('profiles.get', { id: profileId });
    expect(detail.registrations.map((r) => r.token).sort()).toEqual([pixel.token, reinstalled.token, cleared.token].sort());
    expect(detail.identities.filter((i) => i.namespace === 'ECID')).toHaveLength(3);

    // The provider's word on the old token: a send to it fails with UNREGISTERED, to the new one it arrives.
    const sandbox = await c.sandbox.start();
    const fcm = createFcmMessaging({ serviceAccount: c.sandbox.credentials().fcm, target: { host: sandbox.fcm.host, port: sandbox.fcm.port, caPem: sandbox.caPem } });
    try {
      await expect(fcm.messaging.send({ token: pixel.token, notification: { title: 'hi' } })).rejects.toMatchObject({ code: 'messaging/registration-token-not-registered' });
      await expect(fcm.messaging.send({ token: cleared.token, notification: { title: 'hi' } })).resolves.toMatch(/^projects\//);
    } finally {
      await fcm.close();
    }
    expect((await call<(Device & { notifications: number })[]>('sandbox.devices.list', { profileId }))[0]!.notifications).toBe(1);
  });

  it('iOS: a reinstall gives a new token and ECID; the old token goes stale (APNs keeps accepting it), not dead', async () => {
    const { call, profileId } = await withProfile();
    const iphone = await call<Device>('sandbox.devices.install', { os: 'ios', profileId });
    const again = await call<Device>('sandbox.devices.reinstall', { deviceId: iphone.id });
    expect(again.previousTokens).toEqual([{ token: iphone.token, state: 'stale' }]);
    expect(again.ecid).not.toBe(iphone.ecid);
    await expect(call('sandbox.devices.clearData', { deviceId: iphone.id })).rejects.toMatchObject({ code: 'invalid_input' });
    const uninstalled = await call<Device & { installed: boolean }>('sandbox.devices.uninstall', { deviceId: iphone.id });
    expect(uninstalled).toMatchObject({ installed: false, tokenState: 'dead' });
    // The store keeps both tokens valid until a send says otherwise: the studio cannot know before.
    const detail = await call<Detail>('profiles.get', { id: profileId });
    expect(detail.registrations.map((r) => r.status)).toEqual(['valid', 'valid']);
  });

  it('a device installed without a profile, or registered straight on the sandbox, gets a new profile; unknown profiles and devices are refused', async () => {
    const { core: c, call } = await withProfile();
    const device = await call<Device>('sandbox.devices.install', { os: 'android' });
    expect(device.profileId).toBe(2);
    const sandbox = await c.sandbox.start();
    const direct = sandbox.devices.registerIos({ bundleId: 'com.other.app', environment: 'production' });
    const listed = (await call<Device[]>('sandbox.devices.list', {})).find((d) => d.id === direct.id)!;
    expect(listed).toMatchObject({ profileId: 3, platform: 'apns' });
    await expect(call('sandbox.devices.install', { os: 'ios', profileId: 4242 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('sandbox.devices.reinstall', { deviceId: 'dev_00000000-0000' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe("simulated phones hold a sandbox channel's app", () => {
  it("get the channel's bundle id, package and Firebase project, and a test send through the channel reaches both", async () => {
    const { call } = await withProfile();
    // A marketer's own app, sending to the simulators: the sandbox learns its key on first use.
    const shop = await call<{ id: string }>('channels.create', {
      name: 'Shop app',
      target: 'sandbox',
      ios: { bundleId: 'com.shop.app', environment: 'sandbox', auth: { kind: 'p8', file: file('AuthKey_AB12CD34EF.p8', p8Pem()), keyId: 'AB12CD34EF', teamId: 'TEAM123456' } },
      android: { serviceAccount: file('shop.json', serviceAccountJson()) },
    });
    const iphone = await call<Device & { appId: string }>('sandbox.devices.install', { os: 'ios', channelId: shop.id, profileId: 1 });
    const pixel = await call<Device & { appId: string }>('sandbox.devices.install', { os: 'android', channelId: shop.id, profileId: 1 });
    expect(iphone).toMatchObject({ appId: 'com.shop.app', platform: 'apnsSandbox', profileId: 1 });
    expect(pixel).toMatchObject({ appId: 'com.shop.app', platform: 'fcm', profileId: 1 });

    const message = await call<{ id: string; content: object }>('messages.create', { name: 'Hello', channelId: shop.id });
    await call('messages.update', { id: message.id, content: { ...message.content, title: 'Hi from the shop', body: 'Both phones' } });
    expect(await call('delivery.testSend', { messageId: message.id, profileIds: [1] })).toMatchObject({ queued: 2, skipped: [] });
    expect(await call('delivery.drain', {})).toMatchObject({ delivered: 2 });
    const phones = await call<Device[]>('sandbox.devices.list', { profileId: 1 });
    expect(phones.map((d) => (d as Device & { notifications: number }).notifications)).toEqual([1, 1]);
  });

  it('refuses channels that send to Apple and Google, and platforms the channel has no app for', async () => {
    const { call } = await withProfile();
    const live = await call<{ id: string }>('channels.create', { name: 'Live app', target: 'live', android: { serviceAccount: file('shop.json', serviceAccountJson()) } });
    await expect(call('sandbox.devices.install', { os: 'android', channelId: live.id })).rejects.toThrow('can only hold the app of a channel that sends to the sandbox');
    const androidOnly = await call<{ id: string }>('channels.create', { name: 'Droid', target: 'sandbox', android: { packageName: 'com.shop.droid', serviceAccount: file('shop.json', serviceAccountJson()) } });
    await expect(call('sandbox.devices.install', { os: 'ios', channelId: androidOnly.id })).rejects.toThrow('“Droid” has no iOS app');
    expect(await call('sandbox.devices.install', { os: 'android', channelId: androidOnly.id })).toMatchObject({ appId: 'com.shop.droid' });
    expect(await call<Device[]>('sandbox.devices.list', {})).toHaveLength(1);
  });
});

describe('simulated devices outlive a restart', () => {
  it('come back with their tokens, their profile and what the providers say of old tokens', async () => {
    const { call, profileId } = await withProfile();
    const dir = core!.workspace.dir;
    const pixel = await call<Device>('sandbox.devices.install', { os: 'android', profileId });
    const cleared = await call<Device>('sandbox.devices.clearData', { deviceId: pixel.id });
    const iphone = await call<Device>('sandbox.devices.install', { os: 'ios', profileId });
    await core!.close();

    core = openTestCore({ workspaceDir: dir });
    const c = core;
    const again = (await c.dispatch('sandbox.devices.list', { profileId } as never)) as Device[];
    expect(again.map((d) => d.id).sort()).toEqual([pixel.id, iphone.id].sort());
    const restoredPixel = again.find((d) => d.id === pixel.id)!;
    expect(restoredPixel).toMatchObject({ token: cleared.token, tokenState: 'live', profileId, previousTokens: [{ token: pixel.token, state: 'dead' }] });
    // The simulators know the tokens again: a push to the live one is accepted.
    const sandbox = c.sandbox.running()!;
    expect(sandbox.devices.lookup(iphone.token)?.state).toBe('live');
    expect(sandbox.devices.lookup(pixel.token)?.state).toBe('dead');
    // A device installed after the restart still syncs to the profile.
    const another = (await c.dispatch('sandbox.devices.install', { os: 'ios', profileId } as never)) as Device;
    expect(another.profileId).toBe(profileId);
  });
});
