import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { newId } from '../../main/services/ids';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { SANDBOX_BUNDLE_ID } from '../../main/simulators/credentials';
import { openTestCore } from './helpers/core';
import { outboxItems, registerDevices } from './helpers/delivery';

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
    const iphone = (await core.dispatch('sandbox.devices.install', { os: 'ios' })) as { id: string };
    const pixel = (await core.dispatch('sandbox.devices.install', { os: 'android' })) as { id: string };
    const told: unknown[] = [];
    core.events.on((e) => e.name === 'sandbox.notifications.changed' && told.push(e.payload));
    const sent = (await core.dispatch('delivery.testSend', { messageId, deviceIds: [iphone.id, pixel.id] })) as { runId: string; queued: number };
    expect(sent.queued).toBe(2);
    const summary = (await core.dispatch('delivery.drain', {})) as { delivered: number };
    expect(summary.delivered).toBe(2);
    for (const phone of [iphone, pixel]) {
      const [received] = (await core.dispatch('tracking.notifications', { deviceId: phone.id })) as { title: string }[];
      expect(received!.title).toBe('Hi there');
    }
    // The phones' lists are told, once per phone.
    await expect.poll(() => told).toEqual(expect.arrayContaining([{ deviceId: iphone.id }, { deviceId: pixel.id }]));
    const page = (await core.dispatch('delivery.log.page', {})) as { rows: { id: number; outcome: string; platform: string; providerId: string }[] };
    expect(page.rows.map((r) => r.outcome)).toEqual(['delivered', 'delivered']);
    // No key material anywhere the log reaches: the detail, the rows, the counts, the stored log.
    const credentials = core.sandbox.credentials();
    const stored = core.workspace.db.prepare('SELECT * FROM delivery_attempts').all();
    for (const row of page.rows) {
      const detail = await core.dispatch('delivery.log.get', { id: row.id });
      for (const text of [JSON.stringify(detail), JSON.stringify(page), JSON.stringify(await core.dispatch('delivery.log.counts', {})), JSON.stringify(stored)]) {
        expect(text).not.toMatch(/PRIVATE KEY|private_key|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|ya29\./);
        expect(text).not.toContain(credentials.apns.privateKeyPem.split('\n')[1]!);
        expect(text).not.toContain(credentials.fcm.private_key.split('\n')[1]!);
      }
      expect(JSON.stringify(detail)).toMatch(/redacted/);
    }
    const counts = (await core.dispatch('delivery.log.counts', {})) as { total: number; byOutcome: Record<string, number> };
    expect(counts).toMatchObject({ total: 2, byOutcome: { delivered: 2 } });
  });
});

describe('delivery: token feedback', () => {
  it('a 410 marks the registration invalid with reason and time; the token is not targeted again', async () => {
    const { core, messageId } = await sandboxCore();
    const sandbox = await core.sandbox.start();
    const phone = sandbox.devices.registerIos({ bundleId: SANDBOX_BUNDLE_ID, environment: 'sandbox' });
    const profiles = createProfileStore(core.workspace.db, () => newId('ecid'));
    // Registered before the app was removed: the 410 is newer, so the token dies.
    const { profileId } = profiles.syncDeviceRegistration({ appId: SANDBOX_BUNDLE_ID, platform: 'apnsSandbox', token: phone.token });
    await new Promise((r) => setTimeout(r, 5));
    sandbox.devices.uninstall(phone.id);
    await core.dispatch('delivery.testSend', { messageId, profileIds: [profileId] });
    const summary = (await core.dispatch('delivery.drain', {})) as { tokenInvalid: number };
    expect(summary.tokenInvalid).toBe(1);
    const registration = profiles.get(profileId).registrations[0]!;
    expect(registration).toMatchObject({ status: 'invalid', statusReason: 'Unregistered' });
    // The log row's detail says what became of the token on the profile.
    const [row] = ((await core.dispatch('delivery.log.page', {})) as { rows: { id: number }[] }).rows;
    const detail = (await core.dispatch('delivery.log.get', { id: row!.id })) as { registration: unknown };
    expect(detail.registration).toEqual({ profileId, status: 'invalid', reason: 'Unregistered', at: registration.statusAt });
    const again = (await core.dispatch('delivery.testSend', { messageId, profileIds: [profileId] })) as { queued: number; skipped: string[] };
    expect(again.queued).toBe(0);
    expect(again.skipped[0]).toMatch(/no valid device/);
    // A row already queued for the dead token is not sent either.
    const outbox = core.delivery.outbox;
    outbox.enqueue([{ ...outboxItems(1, { ios: [phone], android: [phone] }, 'run_late')[0]!, channelId: (await core.dispatch('channels.list', {}) as { id: string }[])[0]!.id }]);
    const before = sandbox.apns.counters.snapshot().received;
    await core.dispatch('delivery.drain', {});
    expect(sandbox.apns.counters.snapshot().received).toBe(before);
    expect(outbox.byRun('run_late')[0]).toMatchObject({ status: 'failed', outcome: 'tokenInvalid' });
  });

  it('a registration newer than the 410 timestamp wins: it stays valid', async () => {
    const { core, messageId } = await sandboxCore();
    const sandbox = await core.sandbox.start();
    const phone = sandbox.devices.registerIos({ bundleId: SANDBOX_BUNDLE_ID, environment: 'sandbox' });
    sandbox.devices.uninstall(phone.id);
    await new Promise((r) => setTimeout(r, 5));
    // The same token registered again after Apple learned it was dead (a restore, a late sync).
    const profiles = createProfileStore(core.workspace.db, () => newId('ecid'));
    const { profileId } = profiles.syncDeviceRegistration({ appId: SANDBOX_BUNDLE_ID, platform: 'apnsSandbox', token: phone.token });
    await core.dispatch('delivery.testSend', { messageId, profileIds: [profileId] });
    await core.dispatch('delivery.drain', {});
    expect(profiles.get(profileId).registrations[0]!.status).toBe('valid');
    const page = (await core.dispatch('delivery.log.page', {})) as { rows: { outcome: string; reason: string }[] };
    expect(page.rows[0]).toMatchObject({ outcome: 'tokenInvalid', reason: 'Unregistered' });
  });
});

