import type { MessageContent } from '../domain/message.js';
import { type Json, type JsonObject, type RenderContext, type RenderedMessage, renderMessage } from './render-message.js';

/** What the payload panel shows and "Edit raw" edits: the APNs request and the FCM message. */
export interface RawDocument {
  apns: { headers: Record<string, string>; payload: JsonObject };
  fcm: { message: JsonObject };
}

export const rawDocumentOf = (rendered: RenderedMessage): RawDocument => ({ apns: rendered.apns, fcm: { message: rendered.fcm } });

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const deepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const at = (value: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (isObject(v) && Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined), value);

/** The merge patch (RFC 7396) that turns `before` into `after`; undefined when they are equal. */
export function createPatch(before: unknown, after: Json): Json | undefined {
  if (deepEqual(before, after)) return undefined;
  if (!isObject(before) || !isObject(after)) return after;
  const patch: JsonObject = {};
  for (const key of Object.keys(after)) {
    const sub = createPatch(before[key], after[key]!);
    if (sub !== undefined) patch[key] = sub;
  }
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  return Object.keys(patch).length ? patch : undefined;
}

type Field = { path: string[]; apply(content: MessageContent, value: unknown): MessageContent | undefined };
const str = (key: keyof MessageContent) => (c: MessageContent, v: unknown) => (typeof v === 'string' || v === undefined ? { ...c, [key]: v ?? '' } : undefined);

/** Payload places that map back onto a form field. */
const APNS_FIELDS: Field[] = [
  { path: ['payload', 'aps', 'alert', 'title'], apply: (c, v) => (typeof v === 'string' || v === undefined ? (c.ios.title ? { ...c, ios: { ...c.ios, title: v ?? '' } } : { ...c, title: v ?? '' }) : undefined) },
  { path: ['payload', 'aps', 'alert', 'subtitle'], apply: str('subtitle') },
  { path: ['payload', 'aps', 'alert', 'body'], apply: (c, v) => (typeof v === 'string' || v === undefined ? (c.ios.body ? { ...c, ios: { ...c.ios, body: v ?? '' } } : { ...c, body: v ?? '' }) : undefined) },
  { path: ['payload', 'aps', 'badge'], apply: (c, v) => (v === undefined || (Number.isInteger(v) && (v as number) >= 0) ? { ...c, badge: (v as number | undefined) ?? null } : undefined) },
  { path: ['payload', 'aps', 'sound'], apply: (c, v) => (typeof v === 'string' || v === undefined ? { ...c, sound: v ?? '' } : undefined) },
  { path: ['payload', 'aps', 'thread-id'], apply: str('threadId') },
  { path: ['payload', 'aps', 'category'], apply: (c, v) => (typeof v === 'string' || v === undefined ? { ...c, iosCategory: { ...c.iosCategory, id: v ?? '' } } : undefined) },
  { path: ['payload', 'aps', 'target-content-id'], apply: str('targetContentId') },
  { path: ['payload', 'aps', 'interruption-level'], apply: (c, v) => (v === undefined || ['passive', 'active', 'time-sensitive', 'critical'].includes(v as string) ? { ...c, interruptionLevel: (v as MessageContent['interruptionLevel']) ?? null } : undefined) },
  { path: ['payload', 'aps', 'relevance-score'], apply: (c, v) => (v === undefined || (typeof v === 'number' && v >= 0 && v <= 1) ? { ...c, relevanceScore: (v as number | undefined) ?? null } : undefined) },
  { path: ['headers', 'apns-collapse-id'], apply: str('collapseId') },
  { path: ['headers', 'apns-priority'], apply: (c, v) => (v === '10' ? { ...c, priority: 'high' } : v === '5' && !c.background ? { ...c, priority: 'normal' } : undefined) },
];
const FCM_FIELDS: Field[] = [
  { path: ['message', 'notification', 'title'], apply: str('title') },
  { path: ['message', 'notification', 'body'], apply: str('body') },
  { path: ['message', 'android', 'notification', 'channel_id'], apply: str('androidChannelId') },
  { path: ['message', 'android', 'notification', 'color'], apply: (c, v) => (v === undefined || (typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v)) ? { ...c, accentColor: (v as string | undefined) ?? '' } : undefined) },
  { path: ['message', 'android', 'notification', 'visibility'], apply: (c, v) => (v === undefined || ['PRIVATE', 'PUBLIC', 'SECRET'].includes(v as string) ? { ...c, androidVisibility: v ? ((v as string).toLowerCase() as MessageContent['androidVisibility']) : null } : undefined) },
  { path: ['message', 'android', 'ttl'], apply: (c, v) => (v === undefined ? { ...c, ttlSeconds: null } : typeof v === 'string' && /^\d+s$/.test(v) ? { ...c, ttlSeconds: Number.parseInt(v, 10) } : undefined) },
  { path: ['message', 'fcm_options', 'analytics_label'], apply: str('analyticsLabel') },
];

