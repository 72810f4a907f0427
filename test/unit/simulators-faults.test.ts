import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APNS_MAX_CONCURRENT_STREAMS } from '../../main/simulators/apns/server';
import { FaultController } from '../../main/simulators/faults';
import { type Sandbox, startSandbox } from '../../main/simulators/sandbox';
import type { IosDevice, AndroidDevice } from '../../main/simulators/devices';
import { apnsConnection, apnsJwt, fcmRequest, googleAssertion } from './helpers/simulators';

let sandbox: Sandbox;
let iphone: IosDevice;
let pixel: AndroidDevice;
let auth: string;
let accessToken: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  iphone = sandbox.devices.registerIos({ bundleId: sandbox.credentials.apns.bundleIds[0]!, environment: 'sandbox' });
  pixel = sandbox.devices.registerAndroid({ appId: 'com.journeystudio.sandbox', projectId: sandbox.credentials.fcm.project_id });
  auth = `bearer ${apnsJwt({ ...sandbox.credentials.apns, iat: Math.floor(Date.now() / 1000) })}`;
  const now = Math.floor(Date.now() / 1000);
  const sa = sandbox.credentials.fcm;
  const res = await fcmRequest(sandbox.fcm.port, sandbox.caPem, {
    path: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: googleAssertion(sa.private_key, { iss: sa.client_email, aud: sa.token_uri, scope: 'https://www.googleapis.com/auth/firebase.messaging', iat: now, exp: now + 3600 }),
    }).toString(),
  });
  accessToken = String(res.json.access_token);
});
afterAll(() => sandbox.close());

function apnsPushes(conn: ReturnType<typeof apnsConnection>, count: number) {
  const answers: string[] = [];
  return (async () => {
    for (let i = 0; i < count; i += 1) {
      const res = await conn.request({ path: `/3/device/${iphone.token}`, headers: { authorization: auth, 'apns-topic': 'com.journeystudio.sandbox' }, body: '{"aps":{}}' });
      answers.push(res.json?.reason ?? String(res.status));
    }
    return answers;
  })();
}

describe('fault controller', () => {
  it('makes the same decisions for the same seed, and none while every rate is 0', () => {
    const run = () => {
      const faults = new FaultController({ seed: 99, errorRates: { TooManyRequests: 0.25, InternalServerError: 0.25 }, dropRate: 0.1 });
      return Array.from({ length: 50 }, () => {
        const decision = faults.decide();
        return decision.kind === 'error' ? decision.reason : decision.kind;
      });
    };
    const decisions = run();
    expect(run()).toEqual(decisions);
    expect(new Set(decisions)).toEqual(new Set(['none', 'drop', 'TooManyRequests', 'InternalServerError']));
    const quiet = new FaultController();
    expect(Array.from({ length: 20 }, () => quiet.decide().kind)).toEqual(Array(20).fill('none'));
    expect(() => quiet.set({ errorRates: { TooManyRequests: 2 } })).toThrow(RangeError);
  });
});

