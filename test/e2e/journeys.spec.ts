import { expect, test } from './studio-host';

test.describe('Journeys list', () => {
  test('a journey created in Chromium is still there after a reload and after the host restarts', async ({ page, studio }) => {
    await page.goto(studio.url);
    await expect(page.getByRole('heading', { name: 'No journeys yet' })).toBeVisible();
    // The token was traded for a cookie and removed from the address bar.
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: 'Create your first journey' }).click();
    await page.getByLabel('Journey name').fill('Welcome series');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Welcome series', exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('button', { name: 'Welcome series', exact: true })).toBeVisible();

    const restarted = await studio.restart();
    await page.goto(restarted.url);
    await expect(page.getByRole('button', { name: 'Welcome series', exact: true })).toBeVisible();
    await expect(page.getByText('1 journeys')).toBeVisible();
  });

  test('refuses empty and over-long names with a clear message and creates nothing', async ({ page, studio }) => {
    await page.goto(studio.url);
    await page.keyboard.press('n');
    const name = page.getByLabel('Journey name');
    await expect(name).toBeFocused();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Name must not be empty');
    await name.fill('x'.repeat(121));
    await expect(page.getByRole('alert')).toHaveText('Name must be at most 120 characters');
    await expect(page.getByText('121/120')).toBeVisible();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'No journeys yet' })).toBeVisible();
  });

  test('rename, duplicate, delete with confirmation, and undo', async ({ page, studio }) => {
    await page.goto(studio.url);
    await page.getByRole('button', { name: 'New journey' }).click();
    await page.getByLabel('Journey name').fill('Cart reminder');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Cart reminder', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Rename Cart reminder' }).click();
    await page.getByLabel('Journey name').fill('Abandoned cart');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Abandoned cart', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Duplicate Abandoned cart' }).click();
    await expect(page.getByRole('button', { name: 'Abandoned cart (copy)', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Delete Abandoned cart (copy)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete journey?' });
    await expect(dialog).toContainText('“Abandoned cart (copy)” will be removed');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Abandoned cart (copy)', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('button', { name: 'Abandoned cart (copy)', exact: true })).toBeVisible();

    // Keyboard undo walks back the rename too, and the core agrees after a reload.
    await page.getByRole('button', { name: 'Delete Abandoned cart (copy)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Abandoned cart (copy)', exact: true })).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('button', { name: 'Abandoned cart (copy)', exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Abandoned cart (copy)', exact: true })).toBeVisible();
    await expect(page.getByText('2 journeys')).toBeVisible();
  });

  test('opens a journey and comes back', async ({ page, studio }) => {
    await page.goto(studio.url);
    await page.getByRole('button', { name: 'New journey' }).click();
    await page.getByLabel('Journey name').fill('Win-back');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Win-back', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Win-back' })).toBeVisible();
    await expect(page.getByText('Start with an entry.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Win-back' })).toBeVisible();
    await page.getByRole('button', { name: 'Journeys' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();
  });

  test('every section is reachable and says what will be there', async ({ page, studio }) => {
    await page.goto(studio.url);
    for (const [section, text] of [
      ['Messages', 'No messages yet'],
      ['Profiles', 'No profiles yet'],
      ['Delivery log', 'Nothing sent yet'],
      ['Reports', 'Reports'],
    ] as const) {
      await page.getByRole('link', { name: section }).click();
      await expect(page.getByRole('heading', { name: text })).toBeVisible();
    }
  });
});

test.describe('headless host access', () => {
  test('a request without the token is refused', async ({ browser, studio }) => {
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    const response = await page.goto(studio.origin + '/');
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('needs its access token');
    const api = await stranger.request.post(`${studio.origin}/api/journeys.list`, { data: {} });
    expect(api.status()).toBe(401);
    await stranger.close();
  });
});
