import { z } from 'zod';
import {
  experienceEventSchema,
  importFormatSchema,
  importReportSchema,
  namespaceSchema,
  platformSchema,
  profileDetailSchema,
  profileFilterSchema,
  profileIdSchema,
  profileRowSchema,
} from '../domain/profile.js';
import { ruleSchema } from '../domain/audience.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

/** A file staged in the workspace (uploaded to the headless host, or picked by path on the desktop). */
export const uploadIdSchema = z.string().regex(/^upl_[A-Za-z0-9_-]{8,64}$/, { error: 'Not an upload id' });
export const importJobIdSchema = z.string().regex(/^imp_[A-Za-z0-9_-]{8,64}$/, { error: 'Not an import id' });

export const profileChannels = {
  'profiles.stats': {
    summary: 'How many profiles, devices and events the workspace holds, its identity namespaces and its apps.',
    input: noInput,
    output: z.object({
      profiles: z.number().int(),
      registrations: z.number().int(),
      events: z.number().int(),
      testProfiles: z.number().int(),
      namespaces: z.array(z.string()),
      apps: z.array(z.object({ appId: z.string(), platform: platformSchema, valid: z.number().int() })),
      eventTypes: z.array(z.string()),
    }),
  },
  'profiles.attributes': {
    summary: 'Attribute paths seen on the most recent profiles, with their JSON types: suggestions for rules and filters.',
    input: noInput,
    output: z.array(z.object({ path: z.string(), types: z.array(z.string()) })),
  },
  'profiles.page': {
    summary: 'One page of profiles in id order, filtered; with the number of profiles the filter matches.',
    input: z.strictObject({
      /** `rule`: any audience rule (the browse filters use its attribute condition row). */
      filter: profileFilterSchema.extend({ rule: ruleSchema.optional() }).default({}),
      offset: z.number().int().min(0).max(100_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      /** Keyset paging: the page after this profile id (offset is ignored when it is given). */
      afterId: profileIdSchema.optional(),
      /** Counting is skipped when the caller already knows the total. */
      withTotal: z.boolean().default(true),
    }),
    output: z.object({ items: z.array(profileRowSchema), total: z.number().int().nullable() }),
  },
  'profiles.get': {
    summary: 'One profile with its identities, attributes and devices (with their status history).',
    input: z.strictObject({ id: profileIdSchema }),
    output: profileDetailSchema,
  },
  'profiles.events': {
    summary: "A profile's experience events, newest first, a page at a time.",
    input: z.strictObject({
      id: profileIdSchema,
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ items: z.array(experienceEventSchema), more: z.boolean() }),
  },
  'profiles.setTest': {
    summary: 'Mark profiles as test profiles (used by test mode and test sends), or unmark them.',
    input: z.strictObject({ ids: z.array(profileIdSchema).min(1).max(1000), isTest: z.boolean() }),
    output: z.object({ changed: z.array(profileIdSchema) }),
  },
  'profiles.import.start': {
    summary: 'Import a staged file of profiles or events; progress comes as profiles.import.progress events.',
    input: z.strictObject({
      uploadId: uploadIdSchema,
      kind: z.enum(['profiles', 'events']).default('profiles'),
      format: importFormatSchema.optional(),
      idNamespace: namespaceSchema.optional(),
    }),
    output: importReportSchema,
  },
  'profiles.import.get': {
    summary: 'The report of an import, running or finished.',
    input: z.strictObject({ jobId: importJobIdSchema }),
    output: importReportSchema,
  },
  'profiles.import.cancel': {
    summary: 'Stop an import: the batch in progress is not written, batches already written stay.',
    input: z.strictObject({ jobId: importJobIdSchema }),
    output: importReportSchema,
  },
} as const satisfies ChannelGroup;

export const profileEvents = {
  'profiles.import.progress': importReportSchema,
  'profiles.changed': z.object({ change: z.enum(['imported', 'test', 'devices']), ids: z.array(profileIdSchema).optional() }),
} as const satisfies EventGroup;
