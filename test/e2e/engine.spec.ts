import type { Page } from '@playwright/test';
import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';

const SANDBOX_APP = 'com.journeystudio.sandbox';

async function setup(page: Page, url: string) {
  const { call, upload } = studioApi(page, url);
  const csv = [
    'identity.email,firstName,timezone,test,push.1.appId,push.1.platform,push.1.token',
    `qa@example.com,Quinn,Europe/Paris,true,${SANDBOX_APP},apnsSandbox,${'a1'.repeat(32)}`,
    `ada@example.com,Ada,Europe/Paris,false,${SANDBOX_APP},apnsSandbox,${'b2'.repeat(32)}`,
    `bob@example.com,Bob,America/New_York,false,${SANDBOX_APP},fcm,fcm-token-bob`,
    'cy@example.com,Cy,Asia/Tokyo,false,,,',
  ].join('\n');
  const job = await call('profiles.import.start', { uploadId: await upload('people.csv', csv), kind: 'profiles', format: 'csv' });
  await expect.poll(async () => (await call('profiles.import.get', { jobId: job.jobId })).state).toBe('done');
  const audience = await call('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  const [channel] = await call('channels.list', {});
  const file = {
    format: 'journey-studio/journey',
    formatVersion: 1,
    name: 'Come back',
    graph: {
      nodes: [
        { id: 'n_entry', type: 'entry.audience', name: 'Everyone', config: { audienceId: audience.id, schedule: { kind: 'once' } }, next: { next: 'n_wait' } },
        { id: 'n_wait', type: 'wait', name: 'Two days', config: { kind: 'duration', seconds: 172800 }, next: { next: 'n_wfe' } },
        { id: 'n_wfe', type: 'waitForEvent', name: 'Opens the app?', config: { eventType: 'application.launch', timeoutSeconds: 86400 }, next: { event: 'n_push', timeout: 'n_end2' } },
        { id: 'n_push', type: 'message', name: 'Welcome back', config: { messageId: 'msg_welcomeback1' }, next: { next: 'n_end1' } },
        { id: 'n_end1', type: 'end', config: {}, next: {} },
        { id: 'n_end2', type: 'end', config: {}, next: {} },
      ],
    },
    layout: { n_entry: { x: 160, y: 0 }, n_wait: { x: 160, y: 170 }, n_wfe: { x: 160, y: 340 }, n_push: { x: 0, y: 510 }, n_end1: { x: 0, y: 680 }, n_end2: { x: 330, y: 510 } },
    messages: [{ id: 'msg_welcomeback1', name: 'Welcome back', channelId: channel.id, content: { title: 'Welcome back, {{profile.firstName}}', body: 'We kept your cart.' } }],
  };
  return call('journeys.importFile', { content: JSON.stringify(file) });
}

const onPath = (page: Page, nodeId: string) => page.locator(`[data-testid="node-${nodeId}"][data-on-path="true"]`);

for (const theme of ['light', 'dark'] as const) {
  test(`test mode lights the path step by step, and a dry run counts every step (${theme})`, async ({ page, studio }) => {
    const journey = await setup(page, studio.url);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${studio.url}#/journeys/${journey.id}`);
    await expect(page.locator('.react-flow__node')).toHaveCount(6);

    // Test mode: only the test profile enters; the two-day wait lasts seconds.
    await page.getByRole('button', { name: 'Test mode' }).click();
    await expect(page.getByRole('status', { name: 'Run totals' })).toContainText('1 entered');
    await expect(onPath(page, 'n_entry')).toBeVisible();
    await expect(onPath(page, 'n_wait')).toBeVisible();
    await expect(onPath(page, 'n_wfe')).toBeVisible({ timeout: 15_000 });
    await expect(onPath(page, 'n_push')).toHaveCount(0);
    await expect(page.getByLabel('Test profile')).toContainText('Quinn');
    await page.getByLabel('Event to fire').selectOption('application.launch');
    await page.getByRole('button', { name: 'Fire event' }).click();
    await expect(onPath(page, 'n_push')).toBeVisible();
    await expect(onPath(page, 'n_end1')).toBeVisible();
    await expect(onPath(page, 'n_end2')).toHaveCount(0);
    await expect(page.getByRole('status', { name: 'Run totals' })).toContainText('1 finished');
    await page.screenshot({ path: `test-results/screenshots/engine-test-mode-${theme}.png` });

    // Dry run of the draft against every profile, in virtual time: nothing is sent.
    await page.getByRole('button', { name: 'Stop test' }).click();
    await page.getByLabel('Days to simulate').fill('5');
    await page.getByRole('button', { name: 'Dry run' }).click();
    const totals = page.getByRole('status', { name: 'Run totals' });
    await expect(totals).toContainText('4 entered');
    await expect(totals).toContainText('4 finished');
    await expect(page.locator('[data-testid="node-n_entry"] .count-reached')).toHaveText('4 reached');
    await expect(page.locator('[data-testid="node-n_end2"] .count-reached')).toHaveText('4 reached');
    await page.screenshot({ path: `test-results/screenshots/engine-dry-run-${theme}.png` });
  });
}
