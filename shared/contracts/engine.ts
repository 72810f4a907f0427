import { z } from 'zod';
import { audienceIdSchema } from '../domain/audience.js';
import {
  campaignIdSchema,
  campaignSchema,
  journeyCountsSchema,
  journeySettingsSchema,
  testEntrySchema,
} from '../domain/engine.js';
import { journeyIdSchema, journeyNameSchema } from '../domain/journey.js';
import { versionIdSchema } from '../domain/journey-version.js';
import { messageIdSchema } from '../domain/message.js';
import { profileIdSchema } from '../domain/profile.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

export const dryRunResultSchema = journeyCountsSchema.extend({
  previews: z.record(z.string(), z.array(z.object({ profileId: profileIdSchema, title: z.string(), body: z.string() }))),
});

export const studioClockSchema = z.object({
  /** The studio's time now (ISO). */
  now: z.string(),
  /** How far it runs ahead of real time. */
  aheadSeconds: z.number().int().nonnegative(),
  /** Whether it can be moved on (a studio served with --virtual-time). */
  adjustable: z.boolean(),
});
export type StudioClock = z.infer<typeof studioClockSchema>;

const testStateSchema = z.object({
  active: z.boolean(),
  counts: journeyCountsSchema,
  /** The latest test entries (newest first), each with the path it took. */
  entries: z.array(testEntrySchema),
});

export const engineChannels = {
  'engine.settings.get': {
    summary: 'The rules a journey runs under: re-entrance, frequency cap, quiet hours, time to live.',
    input: z.strictObject({ journeyId: journeyIdSchema }),
    output: journeySettingsSchema,
  },
  'engine.settings.save': {
    summary: 'Change the rules a journey runs under (they apply to its live version at once).',
    input: z.strictObject({ journeyId: journeyIdSchema, settings: journeySettingsSchema }),
    output: journeySettingsSchema,
  },
  'engine.dryRun': {
    summary: 'Run a version against every profile in virtual time without sending: counts per step and link, with sample profiles.',
    input: z.strictObject({
      versionId: versionIdSchema,
      now: z.iso.datetime({ offset: true }).optional(),
      days: z.number().int().min(1).max(365).default(30),
    }),
    output: dryRunResultSchema,
  },
  'engine.counts': {
    summary: 'How many profiles reached, left or wait at each step of a version (live, or its test mode), updating as they move.',
    input: z.strictObject({ versionId: versionIdSchema, mode: z.enum(['live', 'test']).default('live') }),
    output: journeyCountsSchema,
  },
  'engine.test.start': {
    summary: 'Test mode for a draft: only test profiles enter, waits last a few seconds; restarts it if running.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: testStateSchema,
  },
  'engine.test.state': {
    summary: 'Where the test profiles are in a draft in test mode, with the paths they took.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: testStateSchema,
  },
  'engine.test.stop': {
    summary: 'Leave test mode: the test entries and counts are dropped.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: testStateSchema,
  },
  'engine.test.fireEvent': {
    summary: 'Record an event for a test profile (as its app would send it), so that event entries and waits react.',
    input: z.strictObject({
      versionId: versionIdSchema,
      profileId: profileIdSchema,
      type: z.string().trim().min(1).max(200),
      attributes: z.record(z.string(), z.json()).default({}),
    }),
    output: testStateSchema,
  },
  'engine.clock.get': {
    summary: "The studio's clock: its time, how far ahead of real time it runs, and whether it can be moved on.",
    input: noInput,
    output: studioClockSchema,
  },
  'engine.clock.advance': {
    summary: 'Move a virtual-time studio on (a minute to a year): waits that end run, their pushes are sent. Refused on real time.',
    input: z.strictObject({ seconds: z.number().int().min(60).max(366 * 86_400) }),
    output: studioClockSchema,
  },
  'campaigns.list': {
    summary: 'Every campaign, the latest first, with how many profiles got it or were excluded.',
    input: noInput,
    output: z.array(campaignSchema),
  },
  'campaigns.create': {
    summary: 'Send a message once to an audience, now or at a time, under the same rules as journeys.',
    input: z.strictObject({
      name: journeyNameSchema,
      messageId: messageIdSchema,
      audienceId: audienceIdSchema,
      sendAt: z.iso.datetime({ offset: true }).optional(),
      settings: journeySettingsSchema.default(journeySettingsSchema.parse({})),
    }),
    output: campaignSchema,
  },
  'campaigns.cancel': {
    summary: 'Cancel a scheduled campaign before it sends.',
    input: z.strictObject({ id: campaignIdSchema }),
    output: campaignSchema,
  },
} as const satisfies ChannelGroup;

export const engineEvents = {
  /** Profiles moved in a version (live or test mode): its counts changed. */
  'engine.changed': z.object({ versionId: z.string(), mode: z.enum(['live', 'test']) }),
  /** A virtual-time studio's clock was moved on. */
  'engine.clock.changed': studioClockSchema,
} as const satisfies EventGroup;
