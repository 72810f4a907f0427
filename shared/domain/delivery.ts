import { z } from 'zod';
import { outboxRequestSchema } from './outbox.js';
import { platformSchema, registrationStatusSchema } from './profile.js';

/**
 * The delivery log: one row per attempt to hand a push to Apple or Google, with how the provider
 * answered. Outcomes:
 * - delivered: accepted (apns-id / FCM message name kept);
 * - retryable: 429, 5xx, UNAVAILABLE, INTERNAL, QUOTA_EXCEEDED, timeouts, dropped connections (retried
 *   with backoff unless `final`: out of attempts);
 * - permanent: refused for good, the provider's reason verbatim;
 * - tokenInvalid: the token is dead (APNs 410, FCM UNREGISTERED): the registration was marked invalid;
 * - configuration: the channel is wrong (credentials, topic, a token of the other APNs environment);
 * - expired: the message's TTL passed before it could be delivered;
 * - cancelled: the journey's sending was cancelled.
 */
export const deliveryOutcomes = ['delivered', 'retryable', 'permanent', 'tokenInvalid', 'configuration', 'expired', 'cancelled'] as const;
export const deliveryOutcomeSchema = z.enum(deliveryOutcomes);
export type DeliveryOutcome = z.infer<typeof deliveryOutcomeSchema>;

export const deliveryLogRowSchema = z.object({
  id: z.number().int(),
  outboxId: z.number().int(),
  at: z.string(),
  runId: z.string(),
  journeyId: z.string().nullable(),
  /** The journey's or campaign's name; null for a test send. */
  journeyName: z.string().nullable(),
  nodeId: z.string().nullable(),
  /** What the marketer called the step on the canvas (its kind when unnamed); null for a test send, or a step no version of the journey has any more. */
  nodeName: z.string().nullable(),
  messageId: z.string(),
  messageName: z.string().nullable(),
  channelId: z.string(),
  profileId: z.number().int().nullable(),
  /** The device token, shortened for the list (the full token is in the detail). */
  device: z.string(),
  platform: platformSchema,
  appId: z.string(),
  outcome: deliveryOutcomeSchema,
  reason: z.string().nullable(),
  status: z.number().int().nullable(),
  attempt: z.number().int(),
  latencyMs: z.number().int().nullable(),
  providerId: z.string().nullable(),
  /** The row was re-sent after a crash before its answer was recorded: the device may have it twice. */
  possiblyDuplicated: z.boolean(),
  /** The last word on this push (no retry follows). */
  final: z.boolean(),
});
export type DeliveryLogRow = z.infer<typeof deliveryLogRowSchema>;

export const deliveryFilterSchema = z.strictObject({
  journeyId: z.string().max(200).optional(),
  messageId: z.string().max(200).optional(),
  runId: z.string().max(200).optional(),
  platform: platformSchema.optional(),
  appId: z.string().max(200).optional(),
  outcome: deliveryOutcomeSchema.optional(),
  reason: z.string().max(200).optional(),
  /** ISO times, inclusive from, exclusive to. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;

export const deliveryPageSchema = z.object({
  rows: z.array(deliveryLogRowSchema),
  /** Pass as beforeId for the next (older) page; null at the end. */
  nextBeforeId: z.number().int().nullable(),
});

export const deliveryCountsSchema = z.object({
  total: z.number().int(),
  byOutcome: z.record(z.string(), z.number().int()),
  byReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type DeliveryCounts = z.infer<typeof deliveryCountsSchema>;

/** The exact request as sent (credentials redacted) and the provider's answer. */
export const deliveryDetailSchema = z.object({
  row: deliveryLogRowSchema,
  token: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: outboxRequestSchema,
  }),
  response: z
    .object({
      status: z.number().int().nullable(),
      headers: z.record(z.string(), z.string()),
      body: z.unknown(),
      error: z.string().optional(),
    })
    .nullable(),
  attempts: z.array(deliveryLogRowSchema),
  /** The profile's registration of that token as it is now: token feedback marks a dead one invalid. */
  registration: z
    .object({ profileId: z.number().int(), status: registrationStatusSchema, reason: z.string().nullable(), at: z.string().nullable() })
    .nullable(),
});
export type DeliveryDetail = z.infer<typeof deliveryDetailSchema>;

export const deliverySummarySchema = z.object({
  claimed: z.number().int(),
  delivered: z.number().int(),
  retried: z.number().int(),
  failed: z.number().int(),
  tokenInvalid: z.number().int(),
  configuration: z.number().int(),
  expired: z.number().int(),
  cancelled: z.number().int(),
  possiblyDuplicated: z.number().int(),
  recovered: z.number().int(),
  byReason: z.record(z.string(), z.number().int()),
  elapsedMs: z.number(),
});
export type DeliverySummary = z.infer<typeof deliverySummarySchema>;

export const deliveryStateSchema = z.object({
  running: z.boolean(),
  inFlight: z.number().int(),
  ready: z.number().int(),
  waiting: z.number().int(),
  pausedJourneys: z.array(z.string()),
  rateLimits: z.array(z.object({ appId: z.string(), perSecond: z.number().int() })),
});

