import { describe, expect, it } from 'vitest';
import { createFcmMessaging } from '../../main/services/providers/fcm-messaging';
import { generateSandboxCredentials } from '../../main/simulators/credentials';
import { DeviceRegistry, newApnsToken, newFcmToken } from '../../main/simulators/devices';
import { startSandbox } from '../../main/simulators/sandbox';
import { manualClock } from './helpers/simulators';

describe('simulated devices', () => {
  it('issue tokens in the real shapes', () => {
    expect(newApnsToken()).toMatch(/^[0-9a-f]{64}$/);
    const fcm = newFcmToken();
    expect(fcm).toMatch(/^[\w-]{22}:APA91b[\w-]{134}$/);
    expect(fcm).toHaveLength(163);
  });

  it('are named per kind, as a person counts their phones', () => {
    const devices = new DeviceRegistry();
    const names = [
      devices.registerIos({ bundleId: 'com.a', environment: 'sandbox' }),
      devices.registerAndroid({ appId: 'com.a', projectId: 'p' }),
      devices.registerIos({ bundleId: 'com.a', environment: 'sandbox' }),
      devices.registerAndroid({ appId: 'com.a', projectId: 'p', name: 'Grace’s Pixel' }),
      devices.registerAndroid({ appId: 'com.a', projectId: 'p' }),
    ].map((d) => d.name);
    expect(names).toEqual(['iPhone 1', 'Pixel 1', 'iPhone 2', 'Grace’s Pixel', 'Pixel 3']);
  });

  it('emit registration, delivery-relevant and uninstall events, and mark tokens dead with the time', () => {
    const clock = manualClock();
    const devices = new DeviceRegistry({ clock });
    const seen: string[] = [];
    devices.events.on('device-registered', (e) => seen.push(`registered ${e.device.platform} ${e.previousToken ? 'again' : 'new'}`));
    devices.events.on('device-uninstalled', (e) => seen.push(`uninstalled at ${e.at.toISOString()}`));
    const iphone = devices.registerIos({ bundleId: 'com.a', environment: 'sandbox' });
    const pixel = devices.registerAndroid({ appId: 'com.a', projectId: 'p' });
    clock.advance(1000);
    devices.uninstall(pixel.id);
    expect(devices.lookup(pixel.token)).toMatchObject({ state: 'dead', diedAt: clock.now() });
    devices.reinstall(pixel.id);
    expect(devices.lookup(pixel.token)?.state).toBe('live');
    const oldIos = iphone.token;
    devices.reinstall(iphone.id);
    expect(devices.lookup(oldIos)?.state).toBe('stale');
    expect(seen).toEqual(['registered ios new', 'registered android new', `uninstalled at ${clock.now().toISOString()}`, 'registered android again', 'registered ios again']);
    expect(() => devices.clearData(iphone.id)).toThrow(/Android/);
  });

  it('keep a capped notification list but count every delivery', () => {
    const devices = new DeviceRegistry({ keepNotifications: 2 });
    const pixel = devices.registerAndroid({ appId: 'com.a', projectId: 'p' });
    const delivered: string[] = [];
    devices.events.on('notification-delivered', (e) => delivered.push(e.notification.id));
    const record = devices.lookup(pixel.token)!;
    for (const id of ['1', '2', '3']) devices.deliver(record, { via: 'fcm', id, payload: {} });
    expect(pixel.notifications.map((n) => n.id)).toEqual(['2', '3']);
    expect(pixel.deliveredCount).toBe(3);
    expect(delivered).toEqual(['1', '2', '3']);
  });
});

describe('sandbox credentials', () => {
  it('are generated in Apple\'s and Google\'s formats', () => {
    const credentials = generateSandboxCredentials({ tokenUri: 'https://localhost:1/token' });
    expect(credentials.apns.keyId).toMatch(/^[A-Z0-9]{10}$/);
    expect(credentials.apns.teamId).toMatch(/^[A-Z0-9]{10}$/);
    expect(credentials.apns.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(credentials.apns.bundleIds).toEqual(['com.journeystudio.sandbox']);
    expect(credentials.fcm).toMatchObject({ type: 'service_account', project_id: 'journey-studio-sandbox', token_uri: 'https://localhost:1/token' });
    expect(credentials.fcm.client_email).toMatch(/@journey-studio-sandbox\.iam\.gserviceaccount\.com$/);
  });

  it('can be kept across restarts: the same credentials work with the next sandbox', async () => {
    const first = await startSandbox();
    const kept = JSON.parse(JSON.stringify(first.credentials)) as typeof first.credentials;
    expect(first.generatedCredentials).toBe(true);
    await first.close();

    const second = await startSandbox({ credentials: kept });
    try {
      expect(second.generatedCredentials).toBe(false);
      expect(second.credentials.apns).toEqual(kept.apns);
      expect(second.credentials.fcm.token_uri).toBe(second.fcm.tokenUri);
      // The persisted copy names the old port in token_uri and aud: it still gets a token.
      const fcm = createFcmMessaging({ serviceAccount: kept.fcm, target: { host: second.fcm.host, port: second.fcm.port, caPem: second.caPem } });
      await expect(fcm.messaging.send({ topic: 'news', data: { a: 'b' } })).resolves.toMatch(/^projects\//);
      await fcm.close();
    } finally {
      await second.close();
    }
  });

  it('refuses supplied credentials that are not in the expected format', async () => {
    await expect(startSandbox({ credentials: { apns: { keyId: 'short' }, fcm: {} } as never })).rejects.toThrow();
  });
});
