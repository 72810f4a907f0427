import { z } from 'zod';
import { journeyIdSchema, journeyNameSchema, journeySummarySchema } from '../domain/journey.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

const byJourneyId = z.strictObject({ id: journeyIdSchema });

export const journeyChannels = {
  'journeys.list': {
    summary: 'Every journey of the workspace that is not deleted, most recently changed first.',
    input: noInput,
    output: z.array(journeySummarySchema),
  },
  'journeys.get': {
    summary: 'One journey by id.',
    input: byJourneyId,
    output: journeySummarySchema,
  },
  'journeys.create': {
    summary: 'Create an empty draft journey.',
    input: z.strictObject({ name: journeyNameSchema }),
    output: journeySummarySchema,
  },
  'journeys.rename': {
    summary: 'Rename a journey.',
    input: z.strictObject({ id: journeyIdSchema, name: journeyNameSchema }),
    output: journeySummarySchema,
  },
  'journeys.duplicate': {
    summary: 'Copy a journey into a new draft; the copy is named "<name> (copy)" unless a name is given.',
    input: z.strictObject({ id: journeyIdSchema, name: journeyNameSchema.optional() }),
    output: journeySummarySchema,
  },
  'journeys.delete': {
    summary: 'Move a journey to the bin; journeys.restore brings it back (undo).',
    input: byJourneyId,
    output: z.object({ id: journeyIdSchema, deletedAt: z.string() }),
  },
  'journeys.restore': {
    summary: 'Bring a deleted journey back.',
    input: byJourneyId,
    output: journeySummarySchema,
  },
} as const satisfies ChannelGroup;

export const journeyEvents = {
  'journeys.changed': z.object({
    change: z.enum(['created', 'renamed', 'duplicated', 'deleted', 'restored']),
    id: journeyIdSchema,
  }),
} as const satisfies EventGroup;
