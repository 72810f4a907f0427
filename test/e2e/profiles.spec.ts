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
// Large enough (a few MB) to be read in the import's worker thread.
const bigCsv = path.join(dir, 'many.csv');
writeFileSync(
  bigCsv,
  [
    'identity.email,firstName,loyalty.points,push.1.appId,push.1.platform,push.1.token',
    ...Array.from({ length: 30_000 }, (_, i) => `user${i}@example.com,Name ${i},${i},com.acme.shop,${i === 12_345 ? 'blackberry' : 'fcm'},fcm-token-${i}-${'x'.repeat(60)}`),
  ].join('\n'),
);
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

  // Installing the Sandbox app on a simulated iPhone for this profile: its token arrives on the profile.
  const simulated = panel.getByRole('region', { name: 'Simulated devices' });
  await simulated.getByRole('button', { name: 'Install on iPhone' }).click();
  await expect(simulated.getByRole('list', { name: 'Simulated phones of this profile' })).toContainText('iPhone');
  await expect(panel.getByRole('list', { name: 'Devices' })).toContainText('com.journeystudio.sandbox');
  await expect(panel.getByRole('list', { name: 'Devices' })).toContainText('apnsSandbox');
  await expect(panel.getByRole('list', { name: 'Devices' }).getByRole('listitem')).toHaveCount(2);

  // An audience: gold members reachable on the shop app through APNs.
  await page.getByRole('tab', { name: 'Audiences' }).click();
  await page.getByRole('button', { name: 'New audience' }).first().click();
  const builder = page.getByRole('region', { name: 'Audience builder' });
  const condition = builder.getByRole('group', { name: 'Attribute condition' });
  await condition.getByLabel('Attribute', { exact: true }).fill('loyalty.tier');
  await condition.getByLabel('Value', { exact: true }).fill('gold');
  const count = builder.getByRole('status', { name: 'Audience count' });
  await expect(count).toContainText('2 profiles match');
  // A wrong value is flagged next to its condition, and nothing is counted until it is fixed.
  await condition.getByLabel('Operator').selectOption('gt');
  await expect(condition.getByRole('alert')).toHaveText('gt needs a number');
  await expect(count).toContainText('Fix the conditions marked in red');
  await condition.getByLabel('Operator').selectOption('equals');
  await builder.getByRole('button', { name: 'Reachable' }).click();
  await builder.getByRole('group', { name: 'Reachable condition' }).getByLabel('App').fill('com.acme.shop');
  await builder.getByRole('group', { name: 'Reachable condition' }).getByLabel('Platform').selectOption('apns');
  await expect(count).toContainText('1 profile matches');
  await expect(builder.getByRole('table', { name: 'Matching profiles (sample)' })).toContainText('ada@example.com');
  await builder.getByLabel('Audience name').fill('Gold on iOS');
  await builder.getByRole('button', { name: 'Save audience' }).click();
  await expect(page.getByRole('complementary', { name: 'Saved audiences' })).toContainText('Gold on iOS');
  await page.reload();
  await page.getByRole('button', { name: 'Gold on iOS', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Audience count' })).toContainText('1 profile matches');
  await page.getByRole('button', { name: 'Delete Gold on iOS' }).click();
  await expect(page.getByRole('complementary', { name: 'Saved audiences' })).not.toContainText('Gold on iOS');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('complementary', { name: 'Saved audiences' })).toContainText('Gold on iOS');
});

test('a large file is read in the background: the report counts every row and the profiles are there', async ({ page, studio }) => {
  await page.goto(`${studio.url}#/profiles`);
  await page.getByLabel('File to import').setInputFiles(bigCsv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('29,999 new, 0 updated, 1 rejected')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Rejected rows' })).toContainText('unknown platform "blackberry"');
  await expect(page.getByRole('table', { name: 'Rejected rows' }).getByRole('row').nth(1)).toContainText('12347');
  await page.getByLabel('Search profiles').fill('user29999@example.com');
  await page.getByRole('row', { name: /user29999@example.com/ }).click();
  await expect(page.getByRole('complementary', { name: /Profile #/ })).toContainText('Name 29999');
});

test('browse filters: by an attribute condition and by a valid token for an app and platform', async ({ page, studio }) => {
  await page.goto(`${studio.url}#/profiles`);
  await page.getByLabel('File to import').setInputFiles(profilesCsv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('2 new, 0 updated, 2 rejected')).toBeVisible();
  await expect(page.getByText('2 profiles')).toBeVisible();
  await page.getByRole('button', { name: 'Filter by attribute or device' }).click();
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Attribute', { exact: true }).fill('firstName');
  await filters.getByLabel('Operator').selectOption('contains');
  await filters.getByLabel('Value', { exact: true }).fill('Ala');
  await expect(page.getByText('1 profiles')).toBeVisible();
  await expect(page.getByRole('row', { name: /alan@example.com/ })).toBeVisible();
  await filters.getByLabel('Operator').selectOption('exists');
  await expect(page.getByText('2 profiles')).toBeVisible();
  await filters.getByLabel('App').fill('com.acme.shop');
  await filters.getByLabel('Platform').selectOption('apns');
  await expect(page.getByText('1 profiles')).toBeVisible();
  await expect(page.getByRole('row', { name: /ada@example.com/ })).toBeVisible();
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByText('2 profiles')).toBeVisible();

  // The same file again, as CSV, matched by email only: the two good rows update their profiles.
  await page.getByLabel('Format').selectOption('csv');
  await page.getByLabel('Match profiles by').selectOption('email');
  await page.getByLabel('File to import').setInputFiles(profilesCsv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('0 new, 2 updated, 2 rejected')).toBeVisible();
  await expect(page.getByText('2 profiles')).toBeVisible();
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
