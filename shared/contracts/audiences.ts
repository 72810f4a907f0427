import { z } from 'zod';
import { audienceIdSchema, audienceNameSchema, audienceSchema, ruleSchema } from '../domain/audience.js';
import { profileRowSchema } from '../domain/profile.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

const byAudienceId = z.strictObject({ id: audienceIdSchema });

export const audienceChannels = {
  'audiences.list': {
    summary: 'Every saved audience that is not deleted, by name.',
    input: noInput,
    output: z.array(audienceSchema),
  },
  'audiences.save': {
    summary: 'Create an audience, or change the name and rule of one (with its id).',
    input: z.strictObject({ id: audienceIdSchema.optional(), name: audienceNameSchema, rule: ruleSchema }),
    output: audienceSchema,
  },
  'audiences.delete': {
    summary: 'Move an audience to the bin; audiences.restore brings it back (undo).',
    input: byAudienceId,
    output: z.object({ id: audienceIdSchema }),
  },
  'audiences.restore': {
    summary: 'Bring a deleted audience back.',
    input: byAudienceId,
    output: audienceSchema,
  },
  'audiences.preview': {
    summary: 'How many profiles a rule matches now, with a sample of them.',
    input: z.strictObject({ rule: ruleSchema, sample: z.number().int().min(0).max(50).default(10) }),
    output: z.object({ count: z.number().int(), sample: z.array(profileRowSchema), ms: z.number() }),
  },
} as const satisfies ChannelGroup;

export const audienceEvents = {
  'audiences.changed': z.object({ change: z.enum(['saved', 'deleted', 'restored']), id: audienceIdSchema }),
} as const satisfies EventGroup;
