import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../main/host/cli';
import { chooseWorkspaceDir, defaultWorkspaceDir } from '../../main/host/paths';
import { openRecentWorkspaces } from '../../main/services/workspace/recent-workspaces';
import { openWorkspace } from '../../main/services/workspace/workspace';
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
    // The recent workspaces (and the key file) go to a throw-away folder, not the user's.
    env: { JOURNEY_STUDIO_CONFIG_DIR: tempDir() },
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

  it('works in --workspace DIR, else $JOURNEY_STUDIO_WORKSPACE, else the workspace used last, else the default', () => {
    const config = tempDir();
    const env = { JOURNEY_STUDIO_CONFIG_DIR: config, XDG_DATA_HOME: '/home/m/.data' };
    const last = path.join(tempDir(), 'last');
    openWorkspace(last).close();
    expect(chooseWorkspaceDir(undefined, env)).toEqual({ dir: '/home/m/.data/Journey Studio/workspaces/default' });
    openRecentWorkspaces(config).remember({ name: 'last', path: last });
    expect(chooseWorkspaceDir(undefined, env)).toEqual({ dir: last });
    expect(chooseWorkspaceDir('/flag/ws', env)).toEqual({ dir: '/flag/ws' });
    expect(chooseWorkspaceDir(undefined, { ...env, JOURNEY_STUDIO_WORKSPACE: '/env/ws' })).toEqual({ dir: '/env/ws' });
  });

  it('serve opens the workspace used last when none is named, and remembers the one it serves', async () => {
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Journey Studio</title>');
    const env = { JOURNEY_STUDIO_CONFIG_DIR: tempDir(), JOURNEY_STUDIO_SECRET_KEY: '11'.repeat(32) };
    const serveOnce = async (args: string[]) => {
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const run = io({ rendererDir, env, untilStopped: () => stopped });
      const exit = runCli(['serve', ...args, '--json'], run.io);
      await expect.poll(() => run.out.length).toBe(1);
      stop();
      expect(await exit).toBe(0);
      return JSON.parse(run.out[0] ?? '') as { workspace: string };
    };
    const named = path.join(tempDir(), 'Spring');
    expect((await serveOnce(['--workspace', named])).workspace).toBe(named);
    expect((await serveOnce([])).workspace).toBe(named);
  });
});

describe('journey-studio simulators', () => {
  async function runSimulators(args: string[]) {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = io({ untilStopped: () => stopped });
    const exit = runCli(['simulators', ...args], run.io);
    await expect.poll(() => run.out.length + run.err.length).toBeGreaterThan(0);
    return { run, exit, stop };
  }

  it('starts both simulators, writes the CA and the credentials (private, reused next time), prints no key', async () => {
    const out = tempDir();
    const first = await runSimulators(['--out', out, '--json']);
    const printed = JSON.parse(first.run.out[0] ?? '') as {
      apns: { sandbox: { port: number }; production: { port: number } };
      fcm: { port: number };
      ca: string;
      credentials: string;
      credentialsReused: boolean;
      apnsKey: { keyId: string };
      devices: { platform: string; token: string }[];
    };
    expect(printed.apns.sandbox.port).toBeGreaterThan(0);
    expect(printed.fcm.port).toBeGreaterThan(0);
    expect(printed.ca).toBe(path.join(out, 'ca.pem'));
    expect(readFileSync(printed.ca, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(statSync(printed.credentials).mode & 0o777).toBe(0o600);
    expect(printed.credentialsReused).toBe(false);
    expect(printed.devices.map((d) => d.platform)).toEqual(['ios', 'android']);
    expect(first.run.out.join('\n')).not.toContain('PRIVATE KEY');
    first.stop();
    expect(await first.exit).toBe(0);

    const second = await runSimulators(['--out', out]);
    const text = second.run.out.join('\n');
    expect(text).toContain(`APNs key ${printed.apnsKey.keyId}`);
    expect(text).toContain('reused');
    expect(text).not.toContain('PRIVATE KEY');
    second.stop();
    expect(await second.exit).toBe(0);
  });

  it('exits 2 on a bad port and 1 on a file that is not sandbox credentials', async () => {
    const bad = io();
    expect(await runCli(['simulators', '--fcm-port', 'x'], bad.io)).toBe(2);
    expect(bad.err[0]).toContain('--fcm-port must be a number');
    const out = tempDir();
    writeFileSync(path.join(out, 'sandbox-credentials.json'), '{"hello": 1}');
    const wrong = io();
    expect(await runCli(['simulators', '--out', out], wrong.io)).toBe(1);
    expect(wrong.err[0]).toContain('not a sandbox credentials file');
  });

  it('lists the command in --help', async () => {
    const help = io();
    await runCli(['--help'], help.io);
    expect(help.out.join('\n')).toMatch(/simulators +Run the local APNs and FCM simulators/);
  });
});
