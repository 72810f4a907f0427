import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApnsSimulator, startApnsSimulator } from '../../main/simulators/apns/server';
import { generateApnsTokenKey } from '../../main/simulators/credentials';
import { DeviceRegistry, type IosDevice } from '../../main/simulators/devices';
import { apnsConnection, apnsJwt, manualClock } from './helpers/simulators';

const BUNDLE = 'com.example.shop';
const clock = manualClock();
const devices = new DeviceRegistry({ clock });
const key = generateApnsTokenKey([BUNDLE]);
let sim: ApnsSimulator;
let phone: IosDevice;
let conn: ReturnType<typeof apnsConnection>;

const nowS = () => Math.floor(clock.now().getTime() / 1000);
const bearer = (iat = tokenIat, over: Partial<Parameters<typeof apnsJwt>[0]> = {}) =>
  `bearer ${apnsJwt({ privateKeyPem: key.privateKeyPem, keyId: key.keyId, teamId: key.teamId, iat, ...over })}`;
let tokenIat = 0;

function push(token: string, headers: Record<string, string | string[]> = {}, body: string | Buffer = JSON.stringify({ aps: { alert: 'Hi' } })) {
  return conn.request({ path: `/3/device/${token}`, headers: { authorization: bearer(), 'apns-topic': BUNDLE, ...headers }, body });
}

beforeAll(async () => {
  sim = await startApnsSimulator({ devices, clock });
  sim.keys.register({ keyId: key.keyId, teamId: key.teamId, key: key.privateKeyPem, topics: [BUNDLE] });
  phone = devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
  tokenIat = nowS();
  conn = apnsConnection(sim.sandbox.port, sim.caPem);
});
afterAll(async () => {
  await conn.close();
  await sim.close();
});

