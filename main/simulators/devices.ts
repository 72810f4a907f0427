import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../services/clock.js';
import { systemClock } from '../services/clock.js';
import { TypedEmitter } from './emitter.js';

export type ApnsEnvironment = 'sandbox' | 'production';

interface DeviceBase {
  id: string;
  name: string;
  /** Whether the app is installed now. */
  installed: boolean;
  /** The token the app holds now (the newest one). */
  token: string;
  registeredAt: Date;
  uninstalledAt: Date | undefined;
  /** The newest notifications first would cost a shift per push: oldest first, capped. */
  notifications: DeliveredNotification[];
  /** Every notification delivered, including the ones that fell off the capped list. */
  deliveredCount: number;
}

export interface IosDevice extends DeviceBase {
  platform: 'ios';
  bundleId: string;
  environment: ApnsEnvironment;
}

export interface AndroidDevice extends DeviceBase {
  platform: 'android';
  /** The Android package name (or, with `os: 'ios'`, the iOS bundle id of a Firebase app). */
  appId: string;
  /** The Firebase project the app is registered with (its sender). */
  projectId: string;
  /** An FCM token can belong to an iOS app that uses Firebase: its dead tokens may answer as APNs errors. */
  os: 'android' | 'ios';
}

export type SimulatedDevice = IosDevice | AndroidDevice;

export interface DeliveredNotification {
  via: 'apns' | 'fcm';
  /** APNs: the apns-id; FCM: the message name (projects/<p>/messages/<id>). */
  id: string;
  token: string;
  receivedAt: Date;
  /** The parsed APNs payload, or the FCM `message` object. */
  payload: unknown;
  /** APNs request headers that shape the notification (topic, push type, priority, collapse id...). */
  headers?: Record<string, string>;
}

/**
 * What a token means to a provider. `live`: the app holds it. `dead`: the app is gone (APNs 410,
 * FCM UNREGISTERED). `stale`: an iOS app reinstalled and got a new token, but Apple does not
 * reliably invalidate the old one at once: APNs keeps accepting it (200) while nothing shows on
 * the device, until the studio calls `expireStaleToken` (Apple learning it later).
 */
export interface TokenRecord {
  token: string;
  device: SimulatedDevice;
  state: 'live' | 'dead' | 'stale';
  issuedAt: Date;
  diedAt: Date | undefined;
}

export interface DeviceEvents {
  'device-registered': { device: SimulatedDevice; token: string; previousToken: string | undefined };
  'device-uninstalled': { device: SimulatedDevice; token: string; at: Date };
  'notification-delivered': { device: SimulatedDevice; notification: DeliveredNotification };
  'token-expired': { device: SimulatedDevice; token: string };
}

export interface DeviceRegistryOptions {
  clock?: Clock;
  /** How many notifications each device keeps (the oldest go first); 200 by default. */
  keepNotifications?: number;
}

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function urlSafe(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += URL_SAFE[bytes[i]! & 63];
  return out;
}

/** An APNs device token: 32 random bytes in hex (64 chars), as iOS hands them out today. */
export function newApnsToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * An FCM registration token in today's shape: an instance id of 22 URL-safe chars, a colon, then
 * `APA91b` and a URL-safe blob; 163 chars in all, like tokens seen from real apps.
 */
export function newFcmToken(): string {
  return `${urlSafe(22)}:APA91b${urlSafe(134)}`;
}

/**
 * The simulated phones: which app is installed with which token, and what arrived. Both
 * simulators look tokens up here and deliver accepted pushes here.
 */
export class DeviceRegistry {
  readonly events = new TypedEmitter<DeviceEvents>();
  private readonly clock: Clock;
  private readonly keep: number;
  private readonly devices = new Map<string, SimulatedDevice>();
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(options: DeviceRegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.keep = options.keepNotifications ?? 200;
  }

  /** An iPhone with the app `bundleId` installed, built for the sandbox or production APNs environment. */
  registerIos(input: { bundleId: string; environment: ApnsEnvironment; name?: string }): IosDevice {
    const device: IosDevice = {
      ...this.base(input.name ?? `iPhone ${this.countOf('ios') + 1}`, newApnsToken()),
      platform: 'ios',
      bundleId: input.bundleId,
      environment: input.environment,
    };
    return this.add(device);
  }

  /** A phone with a Firebase app installed (Android by default). */
  registerAndroid(input: { appId: string; projectId: string; name?: string; os?: 'android' | 'ios' }): AndroidDevice {
    const device: AndroidDevice = {
      ...this.base(input.name ?? `Pixel ${this.countOf('android') + 1}`, newFcmToken()),
      platform: 'android',
      appId: input.appId,
      projectId: input.projectId,
      os: input.os ?? 'android',
    };
    return this.add(device);
  }

  get(deviceId: string): SimulatedDevice | undefined {
    return this.devices.get(deviceId);
  }

  list(): SimulatedDevice[] {
    return [...this.devices.values()];
  }

