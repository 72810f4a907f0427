// Builds everything the studio runs from: the renderer (Vite) into dist/renderer, the CLI and
// headless host into dist/host/cli.mjs, the Electron main into dist/app/main.mjs and its preload
// into dist/app/preload.cjs (a sandboxed preload must be a single CommonJS file). Two worker
// threads go beside each of the two bundles, which look for them next to themselves: the import's
// reading worker (import-worker.mjs) and the delivery's sending thread (send-worker.mjs).
import { rm } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
const quiet = process.argv.includes('--quiet');

await rm('dist/host', { recursive: true, force: true });
await rm('dist/app', { recursive: true, force: true });

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Dependencies stay in node_modules (native better-sqlite3, firebase-admin...): only our code is bundled.
  packages: 'external',
};

await Promise.all([
  esbuild({ ...nodeBundle, entryPoints: ['main/host/entry.ts'], outfile: 'dist/host/cli.mjs', format: 'esm' }),
  esbuild({ ...nodeBundle, entryPoints: ['main/app/entry.ts'], outfile: 'dist/app/main.mjs', format: 'esm' }),
  ...['dist/host', 'dist/app'].flatMap((dir) => [
    esbuild({ ...nodeBundle, entryPoints: ['main/services/profiles/import/parse-worker.ts'], outfile: `${dir}/import-worker.mjs`, format: 'esm' }),
    esbuild({ ...nodeBundle, entryPoints: ['main/services/delivery/send-worker.ts'], outfile: `${dir}/send-worker.mjs`, format: 'esm' }),
  ]),
  esbuild({
    ...nodeBundle,
    packages: undefined,
    external: ['electron'],
    entryPoints: ['main/app/preload.ts'],
    outfile: 'dist/app/preload.cjs',
    format: 'cjs',
  }),
]);
await viteBuild({ configFile: 'vite.config.mjs', logLevel: quiet ? 'warn' : 'info' });

if (!quiet) console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
