// npm run bench -- contract
// What the headless host's transport costs: a journeys.list round trip over the WebSocket (with
// JSON, validation and the event loop in between) against the same call made in-process on the core.
// Limit: the WebSocket path should add at most 1 ms per call at the median for a 200-journey list.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { randomBytes } from 'node:crypto';
import { createCore } from '../main/core.js';
import { aesGcmCipher } from '../main/services/vault/cipher.js';
import { startHeadlessHost } from '../main/host/server.js';
import { silentLogger } from '../main/services/log.js';

const CALLS = 2000;
const JOURNEYS = 200;
const LIMIT_MS = 1;

const root = mkdtempSync(path.join(os.tmpdir(), 'bench-contract-'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
const core = createCore({ workspaceDir: path.join(root, 'ws'), host: 'headless', logger: silentLogger, secretCipher: aesGcmCipher(randomBytes(32)) });
for (let i = 0; i < JOURNEYS; i += 1) await core.dispatch('journeys.create', { name: `Journey ${i}` });
const host = await startHeadlessHost({ core, rendererDir: root });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const direct: number[] = [];
for (let i = 0; i < CALLS; i += 1) {
  const t = performance.now();
  await core.dispatch('journeys.list', {});
  direct.push(performance.now() - t);
}

const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: host.origin, headers: { authorization: `Bearer ${host.token}` } });
await new Promise((resolve) => ws.once('open', resolve));
const overSocket: number[] = [];
for (let i = 0; i < CALLS; i += 1) {
  const t = performance.now();
  await new Promise<void>((resolve) => {
    ws.once('message', () => resolve());
    ws.send(JSON.stringify({ type: 'call', id: i, channel: 'journeys.list', input: {} }));
  });
  overSocket.push(performance.now() - t);
}
ws.close();

const d = median(direct);
const s = median(overSocket);
console.log(`journeys.list (${JOURNEYS} journeys), median of ${CALLS} calls`);
console.log(`  in-process core (peer):  ${d.toFixed(3)} ms`);
console.log(`  over the WebSocket:      ${s.toFixed(3)} ms   (${(s / d).toFixed(2)}x the in-process call)`);
console.log(`  transport overhead:      ${(s - d).toFixed(3)} ms   (limit ${LIMIT_MS} ms: ${((s - d) / LIMIT_MS).toFixed(2)} of the limit)`);

await host.close();
await core.close();
rmSync(root, { recursive: true, force: true });
