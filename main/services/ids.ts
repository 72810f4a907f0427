import { randomBytes } from 'node:crypto';

/** Opaque, URL-safe ids with a prefix that says what they name (jny_ for journeys, ...). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
