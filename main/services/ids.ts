import { randomBytes, randomFillSync } from 'node:crypto';

/** Opaque, URL-safe ids with a prefix that says what they name (jny_ for journeys, ...). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

let lastMs = 0;
let timePart = '';
let sequence = 0;
const entropy = Buffer.alloc(4096);
let entropyAt = entropy.length;

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds, then a 12-bit counter within the
 * millisecond, then 62 random bits. Ids made one after another sort in the order they were made, so
 * an index on them grows at its end rather than dirtying pages all over (APNs takes any UUID as
 * apns-id).
 */
export function timeOrderedUuid(now = Date.now()): string {
  if (now > lastMs || !timePart) {
    lastMs = Math.max(now, lastMs);
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  if (sequence === 0) {
    const hex = lastMs.toString(16).padStart(12, '0');
    timePart = `${hex.slice(0, 8)}-${hex.slice(8)}-7`;
  }
  if (entropyAt + 8 > entropy.length) {
    randomFillSync(entropy);
    entropyAt = 0;
  }
  const random = entropy.toString('hex', entropyAt, entropyAt + 8);
  entropyAt += 8;
  const variant = VARIANT[parseInt(random[0]!, 16) & 3]!;
  return `${timePart}${(0x1000 + sequence).toString(16).slice(1)}-${variant}${random.slice(1, 4)}-${random.slice(4)}`;
}
const VARIANT = ['8', '9', 'a', 'b'];
