import apn from '@parse/node-apn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApnsProvider } from '../../main/services/providers/apns-provider';
import { type FcmMessaging, createFcmMessaging } from '../../main/services/providers/fcm-messaging';
import { type Sandbox, startSandbox } from '../../main/simulators/sandbox';
import { generateSimulatorCertificate } from '../../main/simulators/tls';

/** The sending libraries the delivery code uses, unchanged, against the sandbox. */
let sandbox: Sandbox;
let fcm: FcmMessaging;
const BUNDLE = 'com.journeystudio.sandbox';

beforeAll(async () => {
  sandbox = await startSandbox();
  fcm = createFcmMessaging({ serviceAccount: sandbox.credentials.fcm, target: { host: sandbox.fcm.host, port: sandbox.fcm.port, caPem: sandbox.caPem } });
});
afterAll(async () => {
  await fcm.close();
  await sandbox.close();
});

describe('@parse/node-apn against the APNs simulator', () => {
  it('sends a notification the simulator accepts and the device receives; a removed app comes back 410 Unregistered', async () => {
    const iphone = sandbox.devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
    const gone = sandbox.devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
    sandbox.devices.uninstall(gone.id);
    const provider = createApnsProvider({ key: sandbox.credentials.apns, production: false, target: { ...sandbox.apns.sandbox, caPem: sandbox.caPem } });
    try {
      const note = new apn.Notification({ alert: { title: 'Spring sale', body: '20% off today' }, topic: BUNDLE, badge: 1, payload: { campaign: 'spring' } });
      const result = await provider.send(note, [iphone.token, gone.token]);
      expect(result.sent.map((s) => s.device)).toEqual([iphone.token]);
      expect(result.failed).toHaveLength(1);
      expect(result.failed[0]).toMatchObject({ device: gone.token, status: 410, response: { reason: 'Unregistered' } });
      expect(iphone.notifications).toHaveLength(1);
      expect(iphone.notifications[0]!.payload).toEqual({ aps: { alert: { title: 'Spring sale', body: '20% off today' }, badge: 1 }, campaign: 'spring' });
      // node-apn reuses its token: many sends on one provider never trip TooManyProviderTokenUpdates.
      const many = await provider.send(note, Array(50).fill(iphone.token));
      expect(many.failed).toEqual([]);
    } finally {
      await provider.shutdown();
    }
  });

  it('reaches the production listener with a production token, and reports a sandbox token there as BadDeviceToken', async () => {
    const prod = sandbox.devices.registerIos({ bundleId: BUNDLE, environment: 'production' });
    const dev = sandbox.devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
    const provider = createApnsProvider({ key: sandbox.credentials.apns, production: true, target: { ...sandbox.apns.production, caPem: sandbox.caPem } });
    try {
      const result = await provider.send(new apn.Notification({ alert: 'Hi', topic: BUNDLE }), [prod.token, dev.token]);
      expect(result.sent.map((s) => s.device)).toEqual([prod.token]);
      expect(result.failed[0]?.response?.reason).toBe('BadDeviceToken');
    } finally {
      await provider.shutdown();
    }
  });
});

