import { afterEach, describe, expect, it } from 'vitest';
import type { SendItem, Sender } from '../../main/services/delivery/senders';
import { type SenderSpec, createThreadedSender } from '../../main/services/delivery/threaded-sender';
import { type Sandbox, startSandbox } from '../../main/simulators/sandbox';
import { outboxItems, pushNumber, registerDevices } from './helpers/delivery';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function sandboxWithDevices() {
  const sandbox: Sandbox = await startSandbox();
  open.push(sandbox);
  const devices = registerDevices(sandbox, 3);
  const items: SendItem[] = outboxItems(12, devices, 'run_threaded').map((item, id) => ({ id, platform: item.platform, token: item.token, request: JSON.stringify(item.request) }));
  const received: number[] = [];
  sandbox.devices.events.on('notification-delivered', ({ notification }) => received.push(pushNumber(notification.payload)));
  const { credentials, caPem } = sandbox;
  const specs: Record<'apns' | 'fcm', SenderSpec> = {
    apns: {
      kind: 'apns',
      options: {
        auth: { key: { privateKeyPem: credentials.apns.privateKeyPem, keyId: credentials.apns.keyId, teamId: credentials.apns.teamId } },
        environment: 'sandbox',
        target: { host: sandbox.apns.sandbox.host, port: sandbox.apns.sandbox.port, caPem },
      },
    },
    fcm: {
      kind: 'fcm',
      options: {
        serviceAccount: { projectId: credentials.fcm.project_id, clientEmail: credentials.fcm.client_email, privateKeyPem: credentials.fcm.private_key, tokenUri: credentials.fcm.token_uri },
        target: { host: sandbox.fcm.host, port: sandbox.fcm.port, caPem },
      },
    },
  };
  return { sandbox, items, received, specs };
}

function threaded(spec: SenderSpec): Sender {
  const sender = createThreadedSender(spec);
  open.push(sender);
  return sender;
}

describe('senders in their own thread', () => {
  it('send each push once through the simulators and answer in the order of the rows', async () => {
    const { items, received, specs } = await sandboxWithDevices();
    for (const kind of ['apns', 'fcm'] as const) {
      const rows = items.filter((i) => (kind === 'fcm') === (i.platform === 'fcm'));
      const results = await threaded(specs[kind]).send(rows);
      expect(results.map((r) => r.outcome)).toEqual(rows.map(() => 'delivered'));
      expect(results.every((r) => r.status === 200 && typeof r.providerId === 'string')).toBe(true);
    }
    expect(received.sort((a, b) => a - b)).toEqual(items.map((_, n) => n));
  });

  it('one stored APNs request sent to many devices: each push is its own, with its own apns-id', async () => {
    const { sandbox, items, specs } = await sandboxWithDevices();
    const arrived: { token: string; id: string; payload: unknown }[] = [];
    sandbox.devices.events.on('notification-delivered', ({ notification }) => arrived.push({ token: notification.token, id: notification.id, payload: notification.payload }));
    const request = JSON.stringify({ kind: 'apns', headers: { 'apns-topic': 'com.journeystudio.sandbox', 'apns-push-type': 'alert' }, payload: { aps: { alert: 'Same for all' } } });
    const tooLarge = JSON.stringify({ kind: 'apns', headers: { 'apns-push-type': 'alert' }, payload: { aps: { alert: 'x'.repeat(5000) } } });
    const ios = items.filter((i) => i.platform !== 'fcm').slice(0, 3);
    const rows = [...ios.map((i) => ({ ...i, request })), { ...ios[0]!, id: 99, request: tooLarge }, { ...ios[1]!, id: 100, request }];
    const results = await threaded(specs.apns).send(rows);
    expect(results.map((r) => r.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'permanent', 'delivered']);
    expect(results[3]!.reason).toBe('PayloadTooLarge');
    const ids = results.filter((r) => r.outcome === 'delivered').map((r) => r.providerId);
    expect(new Set(ids).size).toBe(4);
    expect(arrived.map((a) => a.id).sort()).toEqual([...ids].sort());
    expect(arrived.every((a) => JSON.stringify(a.payload) === JSON.stringify({ aps: { alert: 'Same for all' } }))).toBe(true);
  });

  it('one stored FCM request sent to many devices: each message is whole, a TTL included', async () => {
    const { sandbox, items, specs } = await sandboxWithDevices();
    const arrived: { token: string; payload: unknown }[] = [];
    sandbox.devices.events.on('notification-delivered', ({ notification }) => arrived.push({ token: notification.token, payload: notification.payload }));
    // firebase-admin turns the TTL's milliseconds into "3600s" as it validates: on a shared object, the second message would fail.
    const request = JSON.stringify({ kind: 'fcm', message: { android: { ttl: 3_600_000, notification: { title: 'Same for all' } } } });
    const rows = items.filter((i) => i.platform === 'fcm').slice(0, 3).map((i) => ({ ...i, request }));
    const results = await threaded(specs.fcm).send(rows);
    expect(results.map((r) => r.outcome)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(arrived.map((a) => a.token).sort()).toEqual(rows.map((r) => r.token).sort());
    for (const a of arrived) expect(a.payload).toMatchObject({ android: { ttl: '3600s', notification: { title: 'Same for all' } }, token: a.token });
  });

  it('a thread that cannot make its sender fails the batch with the reason, never the key', async () => {
    const { items, specs } = await sandboxWithDevices();
    const spec = specs.fcm as Extract<SenderSpec, { kind: 'fcm' }>;
    // Without a target firebase-admin parses the key when the sender is made (and contacts nothing).
    const broken = threaded({ kind: 'fcm', options: { serviceAccount: { ...spec.options.serviceAccount, privateKeyPem: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' } } });
    const failure = await broken.send(items.filter((i) => i.platform === 'fcm')).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/private key/i);
    expect(failure).not.toContain('not a key');
  });

  it('after close, the next send starts a new thread', async () => {
    const { items, received, specs } = await sandboxWithDevices();
    const sender = threaded(specs.apns);
    const rows = items.filter((i) => i.platform !== 'fcm');
    await sender.send(rows.slice(0, 2));
    await sender.close();
    const results = await sender.send(rows.slice(2));
    expect(results.map((r) => r.outcome)).toEqual(rows.slice(2).map(() => 'delivered'));
    expect(received.sort((a, b) => a - b)).toEqual(rows.map((_, i) => i * 2));
  });
});
