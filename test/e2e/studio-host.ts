import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';

export interface ServedStudio {
  url: string;
  origin: string;
  port: number;
  workspace: string;
}

/**
 * Starts the built CLI exactly as a user would: `journey-studio serve --workspace DIR --json [ARGS]`.
 * The studio's own settings (recent workspaces, the key file) go to `configDir` (by default a folder
 * made for this run and removed when it stops), never the user's.
 */
export async function serve(
  workspace: string,
  options: { configDir?: string; args?: string[] } = {},
): Promise<{ served: ServedStudio; stop(): Promise<void> }> {
  const { configDir, args = [] } = options;
  const config = configDir ?? mkdtempSync(path.join(os.tmpdir(), 'journey-studio-config-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/journey-studio.mjs', 'serve', '--workspace', workspace, '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JOURNEY_STUDIO_CONFIG_DIR: config },
  });
  child.once('exit', () => {
    if (!configDir) rmSync(config, { recursive: true, force: true });
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`journey-studio serve exited with ${code}: ${stderr}`)));
  });
  const printed = JSON.parse(line) as { url: string; port: number; workspace: string };
  const served = { ...printed, origin: new URL(printed.url).origin };
  return {
    served,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface StudioFixture {
  /** More `serve` options for a file's tests (`test.use({ serveArgs: ['--virtual-time'] })`). */
  serveArgs: string[];
  /** `restart(args)` serves the same workspace again, with other `serve` options when given. */
  studio: ServedStudio & { restart(args?: string[]): Promise<ServedStudio> };
}

/** A fresh workspace and a running headless host per test; `restart()` stops and starts the host. */
export const test = base.extend<StudioFixture>({
  serveArgs: [[], { option: true }],
  studio: async ({ serveArgs }, use) => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'journey-studio-e2e-'));
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'journey-studio-e2e-config-'));
    let running = await serve(workspace, { configDir, args: serveArgs });
    const studio = {
      ...running.served,
      async restart(args = serveArgs) {
        await running.stop();
        running = await serve(workspace, { configDir, args });
        Object.assign(studio, running.served);
        return running.served;
      },
    };
    await use(studio);
    await running.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