describe('firebase-admin 13 against the FCM simulator', () => {
  it('send() delivers and returns the message name; a dry run delivers nothing', async () => {
    const pixel = sandbox.devices.registerAndroid({ appId: 'com.journeystudio.sandbox', projectId: sandbox.credentials.fcm.project_id });
    const name = await fcm.messaging.send({ token: pixel.token, notification: { title: 'Sale', body: '20% off' }, data: { sku: '42' }, android: { ttl: 3_600_000, priority: 'high', notification: { channelId: 'promo', clickAction: 'OPEN_SALE' } } });
    expect(name).toMatch(new RegExp(`^projects/${sandbox.credentials.fcm.project_id}/messages/`));
    expect(pixel.notifications.map((n) => n.id)).toEqual([name]);
    expect(pixel.notifications[0]!.payload).toMatchObject({ android: { ttl: '3600s', priority: 'high', notification: { channel_id: 'promo', click_action: 'OPEN_SALE' } } });
    const dry = await fcm.messaging.send({ token: pixel.token, data: { a: 'b' } }, true);
    expect(dry).toMatch(/fake_message_id$/);
    expect(pixel.notifications).toHaveLength(1);
  });

  it('sendEach() reports a removed app as messaging/registration-token-not-registered', async () => {
    const pixel = sandbox.devices.registerAndroid({ appId: 'com.journeystudio.sandbox', projectId: sandbox.credentials.fcm.project_id });
    const gone = sandbox.devices.registerAndroid({ appId: 'com.journeystudio.sandbox', projectId: sandbox.credentials.fcm.project_id });
    sandbox.devices.uninstall(gone.id);
    const batch = await fcm.messaging.sendEach([
      { token: pixel.token, data: { n: '1' } },
      { token: gone.token, data: { n: '2' } },
      { topic: 'news', notification: { title: 'Topic' } },
    ]);
    expect(batch.successCount).toBe(2);
    expect(batch.responses[1]?.error?.code).toBe('messaging/registration-token-not-registered');
    await expect(fcm.messaging.send({ token: gone.token, data: { n: '3' } })).rejects.toMatchObject({ code: 'messaging/registration-token-not-registered' });
  });

  it('maps a foreign token to messaging/mismatched-credential and a bad message to messaging/invalid-argument', async () => {
    const foreign = sandbox.devices.registerAndroid({ appId: 'com.other', projectId: 'another-project' });
    await expect(fcm.messaging.send({ token: foreign.token, data: { a: 'b' } })).rejects.toMatchObject({ code: 'messaging/mismatched-credential' });
    await expect(fcm.messaging.send({ token: 'short', data: { a: 'b' } })).rejects.toMatchObject({ code: 'messaging/invalid-argument' });
  });

  it('fails cleanly when the simulator refuses the service account', async () => {
    const stranger = createFcmMessaging({
      serviceAccount: { ...sandbox.credentials.fcm, client_email: 'nobody@elsewhere.iam.gserviceaccount.com' },
      target: { host: sandbox.fcm.host, port: sandbox.fcm.port, caPem: sandbox.caPem },
    });
    try {
      await expect(stranger.messaging.send({ topic: 'news', data: { a: 'b' } })).rejects.toThrow(/account not found/);
    } finally {
      await stranger.close();
    }
  });
});

describe('sandboxes sharing a certificate', () => {
  it('are trusted by one ca, and keep as many notifications per device as asked', async () => {
    const certificate = generateSimulatorCertificate();
    // Two processes in the delivery bench; two sandboxes in one process here: what matters is the certificate.
    const apnsSide = await startSandbox({ certificate, keepNotifications: 1 });
    const fcmSide = await startSandbox({ certificate });
    const provider = createApnsProvider({ key: apnsSide.credentials.apns, production: false, target: { ...apnsSide.apns.sandbox, caPem: certificate.certPem } });
    const messaging = createFcmMessaging({ serviceAccount: fcmSide.credentials.fcm, target: { host: fcmSide.fcm.host, port: fcmSide.fcm.port, caPem: certificate.certPem } });
    try {
      expect(apnsSide.caPem).toBe(certificate.certPem);
      expect(fcmSide.caPem).toBe(certificate.certPem);
      const iphone = apnsSide.devices.registerIos({ bundleId: BUNDLE, environment: 'sandbox' });
      const notes = ['first', 'second', 'third'].map((body) => new apn.Notification({ alert: { title: 'Count', body }, topic: BUNDLE }));
      for (const note of notes) expect((await provider.send(note, iphone.token)).failed).toEqual([]);
      expect(iphone.deliveredCount).toBe(3);
      expect(iphone.notifications.map((n) => (n.payload as { aps: { alert: { body: string } } }).aps.alert.body)).toEqual(['third']);
      const pixel = fcmSide.devices.registerAndroid({ appId: 'com.journeystudio.sandbox', projectId: fcmSide.credentials.fcm.project_id });
      await expect(messaging.messaging.send({ token: pixel.token, data: { a: 'b' } })).resolves.toMatch(/messages\//);
      expect(pixel.notifications).toHaveLength(1);
    } finally {
      await provider.shutdown();
      await messaging.close();
      await Promise.all([apnsSide.close(), fcmSide.close()]);
    }
  });
});
