import type { DeliveryOutcome } from '../../../shared/domain/delivery.js';
import type { Platform } from '../../../shared/domain/profile.js';

/** What one attempt came to, before the dispatcher decides about retries. */
export interface AttemptResult {
  outcome: Exclude<DeliveryOutcome, 'expired' | 'cancelled'>;
  /** The provider's reason verbatim (APNs `reason`, FCM error code), or ours for what never reached it. */
  reason: string | null;
  status: number | null;
  providerId: string | null;
  /** From a Retry-After header. */
  retryAfterMs?: number;
  /** APNs 410 timestamp: when Apple learned the token was dead. */
  goneAt?: string;
  /** What the provider answered, for the detail drawer (or that, already serialised for the log). */
  response: ProviderAnswer | SerializedAnswer;
  latencyMs: number | null;
}

/** What the provider answered (never credentials: senders keep only safe headers). */
export interface ProviderAnswer {
  status: number | null;
  headers: Record<string, string>;
  body: unknown;
  error?: string;
}

/** An answer serialised where it was received (a sending thread), so the dispatcher's thread only stores it. */
export interface SerializedAnswer {
  json: string;
}

/** The answer as the delivery log stores it (JSON). */
export const answerJson = (answer: ProviderAnswer | SerializedAnswer): string => ('json' in answer ? answer.json : JSON.stringify(answer));

const APNS_RETRYABLE = new Set(['TooManyRequests', 'InternalServerError', 'ServiceUnavailable', 'Shutdown', 'ExpiredProviderToken', 'IdleTimeout']);
const APNS_CONFIGURATION = new Set([
  'BadCertificate',
  'BadCertificateEnvironment',
  'Forbidden',
  'InvalidProviderToken',
  'MissingProviderToken',
  'UnrelatedKeyIdInToken',
  'BadEnvironmentKeyInToken',
  'TopicDisallowed',
  'BadTopic',
  'MissingTopic',
  'DeviceTokenNotForTopic',
  'TooManyProviderTokenUpdates',
]);

/** Retry-After: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * An APNs answer. `tokenEnvironment` is the environment the registration says the token is from
 * (apns / apnsSandbox), `sentTo` where the channel sent it: a BadDeviceToken across the two is the
 * channel's configuration, not a dead token.
 */
export function classifyApns(answer: { status: number | null; reason?: string; timestamp?: number; apnsId?: string; error?: string }, tokenPlatform: Platform, sentTo: 'sandbox' | 'production'):
  Pick<AttemptResult, 'outcome' | 'reason' | 'goneAt'> {
  const { status, reason } = answer;
  if (status === 200) return { outcome: 'delivered', reason: null };
  if (status === null) return { outcome: 'retryable', reason: answer.error && /timeout/i.test(answer.error) ? 'Timeout' : 'ConnectionDropped' };
  const r = reason ?? String(status);
  if (status === 410 && (r === 'Unregistered' || r === 'ExpiredToken')) {
    return { outcome: 'tokenInvalid', reason: r, ...(answer.timestamp ? { goneAt: new Date(answer.timestamp).toISOString() } : {}) };
  }
  if (r === 'BadDeviceToken') {
    const tokenEnv = tokenPlatform === 'apnsSandbox' ? 'sandbox' : tokenPlatform === 'apns' ? 'production' : undefined;
    if (tokenEnv && tokenEnv !== sentTo) {
      return { outcome: 'configuration', reason: `BadDeviceToken (a ${tokenEnv} token sent to the ${sentTo} APNs environment: check the channel’s environment)` };
    }
    return { outcome: 'tokenInvalid', reason: r };
  }
  if (status === 429 || status === 500 || status === 503 || APNS_RETRYABLE.has(r)) {
    // TooManyProviderTokenUpdates is ours to fix, not to retry blindly.
    if (r === 'TooManyProviderTokenUpdates') return { outcome: 'configuration', reason: r };
    return { outcome: 'retryable', reason: r };
  }
  if (status === 403 || APNS_CONFIGURATION.has(r)) return { outcome: 'configuration', reason: r };
  return { outcome: 'permanent', reason: r };
}

const FCM_RETRYABLE = new Set(['UNAVAILABLE', 'INTERNAL', 'QUOTA_EXCEEDED', 'UNSPECIFIED_ERROR', 'UNKNOWN']);
const FCM_CONFIGURATION = new Set(['THIRD_PARTY_AUTH_ERROR', 'SENDER_ID_MISMATCH', 'PERMISSION_DENIED', 'UNAUTHENTICATED']);

interface GoogleErrorBody {
  error?: { code?: number; status?: string; message?: string; details?: { '@type'?: string; errorCode?: string; statusCode?: number; reason?: string }[] };
}

/** An FCM answer: the raw HTTP answer when one came back, else the client's error code and message. */
export function classifyFcm(answer: { status: number | null; body?: unknown; clientCode?: string; error?: string }): Pick<AttemptResult, 'outcome' | 'reason'> {
  if (answer.status === 200) return { outcome: 'delivered', reason: null };
  if (answer.status === null) {
    // No HTTP answer: a dropped connection or a timeout (firebase-admin says app/network-error).
    return { outcome: 'retryable', reason: answer.error && /timeout|timed out/i.test(answer.error) ? 'Timeout' : 'ConnectionDropped' };
  }
  const error = (answer.body as GoogleErrorBody | undefined)?.error;
  const details = error?.details ?? [];
  const code = details.find((d) => d['@type']?.endsWith('FcmError'))?.errorCode ?? error?.status ?? String(answer.status);
  const apns = details.find((d) => d['@type']?.endsWith('ApnsError'));
  if (code === 'UNREGISTERED') return { outcome: 'tokenInvalid', reason: code };
  if (code === 'INVALID_ARGUMENT' && apns?.statusCode === 410) return { outcome: 'tokenInvalid', reason: `INVALID_ARGUMENT (APNs 410 ${apns.reason ?? 'Unregistered'})` };
  if (FCM_RETRYABLE.has(code) || answer.status === 429 || answer.status >= 500) return { outcome: 'retryable', reason: code };
  if (FCM_CONFIGURATION.has(code) || answer.status === 401 || answer.status === 403) return { outcome: 'configuration', reason: code };
  return { outcome: 'permanent', reason: code };
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60_000, maxAttempts: 8 };

/** Exponential backoff with equal jitter, never sooner than the provider's Retry-After. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, retryAfterMs: number | undefined, random = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}
