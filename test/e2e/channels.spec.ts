import { expect, test } from './studio-host';
import { writeCredentialFiles } from './helpers/credential-files';

test.describe('Channels', () => {
  test('a marketer imports a .p8 key and a service account, and sees only what is safe to show', async ({ page, studio }) => {
    const files = writeCredentialFiles();
    await page.goto(studio.url);
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('button', { name: 'New channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    await dialog.getByLabel('Name', { exact: true }).fill('Shop app');
    // Send to the studio's simulators: Apple and Google can't be reached from a test.
    await dialog.getByLabel('Send to').selectOption('sandbox');
    await dialog.getByLabel('APNs environment').selectOption('sandbox');
    await dialog.getByLabel('Bundle ID').fill('com.shop.app');
    await dialog.getByLabel('APNs key (.p8)').setInputFiles(files.p8);
    await expect(dialog.getByText(/EC P-256 key · SHA256/)).toBeVisible();
    // The key id came from the file name AuthKey_<ID>.p8.
    await expect(dialog.getByLabel('Key ID')).toHaveValue(files.keyId);
    await dialog.getByLabel('Team ID').fill('TEAM123456');
    await dialog.getByLabel('Firebase service account (.json)').setInputFiles(files.serviceAccount);
    await expect(dialog.getByText(/Project shop-app-prod/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Create channel' }).click();

    const card = page.getByRole('article', { name: 'Shop app' });
    await expect(card).toContainText('com.shop.app');
    await expect(card).toContainText(`${files.keyId} · team TEAM123456`);
    await expect(card).toContainText('firebase-adminsdk-ab12c@shop-app-prod.iam.gserviceaccount.com');
    await expect(page.locator('body')).not.toContainText('PRIVATE KEY');

    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.getByRole('status', { name: 'Connection test result' });
    await expect(result).toContainText('iOS: APNs (sandbox) accepted key AB12CD34EF of team TEAM123456 for com.shop.app.');
    await expect(result).toContainText('Android: FCM accepted the service account for project shop-app-prod');
    await expect(result.getByLabel('Passed')).toHaveCount(2);
  });

  test('a new workspace comes with the Sandbox app channel, which passes its test', async ({ page, studio }) => {
    await page.goto(studio.url);
    await page.getByRole('link', { name: 'Channels' }).click();
    const card = page.getByRole('article', { name: 'Sandbox app' });
    await expect(card).toContainText('Sandbox · simulators');
    await expect(card).toContainText('com.journeystudio.sandbox');
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByRole('status', { name: 'Connection test result' }).getByLabel('Passed')).toHaveCount(2);
  });

  test('a bad file is explained and nothing is stored', async ({ page, studio }) => {
    const files = writeCredentialFiles();
    await page.goto(studio.url);
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('button', { name: 'New channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    await dialog.getByLabel('Name', { exact: true }).fill('Broken app');
    await dialog.getByLabel('Bundle ID').fill('com.shop.app');
    // A service account offered where the .p8 key goes.
    await dialog.getByLabel('APNs key (.p8)').setInputFiles(files.serviceAccount);
    await expect(dialog.getByRole('alert')).toContainText('is not a .p8 key');
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    // Still open, with what was typed kept.
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Broken app');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Channels' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Broken app' })).toHaveCount(0);
  });
});
