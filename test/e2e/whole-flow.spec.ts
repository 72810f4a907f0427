import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeCredentialFiles } from './helpers/credential-files';
import { expect, test } from './studio-host';

/**
 * The whole flow, as a marketer walks it in a new, empty workspace (`serve --workspace DIR` makes
 * no demo), through the interface only (no API calls):
 * connect an app, give its customers phones, import them, compose a personalised push, build and
 * dry-run a journey, publish it, move the clock on, watch the pushes land and the dead token die,
 * open a push, and export the journey report. The README's "Walk the whole flow" shows these
 * screenshots: UPDATE_README_SCREENSHOTS=1 writes them to docs/screenshots/, otherwise they go to
 * test-results/screenshots/.
 */
const SHOTS = process.env.UPDATE_README_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string) {
  // Notices ("Saved …", "… is live") fade after six seconds and the walk is quicker: close them
  // all at once (one by one, one could fade between finding and clicking it).
  await page.locator('.toasts').getByRole('button', { name: 'Dismiss' }).evaluateAll((buttons) => buttons.forEach((b) => (b as unknown as { click(): void }).click()));
  await expect(page.locator('.toast')).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, `flow-${name}.png`) });
}

// Virtual time: the journey's one-day wait ends when the marketer skips a day, not a day later.
test.use({ serveArgs: ['--virtual-time'], viewport: { width: 1280, height: 800 } });

