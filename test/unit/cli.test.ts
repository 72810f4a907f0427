import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../main/host/cli';
import { defaultWorkspaceDir } from '../../main/host/paths';
import { request } from './helpers/http';
import { tempDir } from './helpers/temp-workspace';

function io(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    untilStopped: () => Promise.resolve(),
    rendererDir: tempDir(),
    env: {},
    ...overrides,
  };
  return { io: value, out, err };
}

describe('journey-studio CLI', () => {
  it('prints help with exit 0, and with exit 2 when no command is given', async () => {
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toContain('serve');
    const none = io();
    expect(await runCli([], none.io)).toBe(2);
  });

  it('prints its version, as JSON with --json', async () => {
    const plain = io();
    expect(await runCli(['--version'], plain.io)).toBe(0);
    expect(plain.out[0]).toMatch(/^\d+\.\d+\.\d+$/);
    const json = io();
    await runCli(['--version', '--json'], json.io);
    expect(JSON.parse(json.out[0] ?? '')).toMatchObject({ name: 'Journey Studio' });
  });

  it('exits 2 on an unknown command, an unknown option or a bad port, saying what was wrong', async () => {
    const unknown = io();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err[0]).toContain('Unknown command "frobnicate"');
    const option = io();
    expect(await runCli(['serve', '--colour'], option.io)).toBe(2);
    expect(option.err[0]).toContain('--colour');
    const port = io();
    expect(await runCli(['serve', '--port', 'eighty'], port.io)).toBe(2);
    expect(port.err[0]).toContain('--port must be a number');
  });

  it('exits 1 with a clear message when the interface has not been built', async () => {
    const run = io();
    expect(await runCli(['serve', '--workspace', tempDir()], run.io)).toBe(1);
    expect(run.err[0]).toContain('npm run build');
  });

  it('serves the workspace on 127.0.0.1, prints JSON with --json, and stops cleanly', async () => {
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Journey Studio</title>');
    const workspace = tempDir();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = io({ rendererDir, untilStopped: () => stopped });
    const exit = runCli(['serve', '--workspace', workspace, '--json'], run.io);
    await expect.poll(() => run.out.length).toBe(1);
    const printed = JSON.parse(run.out[0] ?? '') as { url: string; port: number; workspace: string };
    expect(printed.workspace).toBe(workspace);
    expect(printed.url).toContain('?token=');
    const token = new URL(printed.url).searchParams.get('token') ?? '';
    const res = await request(printed.port, { path: '/', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    stop();
    expect(await exit).toBe(0);
  });

  it('uses $JOURNEY_STUDIO_WORKSPACE, else a folder in the user data directory', () => {
    expect(defaultWorkspaceDir({ JOURNEY_STUDIO_WORKSPACE: '/data/ws' }, 'linux')).toBe('/data/ws');
    expect(defaultWorkspaceDir({ XDG_DATA_HOME: '/home/m/.data' }, 'linux')).toBe('/home/m/.data/Journey Studio/workspaces/default');
  });
});
