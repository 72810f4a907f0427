import { z } from 'zod';
import { platformSchema } from './profile.js';

/**
 * Reports: what happened to the pushes (from the delivery log) and what people did with them
 * (tracking events), per journey or across every journey, campaign and test send.
 *
 * Units: pushes are counted per device (one outbox row, one final line in the delivery log);
 * exclusions are counted per profile (an excluded profile has no push). Periods are whole UTC
 * hours: `from` is rounded down and `to` up, and the report says which hours it covered.
 */
export const trackingKinds = ['open', 'action', 'dismiss'] as const;
export const trackingKindSchema = z.enum(trackingKinds);
export type TrackingKind = z.infer<typeof trackingKindSchema>;

/** The experience event types a tracked interaction becomes (Adobe's pushTracking names). */
export const trackingEventTypes: Record<TrackingKind, string> = {
  open: 'pushTracking.applicationOpened',
  action: 'pushTracking.customAction',
  dismiss: 'pushTracking.dismissed',
};

const count = z.number().int().min(0);

export const measuresSchema = z.object({
  /** Pushes written to the outbox (one per device) plus profiles excluded at the step. */
  targeted: count,
  /** Pushes written to the outbox. */
  queued: count,
  /** Pushes with a final answer other than expired or cancelled: delivered + failed. */
  sent: count,
  /** Accepted by Apple or Google. */
  delivered: count,
  /** Refused for good, out of retries, dead token, channel misconfigured. */
  failed: count,
  /** The TTL passed before the push could go. */
  expired: count,
  cancelled: count,
  /** Attempts that were retried (not a final answer). */
  retried: count,
  /** Dead tokens found (APNs 410, FCM UNREGISTERED, or already invalid when sending). */
  invalidTokens: count,
  /** Profiles excluded at the step (no valid token, frequency cap, quiet hours...). */
  excluded: count,
  opens: count,
  /** Pushes opened at least once. */
  uniqueOpens: count,
  /** uniqueOpens / delivered, 0..1 (0 when nothing was delivered). */
  openRate: z.number().min(0),
  actions: count,
  dismissals: count,
});
export type Measures = z.infer<typeof measuresSchema>;

export const reasonCountSchema = z.object({ outcome: z.string(), reason: z.string(), count });
export type ReasonCount = z.infer<typeof reasonCountSchema>;

export const breakdownSchema = z.object({
  measures: measuresSchema,
  failedByReason: z.array(reasonCountSchema),
  excludedByReason: z.record(z.string(), count),
  actionsById: z.record(z.string(), count),
});
export type Breakdown = z.infer<typeof breakdownSchema>;

export const platformRowSchema = z.object({ platform: platformSchema, measures: measuresSchema });
export const appRowSchema = z.object({ appId: z.string(), platform: platformSchema, measures: measuresSchema });

export const seriesPointSchema = z.object({
  /** Start of the bucket (ISO). */
  t: z.string(),
  queued: count,
  delivered: count,
  failed: count,
  opens: count,
  actions: count,
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const messageReportSchema = breakdownSchema.extend({
  messageId: z.string(),
  name: z.string(),
  /** The journey step(s) that send it (journey report). */
  nodeIds: z.array(z.string()),
  byPlatform: z.array(platformRowSchema),
});
export type MessageReport = z.infer<typeof messageReportSchema>;

export const nodeReportSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  type: z.string(),
  /** Profiles that reached the step (live, every version, since first published). */
  reached: count,
  waiting: count,
  ended: count,
  excluded: z.record(z.string(), count),
});

export const reportSchema = breakdownSchema.extend({
  kind: z.enum(['journey', 'push']),
  title: z.string(),
  journeyId: z.string().nullable(),
  /** The hours covered: from inclusive, to exclusive; null for "since the beginning" / "until now". */
  from: z.string().nullable(),
  to: z.string().nullable(),
  generatedAt: z.string(),
  bucket: z.enum(['hour', 'day']),
  journey: z
    .object({
      entered: count,
      exited: count,
      inProgress: count,
      failed: count,
      refused: count,
      nodes: z.array(nodeReportSchema),
    })
    .nullable(),
  messages: z.array(messageReportSchema),
  byPlatform: z.array(platformRowSchema),
  byApp: z.array(appRowSchema),
  byOrigin: z.array(z.object({ origin: z.enum(['journey', 'campaign', 'test']), measures: measuresSchema })),
  byJourney: z.array(z.object({ journeyId: z.string(), name: z.string(), measures: measuresSchema })),
  series: z.array(seriesPointSchema),
  ms: z.number(),
});
export type Report = z.infer<typeof reportSchema>;

const iso = z.iso.datetime({ offset: true });

export const reportQuerySchema = z.strictObject({
  /** A journey's report; absent: the push report (every journey, campaign and test send). */
  journeyId: z.string().min(1).max(200).optional(),
  from: iso.optional(),
  to: iso.optional(),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const exportFormats = ['csv', 'json', 'pdf'] as const;
export const exportRequestSchema = reportQuerySchema.extend({
  /** The report's aggregates, or the raw delivery log rows of the same scope and period. */
  what: z.enum(['report', 'log']).default('report'),
  format: z.enum(exportFormats),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export const trackedNotificationSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  receivedAt: z.string(),
  /** The buttons the push carries (the message's iOS category or Android buttons). */
  actions: z.array(z.object({ id: z.string(), label: z.string() })),
  /** Where it came from, when the studio sent it. */
  link: z.object({ outboxId: z.number().int(), messageId: z.string(), journeyId: z.string().nullable(), nodeId: z.string().nullable(), profileId: z.number().int().nullable() }).nullable(),
  interactions: z.array(z.object({ kind: trackingKindSchema, actionId: z.string().nullable(), at: z.string() })),
});
export type TrackedNotification = z.infer<typeof trackedNotificationSchema>;

export const interactionResultSchema = z.object({
  /** The experience event written on the profile; null when no profile holds the device. */
  eventId: z.number().int().nullable(),
  eventType: z.string(),
  profileId: z.number().int().nullable(),
  outboxId: z.number().int().nullable(),
});
