import { pushJourneyFile } from '../unit/helpers/journey-files';
import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';

/**
 * A marketer sends a test push from the composer to a simulated iPhone, watches it arrive on the
 * phone and in the Delivery log, and opens the detail drawer, which never shows a secret.
 * Screenshots of the log and the drawer, light and dark: test-results/screenshots/delivery-*.png.
 */
for (const theme of ['light', 'dark'] as const) {
  test(`test push to a simulated iPhone, seen on the phone and in the log (${theme})`, async ({ page, studio }) => {
    const { call } = studioApi(page, studio.url);
    const [channel] = await call('channels.list', {});
    const message = await call('messages.create', { name: 'Spring sale', channelId: channel.id });
    const full = await call('messages.get', { id: message.id });
    await call('messages.update', { id: message.id, content: { ...full.content, title: 'Spring sale starts now', body: '20% off everything until Sunday' } });

    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${studio.url.split('#')[0]}#/messages/${message.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Spring sale' })).toBeVisible();
    await page.getByRole('button', { name: 'Test send…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send a test push' });
    await dialog.getByRole('button', { name: 'Simulated iPhone' }).click();
    await expect(dialog.getByLabel('iPhone 1')).toBeChecked();
    await dialog.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByText('Test push queued for 1 device(s).')).toBeVisible();

    await page.getByRole('link', { name: 'Delivery log' }).click();
    const log = page.getByRole('grid', { name: 'Delivery log' });
    await expect(log.getByRole('row').filter({ hasText: 'Spring sale' })).toHaveCount(1);
    await expect(log.getByRole('row').nth(1)).toContainText('Spring sale');
    await expect(log.getByRole('row').nth(1)).toContainText('iOS (sandbox)');
    // Live: a push sent while the log is open appears without a reload.
    const [device] = await call('sandbox.devices.list', {});
    await call('delivery.testSend', { messageId: message.id, deviceIds: [device.id] });
    await expect(log.getByRole('row').filter({ hasText: 'Delivered' })).toHaveCount(2);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.screenshot({ path: `test-results/screenshots/delivery-log-${theme}.png` });
    await page.getByRole('button', { name: 'Simulated devices' }).click();
    const iphone = page.getByRole('listitem', { name: 'iPhone 1' });
    await expect(iphone.getByText('2 received')).toBeVisible();
    await expect(iphone.getByText('Spring sale starts now').first()).toBeVisible();
    await expect(iphone.getByText('20% off everything until Sunday').first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/delivery-devices-${theme}.png` });

    await log.getByRole('row').nth(1).click();
    const drawer = page.getByRole('complementary', { name: 'Delivery details' });
    await expect(drawer.getByText('HTTP 200', { exact: true })).toBeVisible();
    await expect(drawer.getByLabel('Request headers')).toContainText('apns-topic');
    await expect(drawer.getByLabel('Request body')).toContainText('Spring sale starts now');
    await page.screenshot({ path: `test-results/screenshots/delivery-drawer-${theme}.png` });
    // No key material, no provider JWT, no OAuth token in the drawer or the log.
    const text = (await page.locator('body').innerText()) + (await drawer.innerHTML());
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|private_key|eyJ[A-Za-z0-9_-]{8,}\.eyJ|ya29\.|bearer [A-Za-z0-9_-]{20,}/i);
    expect(text).toContain('redacted');
  });
}

test('a journey’s push is logged under the step’s name from the canvas', async ({ page, studio }) => {
  const { call } = studioApi(page, studio.url);
  const [channel] = await call('channels.list', {});
  await call('sandbox.devices.install', { os: 'ios' });
  const audience = await call('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  const journey = await call('journeys.importFile', {
    content: pushJourneyFile({
      name: 'Spring sale',
      audienceId: audience.id,
      channelId: channel.id,
      message: { id: 'msg_springsale1', name: 'Spring sale message', title: 'Spring sale', body: 'Half price until Sunday.' },
      steps: [{ id: 'n_push', name: 'Sale push' }],
    }),
  });
  const { version } = await call('journeys.open', { id: journey.id });
  await call('journeys.publish', { versionId: version.id });
  await expect.poll(async () => (await call('delivery.drain', {})).delivered ?? 0).toBeGreaterThan(0);

  await page.goto(`${studio.url.split('#')[0]}#/delivery`);
  const row = page.getByRole('grid', { name: 'Delivery log' }).getByRole('row').nth(1);
  await expect(row).toContainText('Spring sale message');
  // Time, Journey, Node: the step as the marketer named it, not its id.
  await expect(row.locator('> span').nth(2)).toHaveText('Sale push');
  await expect(row).not.toContainText('n_push');
});

test('a campaign’s pushes are logged under its name and can be filtered by it', async ({ page, studio }) => {
  const { call } = studioApi(page, studio.url);
  const [channel] = await call('channels.list', {});
  await call('sandbox.devices.install', { os: 'android' });
  const audience = await call('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  const message = await call('messages.create', { name: 'Flash sale', channelId: channel.id });
  await call('campaigns.create', { name: 'Friday flash sale', messageId: message.id, audienceId: audience.id });
  const test = await call('messages.create', { name: 'Just a test', channelId: channel.id });
  const [phone] = await call('sandbox.devices.list', {});
  await call('delivery.testSend', { messageId: test.id, deviceIds: [phone.id] });
  await expect.poll(async () => (await call('delivery.log.counts', { filter: {} })).total).toBe(2);

  await page.goto(`${studio.url.split('#')[0]}#/delivery`);
  const grid = page.getByRole('grid', { name: 'Delivery log' });
  await expect(grid.getByRole('row')).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Journey' }).selectOption({ label: 'Friday flash sale' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  // Time, Journey, Node, Message: the campaign's name, its one step, its message.
  const cells = grid.getByRole('row').nth(1).locator('> span');
  await expect(cells.nth(1)).toHaveText('Friday flash sale');
  await expect(cells.nth(2)).toHaveText('Push message');
  await expect(cells.nth(3)).toHaveText('Flash sale');
});
