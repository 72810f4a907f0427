import type { SimulatedDeviceView } from '../../../shared/contracts/devices.js';
import type { Platform } from '../../../shared/domain/profile.js';
import { StudioError } from '../../../shared/errors.js';
import { SANDBOX_BUNDLE_ID } from '../../simulators/credentials.js';
import type { ApnsEnvironment, DeviceRegistry, SimulatedDevice } from '../../simulators/devices.js';
import type { Sandbox } from '../../simulators/sandbox.js';
import type { Logger } from '../log.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { createDevicesStore } from './devices-store.js';
import type { SandboxService } from './sandbox-service.js';

/** The push platform a simulated device's registrations are stored under. */
export function platformOf(device: SimulatedDevice): Platform {
  if (device.platform === 'android') return 'fcm';
  return device.environment === 'sandbox' ? 'apnsSandbox' : 'apns';
}

export const appIdOf = (device: SimulatedDevice): string => (device.platform === 'ios' ? device.bundleId : device.appId);

interface Link {
  profileId: number;
  ecid: string;
  /** Every token the device registered, oldest first. */
  tokens: string[];
}

/** The app a simulated phone gets: a sandbox channel's iOS and Android identities. */
export interface SandboxApp {
  name: string;
  ios?: { bundleId: string; environment: ApnsEnvironment };
  android?: { appId: string; projectId: string };
}

export interface SimulatedDevicesOptions {
  /** Told after a device's registration reached a profile (and after uninstalls). */
  onChange?(deviceId: string, profileId: number | null): void;
  /** Told when a notification arrived on a device. */
  onNotification?(deviceId: string): void;
}

/**
 * The sandbox's simulated phones wired to the profile store, as the mobile SDK wires a real app:
 * every time the app registers for pushes on a device (install, reinstall, Android clear data) the
 * token is synced to a profile. A fresh install holds no ECID, so each registration comes under a
 * new ECID; a device installed for a profile (or reinstalled) stays on that profile, as an app that
 * knows its signed-in user does. A device registered by anyone else lands on a new profile.
 *
 * What the providers then say of the old token is the simulator's business, as it is Apple's and
 * Google's: on Android it is dead at once (FCM answers UNREGISTERED), on iOS it goes stale (APNs keeps
 * accepting it). The store keeps it valid until a send says otherwise (setRegistrationStatus).
 */
