import { describe, expect, it } from 'vitest';
import type { ChannelSummary, ConnectionTestResult } from '../../shared/domain/channel';
import { apnsCheck, fcmCheck } from '../../main/services/channels/connection-words';
import { openTestCore } from './helpers/core';
import { file, p12File, p8Pem, serviceAccountJson } from './helpers/credentials';

const test = (core: ReturnType<typeof openTestCore>, id: string) => core.dispatch('channels.test', { id }) as Promise<ConnectionTestResult>;

async function sandboxChannel(core: ReturnType<typeof openTestCore>, overrides: { keyPem?: string; keyId?: string; teamId?: string; bundleId?: string; sa?: string } = {}) {
  return (await core.dispatch('channels.create', {
    name: 'Shop sandbox',
    target: 'sandbox',
    ios: {
      bundleId: overrides.bundleId ?? 'com.shop.app',
      environment: 'sandbox',
      auth: { kind: 'p8', file: file('AuthKey.p8', overrides.keyPem ?? p8Pem()), keyId: overrides.keyId ?? 'AB12CD34EF', teamId: overrides.teamId ?? 'TEAM123456' },
    },
    android: { serviceAccount: file('sa.json', overrides.sa ?? serviceAccountJson()) },
  })) as ChannelSummary;
}

describe('Test connection against the provider sandbox', () => {
  it('a new workspace has a "Sandbox app" channel whose credentials pass on both platforms', async () => {
    const core = openTestCore({ seedSandboxChannel: true });
    const [channel] = (await core.dispatch('channels.list', {})) as ChannelSummary[];
    expect(channel).toMatchObject({ name: 'Sandbox app', target: 'sandbox', ios: { bundleId: 'com.journeystudio.sandbox', environment: 'sandbox' } });
    const result = await test(core, channel!.id);
    expect(result.checks).toEqual([
      expect.objectContaining({ platform: 'ios', ok: true, summary: expect.stringContaining('APNs (sandbox) accepted key') }),
      expect.objectContaining({ platform: 'android', ok: true, summary: expect.stringContaining('FCM accepted the service account') }),
    ]);
    expect(result.ok).toBe(true);
    expect(result.checks[0]?.providerAnswer).toContain('400 BadDeviceToken');
    await core.close();
  });

  it('imported credentials pass; then a wrong key id, a wrong team and a wrong bundle id each say what is wrong', async () => {
    const core = openTestCore();
    const keyPem = p8Pem();
    const channel = await sandboxChannel(core, { keyPem });
    expect((await test(core, channel.id)).ok).toBe(true);

    const withIos = (ios: { keyId?: string; teamId?: string; bundleId?: string }) =>
      core.dispatch('channels.update', {
        id: channel.id,
        ios: {
          bundleId: ios.bundleId ?? 'com.shop.app',
          environment: 'sandbox',
          auth: { kind: 'p8', file: file('AuthKey.p8', keyPem), keyId: ios.keyId ?? 'AB12CD34EF', teamId: ios.teamId ?? 'TEAM123456' },
        },
      });

    await withIos({ keyId: 'ZZ99ZZ99ZZ' });
    const wrongKey = (await test(core, channel.id)).checks[0]!;
    expect(wrongKey).toMatchObject({ ok: false, summary: 'Apple refused the key: key ID ZZ99ZZ99ZZ or team ID TEAM123456 does not match this .p8 key.' });
    expect(wrongKey.providerAnswer).toContain('InvalidProviderToken');

    await withIos({ teamId: 'OTHERTEAM1' });
    const wrongTeam = (await test(core, channel.id)).checks[0]!;
    expect(wrongTeam.summary).toContain('team ID OTHERTEAM1 does not match');

    await withIos({ bundleId: 'com.someone.else' });
    const wrongBundle = (await test(core, channel.id)).checks[0]!;
    expect(wrongBundle).toMatchObject({ ok: false, summary: expect.stringContaining('send to the bundle ID com.someone.else') });
    expect(wrongBundle.fix).toContain('bundle ID');
    await core.close();
  });

  it('says the clock is wrong when APNs finds the signed token expired', async () => {
    const twoHoursAhead = { now: () => new Date(Date.now() + 2 * 3600_000) };
    const core = openTestCore({ sandbox: { clock: twoHoursAhead } });
    const channel = await sandboxChannel(core);
    const [ios] = (await test(core, channel.id)).checks;
    expect(ios).toMatchObject({ ok: false, summary: expect.stringContaining('clock is probably wrong') });
    expect(ios?.providerAnswer).toContain('ExpiredProviderToken');
    await core.close();
  });

  it('says Google refused a service account whose key is not the registered one', async () => {
    const core = openTestCore();
    const first = await sandboxChannel(core);
    expect((await test(core, first.id)).ok).toBe(true);
    // Same service account name, another key: as if the key had been deleted and a stale file kept.
    const impostor = await sandboxChannel(core, { keyPem: p8Pem(), keyId: 'CD34EF56GH', sa: serviceAccountJson() });
    const android = (await test(core, impostor.id)).checks.find((c) => c.platform === 'android');
    expect(android).toMatchObject({ ok: false, summary: expect.stringContaining('Google refused the service account key') });
    await core.close();
  });

  it('says it cannot reach the provider when nothing answers', async () => {
    const core = openTestCore();
    const channel = await sandboxChannel(core);
    const sandbox = await core.sandbox.start();
    await sandbox.apns.close();
    const [ios] = (await test(core, channel.id)).checks;
    expect(ios).toMatchObject({ ok: false, summary: expect.stringMatching(/^Cannot reach the APNs simulator \(127\.0\.0\.1:\d+\)\.$/) });
    await core.close();
  });

  it('explains that the sandbox takes .p8 keys, not certificates', async () => {
    const core = openTestCore();
    const channel = (await core.dispatch('channels.create', {
      name: 'Cert sandbox',
      target: 'sandbox',
      ios: { bundleId: 'com.shop.app', environment: 'sandbox', auth: { kind: 'p12', file: file('c.p12', p12File({ topic: 'com.shop.app', notAfter: new Date(Date.now() + 9e9), passphrase: '' })), passphrase: '' } },
    })) as ChannelSummary;
    const [ios] = (await test(core, channel.id)).checks;
    expect(ios).toMatchObject({ ok: false, summary: 'The sandbox simulators accept .p8 keys only.' });
    await core.close();
  });
});

