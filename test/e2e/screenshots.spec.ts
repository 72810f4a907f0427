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
