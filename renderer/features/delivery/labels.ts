import type { DeliveryOutcome } from '../../../shared/domain/delivery';
import type { Platform } from '../../../shared/domain/profile';

export const outcomeLabel: Record<DeliveryOutcome, string> = {
  delivered: 'Delivered',
  retryable: 'Retryable',
  permanent: 'Failed',
  tokenInvalid: 'Dead token',
  configuration: 'Configuration',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export const platformLabel: Record<Platform, string> = { apns: 'iOS', apnsSandbox: 'iOS (sandbox)', fcm: 'Android' };