/**
 * "Edit raw": takes the document the expert edited and gives the message content that produces it.
 * Edits to places the form has a field for change that field (the typed text replaces a template
 * only where the expert changed the text); everything else is kept as raw overrides (merge patches).
 */
export function absorbRaw(content: MessageContent, context: RenderContext, edited: RawDocument): MessageContent {
  const before = rawDocumentOf(renderMessage(content, context));
  let next: MessageContent = { ...content, raw: {} };
  const absorb = (fields: Field[], beforeRoot: unknown, editedRoot: unknown) => {
    for (const field of fields) {
      const was = at(beforeRoot, field.path);
      const now = at(editedRoot, field.path);
      if (deepEqual(was, now)) continue;
      next = field.apply(next, now) ?? next;
    }
  };
  absorb(APNS_FIELDS, before.apns, edited.apns);
  absorb(FCM_FIELDS, before.fcm, edited.fcm);

  // Whatever the form could not express stays as raw overrides against the rebuilt payloads.
  const rebuilt = rawDocumentOf(renderMessage(next, context));
  const raw: MessageContent['raw'] = {};
  const headerPatch = createPatch(rebuilt.apns.headers, edited.apns.headers as unknown as Json);
  if (isObject(headerPatch)) raw.apnsHeaders = Object.fromEntries(Object.entries(headerPatch).map(([k, v]) => [k, v === null ? null : String(v)]));
  const payloadPatch = createPatch(rebuilt.apns.payload, edited.apns.payload);
  if (isObject(payloadPatch)) raw.apnsPayload = payloadPatch;
  const fcmPatch = createPatch(rebuilt.fcm.message, edited.fcm.message);
  if (isObject(fcmPatch)) raw.fcm = fcmPatch;
  return { ...next, raw };
}

