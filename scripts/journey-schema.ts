// Writes docs/journey-format.schema.json from the zod schema of the journey file, so the documented
// JSON Schema can never drift from what the studio accepts (a unit test compares them).
import { writeFileSync } from 'node:fs';
import { journeyFileJsonSchema } from '../shared/journey-file-schema.js';

writeFileSync('docs/journey-format.schema.json', `${JSON.stringify(journeyFileJsonSchema(), null, 2)}\n`);
console.log('Wrote docs/journey-format.schema.json');
