import { expect, test } from './studio-host';

/**
 * Screens to look at (test-results/screenshots/): the Journeys list empty and filled, a dialog, and
 * an open journey, in light and dark. The README's screenshot comes from here.
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
    const { origin, searchParams } = new URL(studio.url);
    const call = async (channel: string, input: unknown) =>
      (await (await page.request.post(`${origin}/api/${channel}`, { headers: { authorization: `Bearer ${searchParams.get('token')}` }, data: input })).json()).output;
    const audience = await call('audiences.save', { name: 'New sign-ups', rule: { kind: 'and', rules: [] } });
    const { welcomeSeriesFile } = await import('./helpers/welcome-series');
    const [channel] = await call('channels.list', {});
    const journey = await call('journeys.importFile', { content: welcomeSeriesFile(audience.id, channel.id) });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(studio.url);
    await page.getByRole('button', { name: journey.name, exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(7);
    await page.locator('.react-flow__node').filter({ hasText: 'Gold members?' }).click();
    await page.screenshot({ path: `test-results/screenshots/journey-canvas-${theme}.png` });
  });
}
