import { z } from 'zod';

/**
 * A name as a marketer types it (a journey, a message, a workspace): trimmed, not empty, at most
 * `max` characters, no control characters (they break lists, CSV exports and file names later).
 */
export function nameSchema(max: number, { empty = 'Name must not be empty' } = {}) {
  return (
    z
      .string({ error: 'Name must be text' })
      .trim()
      .min(1, { error: empty })
      .max(max, { error: `Name must be at most ${max} characters` })
      // eslint-disable-next-line no-control-regex
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: 'Name must not contain control characters' })
  );
}
