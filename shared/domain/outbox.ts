import { z } from 'zod';
import { platformSchema } from './profile.js';

/**
 * What the engine (journeys, campaigns) and test sends hand to the delivery service: one row per
 * (message, device) with its personalised request, in the outbox table. The delivery service drains
 * it; a crash never loses a row.
 */
export const outboxStatuses = ['pending', 'sending', 'retrying', 'delivered', 'failed', 'expired', 'cancelled'] as const;
export const outboxStatusSchema = z.enum(outboxStatuses);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/** The exact request for one device: APNs headers + payload, or the FCM v1 message with its token. */
export const outboxRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('apns'), headers: z.record(z.string(), z.string()), payload: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('fcm'), message: z.record(z.string(), z.unknown()) }),
]);
export type OutboxRequest = z.infer<typeof outboxRequestSchema>;

/** Where a push comes from, for the log and the reports. */
export const outboxOriginSchema = z.enum(['journey', 'campaign', 'test']);

export const outboxItemSchema = z.object({
  messageId: z.string(),
  channelId: z.string(),
  origin: outboxOriginSchema,
  journeyId: z.string().optional(),
  versionId: z.string().optional(),
  nodeId: z.string().optional(),
  /** The run this push belongs to: a journey entry, a campaign run, a test send. */
  runId: z.string(),
  profileId: z.number().int().optional(),
  platform: platformSchema,
  appId: z.string(),
  token: z.string().min(1),
  request: outboxRequestSchema,
  /** Earliest time to send (a quiet-hours hold, a retry's backoff). */
  notBefore: z.string(),
  /** After this the push is no longer worth sending (the message's TTL). */
  expiresAt: z.string().optional(),
  /** Makes enqueueing idempotent: the same step for the same device in the same run is one row. */
  dedupeKey: z.string().min(1).max(500),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;
