import type { IncomingHttpHeaders } from 'node:http2';
import { APNS_PUSH_TYPES, type ApnsPushType, type ApnsReason, MAX_COLLAPSE_ID_BYTES, TOPIC_SUFFIX } from './reasons.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const DEVICE_PREFIX = '/3/device/';
const APNS_HEADERS = ['apns-topic', 'apns-push-type', 'apns-priority', 'apns-expiration', 'apns-collapse-id', 'apns-id', 'authorization'] as const;
const SUFFIXES = Object.entries(TOPIC_SUFFIX) as [ApnsPushType, string][];

export type Rejection = { reason: ApnsReason };

/** Method and path: `POST /3/device/<token>`. The token's format is judged later, after auth. */
export function parsePath(method: string | undefined, path: string | undefined): { token: string } | Rejection {
  if (!path || !path.startsWith(DEVICE_PREFIX)) return { reason: 'BadPath' };
  if (method !== 'POST') return { reason: 'MethodNotAllowed' };
  const query = path.indexOf('?');
  const token = path.slice(DEVICE_PREFIX.length, query < 0 ? undefined : query);
  if (token === '') return { reason: 'MissingDeviceToken' };
  if (token.includes('/')) return { reason: 'BadPath' };
  return { token };
}

/** A device token is hex of any length (Apple warns it may grow): validate the alphabet, not the size. */
export function isWellFormedDeviceToken(token: string): boolean {
  return token.length % 2 === 0 && HEX.test(token);
}

/**
 * Node joins a repeated header with ", ": only then do we look at the raw list to tell a real
 * duplicate from a value that merely contains a comma.
 */
export function hasDuplicateApnsHeaders(headers: IncomingHttpHeaders, rawHeaders: string[] | undefined): boolean {
  if (!rawHeaders) return false;
  for (const name of APNS_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value.includes(', ')) {
      let seen = 0;
      for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]?.toLowerCase() === name) seen += 1;
      if (seen > 1) return true;
    }
  }
  return false;
}

/** The apns-id to answer with: the client's (a UUID) or a new one, as Apple does. */
export function checkApnsId(value: string | string[] | undefined): { ok: true; id: string | undefined } | Rejection {
  if (value === undefined) return { ok: true, id: undefined };
  return typeof value === 'string' && UUID.test(value) ? { ok: true, id: value } : { reason: 'BadMessageId' };
}

export interface PushHeaders {
  topic: string;
  /** The topic without its push-type suffix: the app's bundle id. */
  bundleId: string;
  pushType: ApnsPushType;
  priority: 10 | 5 | 1;
  expiration: number;
  collapseId: string | undefined;
}

/** apns-topic, apns-push-type, apns-priority, apns-expiration and apns-collapse-id, as APNs judges them. */
export function checkPushHeaders(headers: IncomingHttpHeaders): PushHeaders | Rejection {
  const topic = headers['apns-topic'];
  // With token auth the topic is required (a certificate with one topic could imply it).
  if (typeof topic !== 'string' || topic === '') return { reason: 'MissingTopic' };

  const rawType = headers['apns-push-type'];
  let pushType: ApnsPushType;
  if (rawType === undefined) {
    // No push type: Apple infers alert (watchOS requires the header; iOS tolerates its absence).
    pushType = SUFFIXES.find(([, suffix]) => topic.endsWith(suffix))?.[0] ?? 'alert';
  } else if (typeof rawType === 'string' && (APNS_PUSH_TYPES as readonly string[]).includes(rawType)) {
    pushType = rawType as ApnsPushType;
  } else {
    return { reason: 'InvalidPushType' };
  }

  const suffix = TOPIC_SUFFIX[pushType];
  // A VoIP push to the bare bundle id (or an alert to "<id>.voip"): Apple documents no reason of
  // its own for this; BadTopic ("the apns-topic was invalid") is the closest one.
  if (suffix && !topic.endsWith(suffix)) return { reason: 'BadTopic' };
  const bundleId = suffix ? topic.slice(0, -suffix.length) : topic;
  if (!bundleId) return { reason: 'BadTopic' };

  const rawPriority = headers['apns-priority'];
  let priority: 10 | 5 | 1;
  if (rawPriority === undefined) priority = pushType === 'background' ? 5 : 10;
  else if (rawPriority === '10') priority = 10;
  else if (rawPriority === '5') priority = 5;
  else if (rawPriority === '1') priority = 1;
  else return { reason: 'BadPriority' };
  // Background pushes must be sent at priority 5 (Apple: 10 "is an error").
  if (pushType === 'background' && priority === 10) return { reason: 'BadPriority' };

  const rawExpiration = headers['apns-expiration'];
  let expiration = 0;
  if (rawExpiration !== undefined) {
    if (typeof rawExpiration !== 'string' || !/^\d{1,12}$/.test(rawExpiration)) return { reason: 'BadExpirationDate' };
    expiration = Number(rawExpiration);
  }

  const collapseId = headers['apns-collapse-id'];
  if (collapseId !== undefined && (typeof collapseId !== 'string' || Buffer.byteLength(collapseId) > MAX_COLLAPSE_ID_BYTES)) {
    return { reason: 'BadCollapseId' };
  }

  return { topic, bundleId, pushType, priority, expiration, collapseId: collapseId as string | undefined };
}
