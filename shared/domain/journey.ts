import { z } from 'zod';
import { nameSchema } from './names.js';

export const JOURNEY_NAME_MAX = 120;

/** A journey's name as a marketer types it (see nameSchema). */
export const journeyNameSchema = nameSchema(JOURNEY_NAME_MAX);

export const journeyIdSchema = z.string().regex(/^jny_[A-Za-z0-9_-]{8,64}$/, { error: 'Not a journey id' });

export const journeyStatusSchema = z.enum(['draft', 'live', 'stopped']);

export const journeySummarySchema = z.object({
  id: journeyIdSchema,
  name: z.string(),
  status: journeyStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type JourneySummary = z.infer<typeof journeySummarySchema>;
export type JourneyStatus = z.infer<typeof journeyStatusSchema>;
