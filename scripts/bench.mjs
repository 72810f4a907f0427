// `npm run bench -- NAME`: runs bench/NAME.bench.ts. Each benchmark prints its figures and, in the
// same run, the peer or limit it is compared with, as a ratio. Without NAME it lists them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const available = readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.log(`Usage: npm run bench -- NAME\nBenchmarks: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