  /**
   * Puts back a device kept from an earlier run (with every token it held), without announcing it:
   * the workspace persists its simulated phones so they outlive a restart, as real phones do.
   */
  restore(device: Omit<SimulatedDevice, 'notifications' | 'deliveredCount'>, tokens: Omit<TokenRecord, 'device'>[]): SimulatedDevice {
    const restored = { ...device, notifications: [], deliveredCount: 0 } as unknown as SimulatedDevice;
    this.devices.set(restored.id, restored);
    for (const record of tokens) this.tokens.set(record.token, { ...record, device: restored });
    return restored;
  }

  /** Every token a device has held, oldest first (to persist it). */
  tokensOf(deviceId: string): TokenRecord[] {
    return [...this.tokens.values()].filter((record) => record.device.id === deviceId).sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  }

  /** The provider's view of a token; undefined for a token no simulated device ever held. */
  lookup(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  /** The app is removed: its token dies now (APNs 410 with this time, FCM UNREGISTERED). */
  uninstall(deviceId: string): SimulatedDevice {
    const device = this.require(deviceId);
    if (!device.installed) return device;
    const at = this.clock.now();
    device.installed = false;
    device.uninstalledAt = at;
    for (const record of this.tokens.values()) {
      if (record.device === device && record.state !== 'dead') {
        record.state = 'dead';
        record.diedAt = at;
      }
    }
    this.events.emit('device-uninstalled', { device, token: device.token, at });
    return device;
  }

  /**
   * The app is installed again and registers for pushes with a new token. On Android the old
   * token is dead at once; on iOS it goes stale (see TokenRecord) rather than dead.
   */
  reinstall(deviceId: string): SimulatedDevice {
    const device = this.require(deviceId);
    const previous = this.tokens.get(device.token);
    if (previous && previous.state === 'live') {
      if (device.platform === 'ios') previous.state = 'stale';
      else {
        previous.state = 'dead';
        previous.diedAt = this.clock.now();
      }
    }
    device.installed = true;
    device.uninstalledAt = undefined;
    return this.issue(device, device.platform === 'ios' ? newApnsToken() : newFcmToken(), previous?.token);
  }

  /** Android "clear data": the Firebase instance id is gone, so a new token and the old one dies. */
  clearData(deviceId: string): SimulatedDevice {
    const device = this.require(deviceId);
    if (device.platform !== 'android') throw new Error('Clearing app data changes tokens on Android devices only.');
    if (!device.installed) throw new Error(`${device.name} has no app installed.`);
    return this.reinstall(deviceId);
  }

  /** Apple has learned that a stale iOS token is gone: from now on it answers 410 Unregistered. */
  expireStaleToken(token: string): void {
    const record = this.tokens.get(token);
    if (record?.state === 'stale') {
      record.state = 'dead';
      record.diedAt = this.clock.now();
      this.events.emit('token-expired', { device: record.device, token });
    }
  }

  /** Hands an accepted push to the device that holds the token (only a live token shows it). */
  deliver(record: TokenRecord, notification: Omit<DeliveredNotification, 'receivedAt' | 'token'>): boolean {
    if (record.state !== 'live') return false;
    const device = record.device;
    const delivered: DeliveredNotification = { ...notification, token: record.token, receivedAt: this.clock.now() };
    device.notifications.push(delivered);
    if (device.notifications.length > this.keep) device.notifications.splice(0, device.notifications.length - this.keep);
    device.deliveredCount += 1;
    this.events.emit('notification-delivered', { device, notification: delivered });
    return true;
  }

  /** Phones are numbered per kind (iPhone 1, iPhone 2, Pixel 1), as a person would name them. */
  private countOf(platform: SimulatedDevice['platform']): number {
    let n = 0;
    for (const d of this.devices.values()) if (d.platform === platform) n += 1;
    return n;
  }

  private base(name: string, token: string): DeviceBase {
    return {
      id: `dev_${randomUUID()}`,
      name,
      installed: true,
      token,
      registeredAt: this.clock.now(),
      uninstalledAt: undefined,
      notifications: [],
      deliveredCount: 0,
    };
  }

  private add<D extends SimulatedDevice>(device: D): D {
    this.devices.set(device.id, device);
    this.tokens.set(device.token, { token: device.token, device, state: 'live', issuedAt: device.registeredAt, diedAt: undefined });
    this.events.emit('device-registered', { device, token: device.token, previousToken: undefined });
    return device;
  }

  private issue(device: SimulatedDevice, token: string, previousToken: string | undefined): SimulatedDevice {
    const now = this.clock.now();
    device.token = token;
    device.registeredAt = now;
    this.tokens.set(token, { token, device, state: 'live', issuedAt: now, diedAt: undefined });
    this.events.emit('device-registered', { device, token, previousToken });
    return device;
  }

  private require(deviceId: string): SimulatedDevice {
    const device = this.devices.get(deviceId);
    if (!device) throw new Error(`No simulated device ${deviceId}.`);
    return device;
  }
}
