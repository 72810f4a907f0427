import { z } from 'zod';
import { audienceIdSchema } from './audience.js';
import { messageIdSchema } from './message.js';
import { profileIdSchema } from './profile.js';

/**
 * The journey engine's shapes: the rules a journey runs under (its settings), the counts the
 * canvas shows per node and edge (dry run, test mode, live), and campaigns.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Use a time like 21:00' });

/** The profile attribute that holds a profile's IANA timezone (e.g. "Europe/Paris"); UTC when absent or unknown. */
export const TIMEZONE_ATTRIBUTE = 'timezone';

export const journeySettingsSchema = z.strictObject({
  /** May a profile enter again after its previous entry, and after how long at least. */
  reentrance: z
    .strictObject({
      allowed: z.boolean().default(false),
      minGapSeconds: z.number().int().min(0).max(365 * 86_400).default(0),
    })
    .default({ allowed: false, minGapSeconds: 0 }),
  /** At most this many pushes per profile in any 24 hours, counting every journey and campaign; null: no cap. */
  frequencyCap: z.number().int().min(1).max(100).nullable().default(null),
  /** No pushes between from and to in the profile's timezone: hold them until `to`, or skip them. */
  quietHours: z.strictObject({ from: hhmm, to: hhmm, mode: z.enum(['hold', 'skip']) }).nullable().default(null),
  /** A push not sent within this many seconds is dropped (outbox expiresAt); null: the message's own. */
  ttlSeconds: z.number().int().min(0).max(2_419_200).nullable().default(null),
});
export type JourneySettings = z.infer<typeof journeySettingsSchema>;
export const defaultJourneySettings = (): JourneySettings => journeySettingsSchema.parse({});

/** Why a profile left a journey without reaching an end. */
export const exclusionReasons = ['no-device', 'no-channel', 'frequency-cap', 'quiet-hours', 'reentrance', 'stopped'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];
export const exclusionReasonText: Record<ExclusionReason, string> = {
  'no-device': 'no valid push token for the app',
  'no-channel': 'the message has no channel',
  'frequency-cap': 'frequency cap reached',
  'quiet-hours': 'quiet hours (skipped)',
  reentrance: 'already entered (re-entrance)',
  stopped: 'journey stopped',
};

export const SAMPLE_SIZE = 5;
const sample = z.array(profileIdSchema).max(50);

export const nodeCountSchema = z.object({
  /** Profiles that reached the step. */
  reached: z.number().int(),
  reachedSample: sample,
  /** Profiles waiting at the step (a wait, a wait for an event, a push held by quiet hours). */
  waiting: z.number().int(),
  waitingSample: sample,
  /** Profiles that left the journey at the step, by reason. */
  excluded: z.record(z.string(), z.object({ count: z.number().int(), sample })),
  /** Profiles that finished here (an end, or an output not connected). */
  ended: z.number().int(),
  /** Pushes written to the outbox (one per device); 0 in a dry run, which sends nothing. */
  pushes: z.number().int(),
  /** Devices a dry run would have sent to. */
  devices: z.number().int(),
});
export type NodeCount = z.infer<typeof nodeCountSchema>;

export const journeyCountsSchema = z.object({
  versionId: z.string(),
  mode: z.enum(['dry', 'test', 'live']),
  nodes: z.record(z.string(), nodeCountSchema),
  /** By "nodeId:output". */
  edges: z.record(z.string(), z.object({ count: z.number().int(), sample })),
  totals: z.object({
    entered: z.number().int(),
    ended: z.number().int(),
    excluded: z.number().int(),
    waiting: z.number().int(),
    /** Refused at the entry (re-entrance), not counted as entered. */
    refused: z.number().int(),
  }),
  /** Dry run: the virtual time span simulated. */
  from: z.string().optional(),
  until: z.string().optional(),
  ms: z.number().optional(),
});
export type JourneyCounts = z.infer<typeof journeyCountsSchema>;

/** One step of one profile's path (test mode shows these lighting up). */
export const pathStepSchema = z.object({ node: z.string(), output: z.string().nullable(), at: z.string() });
export const testEntrySchema = z.object({
  entryId: z.number().int(),
  profileId: profileIdSchema,
  node: z.string(),
  status: z.enum(['active', 'waiting', 'ended', 'excluded']),
  reason: z.string().nullable(),
  wakeAt: z.string().nullable(),
  waitingFor: z.string().nullable(),
  path: z.array(pathStepSchema),
});
export type TestEntry = z.infer<typeof testEntrySchema>;

export const campaignIdSchema = z.string().regex(/^cmp_[A-Za-z0-9_-]{8,64}$/, { error: 'Not a campaign id' });
export const campaignStatusSchema = z.enum(['scheduled', 'running', 'done', 'cancelled']);
export const campaignSchema = z.object({
  id: campaignIdSchema,
  name: z.string(),
  messageId: messageIdSchema,
  audienceId: audienceIdSchema,
  /** When it sends; the creation time for "now". */
  sendAt: z.string(),
  status: campaignStatusSchema,
  settings: journeySettingsSchema,
  createdAt: z.string(),
  /** Profiles that got the push, were excluded, by reason. */
  sent: z.number().int(),
  excluded: z.number().int(),
});
export type Campaign = z.infer<typeof campaignSchema>;
