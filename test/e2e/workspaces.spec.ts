import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';

const SHOTS = 'test-results/screenshots';

const switcher = (page: Page) => page.getByRole('button', { name: /^Workspace: .*Switch workspace$/ });
const menu = (page: Page) => page.getByRole('menu', { name: 'Workspaces' });

/**
 * Workspaces from the UI of the headless host: a new empty workspace, back to the first one and
 * its data, a folder opened by path, and what the studio says about paths it can't open.
 */
test('new workspace, switch back, open a folder by path, and the bad paths', async ({ page, studio }) => {
  test.setTimeout(120_000);
  const places = mkdtempSync(path.join(os.tmpdir(), 'journey-studio-places-'));
  try {
    const first = path.basename(studio.workspace);
    await studioApi(page, studio.url).call('journeys.create', { name: 'Welcome series' });

    await page.goto(studio.url);
    await expect(switcher(page)).toContainText(first);
    await switcher(page).click();
    await expect(menu(page)).toContainText(studio.workspace);
    await expect(menu(page)).toContainText('No other workspaces yet.');

    // New workspace: the folder follows the name until it is edited.
    await menu(page).getByRole('menuitem', { name: 'New workspace…' }).click();
    const create = page.getByRole('dialog', { name: 'New workspace' });
    // Creating without a name says what is missing, on the field, and creates nothing.
    await expect(create.getByLabel('Name')).toHaveAccessibleDescription('Shown in the workspace switcher.');
    await create.getByRole('button', { name: 'Create workspace' }).click();
    await expect(create.getByRole('alert')).toHaveText('Give the workspace a name');
    await expect(create.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(create.getByLabel('Name')).toHaveAccessibleDescription('Give the workspace a name');
    await create.getByLabel('Name').fill('Spring campaign');
    await expect(create.getByRole('alert')).toHaveCount(0);
    await expect(create.getByLabel('Folder')).toHaveValue(/[/\\]Spring campaign$/);
    const spring = path.join(places, 'Spring campaign');
    await create.getByLabel('Folder').fill(spring);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await create.screenshot({ path: `${SHOTS}/workspace-new-${theme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await create.getByRole('button', { name: 'Create workspace' }).click();

    // The page starts again on the new, empty workspace (the token still works: no new URL).
    await expect(switcher(page)).toContainText('Spring campaign');
    await expect(page.getByRole('heading', { name: 'No journeys yet' })).toBeVisible();
    await page.getByRole('link', { name: 'Messages' }).click();
    await expect(page.getByRole('heading', { name: 'No messages yet' })).toBeVisible();
    await page.getByRole('link', { name: 'Profiles' }).click();
    await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
    await page.getByRole('link', { name: 'Channels' }).click();
    await expect(page.getByRole('article', { name: 'Sandbox app' })).toBeVisible();

    // Back to the first one from the recent list: its data is there, on the section that was open.
    await switcher(page).click();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(menu(page).getByRole('menuitem', { name: new RegExp(`^${first}`) })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/workspace-switcher-${theme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await menu(page).getByRole('menuitem', { name: new RegExp(`^${first}`) }).click();
    await expect(switcher(page)).toContainText(first);
    await expect(page.getByRole('heading', { level: 1, name: 'Channels' })).toBeVisible();
    await page.getByRole('link', { name: 'Journeys' }).click();
    await expect(page.getByRole('button', { name: 'Welcome series', exact: true })).toBeVisible();

    // Open folder… by path (Ctrl+Shift+O), and every way a path can be wrong.
    await page.keyboard.press('Control+Shift+O');
    const open = page.getByRole('dialog', { name: 'Open a workspace folder' });
    const field = open.getByLabel('Folder path');
    const tryPath = async (value: string) => {
      await field.fill(value);
      await open.getByRole('button', { name: 'Open', exact: true }).click();
    };
    await tryPath('spring');
    await expect(open.getByRole('alert')).toContainText('full path');
    await tryPath(path.join(places, 'nowhere'));
    await expect(open.getByRole('alert')).toContainText(`There is no folder at ${path.join(places, 'nowhere')}`);
    await expect(open.getByRole('button', { name: 'New workspace there…' })).toBeVisible();
    writeFileSync(path.join(places, 'notes.txt'), 'hello');
    await tryPath(path.join(places, 'notes.txt'));
    await expect(open.getByRole('alert')).toContainText('is a file, not a folder');
    await tryPath(places);
    await expect(open.getByRole('alert')).toContainText('holds other files');
    await expect(open.getByRole('button', { name: 'New workspace inside it…' })).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await open.screenshot({ path: `${SHOTS}/workspace-open-error-${theme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    const future = path.join(places, 'future');
    mkdirSync(future);
    const db = new Database(path.join(future, 'studio.db'));
    db.pragma('user_version = 9999');
    db.close();
    await tryPath(future);
    await expect(open.getByRole('alert')).toContainText('newer Journey Studio');

    // An empty folder: offered as a new workspace.
    const empty = path.join(places, 'Empty one');
    mkdirSync(empty);
    await tryPath(empty);
    await expect(open.getByRole('status')).toContainText('This folder is empty');
    await open.getByRole('button', { name: 'Make a workspace here' }).click();
    await expect(switcher(page)).toContainText('Empty one');
    await expect(page.getByRole('heading', { name: 'No journeys yet' })).toBeVisible();

    // A workspace by path opens straight away.
    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('dialog', { name: 'Open a workspace folder' }).getByLabel('Folder path').fill(spring);
    await page.keyboard.press('Enter');
    await expect(switcher(page)).toContainText('Spring campaign');

    // A recent workspace whose folder went away shows as missing, and can be removed from the list.
    rmSync(empty, { recursive: true, force: true });
    await switcher(page).click();
    const missing = menu(page).locator('li').filter({ hasText: 'Empty one' });
    await expect(missing).toContainText('Missing');
    await page.screenshot({ path: `${SHOTS}/workspace-switcher-missing.png` });
    await expect(missing.getByRole('menuitem', { name: /^Empty one/ })).toBeDisabled();
    await missing.getByRole('menuitem', { name: 'Remove Empty one from the list' }).click();
    await expect(menu(page).getByText('Empty one')).toHaveCount(0);
    await expect(menu(page).getByRole('menuitem', { name: new RegExp(`^${first}`) })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu(page)).toHaveCount(0);
  } finally {
    rmSync(places, { recursive: true, force: true });
  }
});
