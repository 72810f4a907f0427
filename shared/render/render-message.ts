import type { MessageContent, TapAction } from '../domain/message.js';
import { type FormatOptions, type TemplateScope, renderTemplate } from './personalise.js';
import { lintMessage } from './lints.js';
import type { Measure } from './measure.js';

/**
 * The one renderer of a push message: the live preview, the CLI's `message render` and the sender
 * all call renderMessage(), so what the marketer sees is what is sent.
 *
 * Where the studio puts what APNs and FCM have no standard field for (documented for app developers):
 * - tap action: custom keys `link_type` ("deeplink" | "web") and `link_url` beside `aps`; FCM `data`
 *   gets the same two keys.
 * - the image: `image_url` beside `aps` (read by the app's notification service extension, which
 *   needs `mutable-content: 1`); FCM: `notification.image`, `android.notification.image` and
 *   `apns.fcm_options.image`.
 * - Android action buttons: FCM `data.actions`, a JSON string `[{"id","label","link_type","link_url"}]`
 *   that the app turns into notification actions (FCM has no buttons of its own).
 */

export const APNS_PAYLOAD_LIMIT = 4096;
export const FCM_MESSAGE_LIMIT = 4096;
export const FCM_TOKEN_PLACEHOLDER = '<FCM registration token>';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface RenderChannel {
  id: string;
  name: string;
  ios?: { bundleId: string };
  android?: { projectId: string };
}

export interface RenderContext extends TemplateScope, FormatOptions {
  /** The message's channel configuration; null or absent: none chosen (a lint says so). */
  channel?: RenderChannel | null;
  /** For apns-expiration (now + time to live). */
  now?: Date;
  /** The device's FCM registration token (the sender's); a placeholder otherwise. */
  fcmToken?: string;
  /** apns-id, when the sender sets one. */
  apnsId?: string;
  /** URL of a workspace asset, for images picked from the assets folder. */
  assetUrl?: (name: string) => string;
  /** Text measuring in the preview's font; the approximation otherwise. */
  measure?: Measure;
}

export interface ApnsRequest {
  headers: Record<string, string>;
  payload: JsonObject;
}

export interface RenderedButton {
  id: string;
  label: string;
  linkType?: 'deeplink' | 'web';
  url?: string;
}

/** The personalised text of the message, per platform, as the preview shows it. */
export interface RenderedTexts {
  ios: { title: string; subtitle: string; body: string };
  android: { title: string; body: string };
  imageUrl: string;
  link?: { type: 'deeplink' | 'web'; url: string };
  androidButtons: RenderedButton[];
  iosButtons: RenderedButton[];
}

export type LintSeverity = 'error' | 'warning' | 'info';
export interface Lint {
  code: string;
  severity: LintSeverity;
  message: string;
  /** The form field it is about (title, body, image, data, ...). */
  field?: string;
  platform?: 'ios' | 'android';
}

export interface RenderedMessage {
  apns: ApnsRequest;
  fcm: JsonObject;
  bytes: { apns: number; fcm: number };
  texts: RenderedTexts;
  lints: Lint[];
}

const encoder = new TextEncoder();
export const byteLength = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

/** RFC 7396 JSON merge patch: objects merge, null deletes, anything else replaces. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: JsonObject = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** Sets key only when value is meaningful (not undefined / '' / empty object). */
function put(target: JsonObject, key: string, value: Json | undefined): void {
  if (value === undefined || value === '') return;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return;
  target[key] = value;
}

const linkTypeOf = (action: TapAction) => (action.kind === 'deepLink' ? 'deeplink' : action.kind === 'webUrl' ? 'web' : undefined);

