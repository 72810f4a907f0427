import { z } from 'zod';
import { interactionResultSchema, reportQuerySchema, reportSchema, trackedNotificationSchema, trackingKindSchema } from '../domain/report.js';
import type { ChannelGroup, EventGroup } from './define.js';

export const reportChannels = {
  'reports.get': {
    summary: 'The journey report (with journeyId) or the push report (every journey, campaign and test send) for a period of whole UTC hours.',
    input: reportQuerySchema,
    output: reportSchema,
  },
  'tracking.notifications': {
    summary: 'A simulated device’s notifications with their buttons, where each came from and what was done with it.',
    input: z.strictObject({ deviceId: z.string().min(1).max(200) }),
    output: z.array(trackedNotificationSchema),
  },
  'tracking.interact': {
    summary: 'Open a notification on a simulated device, tap one of its buttons or dismiss it: an experience event on the profile, linked to the push.',
    input: z.strictObject({
      deviceId: z.string().min(1).max(200),
      notificationId: z.string().min(1).max(500),
      kind: trackingKindSchema,
      actionId: z.string().min(1).max(64).optional(),
    }),
    output: interactionResultSchema,
  },
} as const satisfies ChannelGroup;

export const reportEvents = {
  /** A tracked interaction was recorded (reports refresh). */
  'tracking.recorded': z.object({ kind: trackingKindSchema, journeyId: z.string().nullable() }),
} as const satisfies EventGroup;
