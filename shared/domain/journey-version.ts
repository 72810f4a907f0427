import { z } from 'zod';
import { journeyIdSchema, journeySummarySchema } from './journey.js';
import { journeyGraphSchema, journeyLayoutSchema } from './journey-graph.js';

/**
 * A journey's versions: at most one draft (editable, autosaved), the live one (read-only, profiles
 * flow through it), and the history (stopped, or closed when a newer version went live).
 */
export const versionIdSchema = z.string().regex(/^jv_[A-Za-z0-9_-]{8,64}$/, { error: 'Not a journey version id' });
export const versionStatusSchema = z.enum(['draft', 'live', 'stopped', 'closed']);
export type VersionStatus = z.infer<typeof versionStatusSchema>;

export const versionSummarySchema = z.object({
  id: versionIdSchema,
  journeyId: journeyIdSchema,
  number: z.number().int().min(1),
  status: versionStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
  stoppedAt: z.string().optional(),
  nodeCount: z.number().int(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const journeyVersionSchema = versionSummarySchema.extend({
  graph: journeyGraphSchema,
  layout: journeyLayoutSchema,
});
export type JourneyVersion = z.infer<typeof journeyVersionSchema>;

export const journeyDetailSchema = z.object({
  journey: journeySummarySchema,
  versions: z.array(versionSummarySchema),
  /** The version the canvas opens: the draft if there is one, else the newest. */
  version: journeyVersionSchema,
});
export type JourneyDetail = z.infer<typeof journeyDetailSchema>;