describe('APNs fault injection', () => {
  it('fails a deterministic share of requests per reason, with Retry-After, and counts every answer', async () => {
    sandbox.apns.counters.reset();
    const conn = apnsConnection(sandbox.apns.sandbox.port, sandbox.caPem);
    sandbox.apns.faults.set({ seed: 7, errorRates: { TooManyRequests: 0.3, ServiceUnavailable: 0.2 }, retryAfterSeconds: 3 });
    const first = await apnsPushes(conn, 40);
    sandbox.apns.faults.set({ seed: 7 });
    const second = await apnsPushes(conn, 40);
    expect(second).toEqual(first);
    expect(first).toContain('TooManyRequests');
    expect(first).toContain('ServiceUnavailable');
    expect(first).toContain('200');
    const throttled = await (async () => {
      sandbox.apns.faults.set({ seed: 1, errorRates: { TooManyRequests: 1 } });
      return conn.request({ path: `/3/device/${iphone.token}`, headers: { authorization: auth, 'apns-topic': 'com.journeystudio.sandbox' }, body: '{"aps":{}}' });
    })();
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '3']);
    sandbox.apns.faults.reset();
    await conn.close();

    const counts = sandbox.apns.counters.snapshot();
    const all = [...first, ...second, 'TooManyRequests'];
    expect(counts.received).toBe(81);
    expect(counts.answered).toBe(81);
    expect(counts.byReason.TooManyRequests).toBe(all.filter((r) => r === 'TooManyRequests').length);
    expect(counts.byReason['200']).toBe(all.filter((r) => r === '200').length);
    expect(counts.delivered).toBe(counts.byReason['200']);
  });

  it('still answers with added latency', async () => {
    sandbox.apns.faults.set({ latencyMs: 15 });
    const conn = apnsConnection(sandbox.apns.sandbox.port, sandbox.caPem);
    expect(await apnsPushes(conn, 2)).toEqual(['200', '200']);
    await conn.close();
    sandbox.apns.faults.reset();
  });

  it('drops the connection (socket destroyed) and counts the drop', async () => {
    const before = sandbox.apns.counters.snapshot().dropped;
    sandbox.apns.faults.set({ dropRate: 1 });
    const conn = apnsConnection(sandbox.apns.sandbox.port, sandbox.caPem);
    await expect(apnsPushes(conn, 1)).rejects.toThrow();
    sandbox.apns.faults.reset();
    expect(sandbox.apns.counters.snapshot().dropped).toBe(before + 1);
  });

  it('sends GOAWAY mid-stream when the drop mode says so', async () => {
    sandbox.apns.faults.set({ dropRate: 1, dropMode: 'goaway' });
    const conn = apnsConnection(sandbox.apns.sandbox.port, sandbox.caPem);
    const goaway = new Promise<number>((resolve) => conn.session.once('goaway', (code: number) => resolve(code)));
    await expect(apnsPushes(conn, 1)).rejects.toThrow();
    expect(await goaway).toBe(0);
    sandbox.apns.faults.reset();
  });

  it('lowers SETTINGS_MAX_CONCURRENT_STREAMS on open connections and new ones, and raises it back to what APNs advertises', async () => {
    const conn = apnsConnection(sandbox.apns.sandbox.port, sandbox.caPem);
    await apnsPushes(conn, 1);
    // Like APNs, never HTTP/2's unlimited default.
    expect(conn.session.remoteSettings.maxConcurrentStreams).toBe(APNS_MAX_CONCURRENT_STREAMS);
    sandbox.apns.faults.set({ maxConcurrentStreams: 3 });
    await expect.poll(() => conn.session.remoteSettings.maxConcurrentStreams).toBe(3);
    const fresh = apnsConnection(sandbox.apns.sandbox.port, sandbox.caPem);
    await apnsPushes(fresh, 1);
    expect(fresh.session.remoteSettings.maxConcurrentStreams).toBe(3);
    sandbox.apns.faults.set({ maxConcurrentStreams: undefined });
    await expect.poll(() => conn.session.remoteSettings.maxConcurrentStreams).toBe(APNS_MAX_CONCURRENT_STREAMS);
    await Promise.all([conn.close(), fresh.close()]);
  });
});

describe('FCM fault injection', () => {
  const sendOne = () =>
    fcmRequest(sandbox.fcm.port, sandbox.caPem, {
      path: `/v1/projects/${sandbox.credentials.fcm.project_id}/messages:send`,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: { token: pixel.token, data: { a: 'b' } } }),
    });

  it('answers QUOTA_EXCEEDED (429) and UNAVAILABLE (503) at the rates set, deterministically, with Retry-After', async () => {
    const run = async () => {
      sandbox.fcm.faults.set({ seed: 3, errorRates: { QUOTA_EXCEEDED: 0.3, UNAVAILABLE: 0.3 }, retryAfterSeconds: 10 });
      const answers = [];
      for (let i = 0; i < 20; i += 1) answers.push(await sendOne());
      return answers;
    };
    const first = await run();
    const second = await run();
    expect(second.map((r) => r.status)).toEqual(first.map((r) => r.status));
    const quota = first.find((r) => r.status === 429)!;
    expect(quota.headers['retry-after']).toBe('10');
    expect(quota.json.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ errorCode: 'QUOTA_EXCEEDED' }] });
    expect(first.some((r) => r.status === 503)).toBe(true);
    sandbox.fcm.faults.reset();
  });

  it('drops the connection', async () => {
    sandbox.fcm.faults.set({ dropRate: 1 });
    await expect(sendOne()).rejects.toThrow();
    sandbox.fcm.faults.reset();
    expect((await sendOne()).status).toBe(200);
  });
});
