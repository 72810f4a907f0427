import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';
import { welcomeSeriesFile } from '../../main/services/demo/welcome-series';

/**
 * Screens to look at (test-results/screenshots/): the Journeys list empty and filled, a dialog, an
 * open journey, the Messages list and its dialog, channels, the canvas and audiences, in light and dark. The README's screenshot comes from here.
 */
for (const theme of ['light', 'dark'] as const) {
  test(`screens in ${theme}`, async ({ page, studio }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(studio.url);
    await expect(page.getByRole('heading', { name: 'No journeys yet' })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/journeys-empty-${theme}.png` });

    for (const name of ['Welcome series', 'Abandoned cart', 'Win-back after 30 days', 'Price drop alert']) {
      await page.getByRole('button', { name: 'New journey' }).click();
      await page.getByLabel('Journey name').fill(name);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await page.getByRole('button', { name: 'Welcome series', exact: true }).locator('xpath=ancestor::tr').click();
    await page.screenshot({ path: `test-results/screenshots/journeys-list-${theme}.png` });

    await page.getByRole('button', { name: 'New journey' }).click();
    await page.getByLabel('Journey name').fill('');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.screenshot({ path: `test-results/screenshots/journeys-dialog-${theme}.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Welcome series', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome series' })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/journey-open-${theme}.png` });
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`messages in ${theme}`, async ({ page, studio }) => {
    const { call } = studioApi(page, studio.url);
    for (const name of ['Welcome push', 'Cart reminder', 'Price drop']) await call('messages.create', { name });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${studio.url.split('#')[0]}#/messages`);
    await page.getByRole('button', { name: 'Cart reminder', exact: true }).locator('xpath=ancestor::tr').click();
    await page.screenshot({ path: `test-results/screenshots/messages-list-${theme}.png` });
    await page.getByRole('button', { name: 'New message' }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Name must not be empty');
    await page.screenshot({ path: `test-results/screenshots/messages-dialog-${theme}.png` });
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`channels in ${theme}`, async ({ page, studio }) => {
    const { writeCredentialFiles } = await import('./helpers/credential-files');
    const files = writeCredentialFiles();
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(studio.url);
    await page.getByRole('link', { name: 'Channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Channels' })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/channels-start-${theme}.png` });
    await page.getByRole('button', { name: 'New channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    await dialog.getByLabel('Name', { exact: true }).fill('Shop app');
    await dialog.getByLabel('Bundle ID').fill('com.shop.app');
    await dialog.getByLabel('APNs key (.p8)').setInputFiles(files.p8);
    await dialog.getByLabel('Team ID').fill('TEAM12345');
    await dialog.getByLabel('Firebase service account (.json)').setInputFiles(files.serviceAccount);
    await expect(dialog.getByText(/Project shop-app-prod/)).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/channels-editor-${theme}.png` });
    // A mistyped Team ID is caught before anything is sent.
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await expect(dialog.getByText('Team ID is the 10-character ID')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/channels-editor-error-${theme}.png` });
    await dialog.getByLabel('Team ID').fill('TEAM123456');
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await expect(page.getByRole('article', { name: 'Shop app' })).toBeVisible();
    // Only the sandbox channel is tested: tests never send to Apple or Google.
    await page.getByRole('article', { name: 'Sandbox app' }).getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status', { name: 'Connection test result' })).toHaveCount(1);
    await page.screenshot({ path: `test-results/screenshots/channels-list-${theme}.png`, fullPage: true });
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`journey canvas in ${theme}`, async ({ page, studio }) => {
    const { call } = studioApi(page, studio.url);
    const audience = await call('audiences.save', { name: 'New sign-ups', rule: { kind: 'and', rules: [] } });
    const [channel] = await call('channels.list', {});
    const journey = await call('journeys.importFile', {
      content: welcomeSeriesFile(audience.id, {
        gold: { id: 'msg_goldwelcome1', name: 'Gold welcome', channelId: channel.id, content: { title: 'Your {{profile.loyalty.tier}} perks are live', body: 'Points to spend this week.' } },
        welcome: { id: 'msg_welcome001', name: 'Welcome aboard', channelId: channel.id, content: { title: 'Welcome aboard 👋', body: 'Here is 10% off your first order.' } },
      }),
    });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(studio.url);
    await page.getByRole('button', { name: journey.name, exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(7);
    await page.locator('.react-flow__node').filter({ hasText: 'Gold or platinum?' }).click();
    await page.screenshot({ path: `test-results/screenshots/journey-canvas-${theme}.png` });
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`audiences and simulated devices in ${theme}`, async ({ page, studio }) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'shots-')), 'people.csv');
    const rows = ['identity.email,firstName,lastName,loyalty.tier,loyalty.points,push.1.appId,push.1.platform,push.1.token'];
    const tiers = ['gold', 'silver', 'bronze', 'platinum'];
    for (let i = 1; i <= 40; i += 1) rows.push(`user${i}@example.com,First${i},Last${i},${tiers[i % 4]},${i * 75},com.acme.shop,${i % 2 ? 'fcm' : 'apns'},${i % 2 ? `fcm-token-${i}` : `${i.toString(16).padStart(8, '0')}abcdef`}`);
    writeFileSync(file, rows.join('\n'));
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1360, height: 1100 });
    await page.goto(`${studio.url}#/profiles`);
    await page.getByLabel('File to import').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText('40 new, 0 updated, 0 rejected')).toBeVisible();

    await page.getByRole('button', { name: 'Filter by attribute or device' }).click();
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByLabel('Attribute', { exact: true }).fill('loyalty.points');
    await filters.getByLabel('Operator').selectOption('gte');
    await filters.getByLabel('Value', { exact: true }).fill('1500');
    await filters.getByLabel('App').fill('com.acme.shop');
    await expect(page.getByText('21 profiles')).toBeVisible();
    await page.getByRole('row', { name: /user20@example.com/ }).click();
    const panel = page.getByRole('complementary', { name: /Profile #/ });
    await panel.getByRole('button', { name: 'Install on Android' }).click();
    await expect(panel.getByRole('list', { name: 'Simulated phones of this profile' })).toContainText('Pixel');
    await panel.getByRole('button', { name: 'Clear data' }).click();
    await expect(panel.getByRole('list', { name: 'Simulated phones of this profile' })).toContainText('Earlier tokens');
    await panel.getByRole('region', { name: 'Simulated devices' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/profiles-filters-devices-${theme}.png` });

    await page.getByRole('tab', { name: 'Audiences' }).click();
    await expect(page.getByRole('heading', { name: 'Build your first audience' })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/audiences-empty-${theme}.png` });
    await page.getByRole('button', { name: 'New audience' }).first().click();
    const builder = page.getByRole('region', { name: 'Audience builder' });
    await builder.getByLabel('Audience name').fill('Engaged gold members');
    const first = builder.getByRole('group', { name: 'Attribute condition' });
    await first.getByLabel('Attribute', { exact: true }).fill('loyalty.tier');
    await first.getByLabel('Operator').selectOption('in');
    await first.getByLabel('Value', { exact: true }).fill('gold, platinum');
    await builder.getByRole('button', { name: 'Reachable' }).first().click();
    await builder.getByRole('group', { name: 'Reachable condition' }).getByLabel('App').fill('com.acme.shop');
    await builder.getByRole('button', { name: 'Group' }).first().click();
    const nested = builder.getByRole('group', { name: 'Group' });
    const inner = nested.getByRole('group', { name: 'Attribute condition' });
    await inner.getByLabel('Attribute', { exact: true }).fill('loyalty.points');
    await inner.getByLabel('Operator').selectOption('gt');
    await inner.getByLabel('Value', { exact: true }).fill('lots');
    await nested.getByRole('button', { name: 'Event' }).click();
    await expect(inner.getByRole('alert')).toHaveText('gt needs a number');
    await page.screenshot({ path: `test-results/screenshots/audiences-error-${theme}.png`, fullPage: true });
    await inner.getByLabel('Value', { exact: true }).fill('1000');
    await expect(builder.getByRole('status', { name: 'Audience count' })).toContainText(/\d+ profiles? match/);
    await builder.getByRole('button', { name: 'Save audience' }).click();
    await expect(page.getByRole('complementary', { name: 'Saved audiences' })).toContainText('Engaged gold members');
    await page.screenshot({ path: `test-results/screenshots/audiences-builder-${theme}.png`, fullPage: true });
  });
}
