import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

/**
 * Smoke test of the real desktop app. It needs Electron's binary, which `npm install` cannot fetch
 * on machines without access to Electron's downloads; there it is skipped and says why.
 */
const found = findElectronBinary();

test('desktop app opens the studio and creates a journey', async () => {
  if (!found.path) console.log(`Electron smoke test skipped: ${found.why}.`);
  test.skip(!found.path, `Electron binary not available: ${found.why}`);
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'journey-studio-electron-'));
  const app = await electron.launch({
    executablePath: found.path,
    args: ['dist/app/main.mjs', '--no-sandbox'],
    env: { ...process.env, JOURNEY_STUDIO_WORKSPACE: workspace },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();
    await window.getByRole('button', { name: 'Create your first journey' }).click();
    await window.getByLabel('Journey name').fill('From Electron');
    await window.keyboard.press('Enter');
    await expect(window.getByRole('button', { name: 'From Electron' })).toBeVisible();
    // The page has no Node: the preload exposed only the contract.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});
