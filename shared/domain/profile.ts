import { z } from 'zod';

/** Push platforms a registration can be for: APNs production, APNs sandbox, FCM. */
export const platforms = ['apns', 'apnsSandbox', 'fcm'] as const;
export const platformSchema = z.enum(platforms, { error: `Platform must be one of ${platforms.join(', ')}` });
export type Platform = z.infer<typeof platformSchema>;

export const registrationStatuses = ['valid', 'invalid', 'denylisted'] as const;
export const registrationStatusSchema = z.enum(registrationStatuses, {
  error: `Status must be one of ${registrationStatuses.join(', ')}`,
});
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

/** Profiles are numbered by the store; the number never changes and is never reused. */
export const profileIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An identity namespace: ECID, email, phone, crmId, or any name a company uses. */
export const namespaceSchema = z
  .string()
  .trim()
  .min(1, { error: 'Namespace must not be empty' })
  .max(64, { error: 'Namespace must be at most 64 characters' })
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, { error: 'Namespace must start with a letter and hold only letters, digits, _ . -' });

export const identitySchema = z.object({ namespace: z.string(), value: z.string() });
export type Identity = z.infer<typeof identitySchema>;

export const statusChangeSchema = z.object({
  status: registrationStatusSchema,
  reason: z.string().nullable(),
  at: z.string(),
});

export const registrationSchema = z.object({
  id: z.number().int(),
  appId: z.string(),
  platform: platformSchema,
  token: z.string(),
  ecid: z.string().nullable(),
  registeredAt: z.string(),
  status: registrationStatusSchema,
  statusReason: z.string().nullable(),
  statusAt: z.string(),
  /** Every change of status after the registration, oldest first. */
  history: z.array(statusChangeSchema),
});
export type Registration = z.infer<typeof registrationSchema>;

export const experienceEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  timestamp: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});
export type ExperienceEvent = z.infer<typeof experienceEventSchema>;

/** One line of the profiles table. */
export const profileRowSchema = z.object({
  id: profileIdSchema,
  /** The identity to show first: email, else phone, else CRM id, else an ECID. */
  primaryIdentity: identitySchema.nullable(),
  identityCount: z.number().int(),
  name: z.string().nullable(),
  validDevices: z.number().int(),
  devices: z.number().int(),
  isTest: z.boolean(),
  updatedAt: z.string(),
});
export type ProfileRow = z.infer<typeof profileRowSchema>;

export const profileDetailSchema = z.object({
  id: profileIdSchema,
  identities: z.array(identitySchema),
  attributes: z.record(z.string(), z.unknown()),
  registrations: z.array(registrationSchema),
  isTest: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  eventCount: z.number().int(),
});
export type ProfileDetail = z.infer<typeof profileDetailSchema>;

/** Attribute paths: dotted names of letters, digits, _ and -, as they appear in CSV headers. */
export const attributePathSchema = z
  .string()
  .trim()
  .min(1, { error: 'Attribute must not be empty' })
  .max(200)
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, {
    error: 'Attribute must be a dotted name like loyalty.tier (letters, digits, _ and -)',
  })
  .refine((p) => !p.split('.').some((s) => s === '__proto__' || s === 'constructor' || s === 'prototype'), {
    error: 'Attribute names __proto__, constructor and prototype are reserved',
  });

export const profileFilterSchema = z.strictObject({
  /** Part of any identity (email, ECID, phone...): an exact match or a prefix. */
  search: z.string().trim().max(256).optional(),
  attribute: z
    .strictObject({
      path: attributePathSchema,
      /** Compared as text with the attribute's value; empty means "has the attribute". */
      value: z.string().max(256).optional(),
    })
    .optional(),
  reachable: z.strictObject({ appId: z.string().trim().min(1).max(256), platform: platformSchema.optional() }).optional(),
  testOnly: z.boolean().optional(),
});
export type ProfileFilter = z.infer<typeof profileFilterSchema>;

export const importFormats = ['csv', 'json', 'ndjson', 'xdm'] as const;
export const importFormatSchema = z.enum(importFormats);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const rejectionSchema = z.object({
  /** Line in the file (CSV, NDJSON) where the record starts, or the item number in a JSON array. */
  line: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

export const importStates = ['running', 'done', 'failed', 'cancelled'] as const;

export const importReportSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['profiles', 'events']),
  file: z.string(),
  format: importFormatSchema,
  idNamespace: z.string().nullable(),
  state: z.enum(importStates),
  /** Why a failed import failed (the file is not the format, cannot be read...). */
  error: z.string().nullable(),
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  /** The first rejections in file order (at most 1,000); counts by reason cover all of them. */
  rejections: z.array(rejectionSchema),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  bytesRead: z.number(),
  totalBytes: z.number(),
  rowsPerSecond: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