export function renderMessage(content: MessageContent, context: RenderContext = {}): RenderedMessage {
  const format: FormatOptions = { locale: context.locale, timeZone: context.timeZone };
  const scope: TemplateScope = { profile: context.profile, event: context.event };
  const templateIssues: { field: string; missing: string[]; error?: string }[] = [];
  const text = (template: string | undefined, field: string): string => {
    if (!template) return '';
    const result = renderTemplate(template, scope, format);
    if (result.missing.length || result.error) templateIssues.push({ field, missing: result.missing, error: result.error });
    return result.error ? '' : result.text;
  };

  // 1. Personalise every text field once.
  const title = text(content.title, 'title');
  const body = text(content.body, 'body');
  const texts: RenderedTexts = {
    ios: {
      title: content.ios.title ? text(content.ios.title, 'ios.title') : title,
      subtitle: text(content.subtitle, 'subtitle'),
      body: content.ios.body ? text(content.ios.body, 'ios.body') : body,
    },
    android: {
      title: content.android.title ? text(content.android.title, 'android.title') : title,
      body: content.android.body ? text(content.android.body, 'android.body') : body,
    },
    imageUrl: !content.image
      ? ''
      : content.image.source === 'asset'
        ? content.image.assetName
          ? (context.assetUrl?.(content.image.assetName) ?? `asset:${content.image.assetName}`)
          : ''
        : text(content.image.url, 'image').trim(),
    androidButtons: content.androidButtons.map((b, i) => button(b, `androidButtons.${i}`)),
    iosButtons: content.iosCategory.buttons.map((b, i) => button(b, `iosCategory.buttons.${i}`)),
  };
  const linkType = linkTypeOf(content.tapAction);
  if (linkType) texts.link = { type: linkType, url: text(content.tapAction.url, 'tapAction.url').trim() };
  function button(b: MessageContent['androidButtons'][number], field: string): RenderedButton {
    const type = linkTypeOf(b.action);
    return {
      id: b.id,
      label: text(b.label, `${field}.label`),
      ...(type ? { linkType: type, url: text(b.action.url, `${field}.url`).trim() } : {}),
    };
  }
  const data: { key: string; value: Json }[] = content.data
    .filter((entry) => entry.key.trim() !== '')
    .map((entry, i) => ({ key: entry.key.trim(), value: typeof entry.value === 'string' ? text(entry.value, `data.${i}`) : entry.value }));

  const background = content.background;
  const iosSound = content.ios.sound ?? content.sound;
  const androidSound = content.android.sound ?? content.sound;
  const hasImage = texts.imageUrl !== '';

  // 2. APNs request.
  const headers: Record<string, string> = {
    'apns-push-type': background ? 'background' : 'alert',
    'apns-priority': background || content.priority === 'normal' ? '5' : '10',
  };
  if (context.channel?.ios?.bundleId) headers['apns-topic'] = context.channel.ios.bundleId;
  if (content.ttlSeconds !== null) {
    headers['apns-expiration'] = content.ttlSeconds === 0 ? '0' : String(Math.floor((context.now ?? new Date()).getTime() / 1000) + content.ttlSeconds);
  }
  if (content.collapseId) headers['apns-collapse-id'] = content.collapseId;
  if (context.apnsId) headers['apns-id'] = context.apnsId;

  const aps: JsonObject = {};
  if (!background) {
    const alert: JsonObject = {};
    put(alert, 'title', texts.ios.title);
    put(alert, 'subtitle', texts.ios.subtitle);
    put(alert, 'body', texts.ios.body);
    put(aps, 'alert', alert);
    if (content.badge !== null) aps.badge = content.badge;
    put(aps, 'sound', iosSound);
    put(aps, 'thread-id', content.threadId);
    put(aps, 'category', content.iosCategory.id);
  } else {
    aps['content-available'] = 1;
  }
  if (content.mutableContent ?? (hasImage && !background)) aps['mutable-content'] = 1;
  if (!background) {
    put(aps, 'interruption-level', content.interruptionLevel ?? undefined);
    if (content.relevanceScore !== null) aps['relevance-score'] = content.relevanceScore;
  }
  put(aps, 'target-content-id', content.targetContentId);

  let payload: JsonObject = { aps };
  put(payload, 'image_url', texts.imageUrl);
  if (texts.link) {
    payload.link_type = texts.link.type;
    put(payload, 'link_url', texts.link.url);
  }
  for (const entry of data) payload[entry.key] = entry.value;

  let apnsHeaders: Record<string, string> = headers;
  if (content.raw.apnsHeaders) {
    apnsHeaders = { ...headers };
    for (const [key, value] of Object.entries(content.raw.apnsHeaders)) {
      if (value === null) delete apnsHeaders[key.toLowerCase()];
      else apnsHeaders[key.toLowerCase()] = value;
    }
  }
  if (content.raw.apnsPayload) payload = mergePatch(payload, content.raw.apnsPayload as JsonObject) as JsonObject;

  // 3. FCM v1 message.
  let fcm: JsonObject = { token: context.fcmToken ?? FCM_TOKEN_PLACEHOLDER };
  if (!background) {
    const notification: JsonObject = {};
    put(notification, 'title', title);
    put(notification, 'body', body);
    put(notification, 'image', texts.imageUrl);
    put(fcm, 'notification', notification);
  }
  const fcmData: JsonObject = {};
  for (const entry of data) fcmData[entry.key] = entry.value;
  if (texts.link) {
    fcmData.link_type = texts.link.type;
    put(fcmData, 'link_url', texts.link.url);
  }
  if (texts.androidButtons.length > 0) {
    fcmData.actions = JSON.stringify(
      texts.androidButtons.map((b) => ({ id: b.id || b.label, label: b.label, ...(b.linkType ? { link_type: b.linkType, link_url: b.url ?? '' } : {}) })),
    );
  }
  put(fcm, 'data', fcmData);

  const android: JsonObject = {};
  put(android, 'collapse_key', content.collapseId);
  android.priority = background || content.priority === 'normal' ? 'normal' : 'high';
  if (content.ttlSeconds !== null) android.ttl = `${content.ttlSeconds}s`;
  if (!background) {
    const an: JsonObject = {};
    if (texts.android.title !== title) put(an, 'title', texts.android.title);
    if (texts.android.body !== body) put(an, 'body', texts.android.body);
    put(an, 'channel_id', content.androidChannelId);
    put(an, 'color', content.accentColor.toLowerCase());
    put(an, 'sound', androidSound);
    put(an, 'tag', content.collapseId);
    put(an, 'image', texts.imageUrl);
    if (content.badge !== null) an.notification_count = content.badge;
    if (content.androidVisibility) an.visibility = content.androidVisibility.toUpperCase();
    put(android, 'notification', an);
  }
  fcm.android = android;

  const fcmApnsHeaders: JsonObject = { 'apns-push-type': headers['apns-push-type']!, 'apns-priority': headers['apns-priority']! };
  if (headers['apns-expiration']) fcmApnsHeaders['apns-expiration'] = headers['apns-expiration'];
  if (headers['apns-collapse-id']) fcmApnsHeaders['apns-collapse-id'] = headers['apns-collapse-id'];
  // In the FCM message, notification{} carries the common title/body; aps adds what is iOS-only.
  const fcmAps: JsonObject = { ...aps };
  const fcmAlert: JsonObject = {};
  if (!background) {
    if (texts.ios.title !== title) put(fcmAlert, 'title', texts.ios.title);
    put(fcmAlert, 'subtitle', texts.ios.subtitle);
    if (texts.ios.body !== body) put(fcmAlert, 'body', texts.ios.body);
  }
  delete fcmAps.alert;
  put(fcmAps, 'alert', fcmAlert);
  const apnsBlock: JsonObject = { headers: fcmApnsHeaders };
  put(apnsBlock, 'payload', Object.keys(fcmAps).length ? { aps: fcmAps } : undefined);
  if (hasImage) apnsBlock.fcm_options = { image: texts.imageUrl };
  fcm.apns = apnsBlock;
  if (content.analyticsLabel) fcm.fcm_options = { analytics_label: content.analyticsLabel };
  if (content.raw.fcm) fcm = mergePatch(fcm, content.raw.fcm as JsonObject) as JsonObject;

  const apns = { headers: apnsHeaders, payload };
  const bytes = { apns: byteLength(payload), fcm: byteLength({ message: fcm }) };
  const lints = lintMessage({ content, context, apns, fcm, bytes, texts, templateIssues });
  return { apns, fcm, bytes, texts, lints };
}
