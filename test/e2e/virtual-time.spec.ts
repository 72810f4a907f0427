import { pushJourneyFile } from '../unit/helpers/journey-files';
import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';

test.use({ serveArgs: ['--virtual-time'] });

/**
 * A workspace's virtual clock is kept: served again with --virtual-time it starts where it was
 * left; served on real time it stays ahead (its pushes and waits already happened "tomorrow") and
 * says how to move it. Screenshots: test-results/screenshots/virtual-time-*.png.
 */
test('the clock a workspace was moved to survives a restart, and on real time it stays there', async ({ page, studio }) => {
  const { call } = studioApi(page, studio.url);
  const [channel] = await call('channels.list');
  await call('sandbox.devices.install', { os: 'ios' });
  const audience = await call('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  const journey = await call('journeys.importFile', {
    content: pushJourneyFile({ name: 'Hello', audienceId: audience.id, channelId: channel.id, message: { id: 'msg_hello00001', name: 'Hello', title: 'Hello', body: 'Hi' }, steps: [{ id: 'n_push' }] }),
  });
  const { version } = await call('journeys.open', { id: journey.id });
  await call('journeys.publish', { versionId: version.id });
  await page.goto(`${studio.url}#/journeys/${journey.id}`);
  await page.getByRole('button', { name: 'Skip 1 day' }).click();
  const clock = page.getByRole('status', { name: 'Studio time' });
  await expect(clock).toContainText('1 d ahead');

  const again = await studio.restart();
  await page.goto(`${again.url}#/journeys/${journey.id}`);
  await expect(clock).toContainText('1 d ahead');
  await expect(page.getByRole('button', { name: 'Skip 1 hour' })).toBeEnabled();

  const real = await studio.restart([]);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${real.url}#/journeys/${journey.id}`);
    await expect(clock).toContainText('1 d ahead');
    await expect(page.getByRole('group', { name: 'Virtual time' })).toContainText('Start with --virtual-time to skip further.');
    await expect(page.getByRole('button', { name: 'Skip 1 day' })).toHaveCount(0);
    await page.screenshot({ path: `test-results/screenshots/virtual-time-real-${theme}.png` });
  }
});
