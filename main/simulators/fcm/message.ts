import { z } from 'zod';

/** A message may weigh at most 4 KB (JSON, as sent). */
export const MAX_MESSAGE_BYTES = 4096;

/**
 * Proto3 JSON accepts a field under its proto name (snake_case) or its JSON name (lowerCamel);
 * firebase-admin sends snake_case, other clients camelCase. Normalise keys of proto messages
 * (never of maps such as `data` or `apns.headers`, nor of the `apns.payload` Struct).
 */
function snakeKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = entry;
  return out;
}

function proto<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(snakeKeys, z.strictObject(shape));
}

const str = z.string();
const stringMap = z.record(z.string(), z.string());
const duration = z.string().regex(/^\d+(\.\d{1,9})?s$/, 'google.protobuf.Duration');
/** Proto enums arrive in either case from the clients in use (firebase-admin sends `high`). */
const protoEnum = (values: string[], type: string) =>
  z.string().refine((v) => values.includes(v.toUpperCase()), { message: type });

const color = proto({ red: z.number().optional(), green: z.number().optional(), blue: z.number().optional(), alpha: z.number().optional() });

const androidNotification = proto({
  title: str.optional(),
  body: str.optional(),
  icon: str.optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be in the form #RRGGBB').optional(),
  sound: str.optional(),
  tag: str.optional(),
  click_action: str.optional(),
  body_loc_key: str.optional(),
  body_loc_args: z.array(str).optional(),
  title_loc_key: str.optional(),
  title_loc_args: z.array(str).optional(),
  channel_id: str.optional(),
  ticker: str.optional(),
  sticky: z.boolean().optional(),
  event_time: str.optional(),
  local_only: z.boolean().optional(),
  notification_priority: protoEnum(['PRIORITY_UNSPECIFIED', 'PRIORITY_MIN', 'PRIORITY_LOW', 'PRIORITY_DEFAULT', 'PRIORITY_HIGH', 'PRIORITY_MAX'], 'google.firebase.fcm.v1.AndroidNotification.NotificationPriority').optional(),
  default_sound: z.boolean().optional(),
  default_vibrate_timings: z.boolean().optional(),
  default_light_settings: z.boolean().optional(),
  vibrate_timings: z.array(duration).optional(),
  visibility: protoEnum(['VISIBILITY_UNSPECIFIED', 'PRIVATE', 'PUBLIC', 'SECRET'], 'google.firebase.fcm.v1.AndroidNotification.Visibility').optional(),
  notification_count: z.number().int().nonnegative().optional(),
  light_settings: proto({ color, light_on_duration: duration, light_off_duration: duration }).optional(),
  image: str.optional(),
  bypass_proxy_notification: z.boolean().optional(),
  proxy: protoEnum(['PROXY_UNSPECIFIED', 'ALLOW', 'DENY', 'IF_PRIORITY_LOWERED'], 'google.firebase.fcm.v1.AndroidNotification.Proxy').optional(),
});

const fcmOptions = proto({ analytics_label: z.string().regex(/^[a-zA-Z0-9-_.~%]{1,50}$/, 'analytics_label').optional() });

const android = proto({
  collapse_key: str.optional(),
  priority: protoEnum(['NORMAL', 'HIGH'], 'google.firebase.fcm.v1.AndroidMessagePriority').optional(),
  ttl: duration.optional(),
  restricted_package_name: str.optional(),
  data: stringMap.optional(),
  notification: androidNotification.optional(),
  fcm_options: fcmOptions.optional(),
  direct_boot_ok: z.boolean().optional(),
  bandwidth_constrained_ok: z.boolean().optional(),
  restricted_satellite_ok: z.boolean().optional(),
});

const apns = proto({
  headers: stringMap.optional(),
  // A google.protobuf.Struct: any JSON object, keys untouched (it becomes the APNs payload).
  payload: z.record(z.string(), z.unknown()).optional(),
  fcm_options: proto({ analytics_label: str.optional(), image: str.optional() }).optional(),
  live_activity_token: str.optional(),
});