export function createSimulatedDevices(
  sandbox: SandboxService,
  store: ProfileStore,
  logger: Logger,
  options: SimulatedDevicesOptions = {},
  kept?: ReturnType<typeof createDevicesStore>,
) {
  const links = new Map<string, Link>();
  const followed = new WeakSet<DeviceRegistry>();
  /** The profile the device being installed right now is for (the registry announces it synchronously). */
  let installingFor: number | undefined;

  const persist = (registry: DeviceRegistry, device: SimulatedDevice) => {
    try {
      kept?.save(registry, device, links.get(device.id));
    } catch (error) {
      logger.error(`Simulated device ${device.name} could not be saved in the workspace`, error);
    }
  };

  const follow = (started: Sandbox) => {
    if (followed.has(started.devices)) return;
    followed.add(started.devices);
    // Phones from earlier runs come back first, silently: their tokens are already on profiles.
    if (kept) for (const [id, link] of kept.restoreInto(started.devices)) links.set(id, link);
    started.devices.events.on('device-uninstalled', ({ device }) => persist(started.devices, device));
    started.devices.events.on('token-expired', ({ device }) => persist(started.devices, device));
    started.devices.events.on('device-registered', ({ device, token }) => {
      const link = links.get(device.id);
      const profileId = link?.profileId ?? installingFor;
      try {
        const synced = store.syncDeviceRegistration({ appId: appIdOf(device), platform: platformOf(device), token, ...(profileId !== undefined ? { profileId } : {}) });
        links.set(device.id, { profileId: synced.profileId, ecid: synced.ecid, tokens: [...(link?.tokens ?? []), token] });
        persist(started.devices, device);
        options.onChange?.(device.id, synced.profileId);
      } catch (error) {
        logger.error(`The token of simulated device ${device.name} could not be synced to a profile`, error);
      }
    });
    started.devices.events.on('device-uninstalled', ({ device }) => options.onChange?.(device.id, links.get(device.id)?.profileId ?? null));
    started.devices.events.on('notification-delivered', ({ device }) => options.onNotification?.(device.id));
  };
  sandbox.onStart(follow);

  const view = (registry: DeviceRegistry, device: SimulatedDevice): SimulatedDeviceView => {
    const link = links.get(device.id);
    const tokens = link?.tokens ?? [device.token];
    return {
      id: device.id,
      name: device.name,
      os: device.platform === 'ios' ? 'ios' : device.os,
      appId: appIdOf(device),
      platform: platformOf(device),
      installed: device.installed,
      token: device.token,
      tokenState: registry.lookup(device.token)?.state ?? 'dead',
      registeredAt: device.registeredAt.toISOString(),
      profileId: link?.profileId ?? null,
      ecid: link?.ecid ?? null,
      previousTokens: tokens
        .filter((t) => t !== device.token)
        .reverse()
        .map((token) => ({ token, state: registry.lookup(token)?.state ?? 'dead' })),
      notifications: device.deliveredCount,
    };
  };

  const started = async () => {
    const running = await sandbox.start();
    follow(running);
    return running;
  };
  const device = (registry: DeviceRegistry, deviceId: string) => {
    const found = registry.get(deviceId);
    if (!found) throw new StudioError('not_found', 'That simulated device no longer exists.');
    return found;
  };

  return {
    async list(profileId?: number): Promise<SimulatedDeviceView[]> {
      const { devices } = await started();
      return devices
        .list()
        .filter((d) => profileId === undefined || links.get(d.id)?.profileId === profileId)
        .map((d) => view(devices, d));
    },
    /** Installs `app` (the Sandbox app when absent) on a new phone, for a profile or a new one. */
    async install(input: { os: 'ios' | 'android'; profileId?: number; name?: string; app?: SandboxApp }): Promise<SimulatedDeviceView> {
      const { devices, credentials } = await started();
      if (input.profileId !== undefined) store.get(input.profileId); // not_found before anything is installed
      const app = input.app ?? {
        name: 'the Sandbox app',
        ios: { bundleId: credentials.apns.bundleIds[0] ?? SANDBOX_BUNDLE_ID, environment: 'sandbox' as const },
        android: { appId: SANDBOX_BUNDLE_ID, projectId: credentials.fcm.project_id },
      };
      const ios = app.ios;
      const android = app.android;
      if (input.os === 'ios' && !ios) throw new StudioError('invalid_input', `${app.name} has no iOS app: give its channel an APNs key first.`);
      if (input.os === 'android' && !android) throw new StudioError('invalid_input', `${app.name} has no Android app: give its channel a Firebase service account first.`);
      const named = input.name ? { name: input.name } : {};
      installingFor = input.profileId;
      try {
        const installed = ios && input.os === 'ios' ? devices.registerIos({ ...ios, ...named }) : devices.registerAndroid({ ...android!, ...named });
        return view(devices, installed);
      } finally {
        installingFor = undefined;
      }
    },
    async uninstall(deviceId: string): Promise<SimulatedDeviceView> {
      const { devices } = await started();
      return view(devices, devices.uninstall(device(devices, deviceId).id));
    },
    async reinstall(deviceId: string): Promise<SimulatedDeviceView> {
      const { devices } = await started();
      return view(devices, devices.reinstall(device(devices, deviceId).id));
    },
    async clearData(deviceId: string): Promise<SimulatedDeviceView> {
      const { devices } = await started();
      const found = device(devices, deviceId);
      if (found.platform !== 'android') throw new StudioError('invalid_input', 'Clear data gives a new token on Android only: on an iPhone, reinstall the app.');
      if (!found.installed) throw new StudioError('invalid_input', `${found.name} has no app installed: install it again first.`);
      return view(devices, devices.clearData(deviceId));
    },
  };
}

export type SimulatedDevices = ReturnType<typeof createSimulatedDevices>;
