import { z } from 'zod';
import {
  deliveryCountsSchema,
  deliveryDetailSchema,
  deliveryFilterSchema,
  deliveryPageSchema,
  deliveryStateSchema,
  deliverySummarySchema,
} from '../domain/delivery.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

const journeyId = z.string().min(1).max(200);

export const deliveryChannels = {
  'delivery.log.page': {
    summary: 'A page of the delivery log, newest first (keyset paging: pass the previous page’s nextBeforeId; afterId gives the rows logged since).',
    input: z.strictObject({
      filter: deliveryFilterSchema.default({}),
      beforeId: z.number().int().positive().optional(),
      afterId: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: deliveryPageSchema,
  },
  'delivery.log.counts': {
    summary: 'How many log rows match the filter, by outcome and by provider reason.',
    input: z.strictObject({ filter: deliveryFilterSchema.default({}) }),
    output: deliveryCountsSchema,
  },
  'delivery.log.get': {
    summary: 'One log row with the exact request (credentials redacted), the provider’s answer and every attempt of that push.',
    input: z.strictObject({ id: z.number().int().positive() }),
    output: deliveryDetailSchema,
  },
  'delivery.state': {
    summary: 'Whether the dispatcher is sending, how many pushes are in flight, ready and waiting, paused journeys and rate limits.',
    input: noInput,
    output: deliveryStateSchema,
  },
  'delivery.pause': {
    summary: 'Pause a journey’s sending: its queued pushes wait until resumed.',
    input: z.strictObject({ journeyId }),
    output: z.object({ paused: z.boolean() }),
  },
  'delivery.resume': {
    summary: 'Resume a paused journey’s sending.',
    input: z.strictObject({ journeyId }),
    output: z.object({ paused: z.boolean() }),
  },
  'delivery.cancel': {
    summary: 'Cancel a journey’s queued pushes (pushes already with Apple or Google are not recalled).',
    input: z.strictObject({ journeyId }),
    output: z.object({ cancelled: z.number().int() }),
  },
  'delivery.retryRun': {
    summary: 'Send again the pushes of a run that failed for a retryable reason (out of attempts).',
    input: z.strictObject({ runId: z.string().min(1).max(200) }),
    output: z.object({ requeued: z.number().int() }),
  },
  'delivery.setRateLimit': {
    summary: 'Cap an app’s sending rate (pushes per second, all journeys together); null removes the cap.',
    input: z.strictObject({ appId: z.string().min(1).max(200), perSecond: z.number().int().min(1).max(1_000_000).nullable() }),
    output: z.object({ appId: z.string(), perSecond: z.number().int().nullable() }),
  },
  'delivery.drain': {
    summary: 'Send everything ready in the outbox now (optionally one journey’s) and wait for it; what the CLI’s deliver does.',
    input: z.strictObject({ journeyId: journeyId.optional() }),
    output: deliverySummarySchema,
  },
  'delivery.testSend': {
    summary: 'Send a message now to chosen test profiles (every valid device of theirs for the channel’s app) and/or simulated devices.',
    input: z.strictObject({
      messageId: z.string().min(1).max(200),
      profileIds: z.array(z.number().int().positive()).max(50).default([]),
      deviceIds: z.array(z.string().min(1).max(200)).max(50).default([]),
    }),
    output: z.object({ runId: z.string(), queued: z.number().int(), skipped: z.array(z.string()) }),
  },
} as const satisfies ChannelGroup;

export const deliveryEvents = {
  /** New log rows were written (throttled): the log refreshes its first page and counts. */
  'delivery.logged': z.object({ rows: z.number().int(), lastId: z.number().int() }),
} as const satisfies EventGroup;
