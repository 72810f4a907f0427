/**
 * Every APNs error reason with its HTTP status (PUSH-PROTOCOLS.md). The simulator answers with
 * these; fault injection can force any of them.
 */
export const APNS_REASONS = {
  BadCollapseId: 400,
  BadDeviceToken: 400,
  BadExpirationDate: 400,
  BadMessageId: 400,
  BadPriority: 400,
  BadTopic: 400,
  DeviceTokenNotForTopic: 400,
  DuplicateHeaders: 400,
  IdleTimeout: 400,
  InvalidPushType: 400,
  MissingDeviceToken: 400,
  MissingTopic: 400,
  PayloadEmpty: 400,
  TopicDisallowed: 400,
  BadCertificate: 403,
  BadCertificateEnvironment: 403,
  ExpiredProviderToken: 403,
  Forbidden: 403,
  InvalidProviderToken: 403,
  MissingProviderToken: 403,
  UnrelatedKeyIdInToken: 403,
  // Apple's key-environment error: some clients spell it BadEnvironmentKeyInToken, others
  // BadEnvironmentKeyIdInToken. We answer the first; both are known here so a test or a fault can
  // use either.
  BadEnvironmentKeyInToken: 403,
  BadEnvironmentKeyIdInToken: 403,
  BadPath: 404,
  MethodNotAllowed: 405,
  Unregistered: 410,
  ExpiredToken: 410,
  PayloadTooLarge: 413,
  TooManyProviderTokenUpdates: 429,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  Shutdown: 503,
} as const;

export type ApnsReason = keyof typeof APNS_REASONS;

export function isApnsReason(value: string): value is ApnsReason {
  return Object.hasOwn(APNS_REASONS, value);
}

export const APNS_PUSH_TYPES = ['alert', 'background', 'location', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity', 'pushtotalk', 'widgets'] as const;
export type ApnsPushType = (typeof APNS_PUSH_TYPES)[number];

/** The topic suffix each push type requires after the bundle id (Apple's apns-push-type docs). */
export const TOPIC_SUFFIX: Partial<Record<ApnsPushType, string>> = {
  voip: '.voip',
  complication: '.complication',
  fileprovider: '.pushkit.fileprovider',
  liveactivity: '.push-type.liveactivity',
  location: '.location-query',
  pushtotalk: '.voip-ptt',
  widgets: '.push-type.widgets',
};

/** Payload limits: 4 KB, 5 KB for VoIP. */
export const MAX_PAYLOAD_BYTES = 4096;
export const MAX_VOIP_PAYLOAD_BYTES = 5120;
export const MAX_COLLAPSE_ID_BYTES = 64;
