// The provider sandbox: local APNs and FCM stand-ins, simulated devices and sandbox credentials.
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export { startApnsSimulator, type ApnsSimulator, type ApnsSimulatorOptions, type ApnsEndpoint } from './apns/server.js';
export { ApnsKeyRegistry, type ApnsKeyRegistration } from './apns/keys.js';
export { APNS_REASONS, type ApnsReason } from './apns/reasons.js';
export { startFcmSimulator, type FcmSimulator, type FcmSimulatorOptions } from './fcm/server.js';
export { FCM_ERROR_CODES, type FcmErrorCode } from './fcm/errors.js';
export { DeviceRegistry, newApnsToken, newFcmToken, type SimulatedDevice, type IosDevice, type AndroidDevice, type DeliveredNotification, type DeviceEvents, type ApnsEnvironment } from './devices.js';
export { FaultController, type FaultSettings } from './faults.js';
export { Counters, type CounterSnapshot } from './counters.js';
export {
  generateSandboxCredentials,
  generateApnsTokenKey,
  generateServiceAccount,
  sandboxCredentialsSchema,
  SANDBOX_BUNDLE_ID,
  SANDBOX_PROJECT_ID,
  SANDBOX_ANDROID_PACKAGE,
  type SandboxCredentials,
  type ApnsTokenKey,
  type ServiceAccountJson,
} from './credentials.js';