/** A JSON Schema for the raw editor: validation and completion of the APNs and FCM shapes. */
export const rawDocumentJsonSchema = {
  type: 'object',
  required: ['apns', 'fcm'],
  additionalProperties: false,
  properties: {
    apns: {
      type: 'object',
      additionalProperties: false,
      properties: {
        headers: {
          type: 'object',
          description: 'APNs request headers',
          properties: {
            'apns-push-type': { enum: ['alert', 'background', 'location', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity', 'pushtotalk', 'widgets'] },
            'apns-priority': { enum: ['10', '5', '1'], description: 'background pushes must use 5' },
            'apns-topic': { type: 'string', description: 'the bundle id' },
            'apns-expiration': { type: 'string', pattern: '^\\d+$', description: 'epoch seconds; 0 = deliver once' },
            'apns-collapse-id': { type: 'string', maxLength: 64 },
            'apns-id': { type: 'string', format: 'uuid' },
          },
          additionalProperties: { type: 'string' },
        },
        payload: {
          type: 'object',
          properties: {
            aps: {
              type: 'object',
              additionalProperties: false,
              properties: {
                alert: {
                  oneOf: [
                    { type: 'string' },
                    {
                      type: 'object',
                      additionalProperties: false,
                      properties: Object.fromEntries(
                        ['title', 'subtitle', 'body', 'launch-image', 'title-loc-key', 'subtitle-loc-key', 'loc-key'].map((k) => [k, { type: 'string' }])
                          .concat(['title-loc-args', 'subtitle-loc-args', 'loc-args'].map((k) => [k, { type: 'array', items: { type: 'string' } }])),
                      ),
                    },
                  ],
                },
                badge: { type: 'integer', minimum: 0, description: '0 clears the badge' },
                sound: {
                  oneOf: [
                    { type: 'string' },
                    { type: 'object', properties: { critical: { enum: [0, 1] }, name: { type: 'string' }, volume: { type: 'number', minimum: 0, maximum: 1 } }, additionalProperties: false },
                  ],
                },
                'thread-id': { type: 'string' },
                category: { type: 'string' },
                'content-available': { const: 1 },
                'mutable-content': { const: 1 },
                'target-content-id': { type: 'string' },
                'interruption-level': { enum: ['passive', 'active', 'time-sensitive', 'critical'] },
                'relevance-score': { type: 'number', minimum: 0, maximum: 1 },
                'filter-criteria': { type: 'string' },
              },
            },
          },
          required: ['aps'],
        },
      },
    },
    fcm: {
      type: 'object',
      additionalProperties: false,
      properties: {
        message: {
          type: 'object',
          additionalProperties: false,
          properties: {
            token: { type: 'string' },
            topic: { type: 'string' },
            condition: { type: 'string' },
            notification: { type: 'object', additionalProperties: false, properties: { title: { type: 'string' }, body: { type: 'string' }, image: { type: 'string' } } },
            data: { type: 'object', additionalProperties: { type: 'string', description: 'FCM data values are strings' } },
            android: {
              type: 'object',
              additionalProperties: false,
              properties: {
                collapse_key: { type: 'string' },
                priority: { enum: ['high', 'normal'] },
                ttl: { type: 'string', pattern: '^\\d+(\\.\\d+)?s$' },
                restricted_package_name: { type: 'string' },
                data: { type: 'object', additionalProperties: { type: 'string' } },
                direct_boot_ok: { type: 'boolean' },
                notification: {
                  type: 'object',
                  properties: {
                    title: { type: 'string' }, body: { type: 'string' }, icon: { type: 'string' }, color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
                    sound: { type: 'string' }, tag: { type: 'string' }, click_action: { type: 'string' }, image: { type: 'string' }, channel_id: { type: 'string' },
                    ticker: { type: 'string' }, sticky: { type: 'boolean' }, event_time: { type: 'string' }, local_only: { type: 'boolean' },
                    notification_priority: { enum: ['PRIORITY_UNSPECIFIED', 'PRIORITY_MIN', 'PRIORITY_LOW', 'PRIORITY_DEFAULT', 'PRIORITY_HIGH', 'PRIORITY_MAX'] },
                    default_sound: { type: 'boolean' }, default_vibrate_timings: { type: 'boolean' }, default_light_settings: { type: 'boolean' },
                    visibility: { enum: ['VISIBILITY_UNSPECIFIED', 'PRIVATE', 'PUBLIC', 'SECRET'] },
                    notification_count: { type: 'integer', minimum: 0 },
                  },
                  additionalProperties: false,
                },
              },
            },
            apns: { type: 'object', properties: { headers: { type: 'object', additionalProperties: { type: 'string' } }, payload: { type: 'object' }, fcm_options: { type: 'object', properties: { image: { type: 'string' }, analytics_label: { type: 'string' } } } } },
            webpush: { type: 'object' },
            fcm_options: { type: 'object', properties: { analytics_label: { type: 'string', pattern: '^[a-zA-Z0-9\\-_.~%]{1,50}$' } }, additionalProperties: false },
          },
        },
      },
    },
  },
} as const;
