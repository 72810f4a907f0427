import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServiceAccount } from '../../main/simulators/credentials';
import { type AndroidDevice, DeviceRegistry } from '../../main/simulators/devices';
import { type FcmSimulator, startFcmSimulator } from '../../main/simulators/fcm/server';
import { fcmRequest, googleAssertion, manualClock } from './helpers/simulators';

const clock = manualClock();
const devices = new DeviceRegistry({ clock });
const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
let sim: FcmSimulator;
let account: ReturnType<typeof generateServiceAccount>;
let phone: AndroidDevice;
let accessToken: string;

const nowS = () => Math.floor(clock.now().getTime() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({ iss: account.client_email, aud: account.token_uri, scope: SCOPE, iat: nowS(), exp: nowS() + 3600, ...over });

function exchange(assertion: string, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer', path = '/token') {
  return fcmRequest(sim.port, sim.caPem, {
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grantType, assertion }).toString(),
  });
}

function send(body: unknown, { project = account.project_id, token = accessToken }: { project?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fcmRequest(sim.port, sim.caPem, { path: `/v1/projects/${project}/messages:send`, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const errorOf = (res: { json: Record<string, unknown> }) =>
  res.json.error as { code: number; status: string; message: string; details?: { '@type': string; errorCode?: string; statusCode?: number; reason?: string }[] };
const fcmCode = (res: { json: Record<string, unknown> }) => errorOf(res).details?.find((d) => d['@type'].endsWith('FcmError'))?.errorCode;

beforeAll(async () => {
  sim = await startFcmSimulator({ devices, clock, iosDeadTokenAsApnsError: true });
  account = generateServiceAccount({ tokenUri: sim.tokenUri, projectId: 'shop-app' });
  sim.oauth.register(account);
  phone = devices.registerAndroid({ appId: 'com.example.shop', projectId: 'shop-app' });
  const res = await exchange(googleAssertion(account.private_key, claims()));
  accessToken = String(res.json.access_token);
});
afterAll(() => sim.close());

describe('FCM simulator: OAuth2 token endpoint', () => {
  it('issues a bearer token for a valid assertion, on /token and on the token_uri path', async () => {
    const res = await exchange(googleAssertion(account.private_key, claims()));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(String(res.json.access_token)).toMatch(/^ya29\./);
    // google-auth-library always signs for Google's URL: accepted as audience too.
    expect((await exchange(googleAssertion(account.private_key, claims({ aud: 'https://oauth2.googleapis.com/token' })))).status).toBe(200);
  });

  it('refuses a bad grant type, signature, issuer, audience or lifetime', async () => {
    const other = generateServiceAccount({ tokenUri: sim.tokenUri });
    const cases: [Promise<{ status: number; json: Record<string, unknown> }>, string][] = [
      [exchange(googleAssertion(account.private_key, claims()), 'password'), 'unsupported_grant_type'],
      [exchange(googleAssertion(other.private_key, claims())), 'invalid_grant'],
      [exchange(googleAssertion(other.private_key, claims({ iss: other.client_email }))), 'invalid_grant'],
      [exchange(googleAssertion(account.private_key, claims({ aud: 'https://example.com/token' }))), 'invalid_grant'],
      [exchange(googleAssertion(account.private_key, claims({ exp: nowS() + 7200 }))), 'invalid_grant'],
      [exchange(googleAssertion(account.private_key, claims({ iat: nowS() - 7200, exp: nowS() - 3600 }))), 'invalid_grant'],
      [exchange(googleAssertion(account.private_key, claims({ scope: '' }))), 'invalid_scope'],
    ];
    for (const [pending, error] of cases) {
      const res = await pending;
      expect(res.status).toBe(400);
      expect(res.json.error).toBe(error);
    }
  });
});

describe('FCM simulator: messages:send', () => {
  it('sends to a device: 200 with the message name, delivered with the message', async () => {
    const res = await send({ message: { token: phone.token, notification: { title: 'Sale', body: '20% off' }, data: { sku: '42' }, android: { priority: 'high', ttl: '3600s', notification: { channel_id: 'promo' } } } });
    expect(res.status).toBe(200);
    expect(String(res.json.name)).toMatch(/^projects\/shop-app\/messages\/0:\d+%[0-9a-f]+$/);
    expect(phone.notifications.at(-1)).toMatchObject({ via: 'fcm', id: res.json.name, payload: { data: { sku: '42' } } });
  });

  it('accepts camelCase field names (proto JSON) as well as snake_case', async () => {
    const res = await send({ message: { token: phone.token, android: { collapseKey: 'c', restrictedPackageName: 'com.example.shop', notification: { clickAction: 'OPEN' } }, fcmOptions: { analyticsLabel: 'spring' } } });
    expect(res.status).toBe(200);
  });

  it('validate_only checks everything and delivers nothing', async () => {
    const before = phone.deliveredCount;
    const res = await send({ message: { token: phone.token, data: { a: 'b' } }, validate_only: true });
    expect(res.json).toEqual({ name: 'projects/shop-app/messages/fake_message_id' });
    expect(phone.deliveredCount).toBe(before);
  });

  it('accepts a topic or a condition target', async () => {
    expect((await send({ message: { topic: 'news', data: { a: 'b' } } })).status).toBe(200);
    expect((await send({ message: { condition: "'news' in topics && 'sport' in topics", data: { a: 'b' } } })).status).toBe(200);
  });

  it('answers 401 UNAUTHENTICATED, as Google does, without or with an unknown access token', async () => {
    for (const token of [null, 'ya29.forged']) {
      const res = await send({ message: { token: phone.token } }, { token });
      expect(res.status).toBe(401);
      expect(errorOf(res)).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    }
  });

  it('refuses an access token after it expires', async () => {
    const res1 = await exchange(googleAssertion(account.private_key, claims()));
    clock.advance(3601_000);
    const res = await send({ message: { token: phone.token } }, { token: String(res1.json.access_token) });
    expect(res.status).toBe(401);
    clock.advance(-3601_000);
  });

  it('denies sending for another project than the service account\'s (403 PERMISSION_DENIED)', async () => {
    const res = await send({ message: { token: phone.token } }, { project: 'someone-else' });
    expect(res.status).toBe(403);
    expect(errorOf(res).status).toBe('PERMISSION_DENIED');
  });

  const invalid: [string, unknown][] = [
    ['no target', { message: { data: { a: 'b' } } }],
    ['two targets', { message: { token: 'x', topic: 'news' } }],
    ['a data value that is not a string', { message: { topic: 'news', data: { count: 3 } } }],
    ['an unknown field', { message: { topic: 'news', colour: 'red' } }],
    ['a bad ttl', { message: { topic: 'news', android: { ttl: '1 hour' } } }],
    ['a bad android priority', { message: { topic: 'news', android: { priority: 'urgent' } } }],
    ['a reserved data key', { message: { topic: 'news', data: { from: 'me' } } }],
    ['a bad topic name', { message: { topic: 'news & weather' } }],
    ['a message over 4096 bytes', { message: { topic: 'news', data: { blob: 'x'.repeat(4100) } } }],
    ['a token of the wrong shape', { message: { token: 'abc' } }],
  ];
  it.each(invalid)('answers 400 INVALID_ARGUMENT for %s', async (_name, body) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(fcmCode(res)).toBe('INVALID_ARGUMENT');
  });

  it('names the field Google would name for an unknown field or a non-string data value', async () => {
    expect(errorOf(await send({ message: { topic: 'news', colour: 'red' } })).message).toContain('Unknown name "colour"');
    expect(errorOf(await send({ message: { topic: 'news', data: { n: 3 } } })).message).toContain("'message.data.n'");
  });

  it('answers 404 UNREGISTERED for an unknown token and for a removed app', async () => {
    const gone = devices.registerAndroid({ appId: 'com.example.shop', projectId: 'shop-app' });
    devices.uninstall(gone.id);
    const unknown = `${'a'.repeat(22)}:APA91b${'b'.repeat(134)}`;
    for (const token of [unknown, gone.token]) {
      const res = await send({ message: { token } });
      expect(res.status).toBe(404);
      expect(errorOf(res).status).toBe('NOT_FOUND');
      expect(fcmCode(res)).toBe('UNREGISTERED');
    }
  });

  it('answers 403 SENDER_ID_MISMATCH for a token of another Firebase project', async () => {
    const foreign = devices.registerAndroid({ appId: 'com.other', projectId: 'other-project' });
    const res = await send({ message: { token: foreign.token } });
    expect(res.status).toBe(403);
    expect(fcmCode(res)).toBe('SENDER_ID_MISMATCH');
  });

  it('answers a dead iOS token as INVALID_ARGUMENT with an ApnsError 410 detail (when so configured)', async () => {
    const iphone = devices.registerAndroid({ appId: 'com.example.shop', projectId: 'shop-app', os: 'ios' });
    devices.uninstall(iphone.id);
    const res = await send({ message: { token: iphone.token } });
    expect(res.status).toBe(400);
    expect(errorOf(res).details).toContainEqual({ '@type': 'type.googleapis.com/google.firebase.fcm.v1.ApnsError', statusCode: 410, reason: 'Unregistered' });
  });

  it('gives an Android app a new token on reinstall or cleared data; the old one answers UNREGISTERED', async () => {
    const device = devices.registerAndroid({ appId: 'com.example.shop', projectId: 'shop-app' });
    const first = device.token;
    devices.clearData(device.id);
    const second = device.token;
    devices.reinstall(device.id);
    expect(new Set([first, second, device.token]).size).toBe(3);
    expect(fcmCode(await send({ message: { token: first } }))).toBe('UNREGISTERED');
    expect(fcmCode(await send({ message: { token: second } }))).toBe('UNREGISTERED');
    expect((await send({ message: { token: device.token } })).status).toBe(200);
  });

  it('answers unknown paths 404 and malformed JSON 400', async () => {
    expect((await fcmRequest(sim.port, sim.caPem, { method: 'GET', path: '/v1/nothing' })).status).toBe(404);
    expect((await send('{not json')).status).toBe(400);
  });
});