describe('APNs simulator: accepted pushes', () => {
  it('answers 200 with an empty body, echoes apns-id and delivers to the device', async () => {
    const id = 'd3a6c1a6-33a4-4c7e-9d2e-6f1e8d2f9b10';
    const res = await push(phone.token, { 'apns-id': id, 'apns-push-type': 'alert', 'apns-collapse-id': 'sale', 'apns-expiration': '0' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['apns-id']).toBe(id);
    const last = phone.notifications.at(-1)!;
    expect(last).toMatchObject({ via: 'apns', id, token: phone.token, payload: { aps: { alert: 'Hi' } } });
    expect(last.headers).toMatchObject({ 'apns-topic': BUNDLE, 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-collapse-id': 'sale' });
  });

  it('generates an apns-id (a UUID) when the client sends none', async () => {
    const res = await push(phone.token);
    expect(res.headers['apns-id']).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('accepts a VoIP push of 5 KB on the .voip topic, and a background push at priority 5', async () => {
    const big = JSON.stringify({ aps: {}, blob: 'x'.repeat(5000) });
    expect((await push(phone.token, { 'apns-topic': `${BUNDLE}.voip`, 'apns-push-type': 'voip' }, big)).status).toBe(200);
    expect((await push(phone.token, { 'apns-push-type': 'background', 'apns-priority': '5' }, '{"aps":{"content-available":1}}')).status).toBe(200);
  });
});

describe('APNs simulator: request errors', () => {
  const cases: [string, () => Promise<{ status: number; json: { reason?: string } | undefined }>, number, string][] = [
    ['GET on a device path', () => conn.request({ method: 'GET', path: `/3/device/${phone.token}`, headers: { authorization: bearer(), 'apns-topic': BUNDLE } }), 405, 'MethodNotAllowed'],
    ['an unknown path', () => conn.request({ path: '/2/device/abc', headers: { authorization: bearer() }, body: '{}' }), 404, 'BadPath'],
    ['no device token', () => push(''), 400, 'MissingDeviceToken'],
    ['a repeated apns-topic', () => push(phone.token, { 'apns-topic': [BUNDLE, BUNDLE] }), 400, 'DuplicateHeaders'],
    ['an apns-id that is no UUID', () => push(phone.token, { 'apns-id': 'not-a-uuid' }), 400, 'BadMessageId'],
    ['no apns-topic', () => conn.request({ path: `/3/device/${phone.token}`, headers: { authorization: bearer() }, body: '{"aps":{}}' }), 400, 'MissingTopic'],
    ['a topic the key may not send to', () => push(phone.token, { 'apns-topic': 'com.other.app' }), 400, 'TopicDisallowed'],
    ['a VoIP push on the bare bundle id', () => push(phone.token, { 'apns-push-type': 'voip' }), 400, 'BadTopic'],
    ['an unknown push type', () => push(phone.token, { 'apns-push-type': 'banner' }), 400, 'InvalidPushType'],
    ['priority 7', () => push(phone.token, { 'apns-priority': '7' }), 400, 'BadPriority'],
    ['a background push at priority 10', () => push(phone.token, { 'apns-push-type': 'background', 'apns-priority': '10' }), 400, 'BadPriority'],
    ['a non-numeric expiration', () => push(phone.token, { 'apns-expiration': 'tomorrow' }), 400, 'BadExpirationDate'],
    ['a collapse id over 64 bytes', () => push(phone.token, { 'apns-collapse-id': 'é'.repeat(33) }), 400, 'BadCollapseId'],
    ['an empty payload', () => push(phone.token, {}, ''), 400, 'PayloadEmpty'],
    ['a payload that is not a JSON object', () => push(phone.token, {}, 'hello'), 400, 'PayloadEmpty'],
    ['a payload over 4096 bytes', () => push(phone.token, {}, JSON.stringify({ aps: {}, x: 'y'.repeat(4100) })), 413, 'PayloadTooLarge'],
    ['a VoIP payload over 5120 bytes', () => push(phone.token, { 'apns-topic': `${BUNDLE}.voip`, 'apns-push-type': 'voip' }, JSON.stringify({ x: 'y'.repeat(5200) })), 413, 'PayloadTooLarge'],
    ['a token that is not hex', () => push('zz-not-hex'), 400, 'BadDeviceToken'],
    ['a well-formed token no device holds', () => push('ab'.repeat(32)), 400, 'BadDeviceToken'],
  ];
  it.each(cases)('%s → %i %s', async (_name, send, status, reason) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.json?.reason).toBe(reason);
  });

  it('says DeviceTokenNotForTopic when the device has another app of the same team', async () => {
    sim.keys.register({ keyId: key.keyId, teamId: key.teamId, key: key.privateKeyPem, topics: [BUNDLE, 'com.example.other'] });
    const other = devices.registerIos({ bundleId: 'com.example.other', environment: 'sandbox' });
    const res = await push(other.token);
    expect([res.status, res.json?.reason]).toEqual([400, 'DeviceTokenNotForTopic']);
  });

  it('answers BadDeviceToken for a production token sent to the sandbox, and the reverse', async () => {
    const prod = devices.registerIos({ bundleId: BUNDLE, environment: 'production' });
    expect((await push(prod.token)).json?.reason).toBe('BadDeviceToken');
    const production = apnsConnection(sim.production.port, sim.caPem);
    const ok = await production.request({ path: `/3/device/${prod.token}`, headers: { authorization: bearer(), 'apns-topic': BUNDLE }, body: '{"aps":{}}' });
    const wrong = await production.request({ path: `/3/device/${phone.token}`, headers: { authorization: bearer(), 'apns-topic': BUNDLE }, body: '{"aps":{}}' });
    await production.close();
    expect(ok.status).toBe(200);
    expect(wrong.json?.reason).toBe('BadDeviceToken');
  });

  it('answers 410 Unregistered with the time (ms) the app was removed', async () => {
    const gone = devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
    devices.uninstall(gone.id);
    const res = await push(gone.token);
    expect(res.status).toBe(410);
    expect(res.json).toEqual({ reason: 'Unregistered', timestamp: gone.uninstalledAt!.getTime() });
  });

  it('keeps accepting the old token of a reinstalled iPhone without showing anything, until it expires', async () => {
    const device = devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
    const old = device.token;
    devices.reinstall(device.id);
    expect(device.token).not.toBe(old);
    expect((await push(old)).status).toBe(200);
    expect(device.notifications).toHaveLength(0);
    expect((await push(device.token)).status).toBe(200);
    expect(device.notifications).toHaveLength(1);
    devices.expireStaleToken(old);
    expect((await push(old)).status).toBe(410);
  });
});

describe('APNs simulator: provider tokens', () => {
  it('refuses a missing, malformed, unknown-key, badly signed or wrong-team token', async () => {
    const other = generateApnsTokenKey([BUNDLE]);
    const attempts = [
      { authorization: undefined, reason: 'MissingProviderToken' },
      { authorization: 'bearer not.a.jwt', reason: 'InvalidProviderToken' },
      { authorization: `bearer ${apnsJwt({ ...other, iat: nowS() })}`, reason: 'InvalidProviderToken' },
      { authorization: bearer(nowS(), { privateKeyPem: other.privateKeyPem }), reason: 'InvalidProviderToken' },
      { authorization: bearer(nowS(), { teamId: 'WRONGTEAM1' }), reason: 'InvalidProviderToken' },
    ];
    for (const attempt of attempts) {
      const fresh = apnsConnection(sim.sandbox.port, sim.caPem);
      const headers: Record<string, string> = { 'apns-topic': BUNDLE };
      if (attempt.authorization) headers.authorization = attempt.authorization;
      const res = await fresh.request({ path: `/3/device/${phone.token}`, headers, body: '{"aps":{}}' });
      await fresh.close();
      expect([res.status, res.json?.reason]).toEqual([403, attempt.reason]);
    }
  });

  it('refuses a token older than an hour with ExpiredProviderToken', async () => {
    const fresh = apnsConnection(sim.sandbox.port, sim.caPem);
    const res = await fresh.request({ path: `/3/device/${phone.token}`, headers: { authorization: bearer(nowS() - 3601), 'apns-topic': BUNDLE }, body: '{"aps":{}}' });
    await fresh.close();
    expect([res.status, res.json?.reason]).toEqual([403, 'ExpiredProviderToken']);
  });

  it('reuses one token freely, refuses a new one within 20 minutes on the same connection, allows it after', async () => {
    const c = apnsConnection(sim.sandbox.port, sim.caPem);
    const send = (authorization: string) => c.request({ path: `/3/device/${phone.token}`, headers: { authorization, 'apns-topic': BUNDLE }, body: '{"aps":{}}' });
    const first = bearer(nowS());
    for (let i = 0; i < 3; i += 1) expect((await send(first)).status).toBe(200);
    clock.advance(60_000);
    const tooSoon = await send(bearer(nowS()));
    expect([tooSoon.status, tooSoon.json?.reason]).toEqual([429, 'TooManyProviderTokenUpdates']);
    // Another connection (another client) with its own token is not affected.
    const other = apnsConnection(sim.sandbox.port, sim.caPem);
    expect((await other.request({ path: `/3/device/${phone.token}`, headers: { authorization: bearer(nowS()), 'apns-topic': BUNDLE }, body: '{"aps":{}}' })).status).toBe(200);
    await other.close();
    clock.advance(20 * 60_000);
    expect((await send(bearer(nowS()))).status).toBe(200);
    await c.close();
    tokenIat = nowS();
  });

  it('answers BadEnvironmentKeyInToken for a key limited to the other environment', async () => {
    const scoped = generateApnsTokenKey([BUNDLE]);
    sim.keys.register({ keyId: scoped.keyId, teamId: scoped.teamId, key: scoped.privateKeyPem, topics: [BUNDLE], environments: ['production'] });
    const c = apnsConnection(sim.sandbox.port, sim.caPem);
    const res = await c.request({ path: `/3/device/${phone.token}`, headers: { authorization: `bearer ${apnsJwt({ ...scoped, iat: nowS() })}`, 'apns-topic': BUNDLE }, body: '{"aps":{}}' });
    await c.close();
    expect([res.status, res.json?.reason]).toEqual([403, 'BadEnvironmentKeyInToken']);
  });

  it('accepts the public key alone at registration, and refuses tokens of a revoked key', async () => {
    const { createPublicKey } = await import('node:crypto');
    const k = generateApnsTokenKey([BUNDLE]);
    sim.keys.register({ keyId: k.keyId, teamId: k.teamId, key: createPublicKey(k.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString(), topics: [BUNDLE] });
    const c = apnsConnection(sim.sandbox.port, sim.caPem);
    const auth = `bearer ${apnsJwt({ ...k, iat: nowS() })}`;
    const send = () => c.request({ path: `/3/device/${phone.token}`, headers: { authorization: auth, 'apns-topic': BUNDLE }, body: '{"aps":{}}' });
    expect((await send()).status).toBe(200);
    sim.keys.revoke(k.keyId);
    expect((await send()).json?.reason).toBe('InvalidProviderToken');
    await c.close();
  });
});
