import { z } from 'zod';
import { studioErrorSchema } from './errors.js';

/**
 * Messages on the headless host's WebSocket. Calls carry an id chosen by the client; the result
 * echoes it. Events are pushed without an id. Payloads are validated against the contract at each
 * end; this schema only checks the envelope.
 */
export const wireCallSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});

// A plain union: two result shapes share type "result" (told apart by ok), which a discriminated union forbids.
export const wireServerMessageSchema = z.union([
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), output: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(false), error: studioErrorSchema }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);

export type WireCall = z.infer<typeof wireCallSchema>;
export type WireServerMessage = z.infer<typeof wireServerMessageSchema>;

/** Paths and names shared by the headless host and its clients. */
export const HEADLESS = {
  wsPath: '/ws',
  apiPrefix: '/api/',
  /** POST a file's bytes (application/octet-stream, ?name=FILE): answers {uploadId, name, size}. */
  uploadPath: '/upload',
  /** GET a report export as a file (?what=report|log&format=csv|json|pdf&journeyId&from&to), streamed. */
  downloadPath: '/download',
  tokenQuery: 'token',
} as const;
