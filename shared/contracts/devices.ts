import { z } from 'zod';
import { channelIdSchema } from '../domain/channel.js';
import { platformSchema, profileIdSchema } from '../domain/profile.js';
import type { ChannelGroup, EventGroup } from './define.js';

/**
 * The provider sandbox's simulated phones, as the Profiles screens use them: install the Sandbox
 * app on a simulated iPhone or Android phone for a profile, and see the token it registers arrive on
 * the profile (as the mobile SDK syncs it: a fresh install gets a new ECID).
 */
export const simulatedDeviceIdSchema = z.string().regex(/^dev_[A-Za-z0-9-]{8,64}$/, { error: 'Not a simulated device id' });

/** What the provider says of a token the device held: `live`, `dead` (410 / UNREGISTERED), `stale` (iOS: accepted, never shown). */
export const tokenStateSchema = z.enum(['live', 'dead', 'stale']);

export const simulatedDeviceSchema = z.object({
  id: simulatedDeviceIdSchema,
  name: z.string(),
  os: z.enum(['ios', 'android']),
  appId: z.string(),
  /** The push platform the app's registrations are stored under. */
  platform: platformSchema,
  installed: z.boolean(),
  token: z.string(),
  tokenState: tokenStateSchema,
  registeredAt: z.string(),
  /** The profile the app's registrations sync to (null until the first sync). */
  profileId: profileIdSchema.nullable(),
  /** The ECID the app holds now (a reinstall or cleared data gets a new one). */
  ecid: z.string().nullable(),
  /** Tokens the device held before, newest first, with what the provider says of them now. */
  previousTokens: z.array(z.object({ token: z.string(), state: tokenStateSchema })),
  notifications: z.number().int(),
});
export type SimulatedDeviceView = z.infer<typeof simulatedDeviceSchema>;

const byDevice = z.strictObject({ deviceId: simulatedDeviceIdSchema });

export const deviceChannels = {
  'sandbox.devices.list': {
    summary: "The provider sandbox's simulated devices, all of them or those of one profile.",
    input: z.strictObject({ profileId: profileIdSchema.optional() }).default({}),
    output: z.array(simulatedDeviceSchema),
  },
  'sandbox.devices.install': {
    summary:
      "Install an app on a new simulated iPhone or Android phone for a profile (or a new profile): its token syncs to the profile under a new ECID. The app is a sandbox channel's (the Sandbox app when none is named).",
    input: z.strictObject({
      os: z.enum(['ios', 'android']),
      profileId: profileIdSchema.optional(),
      /** A channel that sends to the sandbox: the phone gets its app (bundle id, package, Firebase project). */
      channelId: channelIdSchema.optional(),
      name: z.string().trim().min(1).max(60).optional(),
    }),
    output: simulatedDeviceSchema,
  },
  'sandbox.devices.uninstall': {
    summary: 'Remove the app from a simulated device: its token dies at the provider (APNs 410, FCM UNREGISTERED).',
    input: byDevice,
    output: simulatedDeviceSchema,
  },
  'sandbox.devices.reinstall': {
    summary: 'Install the app again: a new token under a new ECID on the same profile. Android kills the old token; iOS leaves it stale.',
    input: byDevice,
    output: simulatedDeviceSchema,
  },
  'sandbox.devices.clearData': {
    summary: "Android's Clear data: a new token under a new ECID on the same profile, and the old token answers UNREGISTERED.",
    input: byDevice,
    output: simulatedDeviceSchema,
  },
} as const satisfies ChannelGroup;

export const deviceEvents = {
  'sandbox.devices.changed': z.object({ deviceId: simulatedDeviceIdSchema, profileId: profileIdSchema.nullable() }),
  /** Simulated phones received notifications (throttled): their lists refresh. */
  'sandbox.notifications.changed': z.object({ deviceId: simulatedDeviceIdSchema }),
} as const satisfies EventGroup;
