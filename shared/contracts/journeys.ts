import { z } from 'zod';
import { journeyIdSchema, journeyNameSchema, journeySummarySchema } from '../domain/journey.js';
import { journeyGraphSchema, journeyLayoutSchema } from '../domain/journey-graph.js';
import { journeyDetailSchema, versionIdSchema, versionSummarySchema } from '../domain/journey-version.js';
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
  'journeys.open': {
    summary: 'A journey with its version history and the version the canvas opens (the draft, else the newest).',
    input: z.strictObject({ id: journeyIdSchema, versionId: versionIdSchema.optional() }),
    output: journeyDetailSchema,
  },
  'journeys.saveDraft': {
    summary: 'Autosave of the canvas: the draft version’s graph and layout. Refused for a live or past version.',
    input: z.strictObject({ versionId: versionIdSchema, graph: journeyGraphSchema, layout: journeyLayoutSchema }),
    output: versionSummarySchema,
  },
  'journeys.publish': {
    summary: 'Publish the draft: validated first (a journey with errors is refused with them), then live and read-only.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: journeyDetailSchema,
  },
  'journeys.stop': {
    summary: 'Stop the live version: no more profiles enter or move on.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: journeyDetailSchema,
  },
  'journeys.newDraft': {
    summary: 'Copy a version into a new draft version to change it.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: journeyDetailSchema,
  },
  'journeys.exportFile': {
    summary: 'The journey file (documented JSON format) of a version, with the messages it uses.',
    input: z.strictObject({ versionId: versionIdSchema }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  'journeys.importFile': {
    summary: 'Create a journey from a journey file; a newer format, unknown activity or broken graph is refused with the reason.',
    input: z.strictObject({ content: z.string().max(20 * 1024 * 1024) }),
    output: journeySummarySchema,
  },
} as const satisfies ChannelGroup;

export const journeyEvents = {
  'journeys.changed': z.object({
    change: z.enum(['created', 'renamed', 'duplicated', 'deleted', 'restored', 'saved', 'published', 'stopped', 'drafted', 'imported']),
    id: journeyIdSchema,
  }),
} as const satisfies EventGroup;
