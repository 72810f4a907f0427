import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './studio-host';
import { gradientPng } from './helpers/png';

async function newMessage(page: Page, name: string) {
  await page.getByRole('link', { name: 'Messages' }).click();
  await page.getByRole('button', { name: /New message|Compose your first message/ }).first().click();
  await page.getByLabel('Message name').fill(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('Messages', () => {
  test('compose with personalisation: the preview follows every keystroke, lints and autosave show', async ({ page, studio }) => {
    const cspViolations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
    const remote: string[] = [];
    page.on('request', (r) => !r.url().startsWith(studio.origin) && !/^(data|blob):/.test(r.url()) && remote.push(r.url()));
    await page.goto(studio.url);
    await newMessage(page, 'Cart reminder');
    await expect(page.getByText('Pick the channel (app)')).toBeVisible();
    await page.getByLabel('Channel (app)').selectOption({ label: 'Sandbox app' });
    await expect(page.getByText('Pick the channel (app)')).toHaveCount(0);

    // Sample profile, pasted as JSON.
    await page.getByRole('button', { name: 'Paste sample JSON' }).click();
    await page.getByLabel('Sample name').fill('Ada');
    await page.getByLabel('Profile JSON').fill('{"person": {"firstName": "Ada"}, "cart": {"total": 42}}');
    await page.getByRole('button', { name: 'Add sample' }).click();

    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await title.fill('Hi {{default profile.person.firstName "there"}}');
    await expect(page.getByTestId('ios-notification')).toContainText('Hi Ada');
    await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Your cart is waiting');
    await expect(page.getByTestId('ios-notification')).toContainText('Your cart is waiting');
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

    // Autocomplete from the sample's attributes.
    const body = page.getByRole('textbox', { name: 'Body', exact: true });
    await body.fill('Total: {{cart');
    await expect(page.getByRole('option', { name: 'profile.cart.total' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(body).toHaveValue('Total: {{profile.cart.total}}');
    await expect(page.getByTestId('ios-notification')).toContainText('Total: 42');

    // A title too wide for one iOS line is linted.
    await title.fill('Your order has shipped and will arrive tomorrow morning');
    await expect(page.locator('[data-code="ios-title-too-long"]')).toBeVisible();

    // Saved: it is still there after a reload.
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue('Your order has shipped and will arrive tomorrow morning');

    // The payload panel: Monaco, offline, with byte counts.
    await page.getByRole('tab', { name: 'Payload' }).click();
    await expect(page.getByTestId('payload-editor').locator('.monaco-editor')).toBeVisible();
    await expect(page.getByTestId('payload-editor')).toContainText('apns-push-type');
    await expect(page.getByText(/APNs payload \d+ \/ 4096 bytes/)).toBeVisible();

    // Edit raw: JSON-schema validation runs in Monaco's JSON worker (loaded under the studio's CSP).
    await page.getByRole('button', { name: 'Edit raw' }).click();
    await page.getByTestId('payload-editor').locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' x');
    await expect(page.getByTestId('payload-editor').locator('.squiggly-error').first()).toBeAttached();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(cspViolations).toEqual([]);
    expect(remote).toEqual([]);
  });

  test('library: rename, duplicate, delete with undo, search, export and import', async ({ page, studio }) => {
    await page.goto(studio.url);
    await newMessage(page, 'Welcome');
    await page.getByRole('button', { name: 'Messages' }).first().click();
    await page.getByRole('button', { name: 'Rename Welcome' }).click();
    await page.getByLabel('Message name').fill('Welcome push');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('button', { name: 'Duplicate Welcome push' }).click();
    await expect(page.getByRole('button', { name: 'Welcome push (copy)', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Delete Welcome push (copy)' }).click();
    await page.getByRole('dialog', { name: 'Delete message?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Welcome push (copy)', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('button', { name: 'Welcome push (copy)', exact: true })).toBeVisible();
    await page.getByLabel('Search messages').fill('copy');
    await expect(page.getByText('1 of 2 messages')).toBeVisible();
    await page.getByLabel('Search messages').fill('');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Welcome push', exact: true }).click();
    const file = path.join(os.tmpdir(), `export-${Date.now()}.json`);
    await (await downloading).saveAs(file);
    await page.getByLabel('Import a message file').setInputFiles(file);
    await expect(page.getByRole('button', { name: 'Welcome push (copy 2)', exact: true })).toBeVisible();
    const bad = path.join(os.tmpdir(), `bad-${Date.now()}.json`);
    writeFileSync(bad, '{"name": 3}');
    await page.getByLabel('Import a message file').setInputFiles(bad);
    await expect(page.getByText(/is not a message file: name/)).toBeVisible();
  });
});

/** Visual regression: each preview state in light and dark, with a fixed profile and timestamp. */
test.describe('preview snapshots', () => {
  // Tall enough that the whole phone is on screen beside the form.
  test.use({ viewport: { width: 1280, height: 1500 } });
  test('every iOS and Android state, light and dark', async ({ page, studio }) => {
    test.setTimeout(120_000);
    await page.goto(studio.url);
    await newMessage(page, 'Price drop');
    await page.getByLabel('Channel (app)').selectOption({ label: 'Sandbox app' });
    await page.getByRole('button', { name: 'Paste sample JSON' }).click();
    await page.getByLabel('Sample name').fill('Ada');
    await page.getByLabel('Profile JSON').fill('{"person": {"firstName": "Ada"}, "product": {"name": "Trail runners", "price": 89}}');
    await page.getByRole('button', { name: 'Add sample' }).click();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('{{profile.person.firstName}}, your pick dropped in price');
    await page.getByRole('textbox', { name: 'Subtitle (iOS)', exact: true }).fill('Trail runners');
    await page
      .getByRole('textbox', { name: 'Body', exact: true })
      .fill('The {{profile.product.name}} you saved are now {{formatNumber profile.product.price currency="USD"}}. Sizes are going fast, so grab yours before the weekend sale ends on Sunday night.');
    await page.getByLabel('Image source').selectOption('asset');
    const png = path.join(os.tmpdir(), `hero-${Date.now()}.png`);
    writeFileSync(png, gradientPng());
    await page.getByLabel('Add an image').setInputFiles(png);
    await page.getByLabel('Interruption level (iOS)').selectOption('time-sensitive');
    await page.getByLabel('Badge').fill('3');
    await page.getByLabel('Android accent colour').fill('#e8590c');
    await page.getByLabel('Category id (registered by the app)').fill('PRICE_DROP');
    for (const label of ['View deal', 'Remind me later']) {
      await page.getByRole('button', { name: /Add ios button/ }).click();
      const n = await page.getByRole('textbox', { name: /^iOS button \d label$/ }).count();
      await page.getByRole('textbox', { name: `iOS button ${n} label` }).fill(label);
      await page.getByRole('button', { name: /Add android button/ }).click();
      await page.getByRole('textbox', { name: `Android button ${n} label` }).fill(label);
    }
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const phone = page.getByTestId('phone');
    // The card's blurred backdrop and shadow are composited by Chromium with one row of edge pixels
    // that varies under load (152 pixels seen); a changed word or a missing line differs by thousands.
    const exact = { animations: 'disabled', maxDiffPixels: 250 } as const;
    for (const appearance of ['Light', 'Dark'] as const) {
      await page.getByRole('radiogroup', { name: 'Appearance' }).getByRole('radio', { name: appearance }).click();
      await page.getByRole('radio', { name: 'iPhone' }).click();
      for (const [value, name] of [['lock', 'lock'], ['centre', 'centre'], ['banner', 'banner'], ['expanded', 'expanded']] as const) {
        await page.getByLabel('iPhone view').selectOption(value);
        await expect(phone.locator('img').first()).toHaveJSProperty('complete', true);
        await expect(phone).toHaveScreenshot(`ios-${name}-${appearance.toLowerCase()}.png`, exact);
      }
      await page.getByRole('radio', { name: 'Android' }).click();
      for (const value of ['collapsed', 'expanded', 'headsup'] as const) {
        await page.getByLabel('Android view').selectOption(value);
        await expect(phone.locator('img').first()).toHaveJSProperty('complete', true);
        await expect(phone).toHaveScreenshot(`android-${value}-${appearance.toLowerCase()}.png`, exact);
      }
    }
  });
});

/** Profiles of the workspace in "Preview as": found by identity, side by side, with an entry event; screens in light and dark. */
test.describe('preview as a profile of the workspace', () => {
  test.use({ viewport: { width: 1440, height: 1100 } });
  const dir = path.join(os.tmpdir(), 'journey-studio-e2e-composer');
  const people = path.join(dir, 'people.csv');
  const events = path.join(dir, 'events.csv');
  test.beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      people,
      [
        'identity.email,person.firstName,loyalty.tier,loyalty.points,push.1.appId,push.1.platform,push.1.token,push.1.ecid',
        'ada@example.com,Ada,gold,1200,com.journeystudio.sandbox,fcm,fcm-token-ada,ECID-ADA',
        'grace@example.com,Grace,silver,300,com.journeystudio.sandbox,apnsSandbox,4f1ce9a0b2,ECID-GRACE',
      ].join('\n'),
    );
    writeFileSync(events, 'identity.ECID,type,timestamp,product\nECID-ADA,cart.abandoned,2026-11-02T10:00:00Z,Trail runners\nECID-ADA,application.launch,2026-11-01T09:00:00Z,\n');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`pick profiles, see them personalised side by side, in ${theme}`, async ({ page, studio }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`${studio.url}#/profiles`);
      await page.getByLabel('File to import').setInputFiles(people);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(page.getByText('2 new, 0 updated, 0 rejected')).toBeVisible();
      await page.getByLabel('File to import').setInputFiles(events);
      await page.getByLabel('What it holds').selectOption('events');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(page.getByText('2 new, 0 updated, 0 rejected')).toBeVisible();

      await newMessage(page, 'Cart reminder');
      await page.getByLabel('Channel (app)').selectOption({ label: 'Sandbox app' });
      const title = page.getByRole('textbox', { name: 'Title', exact: true });
      const body = page.getByRole('textbox', { name: 'Body', exact: true });

      // The picker offers the attribute paths seen in the workspace before any profile is picked.
      await body.fill('{{loyalty');
      await expect(page.getByRole('option', { name: 'profile.loyalty.points' })).toBeVisible();
      await body.fill('');

      await page.getByLabel('Find a profile').fill('ada@');
      await page.getByRole('list', { name: 'Profiles found' }).getByRole('button', { name: /ada@example.com/ }).click();
      await title.fill('{{default profile.person.firstName "Hi there"}}, your {{default event.product "cart"}} is waiting');
      await body.fill('You have {{formatNumber profile.loyalty.points}} points ({{profile.loyalty.tier}} tier). Use them before Sunday.');
      const phone = page.getByTestId('phone');
      await expect(phone).toContainText('Ada, your Trail runners is waiting');
      await expect(page.getByLabel('Entry event for Ada')).toHaveValue(/\d+/);

      // A second profile side by side; its entry event can be none.
      await page.getByLabel('Find a profile').fill('grace');
      await expect(page.getByRole('list', { name: 'Profiles found' })).toContainText('grace@example.com');
      await page.locator('.composer-side').screenshot({ path: `test-results/screenshots/composer-search-${theme}.png` });
      await page.getByRole('list', { name: 'Profiles found' }).getByRole('button', { name: /grace@example.com/ }).click();
      const ada = page.getByRole('figure', { name: 'Ada' });
      const grace = page.getByRole('figure', { name: 'Grace' });
      await expect(grace).toContainText('Grace, your cart is waiting');
      await expect(grace).toContainText('You have 300 points (silver tier)');
      await expect(ada).toContainText('You have 1,200 points (gold tier)');

      // The payload is the one the sender builds for the profile: Ada's FCM token.
      await page.getByLabel('Problems and payload for').selectOption({ label: 'Ada' });
      await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/composer-profiles-${theme}.png`, fullPage: true });
      await page.getByRole('tab', { name: 'Payload' }).click();
      await expect(page.getByTestId('payload-editor')).toContainText('fcm-token-ada');
      await expect(page.getByTestId('payload-editor')).toContainText('Ada, your Trail runners is waiting');
      await page.screenshot({ path: `test-results/screenshots/composer-payload-${theme}.png` });

      // A workspace image: the composer says what to do before sending.
      await page.getByLabel('Image source').selectOption('asset');
      await expect(page.getByRole('note')).toContainText('Phones download the image from a web address');
      await expect(page.locator('[data-code="asset-not-hosted"]')).toHaveCount(0);
      await page.getByRole('note').locator('xpath=ancestor::fieldset').screenshot({ path: `test-results/screenshots/composer-asset-note-${theme}.png` });

      // After a reload the picked profiles are read again from the workspace.
      await page.reload();
      await page.getByRole('tab', { name: 'Preview' }).click();
      await expect(page.getByRole('figure', { name: 'Grace' })).toContainText('Grace, your cart is waiting');
    });
  }
});
