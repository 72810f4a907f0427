import { z } from 'zod';
import { JOURNEY_FILE_VERSION, journeyFileSchema } from './journey-file.js';

/** The JSON Schema (draft 2020-12) of the journey file, generated from the zod schema. */
export function journeyFileJsonSchema(): Record<string, unknown> {
  return {
    $id: `urn:journey-studio:journey-file:v${JOURNEY_FILE_VERSION}`,
    title: 'Journey Studio journey file',
    ...z.toJSONSchema(journeyFileSchema, { target: 'draft-2020-12', cycles: 'ref', reused: 'inline', unrepresentable: 'any', io: 'input' }),
  };
}
