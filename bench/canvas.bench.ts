// npm run bench -- canvas
// A 500-step journey in Chromium: time from clicking it in the list until its canvas is drawn
// (limit 1 s), then frames per second while panning and zooming (limit: at least 50 fps).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { JourneyNode } from '../shared/domain/journey-graph.js';
import { JOURNEY_FILE_FORMAT } from '../shared/journey-file.js';
import { serve } from '../test/e2e/studio-host.js';

const LANES = 10;
const PER_LANE = 50;
const STEPS = 2 + LANES * PER_LANE;
const OPEN_LIMIT_MS = 1000;
const FPS_LIMIT = 50;

/** Ten lanes of fifty steps behind a split: a big journey a marketer could really build. */
function bigJourney(): string {
  const nodes: JourneyNode[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  const lanes = LANES;
  const perLane = PER_LANE;
  const paths = Array.from({ length: lanes }, (_, i) => ({ id: `p_${i}`, label: `Lane ${i + 1}`, percent: 100 / LANES }));
  nodes.push({ id: 'n_entry', type: 'entry.event', config: { eventType: 'application.launch' }, next: { next: 'n_split' } });
  nodes.push({ id: 'n_split', type: 'split', config: { paths }, next: Object.fromEntries(paths.map((p, i) => [p.id, `n_${i}_0`])) });
  layout.n_entry = { x: (lanes * 260) / 2, y: 0 };
  layout.n_split = { x: (lanes * 260) / 2, y: 150 };
  for (let lane = 0; lane < lanes; lane += 1) {
    for (let step = 0; step < perLane; step += 1) {
      const id = `n_${lane}_${step}`;
      const last = step === perLane - 1;
      const next: Record<string, string | null> = last ? {} : { next: `n_${lane}_${step + 1}` };
      nodes.push(last ? { id, type: 'end', config: {}, next: {} } : step % 2 ? { id, type: 'wait', config: { kind: 'duration', seconds: 3600 }, next } : { id, type: 'message', config: {}, next });
      layout[id] = { x: lane * 260, y: 300 + step * 140 };
    }
  }
  return JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 1, name: 'Big journey', graph: { nodes }, layout, messages: [] });
}

const workspace = mkdtempSync(path.join(os.tmpdir(), 'bench-canvas-'));
const host = await serve(workspace);
const { origin, searchParams } = new URL(host.served.url);
const response = await fetch(`${origin}/api/journeys.importFile`, {
  method: 'POST',
  headers: { authorization: `Bearer ${searchParams.get('token')}`, 'content-type': 'application/json' },
  body: JSON.stringify({ content: bigJourney() }),
});
const answer = (await response.json()) as { ok: boolean; output: { id: string; name: string }; error?: { message: string } };
if (!answer.ok) throw new Error(`Could not import the benchmark journey: ${answer.error?.message}`);
const journey = answer.output;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(host.served.url);
await page.getByRole('button', { name: journey.name, exact: true }).waitFor();

const opens: number[] = [];
for (let i = 0; i < 3; i += 1) {
  await page.goto(`${origin}/#/journeys`);
  await page.getByRole('button', { name: journey.name, exact: true }).waitFor();
  const started = Date.now();
  await page.getByRole('button', { name: journey.name, exact: true }).click();
  await page.locator('.react-flow__node').first().waitFor();
  await page.locator('.react-flow__minimap-node').first().waitFor();
  opens.push(Date.now() - started);
}
const openMs = [...opens].sort((a, b) => a - b)[1]!;

/** Frames drawn per second while `gesture` runs, counted with requestAnimationFrame in the page. */
async function fpsDuring(gesture: () => Promise<void>): Promise<number> {
  // Plain script strings: tsx would wrap functions with helpers the page doesn't have.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { if (!window.__counting) return; window.__frames += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const started = Date.now();
  await gesture();
  const seconds = (Date.now() - started) / 1000;
  const frames = (await page.evaluate('(() => { window.__counting = false; return window.__frames; })()')) as number;
  return frames / seconds;
}

const pane = (await page.locator('.react-flow__pane').boundingBox())!;
const cx = pane.x + pane.width / 2;
const cy = pane.y + pane.height / 2;
const panFps = await fpsDuring(async () => {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 120; i += 1) await page.mouse.move(cx - i * 6, cy - i * 3);
  await page.mouse.up();
});
const zoomFps = await fpsDuring(async () => {
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 60; i += 1) await page.mouse.wheel(0, i < 30 ? -60 : 60);
});

console.log(`Canvas with a ${STEPS}-step journey, Chromium (software rendering)`);
console.log(`  open (click → drawn), median of 3: ${openMs} ms   (limit ${OPEN_LIMIT_MS} ms: ${(openMs / OPEN_LIMIT_MS).toFixed(2)} of the limit)`);
console.log(`  panning:  ${panFps.toFixed(1)} fps   (limit ≥ ${FPS_LIMIT} fps: ${(panFps / FPS_LIMIT).toFixed(2)}× the limit)`);
console.log(`  zooming:  ${zoomFps.toFixed(1)} fps   (limit ≥ ${FPS_LIMIT} fps: ${(zoomFps / FPS_LIMIT).toFixed(2)}× the limit)`);

await browser.close();
await host.stop();
rmSync(workspace, { recursive: true, force: true });
