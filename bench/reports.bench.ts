// npm run bench -- reports [PUSHES]
// Writes PUSHES pushes (default 875,000: with the retried attempts, 1,000,000 delivery-log rows)
// straight into a workspace's outbox and delivery log (the triggers keep the report rollup, as the
// dispatcher's writes do), with opens and action taps; then, each in a fresh process:
// - the journey report and the push report, opened as the UI opens them (through the contract);
//   limit: under 1 s for 1,000,000 deliveries;
// - the raw delivery log exported as CSV to a file, streamed; limits: ≥ 200,000 rows/s and peak RSS
//   under 200 MB.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const [phase, dir, arg] = process.argv.slice(2);
const open = async (workspaceDir: string) => {
  const { createCore } = await import('../main/core.js');
  const { silentLogger } = await import('../main/services/log.js');
  const { aesGcmCipher } = await import('../main/services/vault/cipher.js');
  return createCore({ workspaceDir, host: 'headless', secretCipher: aesGcmCipher(randomBytes(32)), logger: silentLogger, seedSandboxChannel: false, engine: { autoStart: false } });
};

async function child(): Promise<void> {
  const core = await open(dir!);
  const { generateDeliveries } = await import('../test/unit/helpers/report-data.js');
  if (phase === 'generate') {
    generateDeliveries(core.workspace.db, Number(arg), { days: 30 });
    core.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = (core.workspace.db.prepare('SELECT count(*) AS n FROM delivery_attempts').get() as { n: number }).n;
    console.log(JSON.stringify({ rows }));
  } else if (phase === 'report') {
    const t0 = performance.now();
    const journey = (await core.dispatch('reports.get', { journeyId: 'jny_reportsA' })) as { measures: { delivered: number } };
    const t1 = performance.now();
    const push = (await core.dispatch('reports.get', {})) as { measures: { delivered: number } };
    const t2 = performance.now();
    const week = await core.dispatch('reports.get', { journeyId: 'jny_reportsA', from: '2026-03-08T00:00:00Z', to: '2026-03-15T00:00:00Z' });
    const t3 = performance.now();
    void week;
    console.log(JSON.stringify({ journeyMs: t1 - t0, pushMs: t2 - t1, weekMs: t3 - t2, journeyDelivered: journey.measures.delivered, pushDelivered: push.measures.delivered }));
  }
  await core.close();
}

/** The export reads the database only: opened on its own, as the download endpoint's stream reads it. */
async function exportChild(): Promise<void> {
  // Only what the export needs is loaded (the whole core would weigh on the RSS measured).
  const { openDatabase } = await import('../main/services/workspace/database.js');
  const { logStream } = await import('../main/services/reports/log-export.js');
  const db = openDatabase(path.join(dir!, 'studio.db'));
  {
    const baseRss = process.memoryUsage.rss();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const out = path.join(dir!, 'log.csv');
    const t0 = performance.now();
    await pipeline(logStream(db, {}, 'csv'), createWriteStream(out));
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    console.log(JSON.stringify({ ms, peakRss: peak, baseRss, bytes: statSync(out).size }));
  }
  db.close();
}

function run(args: string[]): Record<string, number> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/reports.bench.ts', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

if (phase === 'generate' || phase === 'report') await child();
else if (phase === 'export') await exportChild();
else {
  const pushes = Number(process.argv[2] ?? 875_000);
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  try {
    const g0 = performance.now();
    const { rows } = run(['generate', root, String(pushes)]);
    console.log(`${rows!.toLocaleString('en')} delivery-log rows (${pushes.toLocaleString('en')} pushes, 30 days, opens and taps) written in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const scale = rows! / 1_000_000;
    const r = run(['report', root]);
    const limitMs = 1000;
    void scale;
    console.log(`journey report (${r.journeyDelivered!.toLocaleString('en')} delivered of the journey): ${r.journeyMs!.toFixed(0)} ms   (limit ${limitMs.toFixed(0)} ms: ${(r.journeyMs! / limitMs).toFixed(2)} of the limit)`);
    console.log(`push report (every journey and test send): ${r.pushMs!.toFixed(0)} ms   (limit ${limitMs.toFixed(0)} ms: ${(r.pushMs! / limitMs).toFixed(2)} of the limit)`);
    console.log(`journey report, one week: ${r.weekMs!.toFixed(0)} ms`);
    const e = run(['export', root]);
    const perSecond = rows! / (e.ms! / 1000);
    console.log(`raw CSV export: ${rows!.toLocaleString('en')} rows in ${(e.ms! / 1000).toFixed(2)} s = ${Math.round(perSecond).toLocaleString('en')} rows/s   (limit ≥ 200,000: ${(perSecond / 200_000).toFixed(2)} × the limit)`);
    console.log(`  peak RSS while exporting: ${(e.peakRss! / 1024 / 1024).toFixed(0)} MB   (limit 200 MB: ${(e.peakRss! / (200 * 1024 * 1024)).toFixed(2)} of the limit); RSS before the export ${(e.baseRss! / 1024 / 1024).toFixed(0)} MB; file ${(e.bytes! / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
