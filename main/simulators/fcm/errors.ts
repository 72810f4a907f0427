/**
 * FCM v1 error answers in Google's shape: `{"error": {code, message, status, details}}`, where the
 * FcmError detail carries the code firebase-admin maps to its `messaging/...` errors.
 */
export const FCM_ERROR_CODES = {
  UNSPECIFIED_ERROR: { http: 500, status: 'UNKNOWN' },
  INVALID_ARGUMENT: { http: 400, status: 'INVALID_ARGUMENT' },
  UNREGISTERED: { http: 404, status: 'NOT_FOUND' },
  SENDER_ID_MISMATCH: { http: 403, status: 'PERMISSION_DENIED' },
  QUOTA_EXCEEDED: { http: 429, status: 'RESOURCE_EXHAUSTED' },
  UNAVAILABLE: { http: 503, status: 'UNAVAILABLE' },
  INTERNAL: { http: 500, status: 'INTERNAL' },
  THIRD_PARTY_AUTH_ERROR: { http: 401, status: 'UNAUTHENTICATED' },
} as const;

export type FcmErrorCode = keyof typeof FCM_ERROR_CODES;

export function isFcmErrorCode(value: string): value is FcmErrorCode {
  return Object.hasOwn(FCM_ERROR_CODES, value);
}

const DEFAULT_MESSAGES: Record<FcmErrorCode, string> = {
  UNSPECIFIED_ERROR: 'Unknown error.',
  INVALID_ARGUMENT: 'Request contains an invalid argument.',
  UNREGISTERED: 'Requested entity was not found.',
  SENDER_ID_MISMATCH: 'SenderId mismatch',
  QUOTA_EXCEEDED: 'Quota exceeded for quota metric \'Send requests\' and limit \'Send requests per minute\'.',
  UNAVAILABLE: 'The service is currently unavailable.',
  INTERNAL: 'Internal error encountered.',
  THIRD_PARTY_AUTH_ERROR: 'Auth error from APNS or Web Push Service',
};

export interface GoogleError {
  httpStatus: number;
  body: { error: { code: number; message: string; status: string; details?: Record<string, unknown>[] } };
}

export const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
export const APNS_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.ApnsError';

/** An FCM error with its FcmError detail (and any extra details, such as an ApnsError). */
export function fcmError(errorCode: FcmErrorCode, message = DEFAULT_MESSAGES[errorCode], extraDetails: Record<string, unknown>[] = []): GoogleError {
  const { http, status } = FCM_ERROR_CODES[errorCode];
  return { httpStatus: http, body: { error: { code: http, message, status, details: [{ '@type': FCM_ERROR_TYPE, errorCode }, ...extraDetails] } } };
}

/** A Google API error without an FcmError detail (authentication, routing, malformed JSON). */
export function googleError(httpStatus: number, status: string, message: string, details?: Record<string, unknown>[]): GoogleError {
  return { httpStatus, body: { error: { code: httpStatus, message, status, ...(details ? { details } : {}) } } };
}

export const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
export const MISSING_CREDENTIAL_MESSAGE =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
