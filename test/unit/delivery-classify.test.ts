import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyApns, classifyFcm, parseRetryAfter } from '../../main/services/delivery/classify';

describe('classifying provider answers', () => {
  it('APNs: delivered, retryable, dead tokens with their time, configuration, permanent', () => {
    expect(classifyApns({ status: 200 }, 'apnsSandbox', 'sandbox').outcome).toBe('delivered');
    for (const [status, reason] of [[429, 'TooManyRequests'], [500, 'InternalServerError'], [503, 'ServiceUnavailable'], [503, 'Shutdown']] as const) {
      expect(classifyApns({ status, reason }, 'apns', 'production')).toEqual({ outcome: 'retryable', reason });
    }
    expect(classifyApns({ status: null, error: 'apn write timeout' }, 'apns', 'production')).toEqual({ outcome: 'retryable', reason: 'Timeout' });
    expect(classifyApns({ status: null, error: 'stream ended unexpectedly' }, 'apns', 'production')).toEqual({ outcome: 'retryable', reason: 'ConnectionDropped' });
    expect(classifyApns({ status: 410, reason: 'Unregistered', timestamp: Date.UTC(2026, 0, 2) }, 'apns', 'production')).toEqual({
      outcome: 'tokenInvalid',
      reason: 'Unregistered',
      goneAt: '2026-01-02T00:00:00.000Z',
    });
    expect(classifyApns({ status: 410, reason: 'ExpiredToken' }, 'apns', 'production').outcome).toBe('tokenInvalid');
    // BadDeviceToken: a dead token only when the environment is right; across environments, the channel is wrong.
    expect(classifyApns({ status: 400, reason: 'BadDeviceToken' }, 'apns', 'production')).toEqual({ outcome: 'tokenInvalid', reason: 'BadDeviceToken' });
    const wrongEnvironment = classifyApns({ status: 400, reason: 'BadDeviceToken' }, 'apnsSandbox', 'production');
    expect(wrongEnvironment.outcome).toBe('configuration');
    expect(wrongEnvironment.reason).toMatch(/^BadDeviceToken \(a sandbox token sent to the production APNs environment/);
    for (const reason of ['InvalidProviderToken', 'BadCertificateEnvironment', 'TopicDisallowed', 'TooManyProviderTokenUpdates']) {
      expect(classifyApns({ status: reason === 'TopicDisallowed' ? 400 : reason === 'TooManyProviderTokenUpdates' ? 429 : 403, reason }, 'apns', 'production').outcome).toBe('configuration');
    }
    expect(classifyApns({ status: 413, reason: 'PayloadTooLarge' }, 'apns', 'production')).toEqual({ outcome: 'permanent', reason: 'PayloadTooLarge' });
  });

  it('FCM: error codes from the FcmError detail, an APNs 410 inside INVALID_ARGUMENT is a dead token', () => {
    const error = (code: number, status: string, errorCode?: string, extra: object[] = []) => ({
      error: { code, status, message: 'x', details: [...(errorCode ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] : []), ...extra] },
    });
    expect(classifyFcm({ status: 200, body: { name: 'projects/p/messages/1' } }).outcome).toBe('delivered');
    expect(classifyFcm({ status: 404, body: error(404, 'NOT_FOUND', 'UNREGISTERED') })).toEqual({ outcome: 'tokenInvalid', reason: 'UNREGISTERED' });
    expect(classifyFcm({ status: 400, body: error(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.ApnsError', statusCode: 410, reason: 'Unregistered' }]) })).toEqual({
      outcome: 'tokenInvalid',
      reason: 'INVALID_ARGUMENT (APNs 410 Unregistered)',
    });
    expect(classifyFcm({ status: 400, body: error(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT') })).toEqual({ outcome: 'permanent', reason: 'INVALID_ARGUMENT' });
    for (const [status, code] of [[429, 'QUOTA_EXCEEDED'], [503, 'UNAVAILABLE'], [500, 'INTERNAL']] as const) {
      expect(classifyFcm({ status, body: error(status, code, code) })).toEqual({ outcome: 'retryable', reason: code });
    }
    expect(classifyFcm({ status: 401, body: error(401, 'UNAUTHENTICATED', 'THIRD_PARTY_AUTH_ERROR') }).outcome).toBe('configuration');
    expect(classifyFcm({ status: 403, body: error(403, 'PERMISSION_DENIED') })).toEqual({ outcome: 'configuration', reason: 'PERMISSION_DENIED' });
    expect(classifyFcm({ status: null, error: 'socket hang up' })).toEqual({ outcome: 'retryable', reason: 'ConnectionDropped' });
  });

  it('backoff grows exponentially with jitter, never under Retry-After, capped', () => {
    const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 8 };
    expect(backoffDelay(1, policy, undefined, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(4, policy, undefined, () => 1)).toBe(8000);
    expect(backoffDelay(20, policy, undefined, () => 1)).toBe(60_000);
    expect(backoffDelay(1, policy, 30_000, () => 0)).toBe(30_000);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
