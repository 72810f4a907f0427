import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './helpers/electron-mock';

vi.mock('electron', () => import('./helpers/electron-mock'));

const { startDesktopApp } = await import('../../main/app/main');

type Clock = { now: string; aheadSeconds: number; adjustable: boolean };
const trusted = { senderFrame: { url: 'app://studio/index.html', parent: null } };
const invoke = async <T,>(channel: string, input: unknown) => {
  const answer = (await fake.handlers.get(channel)!(trusted, input)) as { ok: boolean; output: T; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message);
  return answer.output;
};

let root: string;
let started: Awaited<ReturnType<typeof startDesktopApp>>;
const argv = process.argv;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'js-electron-vt-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Journey Studio</title>');
  // As `npm start -- --virtual-time --workspace DIR` launches it: electron, the main script, the flags.
  process.argv = ['/usr/lib/electron/electron', 'dist/app/main.mjs', '--virtual-time', '--workspace', path.join(root, 'shop-trial')];
  started = await startDesktopApp({ appDir: '/app/dist/app', rendererDir, configDir: path.join(root, 'config') });
});

afterAll(async () => {
  process.argv = argv;
  await started.session.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the desktop app started with --virtual-time', () => {
  it('opens the workspace named on the command line with a clock the marketer can move on', async () => {
    expect(started.core.workspace.dir).toBe(path.join(root, 'shop-trial'));
    expect(await invoke<Clock>('engine.clock.get', {})).toMatchObject({ adjustable: true, aheadSeconds: 0 });
    const moved = await invoke<Clock>('engine.clock.advance', { seconds: 86_400 });
    expect(moved).toMatchObject({ adjustable: true, aheadSeconds: 86_400 });
    expect(Date.parse(moved.now) - Date.now()).toBeGreaterThan(86_390_000);
  });

  it('keeps the mode in a workspace it switches to (starting there at real time)', async () => {
    const next = path.join(root, 'next');
    await invoke('workspaces.create', { name: 'Next', path: next });
    expect(started.core.workspace.dir).toBe(next);
    expect(await invoke<Clock>('engine.clock.get', {})).toMatchObject({ adjustable: true, aheadSeconds: 0 });
    expect(await invoke<Clock>('engine.clock.advance', { seconds: 3600 })).toMatchObject({ aheadSeconds: 3600 });
  });
});
