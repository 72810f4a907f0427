import { z } from 'zod';
import { channelIdSchema } from './channel.js';
import { nameSchema } from './names.js';

/**
 * A push message as the studio stores it, exports it and imports it (one shape everywhere). Text
 * fields are Handlebars templates over `profile` and `event` (see shared/render/personalise.ts).
 * What the form does not cover is kept in `raw`: JSON merge patches (RFC 7396) applied to the
 * built APNs request and FCM message, which is how "Edit raw" keeps what has no form field.
 */
export const MESSAGE_NAME_MAX = 120;
export const TEXT_MAX = 4000;

export const messageIdSchema = z.string().regex(/^msg_[A-Za-z0-9_-]{8,64}$/, { error: 'Not a message id' });
export const messageNameSchema = nameSchema(MESSAGE_NAME_MAX);

const text = (what: string, max = TEXT_MAX) => z.string().max(max, { error: `${what} must be at most ${max} characters` });

export const linkKindSchema = z.enum(['openApp', 'deepLink', 'webUrl']);
/** What a tap (or a button) does. A URL may hold template expressions, so it is checked loosely. */
export const tapActionSchema = z.strictObject({
  kind: linkKindSchema,
  url: text('Link', 2000).default(''),
});
export type TapAction = z.infer<typeof tapActionSchema>;

export const actionButtonSchema = z.strictObject({
  /** iOS: the action identifier the app registered; Android: sent to the app with the button. */
  id: z.string().trim().max(64).regex(/^[A-Za-z0-9_.-]*$/, { error: 'Button id: letters, digits, dot, dash, underscore' }).default(''),
  label: text('Button label', 200),
  action: tapActionSchema.default({ kind: 'openApp', url: '' }),
});
export type ActionButton = z.infer<typeof actionButtonSchema>;

export const imageSchema = z.strictObject({
  source: z.enum(['url', 'asset']),
  /** An https URL (may hold template expressions) when source is url. */
  url: text('Image URL', 2000).default(''),
  /** A file in the workspace's assets folder when source is asset. */
  assetName: z.string().max(255).default(''),
  /** thumbnail: a small square beside the text; expanded: full width when the push is expanded. */
  placement: z.enum(['thumbnail', 'expanded']).default('expanded'),
});
export type MessageImage = z.infer<typeof imageSchema>;

export const dataValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const dataEntrySchema = z.strictObject({ key: z.string().max(200), value: dataValueSchema });
export type DataEntry = z.infer<typeof dataEntrySchema>;

export const interruptionLevelSchema = z.enum(['passive', 'active', 'time-sensitive', 'critical']);
export const androidVisibilitySchema = z.enum(['private', 'public', 'secret']);

/** Where iOS and Android should say something different: each field left empty uses the common one. */
export const platformOverrideSchema = z.strictObject({
  title: text('Title').optional(),
  body: text('Body').optional(),
  sound: z.string().max(200).optional(),
});
export type PlatformOverride = z.infer<typeof platformOverrideSchema>;

/** A JSON object (merge patch); validated as JSON, not as any particular shape. */
export const jsonObjectSchema = z.record(z.string(), z.json());

export const rawOverridesSchema = z.strictObject({
  apnsHeaders: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
  apnsPayload: jsonObjectSchema.optional(),
  fcm: jsonObjectSchema.optional(),
});
export type RawOverrides = z.infer<typeof rawOverridesSchema>;

export const messageContentSchema = z.strictObject({
  title: text('Title').default(''),
  subtitle: text('Subtitle').default(''),
  body: text('Body').default(''),
  image: imageSchema.nullable().default(null),
  tapAction: tapActionSchema.default({ kind: 'openApp', url: '' }),
  /** Android shows at most 3 (a lint says so); the schema keeps more so nothing typed is lost. */
  androidButtons: z.array(actionButtonSchema).max(10).default([]),
  /** The category the iOS app registered, and its buttons (shown in the preview; iOS shows up to 4). */
  iosCategory: z.strictObject({ id: z.string().trim().max(100).default(''), buttons: z.array(actionButtonSchema).max(10).default([]) }).default({ id: '', buttons: [] }),
  /** '' = silent, 'default' = the system sound, else a sound file the app bundles. */
  sound: z.string().max(200).default('default'),
  badge: z.int().min(0).max(99999).nullable().default(null),
  data: z.array(dataEntrySchema).max(100).default([]),
  /** Silent / background push: content-available, no alert. */
  background: z.boolean().default(false),
  /** null: set mutable-content when an image is present. */
  mutableContent: z.boolean().nullable().default(null),
  threadId: z.string().max(200).default(''),
  androidChannelId: z.string().max(200).default(''),
  priority: z.enum(['high', 'normal']).default('high'),
  /** Seconds the providers keep trying; null: the providers' default (APNs stores one, FCM 4 weeks). */
  ttlSeconds: z.int().min(0).max(2419200, { error: 'Time to live is at most 28 days (2419200 s)' }).nullable().default(null),
  collapseId: z.string().max(200).default(''),
  interruptionLevel: interruptionLevelSchema.nullable().default(null),
  relevanceScore: z.number().min(0, { error: 'Relevance score is from 0 to 1' }).max(1, { error: 'Relevance score is from 0 to 1' }).nullable().default(null),
  targetContentId: z.string().max(200).default(''),
  androidVisibility: androidVisibilitySchema.nullable().default(null),
  accentColor: z
    .string()
    .regex(/^(#[0-9a-fA-F]{6})?$/, { error: 'Accent colour is #RRGGBB' })
    .default(''),
  analyticsLabel: z
    .string()
    .regex(/^[a-zA-Z0-9\-_.~%]{0,50}$/, { error: 'Analytics label: up to 50 letters, digits, - _ . ~ %' })
    .default(''),
  ios: platformOverrideSchema.default({}),
  android: platformOverrideSchema.default({}),
  raw: rawOverridesSchema.default({}),
});
export type MessageContent = z.infer<typeof messageContentSchema>;
export type MessageContentInput = z.input<typeof messageContentSchema>;

export const emptyContent = (): MessageContent => messageContentSchema.parse({});

export const messageSchema = z.object({
  id: messageIdSchema,
  name: z.string(),
  channelId: channelIdSchema.nullable(),
  content: messageContentSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

/**
 * A message file (export, import, the CLI's `message render FILE.json`): the stored shape. The id
 * and dates are optional on the way in, so a hand-written file works too.
 */
export const messageFileSchema = z.object({
  id: messageIdSchema.optional(),
  name: messageNameSchema,
  channelId: channelIdSchema.nullable().default(null),
  content: messageContentSchema,
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type MessageFile = z.infer<typeof messageFileSchema>;

/**
 * An image file kept in the workspace's assets folder. At most 700 KB: it crosses the contract as
 * base64 within the hosts' 1 MB message limit (FCM's own image limit is 1 MB).
 */
export const ASSET_MAX_BYTES = 700 * 1024;
export const assetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()-]*\.(png|jpe?g|gif|webp)$/i, { error: 'An image file name (png, jpg, gif or webp) without folders' });
export const assetSchema = z.object({ name: z.string(), bytes: z.number(), mediaType: z.string() });
export type Asset = z.infer<typeof assetSchema>;