/** Draws a link on the canvas from one step's output handle to another step's input. */
async function link(page: Page, from: Locator, output: number | 'last', to: Locator) {
  const handles = from.locator('.react-flow__handle.source');
  const source = output === 'last' ? handles.last() : handles.nth(output);
  const a = (await source.boundingBox())!;
  const b = (await to.locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

const step = (page: Page, kind: string) => page.locator('.react-flow__node').filter({ has: page.locator(`[aria-label^="${kind}:"]`) });

test('the whole flow: channel, phones, import, compose, journey, dry run, publish, delivery, feedback, tracking, report', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await page.goto(studio.url);

  // 1. Connect the app: a channel that sends to the studio's simulators, with the app's own
  //    .p8 key and Firebase service account, and its connection tested.
  const files = writeCredentialFiles();
  await page.getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('button', { name: 'New channel' }).click();
  const editor = page.getByRole('dialog', { name: 'New channel' });
  await editor.getByLabel('Name', { exact: true }).fill('Shop app');
  await editor.getByLabel('Send to').selectOption('sandbox');
  await editor.getByLabel('APNs environment').selectOption('sandbox');
  await editor.getByLabel('Bundle ID').fill('com.shop.app');
  await editor.getByLabel('APNs key (.p8)').setInputFiles(files.p8);
  await editor.getByLabel('Team ID').fill('TEAM123456');
  await editor.getByLabel('Firebase service account (.json)').setInputFiles(files.serviceAccount);
  await expect(editor.getByText(/Project shop-app-prod/)).toBeVisible();
  await editor.getByRole('button', { name: 'Create channel' }).click();
  const channel = page.getByRole('article', { name: 'Shop app' });
  await channel.getByRole('button', { name: 'Test connection' }).click();
  await expect(channel.getByRole('status', { name: 'Connection test result' }).getByLabel('Passed')).toHaveCount(2);
  await shot(page, '01-channel');

  // 2. The customers' phones: the Shop app on two iPhones and two Android phones. Each app's SDK
  //    syncs its token to a new profile under an ECID; one customer has since removed the app, so
  //    Apple will answer 410 Unregistered for that token.
  const phones = page.getByRole('region', { name: 'Simulated devices' });
  await phones.getByLabel('App to install').selectOption({ label: 'Shop app' });
  for (const kind of ['iPhone', 'iPhone', 'Android phone', 'Android phone']) {
    const count = await phones.getByRole('textbox', { name: /^Token of / }).count();
    await phones.getByRole('button', { name: `Add ${kind}` }).click();
    await expect(phones.getByRole('textbox', { name: /^Token of / })).toHaveCount(count + 1);
  }
  const phone = (name: string) => phones.getByRole('listitem', { name, exact: true });
  await phone('iPhone 2').getByRole('button', { name: 'Uninstall' }).click();
  await expect(phone('iPhone 2')).toContainText('uninstalled');
  await expect(phone('iPhone 2')).toContainText('dead: answers Unregistered');
  await phone('iPhone 2').scrollIntoViewIfNeeded();
  await shot(page, '02-phones');

  // 3. The CRM's file: who holds each phone (the token and ECID copied from the phones' cards),
  //    plus a customer with no phone. The rows land on the phones' profiles by their ECIDs.
  const ids = async (name: string) => ({
    token: await page.getByRole('textbox', { name: `Token of ${name}` }).inputValue(),
    ecid: (await page.getByLabel(`ECID of ${name}`).textContent())!,
  });
  const people = [
    { email: 'ada@example.com', firstName: 'Ada', tier: 'gold', platform: 'apnsSandbox', ...(await ids('iPhone 1')) },
    { email: 'linus@example.com', firstName: 'Linus', tier: 'gold', platform: 'apnsSandbox', ...(await ids('iPhone 2')) },
    { email: 'grace@example.com', firstName: 'Grace', tier: 'gold', platform: 'fcm', ...(await ids('Pixel 1')) },
    { email: 'alan@example.com', firstName: 'Alan', tier: 'silver', platform: 'fcm', ...(await ids('Pixel 2')) },
  ];
  const csv = path.join(mkdtempSync(path.join(os.tmpdir(), 'flow-')), 'shop-customers.csv');
  writeFileSync(
    csv,
    [
      'identity.email,firstName,loyalty.tier,push.1.appId,push.1.platform,push.1.token,push.1.ecid',
      ...people.map((p) => [p.email, p.firstName, p.tier, 'com.shop.app', p.platform, p.token, p.ecid].join(',')),
      'cy@example.com,Cy,gold,,,,',
    ].join('\n'),
  );
  await page.getByRole('link', { name: 'Profiles' }).click();
  // The phones' apps made four profiles already: the import panel is one click away.
  await expect(page.getByText('4 profiles')).toBeVisible();
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('File to import').setInputFiles(csv);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('shop-customers.csv: imported. 1 new, 4 updated, 0 rejected.')).toBeVisible();
  await expect(page.getByText('5 profiles')).toBeVisible();
  await shot(page, '03-import');

  // An audience: every customer who can get a push from the Shop app.
  await page.getByRole('tab', { name: 'Audiences' }).click();
  await page.getByRole('button', { name: 'New audience' }).first().click();
  const builder = page.getByRole('region', { name: 'Audience builder' });
  await builder.getByLabel('Audience name').fill('Shop app customers');
  await builder.getByRole('group', { name: 'Attribute condition' }).getByRole('button', { name: 'Remove condition' }).click();
  await builder.getByRole('button', { name: 'Reachable' }).click();
  await builder.getByRole('group', { name: 'Reachable condition' }).getByLabel('App').fill('com.shop.app');
  await expect(builder.getByRole('status', { name: 'Audience count' })).toContainText('4 profiles match');
  await builder.getByRole('button', { name: 'Save audience' }).click();
  await expect(page.getByRole('complementary', { name: 'Saved audiences' })).toContainText('Shop app customers');

  // 4. Compose a personalised push, previewed as Ada on an iPhone and on an Android phone.
  await page.getByRole('link', { name: 'Messages' }).click();
  await page.getByRole('button', { name: /New message|Compose your first message/ }).first().click();
  await page.getByLabel('Message name').fill('Gold welcome');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Gold welcome' })).toBeVisible();
  await page.getByLabel('Channel (app)').selectOption({ label: 'Shop app' });
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('{{profile.firstName}}, your gold perks are live');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Free delivery on every order this month, {{profile.firstName}}.');
  await page.getByLabel('Find a profile').fill('ada@');
  await page.getByRole('list', { name: 'Profiles found' }).getByRole('button', { name: /ada@example.com/ }).click();
  const preview = page.getByTestId('phone');
  await page.getByRole('radiogroup', { name: 'Platform' }).getByRole('radio', { name: 'iPhone' }).click();
  await page.getByLabel('iPhone view').selectOption('banner');
  await expect(page.getByTestId('ios-notification')).toContainText('Ada, your gold perks are live');
  await expect(page.getByTestId('ios-notification')).toContainText('Free delivery on every order this month, Ada.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await shot(page, '04-compose-ios');
  await page.getByRole('radiogroup', { name: 'Platform' }).getByRole('radio', { name: 'Android' }).click();
  await expect(preview).toContainText('Ada, your gold perks are live');
  await expect(preview).toContainText('Free delivery on every order this month, Ada.');
  await shot(page, '05-compose-android');

  // 5. The journey on the canvas: the audience enters once, gold members wait a day and get the
  //    push, everyone else ends.
  await page.getByRole('link', { name: 'Journeys' }).click();
  await page.getByRole('button', { name: /Create your first journey|New journey/ }).first().click();
  await page.getByLabel('Journey name').fill('Gold welcome');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Gold welcome', exact: true }).click();
  await expect(page.getByText('Start with an entry.')).toBeVisible();
  const pane = page.locator('.react-flow__pane');
  const settings = page.getByRole('complementary', { name: 'Step settings' });
  const palette = page.getByRole('complementary', { name: 'Activities' });
  // Dropped apart, and away from the canvas's edges (a link drawn near an edge pans the canvas);
  // auto-layout tidies them once linked.
  await palette.getByRole('button', { name: 'Read audience' }).dragTo(pane, { targetPosition: { x: 130, y: 100 } });
  await settings.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'Shop app customers' });
  await palette.getByRole('button', { name: 'Condition', exact: true }).dragTo(pane, { targetPosition: { x: 400, y: 100 } });
  await settings.getByRole('textbox', { name: 'Path 1 name' }).fill('Gold');
  await settings.getByRole('button', { name: 'Attribute equals' }).click();
  await expect(settings.getByRole('textbox', { name: 'Rule of Gold' })).toHaveValue(/"loyalty.tier"[\s\S]*"gold"/);
  await palette.getByRole('button', { name: 'Wait', exact: true }).dragTo(pane, { targetPosition: { x: 130, y: 230 } });
  await settings.getByRole('spinbutton', { name: 'Wait duration' }).fill('1');
  await settings.getByRole('combobox', { name: 'Wait duration unit' }).selectOption('days');
  // The message itself, dragged from the palette, becomes its push step.
  await palette.getByRole('button', { name: 'Gold welcome' }).dragTo(pane, { targetPosition: { x: 400, y: 230 } });
  await palette.getByRole('button', { name: 'End', exact: true }).dragTo(pane, { targetPosition: { x: 265, y: 355 } });
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  const [entry, condition, wait, push, end] = [step(page, 'Read audience'), step(page, 'Condition'), step(page, 'Wait'), step(page, 'Push message'), step(page, 'End')];
  const links: [Locator, number | 'last', Locator][] = [
    [entry, 0, condition],
    [condition, 0, wait],
    [condition, 'last', end],
    [wait, 0, push],
    [push, 0, end],
  ];
  for (const [n, [from, output, to]] of links.entries()) {
    await link(page, from, output, to);
    await expect(page.locator('.react-flow__edge')).toHaveCount(n + 1);
  }
  await expect(page.getByText('Ready to publish: no problems found.')).toBeVisible();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  // 6. Dry run over 30 days, against every profile, sending nothing.
  await page.getByRole('button', { name: 'Dry run' }).click();
  const totals = page.getByRole('status', { name: 'Run totals' });
  await expect(totals).toContainText('Dry run: 4 entered · 4 finished · 0 waiting · 0 excluded');
  await expect(push.locator('.count-reached')).toHaveText('3 reached');
  await expect(end.locator('.count-reached')).toHaveText('4 reached');
  await shot(page, '06-dry-run');

  // 7. Publish, then move the studio's clock on a day: the wait ends and the pushes go.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('.journey-meta .status')).toHaveText('Live');
  await expect(totals).toContainText('Live: 4 entered · 1 finished · 3 waiting · 0 excluded');
  await page.getByRole('button', { name: 'Skip 1 day' }).click();
  await expect(page.getByRole('status', { name: 'Studio time' })).toContainText('1 d ahead');
  await expect(totals).toContainText('Live: 4 entered · 4 finished · 0 waiting · 0 excluded');
  await shot(page, '07-live');

  // 8. The pushes on the phones: Ada's iPhone and Grace's Android phone; nothing reached Linus's
  //    iPhone (the app is gone) nor Alan's (silver members were not sent anything).
  await page.getByRole('link', { name: 'Channels' }).click();
  await expect(phone('iPhone 1')).toContainText('Ada, your gold perks are live');
  await expect(phone('Pixel 1')).toContainText('Grace, your gold perks are live');
  await expect(phone('iPhone 2')).toContainText('No notifications yet.');
  await expect(phone('Pixel 2')).toContainText('No notifications yet.');
  await phone('iPhone 1').scrollIntoViewIfNeeded();
  await shot(page, '08-phones');

  // 9. The delivery log: two delivered, and Apple's 410 for Linus's token.
  await page.getByRole('link', { name: 'Delivery log' }).click();
  const log = page.getByRole('grid', { name: 'Delivery log' });
  await expect(log.getByRole('row').filter({ hasText: 'Delivered' })).toHaveCount(2);
  const dead = log.getByRole('row').filter({ hasText: 'Dead token' });
  await expect(dead).toContainText('Unregistered');
  await expect(page.getByText('3 attempts')).toBeVisible();
  // What was sent, as the log shows it: the report must say the same.
  const sent = { delivered: await log.getByRole('row').filter({ hasText: 'Delivered' }).count(), failed: await dead.count() };
  await dead.click();
  const details = page.getByRole('complementary', { name: 'Delivery details' });
  await expect(details.getByText('HTTP 410', { exact: true })).toBeVisible();
  await expect(details.getByLabel('Response body')).toContainText('Unregistered');
  await expect(details.getByLabel('Token now')).toContainText(/invalid on profile #\d+ — Unregistered, since .*: journeys no longer send to it/);
  await shot(page, '09-feedback');

  // 10. The token is marked invalid on Linus's profile, with the provider's reason.
  await details.getByRole('button', { name: /Open profile #\d+/ }).click();
  const profile = page.getByRole('complementary', { name: /Profile #/ });
  await expect(profile).toContainText('linus@example.com');
  const devices = profile.getByRole('list', { name: 'Devices' });
  await expect(devices).toContainText('invalid');
  await expect(devices).toContainText('Unregistered');
  await shot(page, '10-profile');

  // Ada opens the push on her iPhone: a tracking event on her profile, linked to the push.
  await page.getByRole('link', { name: 'Channels' }).click();
  const adas = phone('iPhone 1').getByRole('listitem', { name: 'Notification: Ada, your gold perks are live' });
  await adas.getByRole('button', { name: 'Open' }).click();
  await expect(adas).toContainText('Opened');

  // 11. The journey report, exported: its numbers are what was sent, delivered, failed and opened.
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('combobox', { name: 'Report', exact: true }).selectOption({ label: 'Journey: Gold welcome' });
  await expect(page.getByRole('listitem', { name: `Delivered: ${sent.delivered}` })).toBeVisible();
  await expect(page.getByRole('listitem', { name: `Failed: ${sent.failed}` })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Unique opens: 1' })).toBeVisible();
  await shot(page, '11-report');
  const exported: Record<string, string> = {};
  for (const format of ['JSON', 'CSV']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export' }).getByRole('button', { name: format, exact: true }).click()]);
    exported[format] = path.join('test-results', 'exports', `flow-${download.suggestedFilename()}`);
    await download.saveAs(exported[format]);
  }
  const report = JSON.parse(readFileSync(exported.JSON!, 'utf8'));
  const expected = { sent: sent.delivered + sent.failed, delivered: sent.delivered, failed: sent.failed, opens: 1 };
  expect(report.measures).toMatchObject({ ...expected, invalidTokens: sent.failed, uniqueOpens: 1 });
  expect(report.journey).toMatchObject({ entered: 4, exited: 4, inProgress: 0 });
  const lines = readFileSync(exported.CSV!, 'utf8').split(/\r?\n/).map((l) => l.split(','));
  const header = lines.find((l) => l[0] === 'section' && l.includes('delivered'))!;
  const total = lines.find((l) => l[0] === 'total')!;
  const csvTotal = (column: keyof typeof expected) => Number(total[header.indexOf(column)]);
  expect({ sent: csvTotal('sent'), delivered: csvTotal('delivered'), failed: csvTotal('failed'), opens: csvTotal('opens') }).toEqual(expected);
  expect(expected).toEqual({ sent: 3, delivered: 2, failed: 1, opens: 1 });
});
