import type { MessageContent } from '../domain/message.js';
import { IOS_LAYOUT, IOS_TITLE_WIDTH, approximateMeasure } from './measure.js';
import type { ApnsRequest, JsonObject, Lint, RenderContext, RenderedTexts } from './render-message.js';
import { APNS_PAYLOAD_LIMIT, FCM_MESSAGE_LIMIT } from './render-message.js';

export interface LintInput {
  content: MessageContent;
  context: RenderContext;
  apns: ApnsRequest;
  fcm: JsonObject;
  bytes: { apns: number; fcm: number };
  texts: RenderedTexts;
  templateIssues: { field: string; missing: string[]; error?: string }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const fieldLabel = (field: string) =>
  field
    .replace(/^ios\./, 'iOS ')
    .replace(/^android\./, 'Android ')
    .replace(/^androidButtons\.(\d+)\./, (_m, i: string) => `Android button ${Number(i) + 1} `)
    .replace(/^iosCategory\.buttons\.(\d+)\./, (_m, i: string) => `iOS button ${Number(i) + 1} `)
    .replace(/^data\.(\d+)$/, (_m, i: string) => `custom data row ${Number(i) + 1}`)
    .replace('tapAction.url', 'tap action link');

/**
 * What could go wrong with the message, in the marketer's words, with what to do about it. Judged on
 * the built payloads (after raw overrides), so an expert's raw edit is linted too.
 */
export function lintMessage({ content, context, apns, fcm, bytes, texts, templateIssues }: LintInput): Lint[] {
  const lints: Lint[] = [];
  const add = (lint: Lint) => lints.push(lint);
  const aps = isObject(apns.payload.aps) ? apns.payload.aps : {};
  const alert = isObject(aps.alert) ? aps.alert : typeof aps.alert === 'string' ? { body: aps.alert } : {};

  if (!context.channel) {
    add({ code: 'missing-channel', severity: 'error', field: 'channel', message: 'Pick the channel (app) this message is sent through: it gives the APNs topic and the Firebase project.' });
  } else {
    if (!context.channel.ios) add({ code: 'channel-without-ios', severity: 'info', platform: 'ios', message: `“${context.channel.name}” has no iOS app, so iPhones receive this only through FCM.` });
    if (!context.channel.android) add({ code: 'channel-without-android', severity: 'info', platform: 'android', message: `“${context.channel.name}” has no Firebase project: Android phones won't receive this message.` });
  }

  for (const issue of templateIssues) {
    if (issue.error) add({ code: 'template-error', severity: 'error', field: issue.field, message: `${capital(fieldLabel(issue.field))}: ${issue.error}` });
    for (const path of issue.missing) {
      add({
        code: 'missing-value',
        severity: 'warning',
        field: issue.field,
        message: `${capital(fieldLabel(issue.field))}: ${path} has no value for this profile, so it renders empty. Give it a fallback: {{default ${path} "…"}}.`,
      });
    }
  }

  if (bytes.apns > APNS_PAYLOAD_LIMIT) {
    add({ code: 'apns-too-large', severity: 'error', platform: 'ios', message: `The APNs payload is ${bytes.apns} bytes, over Apple's ${APNS_PAYLOAD_LIMIT}-byte limit: APNs refuses it (PayloadTooLarge). Shorten the text or custom data.` });
  }
  if (bytes.fcm > FCM_MESSAGE_LIMIT) {
    add({ code: 'fcm-too-large', severity: 'error', platform: 'android', message: `The FCM message is ${bytes.fcm} bytes, over the ${FCM_MESSAGE_LIMIT}-byte limit: FCM refuses it. Shorten the text or custom data.` });
  }

  const background = aps['content-available'] === 1 && apns.headers['apns-push-type'] === 'background';
  if (!background && !texts.ios.title && !texts.ios.body && !texts.android.title && !texts.android.body && !('loc-key' in alert) && !('title-loc-key' in alert)) {
    add({ code: 'empty-message', severity: 'error', field: 'body', message: 'The message has no title and no body: write one, or switch on silent / background mode.' });
  }

  const measure = context.measure ?? approximateMeasure;
  const title = typeof alert.title === 'string' ? alert.title : '';
  if (title && !background) {
    const width = measure(title, IOS_LAYOUT.titleFont);
    if (width > IOS_TITLE_WIDTH) {
      add({
        code: 'ios-title-too-long',
        severity: 'warning',
        field: content.ios.title ? 'ios.title' : 'title',
        platform: 'ios',
        message: `The title is about ${Math.round(width)} pt wide; an iPhone shows ${IOS_TITLE_WIDTH} pt on one line, so it ends in “…”. Shorten it or move words to the body.`,
      });
    }
  }

  const hasImage = typeof apns.payload.image_url === 'string' && apns.payload.image_url !== '';
  if (hasImage && aps['mutable-content'] !== 1) {
    add({ code: 'image-without-mutable-content', severity: 'warning', field: 'image', platform: 'ios', message: 'An image is set but mutable-content is off: iPhones show the push without it. Turn mutable-content on (the app needs a notification service extension).' });
  }
  if (content.image?.source === 'asset' && content.image.assetName && !context.assetUrl) {
    add({ code: 'asset-not-hosted', severity: 'info', field: 'image', message: 'Phones download images from a URL: host this workspace image on https and paste its URL before sending.' });
  }
  if (content.image?.source === 'url' && texts.imageUrl && !/^https:\/\//i.test(texts.imageUrl)) {
    add({ code: 'image-not-https', severity: 'warning', field: 'image', message: 'Image URLs must start with https:// (iOS and Android refuse plain http).' });
  }

  if (content.androidButtons.length > 3) {
    add({ code: 'too-many-android-buttons', severity: 'error', field: 'androidButtons', platform: 'android', message: `Android shows at most 3 action buttons; this message has ${content.androidButtons.length}. Remove ${content.androidButtons.length - 3}.` });
  }
  if (content.iosCategory.buttons.length > 4) {
    add({ code: 'too-many-ios-buttons', severity: 'warning', field: 'iosCategory', platform: 'ios', message: `iOS shows at most 4 actions for a category; ${content.iosCategory.buttons.length} are defined.` });
  }
  if (content.iosCategory.buttons.length > 0 && !content.iosCategory.id.trim()) {
    add({ code: 'ios-buttons-without-category', severity: 'warning', field: 'iosCategory', platform: 'ios', message: 'iOS buttons come from a category the app registers: enter its category id, or iPhones show no buttons.' });
  }

  const locKeys = ['title-loc-key', 'subtitle-loc-key', 'loc-key'].filter((k) => k in alert);
  if (locKeys.length > 0) {
    add({ code: 'loc-key', severity: 'warning', platform: 'ios', message: `${locKeys.join(', ')}: the text comes from the app's Localizable.strings, which the preview cannot read; it shows the key instead.` });
  }

  if (content.background) {
    const extra = [
      texts.ios.title || texts.android.title ? 'title' : '',
      texts.ios.subtitle ? 'subtitle' : '',
      texts.ios.body || texts.android.body ? 'body' : '',
      content.sound ? 'sound' : '',
      content.badge !== null ? 'badge' : '',
    ].filter(Boolean);
    if (extra.length > 0) {
      add({ code: 'background-with-alert', severity: 'warning', field: 'background', message: `Silent / background pushes show nothing, so the ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not sent. Clear ${extra.length > 1 ? 'them' : 'it'} or switch background mode off.` });
    }
  }
  if (background && (('alert' in aps && aps.alert !== undefined) || 'sound' in aps || 'badge' in aps)) {
    add({ code: 'background-with-alert', severity: 'error', platform: 'ios', message: 'A background push (content-available, push type background) must not carry alert, sound or badge: APNs may drop it. Remove them from the raw payload.' });
  }

  const data = isObject(fcm.data) ? fcm.data : {};
  const nonString = Object.entries(data).filter(([, value]) => typeof value !== 'string');
  if (nonString.length > 0) {
    add({ code: 'fcm-data-not-string', severity: 'error', field: 'data', platform: 'android', message: `FCM data values must be text: ${nonString.map(([k]) => k).join(', ')} ${nonString.length > 1 ? 'are' : 'is'} not. Make ${nonString.length > 1 ? 'them' : 'it'} text (e.g. "42", "true").` });
  }
  const reserved = Object.keys(data).filter((k) => k === 'from' || k === 'notification' || k === 'message_type' || /^(google|gcm)(\.|$)/.test(k));
  if (reserved.length > 0) {
    add({ code: 'fcm-data-reserved-key', severity: 'error', field: 'data', platform: 'android', message: `FCM refuses these custom data keys: ${reserved.join(', ')}. Rename them.` });
  }
  if ('aps' in data) add({ code: 'custom-key-aps', severity: 'error', field: 'data', message: 'A custom data key cannot be called "aps": it would replace the notification itself.' });

  const collapse = apns.headers['apns-collapse-id'];
  if (collapse && new TextEncoder().encode(collapse).length > 64) {
    add({ code: 'collapse-id-too-long', severity: 'error', field: 'collapseId', platform: 'ios', message: 'The collapse id is over 64 bytes: APNs refuses it (BadCollapseId). Shorten it.' });
  }
  if (texts.link && !texts.link.url) {
    add({ code: 'link-without-url', severity: 'error', field: 'tapAction', message: `The tap action opens a ${texts.link.type === 'web' ? 'web page' : 'deep link'} but has no URL: enter it, or choose "Open the app".` });
  }
  if (texts.link?.type === 'web' && texts.link.url && !/^https?:\/\//i.test(texts.link.url)) {
    add({ code: 'web-link-not-url', severity: 'warning', field: 'tapAction', message: 'A web link starts with https://.' });
  }
  if (content.interruptionLevel === 'critical') {
    add({ code: 'critical-entitlement', severity: 'info', field: 'interruptionLevel', platform: 'ios', message: 'Critical alerts need an entitlement Apple grants to the app; without it iOS delivers the push as time-sensitive.' });
  }
  // Errors first, then warnings, then notes; in field order within each (sort is stable).
  return lints.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

const RANK = { error: 0, warning: 1, info: 2 } as const;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
