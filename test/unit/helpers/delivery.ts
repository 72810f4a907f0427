import type { OutboxItem } from '../../../shared/domain/outbox';
import { SANDBOX_ANDROID_PACKAGE, SANDBOX_BUNDLE_ID, SANDBOX_PROJECT_ID } from '../../../main/simulators/credentials';
import type { AndroidDevice, IosDevice } from '../../../main/simulators/devices';
import type { Sandbox } from '../../../main/simulators/sandbox';
import type { SimulatorEndpoints } from '../../../main/services/delivery/direct-senders';

export const TEST_CHANNEL = 'chn_delivery_test';

export function registerDevices(sandbox: Sandbox, perPlatform: number): { ios: IosDevice[]; android: AndroidDevice[] } {
  const ios: IosDevice[] = [];
  const android: AndroidDevice[] = [];
  for (let i = 0; i < perPlatform; i += 1) {
    ios.push(sandbox.devices.registerIos({ bundleId: SANDBOX_BUNDLE_ID, environment: 'sandbox' }));
    android.push(sandbox.devices.registerAndroid({ appId: SANDBOX_ANDROID_PACKAGE, projectId: SANDBOX_PROJECT_ID }));
  }
  return { ios, android };
}

export function endpointsOf(sandbox: Sandbox): SimulatorEndpoints {
  return {
    credentials: sandbox.credentials,
    caPem: sandbox.caPem,
    apns: { host: sandbox.apns.sandbox.host, port: sandbox.apns.sandbox.port, environment: 'sandbox' },
    fcm: { host: sandbox.fcm.host, port: sandbox.fcm.port },
  };
}

/** `count` pushes, alternating iOS and Android over the devices; each payload carries its number `n`. */
export function outboxItems(count: number, devices: { ios: { token: string }[]; android: { token: string }[] }, runId: string, now = new Date()): OutboxItem[] {
  const items: OutboxItem[] = [];
  for (let n = 0; n < count; n += 1) {
    const ios = n % 2 === 0;
    const list = ios ? devices.ios : devices.android;
    const token = list[Math.floor(n / 2) % list.length]!.token;
    items.push({
      messageId: 'msg_bench',
      channelId: TEST_CHANNEL,
      origin: 'journey',
      journeyId: 'jny_bench',
      nodeId: 'node_push',
      runId,
      platform: ios ? 'apnsSandbox' : 'fcm',
      appId: SANDBOX_BUNDLE_ID,
      token,
      request: ios
        ? { kind: 'apns', headers: { 'apns-topic': SANDBOX_BUNDLE_ID, 'apns-push-type': 'alert', 'apns-priority': '10' }, payload: { aps: { alert: { title: 'Welcome', body: `Push ${n}` } }, n } }
        : { kind: 'fcm', message: { notification: { title: 'Welcome', body: `Push ${n}` }, data: { n: String(n) } } },
      notBefore: now.toISOString(),
      dedupeKey: `${runId}:${n}`,
    });
  }
  return items;
}

/** The push number a delivered notification carries. */
export function pushNumber(payload: unknown): number {
  const p = payload as { n?: number; data?: { n?: string } };
  return typeof p.n === 'number' ? p.n : Number(p.data?.n);
}
