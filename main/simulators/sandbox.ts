import { type Clock, systemClock } from '../services/clock.js';
import { type ApnsSimulator, startApnsSimulator } from './apns/server.js';
import { SANDBOX_BUNDLE_ID, type SandboxCredentials, generateSandboxCredentials, sandboxCredentialsSchema } from './credentials.js';
import { DeviceRegistry } from './devices.js';
import type { FaultSettings } from './faults.js';
import { type FcmSimulator, startFcmSimulator } from './fcm/server.js';
import { type SimulatorCertificate, generateSimulatorCertificate } from './tls.js';

export interface SandboxOptions {
  /** Credentials kept by the caller from an earlier start (same key ids, same service account); new ones otherwise. */
  credentials?: SandboxCredentials;
  ports?: { apnsSandbox?: number; apnsProduction?: number; fcm?: number };
  /** The providers' clock: their token checks follow real time, as the libraries sign with it. */
  clock?: Clock;
  /**
   * The phones' clock: when a token was registered or died and a push arrived. The studio passes
   * its own, so on virtual time the phones live in the workspace's time (defaults to `clock`).
   */
  deviceClock?: Clock;
  faults?: { apns?: Partial<FaultSettings>; fcm?: Partial<FaultSettings> };
  iosDeadTokenAsApnsError?: boolean;
  /** How many notifications each simulated device keeps (the oldest go first); 200 by default. */
  keepNotifications?: number;
  /**
   * The listeners' certificate; a fresh one otherwise. Sandboxes in several processes that share it
   * are trusted by one `ca` (the delivery bench runs APNs and FCM in a process each).
   */
  certificate?: SimulatorCertificate;
}

export interface Sandbox {
  apns: ApnsSimulator;
  fcm: FcmSimulator;
  devices: DeviceRegistry;
  /**
   * The sandbox credentials, registered with both simulators. The service account's token_uri
   * points at this run's FCM port (a persisted copy may name an older port; it still works).
   */
  credentials: SandboxCredentials;
  /** Whether `credentials` were made by this start (the caller should persist them). */
  generatedCredentials: boolean;
  /** One certificate serves every listener: pass it as `ca`. */
  caPem: string;
  close(): Promise<void>;
}

/**
 * Starts the whole provider sandbox in this process: APNs (sandbox and production listeners), FCM,
 * the simulated devices, and the sandbox credentials registered with both.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const devices = new DeviceRegistry({ clock: options.deviceClock ?? clock, ...(options.keepNotifications !== undefined ? { keepNotifications: options.keepNotifications } : {}) });
  const certificate = options.certificate ?? generateSimulatorCertificate();
  const apns = await startApnsSimulator({
    devices,
    clock,
    certificate,
    ports: { sandbox: options.ports?.apnsSandbox ?? 0, production: options.ports?.apnsProduction ?? 0 },
    ...(options.faults?.apns ? { faults: options.faults.apns } : {}),
  });
  let fcm: FcmSimulator;
  try {
    fcm = await startFcmSimulator({
      devices,
      clock,
      certificate,
      port: options.ports?.fcm ?? 0,
      iosDeadTokenAsApnsError: options.iosDeadTokenAsApnsError ?? false,
      ...(options.faults?.fcm ? { faults: options.faults.fcm } : {}),
    });
  } catch (error) {
    await apns.close();
    throw error;
  }

  const supplied = options.credentials ? sandboxCredentialsSchema.parse(options.credentials) : undefined;
  const base = supplied ?? generateSandboxCredentials({ tokenUri: fcm.tokenUri, bundleId: SANDBOX_BUNDLE_ID });
  const credentials: SandboxCredentials = { apns: base.apns, fcm: { ...base.fcm, token_uri: fcm.tokenUri } };
  apns.keys.register({ keyId: credentials.apns.keyId, teamId: credentials.apns.teamId, key: credentials.apns.privateKeyPem, topics: credentials.apns.bundleIds });
  // Registered under both token_uris, so a persisted account with an older port still verifies.
  fcm.oauth.register(credentials.fcm);
  if (supplied && supplied.fcm.token_uri !== fcm.tokenUri) fcm.oauth.ownTokenUrls.add(supplied.fcm.token_uri);

  let closing: Promise<void> | undefined;
  return {
    apns,
    fcm,
    devices,
    credentials,
    generatedCredentials: !supplied,
    caPem: certificate.certPem,
    close: () => {
      closing ??= Promise.all([apns.close(), fcm.close()]).then(() => undefined);
      return closing;
    },
  };
}
