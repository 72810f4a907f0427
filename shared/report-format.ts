import { exclusionReasonText } from './domain/engine.js';
import type { Platform } from './domain/profile.js';

/** Words and numbers the report screen, the PDF and the CSV share. */
export const platformLabel = (platform: Platform | string): string =>
  ({ apns: 'iOS (APNs)', apnsSandbox: 'iOS sandbox (APNs)', fcm: 'Android (FCM)' })[platform] ?? platform;

export const originLabel = (origin: string): string => ({ journey: 'Journeys', campaign: 'Campaigns', test: 'Test sends' })[origin] ?? origin;

export const exclusionLabel = (reason: string): string => (exclusionReasonText as Record<string, string>)[reason] ?? reason;

export const percent = (rate: number): string => `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "3 Mar" for a day bucket, "3 Mar 14:00" for an hour bucket (UTC). */
export function seriesLabel(iso: string, bucket: 'hour' | 'day'): string {
  const day = `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''}`;
  return bucket === 'day' ? day : `${day} ${iso.slice(11, 16)}`;
}
