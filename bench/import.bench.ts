// npm run bench -- import [ROWS]
// Imports a generated CSV of ROWS profiles (default 1,000,000; 10 attributes and 1–3 push
// registrations each) into an empty workspace through the real importer, and in the same run times
// the floor: the same file through the same CSV parser into a bare INSERT loop (same tables, no
// validation, no upsert). Limits: import ≤ 15 s and peak RSS < 400 MB for 1M rows; ratio ≤ 1.5.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { createReadStream } from 'node:fs';
import { openDatabase } from '../main/services/workspace/database.js';
import { bulkLoadSettings, createProfileStore } from '../main/services/profiles/profile-store.js';
import { runImport } from '../main/services/profiles/import/importer.js';
import { beginBulkLoad } from '../main/services/profiles/bulk-load.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const LIMIT_S = 15 * (ROWS / 1_000_000);
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
const file = path.join(root, 'profiles.csv');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

// ---- generate (in a child process: its garbage is not the importer's memory) ----------------------
const generated = spawnSync(process.execPath, ['--import', 'tsx', 'bench/import-data.ts', file, String(ROWS)], { stdio: 'inherit' });
if (generated.status !== 0) process.exit(1);
peakRss = 0;

// ---- the importer ------------------------------------------------------------------------------
const db = openDatabase(path.join(root, 'import.db'));
const store = createProfileStore(db, () => 'unused');
let t = performance.now();
const report = await runImport(store, { jobId: 'bench', file, fileName: 'profiles.csv', kind: 'profiles', batchSize: 1000 });
const importS = (performance.now() - t) / 1000;
const importRss = peakRss;
db.close();
if (report.state !== 'done' || report.imported !== ROWS) {
  console.error('import did not complete:', JSON.stringify({ ...report, rejections: report.rejections.slice(0, 5) }));
  process.exit(1);
}

// ---- the floor: same parser, same tables, bare INSERTs -------------------------------------------
peakRss = 0;
const floorDb = openDatabase(path.join(root, 'floor.db'));
// The same connection settings and schema choices as the importer's: no token index while loading
// an empty store, one index build at the end (timed), batches written without foreign key checks.
const restoreFloorSettings = bulkLoadSettings(floorDb);
const floorBulk = beginBulkLoad(floorDb)!;
const ins = {
  profile: floorDb.prepare('INSERT INTO profiles (attributes, created_at, updated_at) VALUES (jsonb(?), ?, ?)'),
  identity: floorDb.prepare('INSERT INTO profile_identities (namespace, value, profile_id) VALUES (?, ?, ?)'),
  reg: floorDb.prepare(
    `INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_at) VALUES (?, ?, ?, ?, ?, ?, 'valid', ?)`,
  ),
};
t = performance.now();
const now = new Date().toISOString();
let batch: string[][] = [];
let first = true;
const writeRows = (rows: string[][]) => {
  for (const r of rows) {
    const attrs = JSON.stringify({ firstName: r[2], lastName: r[3], locale: r[4], timezone: r[5], loyalty: { tier: r[6], points: Number(r[7]) }, age: Number(r[8]), city: r[9], optIn: r[10] === 'true', signupDate: r[11] });
    const id = ins.profile.run(attrs, now, now).lastInsertRowid;
    ins.identity.run('email', r[0], id);
    ins.identity.run('crmId', r[1], id);
    for (let s = 0; s < 3; s += 1) {
      const base = 12 + s * 4;
      if (!r[base]) continue;
      ins.identity.run('ECID', r[base + 3], id);
      ins.reg.run(id, r[base], r[base + 1], r[base + 2], r[base + 3], now, now);
    }
  }
};
const write = (rows: string[][]) => floorBulk.batch(() => writeRows(rows));
await new Promise<void>((resolve) => {
  Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }) as unknown as File, {
    step(results) {
      if (first) {
        first = false;
        return;
      }
      if (results.data.length < 2) return;
      batch.push(results.data);
      if (batch.length >= 1000) {
        write(batch);
        batch = [];
      }
    },
    complete: () => resolve(),
  });
});
write(batch);
floorBulk.finish();
restoreFloorSettings();
const floorS = (performance.now() - t) / 1000;
floorDb.close();
clearInterval(sampler);

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
console.log(`import of ${ROWS.toLocaleString('en')} profiles (10 attributes, 1–3 registrations each), ${report.rowsPerSecond.toLocaleString('en')} rows/s`);
console.log(`  the importer:           ${importS.toFixed(2)} s   (limit ${LIMIT_S.toFixed(1)} s: ${(importS / LIMIT_S).toFixed(2)} of the limit)`);
console.log(`  peak RSS while importing: ${mb(importRss)}   (limit 400 MB: ${(importRss / (400 * 1024 * 1024)).toFixed(2)} of the limit)`);
console.log(`  floor (parser + bare INSERTs, peer): ${floorS.toFixed(2)} s`);
console.log(`  ratio importer / floor: ${(importS / floorS).toFixed(2)}   (target ≤ 1.5)`);
rmSync(root, { recursive: true, force: true });