describe('delivery: pause, resume, cancel, rate limit, retry a run', () => {
  async function queued(count: number, journeyId: string) {
    const { core, channelId } = await sandboxCore();
    const sandbox = await core.sandbox.start();
    const devices = registerDevices(sandbox, 5);
    const runId = `run_${journeyId}`;
    core.delivery.outbox.enqueue(outboxItems(count, devices, runId).map((item) => ({ ...item, channelId, journeyId, dedupeKey: `${journeyId}:${item.dedupeKey}` })));
    return { core, sandbox, runId };
  }

  it('a paused journey waits; resumed, it is sent; cancelled, nothing more goes', async () => {
    const { core, runId } = await queued(10, 'jny_paused');
    await core.dispatch('delivery.pause', { journeyId: 'jny_paused' });
    let summary = (await core.dispatch('delivery.drain', {})) as { claimed: number; delivered: number };
    expect(summary.claimed).toBe(0);
    expect((await core.dispatch('delivery.state', {})) as object).toMatchObject({ pausedJourneys: ['jny_paused'], waiting: 10 });
    await core.dispatch('delivery.resume', { journeyId: 'jny_paused' });
    summary = (await core.dispatch('delivery.drain', {})) as { claimed: number; delivered: number };
    expect(summary.delivered).toBe(10);
    expect(core.delivery.outbox.byRun(runId).every((r) => r.status === 'delivered')).toBe(true);

    const other = await queued(6, 'jny_cancelled');
    expect(await other.core.dispatch('delivery.cancel', { journeyId: 'jny_cancelled' })).toEqual({ cancelled: 6 });
    const after = (await other.core.dispatch('delivery.drain', {})) as { claimed: number };
    expect(after.claimed).toBe(0);
    expect(other.core.delivery.outbox.byRun(other.runId).every((r) => r.status === 'cancelled')).toBe(true);
  });

  it('a per-app rate limit spaces the sending out', async () => {
    const { core } = await queued(60, 'jny_limited');
    await core.dispatch('delivery.setRateLimit', { appId: SANDBOX_BUNDLE_ID, perSecond: 40 });
    const started = Date.now();
    const summary = (await core.dispatch('delivery.drain', {})) as { delivered: number };
    expect(summary.delivered).toBe(60);
    // 40 may go at once, the next 20 need another half second at 40/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('retryable failures that ran out of attempts are sent again on demand', async () => {
    const { core, sandbox, runId } = await queued(8, 'jny_retry');
    sandbox.apns.faults.set({ errorRates: { ServiceUnavailable: 1 } });
    sandbox.fcm.faults.set({ errorRates: { UNAVAILABLE: 1 } });
    const failed = (await core.dispatch('delivery.drain', {})) as { failed: number; retried: number };
    expect(failed.failed).toBe(8);
    expect(failed.retried).toBe(8 * 5);
    sandbox.apns.faults.reset();
    sandbox.fcm.faults.reset();
    expect(await core.dispatch('delivery.retryRun', { runId })).toEqual({ requeued: 8 });
    const retried = (await core.dispatch('delivery.drain', {})) as { delivered: number };
    expect(retried.delivered).toBe(8);
  });
});
