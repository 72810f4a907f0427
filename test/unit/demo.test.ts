import { describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from '../../main/services/demo/seed-demo';
import { openTestCore } from './helpers/core';

describe('the demo workspace', () => {
  it('fills every section with real, connected data that the simulators accept', async () => {
    const core = openTestCore({ seedSandboxChannel: true });
    const steps: string[] = [];
    await seedDemoWorkspace(core, { profiles: 40, onProgress: (s) => steps.push(s) });
    const call = <T,>(channel: string, input: unknown = {}) => core.dispatch(channel, input) as Promise<T>;

    expect((await call<{ profiles: number }>('profiles.stats')).profiles).toBe(40);
    const devices = await call<{ profileId: number; tokenState: string; installed: boolean }[]>('sandbox.devices.list', {});
    expect(devices.length).toBeGreaterThanOrEqual(40);
    expect(devices.every((d) => d.profileId >= 1 && d.profileId <= 40)).toBe(true);
    const profile = await call<{ registrations: { status: string; appId: string }[]; attributes: { person: { firstName: string } } }>('profiles.get', { id: 1 });
    expect(profile.registrations.length).toBeGreaterThan(0);
    expect(profile.attributes.person.firstName).toMatch(/^\p{L}+$/u);

    const messages = await call<{ name: string; channelId: string }[]>('messages.list');
    expect(messages.map((m) => m.name).sort()).toEqual(['Gold welcome', 'We miss you', 'Welcome aboard']);
    expect((await call<{ name: string }[]>('audiences.list')).map((a) => a.name).sort()).toEqual(['Everyone with the app', 'Gold and platinum members']);
    const [journey] = await call<{ id: string; name: string }[]>('journeys.list');
    expect(journey?.name).toBe('Welcome series');
    // The demo journey is complete: it could be published as it is.
    const detail = await call<{ version: { id: string } }>('journeys.open', { id: journey!.id });
    const published = await call<{ version: { status: string } }>('journeys.publish', { versionId: detail.version.id });
    expect(published.version.status).toBe('live');
    expect(steps.at(-1)).toBe('The demo workspace is ready.');
    // The demo doesn't tick the marketer's quick start (publishing above did, as the marketer did it).
    const quick = await call<{ steps: { id: string; done: boolean }[] }>('quickstart.get');
    expect(quick.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['publish']);
    await core.close();
  });
});
