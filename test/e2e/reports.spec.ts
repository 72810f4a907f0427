import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';

const SHOTS = 'test-results/screenshots';

/** A simulated iPhone held by a profile, and a live journey that sends it one push with a button. */
async function setup(page: Page, url: string) {
  const { call, upload } = studioApi(page, url);
  const csv = ['identity.email,firstName', 'ada@example.com,Ada'].join('\n');
  const job = await call('profiles.import.start', { uploadId: await upload('people.csv', csv), kind: 'profiles', format: 'csv' });
  await expect.poll(async () => (await call('profiles.import.get', { jobId: job.jobId })).state).toBe('done');
  // Ada installs the Sandbox app on her iPhone: its token syncs to her profile, as the mobile SDK does.
  const ada = (await call('profiles.page', { filter: { search: 'ada@example.com' } })).items[0];
  const iphone = await call('sandbox.devices.install', { os: 'ios', profileId: ada.id, name: 'Ada’s iPhone' });
  const audience = await call('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  const [channel] = await call('channels.list', {});
  const file = {
    format: 'journey-studio/journey',
    formatVersion: 1,
    name: 'Spring sale',
    graph: {
      nodes: [
        { id: 'n_entry', type: 'entry.audience', name: 'Everyone', config: { audienceId: audience.id, schedule: { kind: 'once' } }, next: { next: 'n_push' } },
        { id: 'n_push', type: 'message', name: 'Sale push', config: { messageId: 'msg_springsale1' }, next: { next: 'n_end' } },
        { id: 'n_end', type: 'end', config: {}, next: {} },
      ],
    },
    layout: { n_entry: { x: 0, y: 0 }, n_push: { x: 0, y: 170 }, n_end: { x: 0, y: 340 } },
    messages: [
      {
        id: 'msg_springsale1',
        name: 'Spring sale',
        channelId: channel.id,
        content: { title: 'Spring sale, {{profile.firstName}}', body: 'Half price until Sunday.', iosCategory: { id: 'SALE', buttons: [{ id: 'shop', label: 'Shop now' }] } },
      },
    ],
  };
  const journey = await call('journeys.importFile', { content: JSON.stringify(file) });
  const detail = await call('journeys.open', { id: journey.id });
  await call('journeys.publish', { versionId: detail.version.id });
  return { journey, call, iphone };
}

test('a push opened on a simulated device is counted in the journey report, which exports as CSV, JSON and PDF', async ({ page, studio }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const { journey, call, iphone } = await setup(page, studio.url);
  // The engine queues the push on publish; drain sends it (as the CLI's deliver does).
  await expect
    .poll(
      async () => {
        await call('delivery.drain', {});
        return (await call('tracking.notifications', { deviceId: iphone.id })).length;
      },
      { timeout: 30_000 },
    )
    .toBe(1);

  // The phone: open the push, as its owner would.
  await page.goto(`${studio.url}#/channels`);
  const phone = page.getByRole('listitem', { name: 'Ada’s iPhone' });
  const push = phone.getByRole('listitem', { name: 'Notification: Spring sale, Ada' });
  await expect(push).toBeVisible();
  await push.getByRole('button', { name: 'Open' }).click();
  await expect(push).toContainText('Opened');
  await push.getByRole('button', { name: 'Shop now' }).click();
  await expect(push).toContainText('Tapped shop');
  await page.screenshot({ path: `${SHOTS}/simulated-devices.png`, fullPage: true });

  // The event is on the profile, linked to the push.
  const ada = (await call('profiles.page', { filter: { search: 'ada@example.com' } })).items[0];
  const events = await call('profiles.events', { id: ada.id });
  expect(events.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['pushTracking.applicationOpened', 'pushTracking.customAction']));

  // The journey report counts it.
  await page.goto(`${studio.url}#/reports`);
  await page.getByRole('combobox', { name: 'Report', exact: true }).selectOption(journey.id);
  await expect(page.getByRole('listitem', { name: 'Unique opens: 1' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Delivered: 1' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Open rate: 100%' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Action taps: 1' })).toBeVisible();
  await expect(page.getByLabel('Journey totals')).toContainText('1 entered · 1 exited');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${SHOTS}/report-journey-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Exports: the headless host's streamed downloads.
  const saved: Record<string, string> = {};
  for (const format of ['CSV', 'JSON', 'PDF']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export' }).getByRole('button', { name: format, exact: true }).click()]);
    const file = path.join('test-results', 'exports', download.suggestedFilename());
    await download.saveAs(file);
    saved[format] = file;
  }
  expect(readFileSync(saved.CSV!, 'utf8')).toMatch(/^report,Spring sale,/);
  const json = JSON.parse(readFileSync(saved.JSON!, 'utf8'));
  expect(json.measures).toMatchObject({ delivered: 1, opens: 1, uniqueOpens: 1, actions: 1 });
  expect(json.messages[0].name).toBe('Spring sale');
  expect(readFileSync(saved.PDF!).subarray(0, 5).toString()).toBe('%PDF-');
  const pages = path.join(SHOTS, 'report-pdf');
  mkdirSync(pages, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', saved.PDF!, path.join(pages, 'page')]);
  expect(readdirSync(pages).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(1);

  // The push report, for the screenshot.
  await page.getByRole('combobox', { name: 'Report', exact: true }).selectOption('');
  await expect(page.getByRole('listitem', { name: 'Unique opens: 1' })).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${SHOTS}/report-push-${theme}.png`, fullPage: true });
  }
});