describe('connection answers in plain words', () => {
  const ctx = { host: 'api.push.apple.com', bundleId: 'com.shop.app', environment: 'production' as const, auth: { kind: 'p8' as const, keyId: 'AB12CD34EF', teamId: 'TEAM123456' } };
  it('names the host it cannot reach', () => {
    expect(apnsCheck({ networkError: 'getaddrinfo ENOTFOUND api.push.apple.com' }, ctx)).toMatchObject({ ok: false, summary: 'Cannot reach api.push.apple.com.' });
    expect(fcmCheck({ ok: false, message: 'connect ECONNREFUSED', networkError: true, host: 'fcm.googleapis.com' })).toMatchObject({ summary: 'Cannot reach fcm.googleapis.com.' });
  });

  it.each([
    ['BadCertificateEnvironment', 'not valid for the APNs production environment'],
    ['BadEnvironmentKeyInToken', 'not valid for the APNs production environment'],
    ['TooManyProviderTokenUpdates', 'limiting requests'],
    ['ServiceUnavailable', 'unavailable right now'],
    ['MissingProviderToken', 'received no credentials'],
  ])('APNs %s → "%s"', (reason, words) => {
    expect(apnsCheck({ status: 403, reason }, ctx).summary).toContain(words);
  });

  it.each([
    ['messaging/mismatched-credential', 'may not send messages for this Firebase project'],
    ['messaging/third-party-auth-error', 'could not authenticate with APNs'],
    ['messaging/server-unavailable', 'unavailable right now'],
    ['messaging/message-rate-exceeded', 'limiting requests'],
  ])('FCM %s → "%s"', (code, words) => {
    expect(fcmCheck({ ok: false, code, message: 'x', host: 'fcm.googleapis.com' }).summary).toContain(words);
  });
});
