import { z } from 'zod';

/**
 * Channel configurations: an app and how to reach it through APNs and/or FCM. What crosses the
 * contract is metadata only (ids, names, fingerprints, environment, expiry): never a key.
 */
export const CHANNEL_NAME_MAX = 80;
export const CREDENTIAL_FILE_MAX_BYTES = 64 * 1024;

export const channelIdSchema = z.string().regex(/^chn_[A-Za-z0-9_-]{8,64}$/, { error: 'Not a channel id' });
export const channelNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, { error: 'Name must not be empty' })
  .max(CHANNEL_NAME_MAX, { error: `Name must be at most ${CHANNEL_NAME_MAX} characters` });

export const apnsEnvironmentSchema = z.enum(['sandbox', 'production']);
/** sandbox: the studio's built-in APNs and FCM simulators; live: Apple's and Google's servers. */
export const channelTargetSchema = z.enum(['sandbox', 'live']);

export const bundleIdSchema = z
  .string()
  .trim()
  .min(1, { error: 'Bundle ID must not be empty' })
  .max(155, { error: 'Bundle ID is too long' })
  .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, { error: 'Bundle ID looks like com.company.app (letters, digits, hyphens, dots)' });

export const appleIdSchema = (what: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{10}$/, { error: `${what} is the 10-character ID Apple shows (letters and digits, e.g. AB12CD34EF)` });

/** A credential file as the renderer read it: its name and its bytes, base64. */
export const credentialFileSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z
    .string()
    .max(Math.ceil((CREDENTIAL_FILE_MAX_BYTES * 4) / 3) + 4, { error: 'A credential file is at most 64 KB: this is not a key, certificate or service account file' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'File content must be base64' }),
});
export type CredentialFile = z.infer<typeof credentialFileSchema>;

export const credentialKindSchema = z.enum(['p8', 'p12', 'serviceAccount']);
export type CredentialKind = z.infer<typeof credentialKindSchema>;

export const p12EnvironmentSchema = z.enum(['sandbox', 'production', 'both']);

/** What inspecting a credential file tells the marketer, before anything is stored. */
export const credentialInspectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('p8'),
    fingerprint: z.string(),
    keyIdFromFileName: z.string().optional(),
    warnings: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('p12'),
    fingerprint: z.string(),
    subject: z.string(),
    topic: z.string().optional(),
    environment: p12EnvironmentSchema,
    expiresAt: z.string(),
    warnings: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('serviceAccount'),
    fingerprint: z.string(),
    projectId: z.string(),
    clientEmail: z.string(),
    warnings: z.array(z.string()),
  }),
]);
export type CredentialInspection = z.infer<typeof credentialInspectionSchema>;

export const p8AuthSummarySchema = z.object({ kind: z.literal('p8'), keyId: z.string(), teamId: z.string(), fingerprint: z.string() });
export const p12AuthSummarySchema = z.object({
  kind: z.literal('p12'),
  fingerprint: z.string(),
  subject: z.string(),
  topic: z.string().optional(),
  certificateEnvironment: p12EnvironmentSchema,
  expiresAt: z.string(),
});
export const iosAuthSummarySchema = z.discriminatedUnion('kind', [p8AuthSummarySchema, p12AuthSummarySchema]);

export const iosChannelSummarySchema = z.object({
  bundleId: z.string(),
  environment: apnsEnvironmentSchema,
  auth: iosAuthSummarySchema,
});

/** An Android application id (package name), e.g. com.company.app. */
export const androidPackageSchema = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/, { error: 'Package name looks like com.company.app (letters, digits, underscores, dots)' });

export const androidChannelSummarySchema = z.object({
  /** The app's package name: Android devices register their tokens under it. */
  packageName: z.string().optional(),
  projectId: z.string(),
  clientEmail: z.string(),
  fingerprint: z.string(),
});

export const channelSummarySchema = z.object({
  id: channelIdSchema,
  name: z.string(),
  target: channelTargetSchema,
  ios: iosChannelSummarySchema.optional(),
  android: androidChannelSummarySchema.optional(),
  /** e.g. a certificate that expires within 30 days. */
  warnings: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelSummary = z.infer<typeof channelSummarySchema>;

export const iosAuthInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('p8'), file: credentialFileSchema, keyId: appleIdSchema('Key ID'), teamId: appleIdSchema('Team ID') }),
  z.strictObject({ kind: z.literal('p12'), file: credentialFileSchema, passphrase: z.string().max(1024) }),
]);

export const iosChannelInputSchema = z.strictObject({
  bundleId: bundleIdSchema,
  environment: apnsEnvironmentSchema,
  /** Left out on update: keep the stored key or certificate. */
  auth: iosAuthInputSchema.optional(),
});

export const androidChannelInputSchema = z.strictObject({
  /** The app's package name (application id); optional: without it, the iOS bundle id is used. */
  packageName: androidPackageSchema.optional(),
  /** Left out on update: keep the stored service account. */
  serviceAccount: credentialFileSchema.optional(),
});

/**
 * The app ids a channel's devices register under, per push platform: the iOS bundle id for APNs,
 * the Android package name for FCM (the bundle id when the channel names no package, as with apps
 * that use one identifier on both platforms).
 */
export function channelAppIds(channel: Pick<ChannelSummary, 'ios' | 'android'>): { apns?: string; fcm?: string } {
  return {
    ...(channel.ios ? { apns: channel.ios.bundleId } : {}),
    ...(channel.android ? { fcm: channel.android.packageName ?? channel.ios?.bundleId } : {}),
  };
}

export const connectionCheckSchema = z.object({
  platform: z.enum(['ios', 'android']),
  ok: z.boolean(),
  /** One plain sentence: what works, or what is wrong. */
  summary: z.string(),
  /** What to do about it, when something is wrong. */
  fix: z.string().optional(),
  /** The provider's own words (status and reason), for the engineer beside the marketer. */
  providerAnswer: z.string().optional(),
});
export const connectionTestResultSchema = z.object({
  channelId: channelIdSchema,
  ok: z.boolean(),
  testedAt: z.string(),
  checks: z.array(connectionCheckSchema),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;
