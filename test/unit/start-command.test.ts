import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../main/host/cli';
import { startCommand } from '../../scripts/start-command.mjs';
import { request } from './helpers/http';
import { tempDir } from './helpers/temp-workspace';

describe('npm start', () => {
  it('hands the user’s arguments (--virtual-time) to Electron’s main process', () => {
    expect(startCommand({ path: '/opt/electron/electron' }, ['--virtual-time'], '/usr/bin/node')).toEqual({
      command: '/opt/electron/electron',
      args: ['dist/app/main.mjs', '--virtual-time'],
    });
  });

  it('without Electron’s binary, says so and serves with the same arguments: --virtual-time gives a clock that moves on', async () => {
    const start = startCommand({ why: "Electron's binary has not been downloaded" }, ['--virtual-time'], '/usr/bin/node');
    expect(start).toMatchObject({ command: '/usr/bin/node', args: ['bin/journey-studio.mjs', 'serve', '--virtual-time'], note: expect.stringContaining('opens in your browser') });

    // What bin/journey-studio.mjs hands the CLI: the arguments after the script.
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Journey Studio</title>');
    const out: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const io: CliIo = { out: (line) => out.push(line), err: () => undefined, untilStopped: () => stopped, rendererDir, env: { JOURNEY_STUDIO_CONFIG_DIR: tempDir() } };
    const exit = runCli([...start.args.slice(1), '--workspace', tempDir(), '--json', '--no-demo'], io);
    await expect.poll(() => out.length).toBeGreaterThan(0);
    const { url, port } = JSON.parse(out.at(-1)!) as { url: string; port: number };
    const api = async (channel: string, input: unknown) =>
      JSON.parse(
        (
          await request(port, {
            method: 'POST',
            path: `/api/${channel}`,
            headers: { authorization: `Bearer ${new URL(url).searchParams.get('token')}`, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          })
        ).body,
      ) as { ok: boolean; output: { adjustable: boolean; aheadSeconds: number } };
    expect(await api('engine.clock.get', {})).toMatchObject({ ok: true, output: { adjustable: true, aheadSeconds: 0 } });
    expect(await api('engine.clock.advance', { seconds: 3600 })).toMatchObject({ ok: true, output: { aheadSeconds: 3600 } });
    stop();
    expect(await exit).toBe(0);
  });
});