const webpush = proto({
  headers: stringMap.optional(),
  data: stringMap.optional(),
  notification: z.record(z.string(), z.unknown()).optional(),
  fcm_options: proto({ link: str.optional(), analytics_label: str.optional() }).optional(),
});

export const fcmMessageSchema = proto({
  name: str.optional(),
  data: stringMap.optional(),
  notification: proto({ title: str.optional(), body: str.optional(), image: str.optional() }).optional(),
  android: android.optional(),
  webpush: webpush.optional(),
  apns: apns.optional(),
  fcm_options: fcmOptions.optional(),
  token: str.optional(),
  topic: str.optional(),
  condition: str.optional(),
});

export const sendRequestSchema = proto({ message: fcmMessageSchema, validate_only: z.boolean().optional() });

export type FcmMessage = z.infer<typeof fcmMessageSchema>;
export type Target = { kind: 'token'; token: string } | { kind: 'topic'; topic: string } | { kind: 'condition'; condition: string };

const RESERVED_DATA_KEYS = new Set(['from', 'notification', 'message_type']);
const TOPIC = /^(\/topics\/)?[a-zA-Z0-9-_.~%]+$/;

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Google's wording for a payload that doesn't fit the proto: unknown field, wrong type or value. */
function describe(issue: z.core.$ZodIssue): string {
  const path = fieldPath(issue.path);
  if (issue.code === 'unrecognized_keys') return `Invalid JSON payload received. Unknown name "${issue.keys[0]}" at '${path}': Cannot find field.`;
  if (issue.code === 'invalid_type') return `Invalid value at '${path}' (${issue.expected === 'string' ? 'TYPE_STRING' : issue.expected}), ${issue.message.replace(/^Invalid input: /, '')}`;
  return `Invalid value at '${path}' (${issue.message})`;
}

export type MessageCheck = { ok: true; message: FcmMessage; validateOnly: boolean; target: Target } | { ok: false; message: string };

/** The body of messages:send, judged as FCM does before it looks at the target device. */
export function checkSendRequest(body: unknown, rawSize: number): MessageCheck {
  const parsed = sendRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: describe(parsed.error.issues[0]!) };
  const message = parsed.data.message;

  const targets = [message.token, message.topic, message.condition].filter((t) => t !== undefined).length;
  if (targets === 0) return { ok: false, message: 'Recipient of the message is not set.' };
  if (targets > 1) return { ok: false, message: "Invalid JSON payload received. Oneof field 'target' is already set. Cannot set more than one of token, topic and condition." };

  for (const map of [message.data, message.android?.data]) {
    for (const key of Object.keys(map ?? {})) {
      if (RESERVED_DATA_KEYS.has(key) || key.startsWith('google.') || key.startsWith('gcm.')) return { ok: false, message: `Invalid data payload key: ${key}` };
    }
  }
  if (message.topic !== undefined && !TOPIC.test(message.topic)) return { ok: false, message: 'Invalid topic name.' };
  if (message.condition !== undefined && !/'[a-zA-Z0-9-_.~%]+' in topics/.test(message.condition)) return { ok: false, message: 'Invalid condition expression.' };
  // Only a body over the limit can hold a message over it: the common case costs no stringify.
  if (rawSize > MAX_MESSAGE_BYTES && Buffer.byteLength(JSON.stringify(message)) > MAX_MESSAGE_BYTES) {
    return { ok: false, message: `Message is too big: the limit is ${MAX_MESSAGE_BYTES} bytes.` };
  }

  const target: Target =
    message.token !== undefined ? { kind: 'token', token: message.token } : message.topic !== undefined ? { kind: 'topic', topic: message.topic.replace(/^\/topics\//, '') } : { kind: 'condition', condition: message.condition! };
  return { ok: true, message, validateOnly: parsed.data.validate_only === true, target };
}

/** Today's registration tokens: an instance id, a colon, then a long URL-safe part. */
export function isWellFormedFcmToken(token: string): boolean {
  return token.length >= 100 && token.length <= 4096 && /^[\w-]+:[\w-]+$/.test(token);
}
