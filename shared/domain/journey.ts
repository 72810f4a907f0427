import { z } from 'zod';

export const JOURNEY_NAME_MAX = 120;

/**
 * A journey's name as a marketer types it: trimmed, not empty, at most 120 characters, no control
 * characters (they break lists, CSV exports and file names later).
 */
export const journeyNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, { error: 'Name must not be empty' })
  .max(JOURNEY_NAME_MAX, { error: `Name must be at most ${JOURNEY_NAME_MAX} characters` })
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: 'Name must not contain control characters' });

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
