import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './studio-host';

const dir = path.join(os.tmpdir(), 'journey-studio-e2e-files');
mkdirSync(dir, { recursive: true });
const profilesCsv = path.join(dir, 'people.csv');
writeFileSync(
  profilesCsv,
  [
    'identity.email,identity.crmId,firstName,lastName,loyalty.tier,push.1.appId,push.1.platform,push.1.token,push.1.ecid',
    'ada@example.com,C1,Ada,Lovelace,gold,com.acme.shop,apns,4f1ce9a0b2,ECID-ADA',
    'grace@example.com,C2,Grace,Hopper,silver,com.acme.shop,windows,abc,ECID-G',
    'linus@example.com,C3,Linus,T,bronze,com.acme.shop,fcm,,ECID-L',
    'alan@example.com,C4,Alan,Turing,gold,com.acme.shop,fcm,fcm-token-alan,ECID-AL',
  ].join('\n'),
);
const eventsCsv = path.join(dir, 'events.csv');
writeFileSync(eventsCsv, 'identity.ECID,type,timestamp\nECID-ADA,pushTracking.applicationOpened,2025-01-02T10:00:00Z\nECID-ADA,application.launch,2025-01-01T09:00:00Z\n');

test('a user imports a CSV with bad rows, reads the report, finds a profile and sees its devices and events', async ({ page, studio }) => {
  await page.goto(`${studio.url}#/profiles`);
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
  await page.getByLabel('File to import').setInputFiles(profilesCsv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('2 new, 0 updated, 2 rejected')).toBeVisible();
  const rejected = page.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.getByRole('row').nth(1)).toContainText('3');
  await expect(rejected).toContainText('unknown platform "windows"');
  await expect(rejected).toContainText('token is empty');

  await page.getByLabel('File to import').setInputFiles(eventsCsv);
  await page.getByLabel('What it holds').selectOption('events');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('2 new, 0 updated, 0 rejected')).toBeVisible();

  await page.getByLabel('Search profiles').fill('ECID-ADA');
  await expect(page.getByText('1 profiles')).toBeVisible();
  await page.getByRole('row', { name: /ada@example.com/ }).click();
  const panel = page.getByRole('complementary', { name: /Profile #/ });
  await expect(panel.getByRole('list', { name: 'Devices' })).toContainText('com.acme.shop');
  await expect(panel.getByRole('list', { name: 'Devices' })).toContainText('valid');
  await expect(panel.getByRole('list', { name: 'Events' })).toContainText('pushTracking.applicationOpened');
  await panel.getByLabel('Test profile').check();
  await expect(page.getByRole('row', { name: /ada@example.com/ }).getByLabel('test profile', { exact: true })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`profiles screens in ${theme}`, async ({ page, studio }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${studio.url}#/profiles`);
    await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/profiles-empty-${theme}.png` });
    await page.getByLabel('File to import').setInputFiles(profilesCsv);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText('2 rejected')).toBeVisible();
    await page.getByRole('row', { name: /ada@example.com/ }).click();
    await expect(page.getByRole('complementary', { name: /Profile #/ })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/profiles-list-${theme}.png` });
  });
}
