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
