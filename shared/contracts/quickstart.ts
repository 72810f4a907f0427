import { z } from 'zod';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

/** The quick-start checklist: the mobile onboarding flow, each step ticking itself when done. */
export const quickStartStepIds = ['credentials', 'profiles', 'message', 'journey', 'test', 'publish', 'report'] as const;
export const quickStartSchema = z.object({
  dismissed: z.boolean(),
  steps: z.array(z.object({ id: z.enum(quickStartStepIds), done: z.boolean(), doneAt: z.string().optional() })),
});
export type QuickStart = z.infer<typeof quickStartSchema>;

export const quickStartChannels = {
  'quickstart.get': {
    summary: 'The quick-start checklist and which of its steps are done.',
    input: noInput,
    output: quickStartSchema,
  },
  'quickstart.dismiss': {
    summary: 'Hide (or show again) the quick-start checklist.',
    input: z.strictObject({ dismissed: z.boolean() }),
    output: quickStartSchema,
  },
} as const satisfies ChannelGroup;

export const quickStartEvents = {
  'quickstart.changed': quickStartSchema,
} as const satisfies EventGroup;
