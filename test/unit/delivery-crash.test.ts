import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/services/clock';
import { createOutbox } from '../../main/services/outbox/outbox';
import { openWorkspace } from '../../main/services/workspace/workspace';
import { type Sandbox, startSandbox } from '../../main/simulators/sandbox';
import { endpointsOf, outboxItems, pushNumber, registerDevices } from './helpers/delivery';
import { tempDir } from './helpers/temp-workspace';

const MAX_IN_FLIGHT = 1000;
const children: ChildProcess[] = [];
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const o of open.splice(0).reverse()) await o.close();
});

function deliverInChild(dir: string, endpointsFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('test/unit/helpers/deliver-child.ts'), dir, endpointsFile], {
    env: { ...process.env, MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
  return { child, exited };
}

describe('delivery survives a kill', () => {
  it('SIGKILL in the middle of 20,000 pushes, restart: the run completes, no row lost, duplicates at most the in-flight window and each flagged', async () => {
    const sandbox: Sandbox = await startSandbox();
    open.push(sandbox);
    const devices = registerDevices(sandbox, 500);
    const times = new Map<number, number>();
    sandbox.devices.events.on('notification-delivered', ({ notification }) => {
      const n = pushNumber(notification.payload);
      times.set(n, (times.get(n) ?? 0) + 1);
    });
    const dir = tempDir();
    const workspace = openWorkspace(dir);
    createOutbox(workspace.db, systemClock).enqueue(outboxItems(20_000, devices, 'run_crash'));
    workspace.close();
    const endpointsFile = path.join(tempDir(), 'endpoints.json');
    writeFileSync(endpointsFile, JSON.stringify(endpointsOf(sandbox)), { mode: 0o600 });

    const reader = new Database(path.join(dir, 'studio.db'), { readonly: true });
    open.push(reader);
    const count = (status: string) => reader.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE status = ?').get(status)!.n;

    const first = deliverInChild(dir, endpointsFile);
    const deadline = Date.now() + 60_000;
    while (count('delivered') < 6000 && Date.now() < deadline && first.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const deliveredBefore = count('delivered');
    const inFlightAtKill = count('sending');
    expect(deliveredBefore).toBeGreaterThan(0);
    expect(deliveredBefore).toBeLessThan(20_000);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(inFlightAtKill).toBeLessThanOrEqual(MAX_IN_FLIGHT);

    const second = await deliverInChild(dir, endpointsFile).exited;
    expect(second.code, second.err).toBe(0);
    const summary = JSON.parse(second.out) as { recovered: number; possiblyDuplicated: number; delivered: number };
    expect(summary.recovered).toBe(inFlightAtKill);

    // The run completed and nothing was lost.
    expect(count('delivered')).toBe(20_000);
    expect(reader.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 20_000 });
    expect(times.size).toBe(20_000);
    // Duplicates: at most the rows in flight at the kill, each flagged possibly duplicated in the outbox and the log.
    const duplicated = [...times.entries()].filter(([, t]) => t > 1).map(([n]) => n);
    expect(duplicated.length).toBeLessThanOrEqual(inFlightAtKill);
    expect([...times.values()].every((t) => t <= 2)).toBe(true);
    const flagged = new Set(
      reader
        .prepare<[], { dedupe_key: string }>('SELECT dedupe_key FROM outbox WHERE possibly_duplicated = 1')
        .all()
        .map((r) => Number(r.dedupe_key.split(':')[1])),
    );
    expect(flagged.size).toBe(inFlightAtKill);
    for (const n of duplicated) expect(flagged.has(n)).toBe(true);
    expect(reader.prepare('SELECT count(*) AS n FROM delivery_attempts WHERE possibly_duplicated = 1 AND final = 1').get()).toEqual({ n: inFlightAtKill });
    console.log(`crash test: ${deliveredBefore} delivered before the kill, ${inFlightAtKill} in flight, ${duplicated.length} actually duplicated (all flagged)`);
  }, 120_000);
});
