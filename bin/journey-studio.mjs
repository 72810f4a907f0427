#!/usr/bin/env node
// The `journey-studio` command. The CLI is TypeScript bundled by `npm run build` (run on install
// by the `prepare` script); this file only finds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/host/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('Journey Studio is not built yet. Run `npm run build` in its folder, then try again.\n');
  process.exit(1);
}
await import(built.href);
