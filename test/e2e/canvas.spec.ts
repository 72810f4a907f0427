import type { Page } from '@playwright/test';
import { pushJourneyFile } from '../unit/helpers/journey-files';
import { studioApi } from './helpers/studio-api';
import { expect, test } from './studio-host';

/** Calls the contract like the CLI would, with the token from the URL the host printed. */
const api = (page: Page, url: string, channel: string, input: unknown) => studioApi(page, url).call(channel, input);

const nodeOf = (page: Page, kind: string) => page.locator('.react-flow__node').filter({ has: page.locator(`[aria-label^="${kind}:"]`) });

async function link(page: Page, from: string, output: string, to: string) {
  const source = page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${output}"]`);
  const target = page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`);
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

test('build a journey on the canvas: drag, connect, a refused link, undo, publish, reload', async ({ page, studio }) => {
  await api(page, studio.url, 'audiences.save', { name: 'New sign-ups', rule: { kind: 'and', rules: [] } });
  await page.goto(studio.url);
  await page.getByRole('button', { name: 'Create your first journey' }).click();
  await page.getByLabel('Journey name').fill('Welcome series');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Welcome series', exact: true }).click();
  await expect(page.getByText('Start with an entry.')).toBeVisible();

  const surface = page.locator('.react-flow__pane');
  await page.getByRole('button', { name: 'Read audience' }).dragTo(surface, { targetPosition: { x: 200, y: 60 } });
  await expect(nodeOf(page, 'Read audience')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'New sign-ups' });
  await page.getByRole('button', { name: 'Wait', exact: true }).dragTo(surface, { targetPosition: { x: 200, y: 230 } });
  await page.getByRole('button', { name: 'End', exact: true }).dragTo(surface, { targetPosition: { x: 200, y: 400 } });
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  // The first step stayed where it was dropped: the view did not move to frame it.
  const [dropped, pane] = [(await nodeOf(page, 'Read audience').boundingBox())!, (await surface.boundingBox())!];
  expect(Math.abs(dropped.x + dropped.width / 2 - (pane.x + 200))).toBeLessThan(3);
  expect(Math.abs(dropped.y + dropped.height / 2 - (pane.y + 60))).toBeLessThan(3);

  const id = async (kind: string) => (await nodeOf(page, kind).getAttribute('data-id'))!;
  const [entry, wait, end] = [await id('Read audience'), await id('Wait'), await id('End')];
  await link(page, entry, 'next', wait);
  await link(page, wait, 'next', end);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByText('Ready to publish: no problems found.')).toBeVisible();

  // A second wait, linked to itself: refused as the link is drawn, with the reason.
  await page.getByRole('button', { name: 'Wait', exact: true }).dragTo(surface, { targetPosition: { x: 460, y: 230 } });
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const extra = (await page.locator('.react-flow__node').nth(3).getAttribute('data-id'))!;
  await link(page, extra, 'next', extra);
  await expect(page.getByRole('alert').filter({ hasText: 'A step cannot lead to itself.' })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('leads nowhere');

  // Undo takes the extra step away again.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.getByText('All changes saved')).toBeVisible();

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('.journey-meta .status')).toHaveText('Live');
  await expect(page.getByRole('button', { name: 'Read audience' })).toBeDisabled();

  await page.reload();
  await expect(page.locator('.journey-meta .status')).toHaveText('Live');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'New draft from this version' })).toBeVisible();
  // Building and publishing ticked those steps of the quick start.
  const quickStart = page.getByRole('region', { name: 'Quick start' });
  await expect(quickStart).toContainText('Quick start · 2/7');
  await expect(quickStart.getByRole('listitem').filter({ hasText: 'Publish it' }).getByLabel('Done')).toBeVisible();
});

test('a journey file without positions opens laid out, top to bottom, not piled up', async ({ page, studio }) => {
  const audience = await api(page, studio.url, 'audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  const [channel] = await api(page, studio.url, 'channels.list', {});
  const journey = await api(page, studio.url, 'journeys.importFile', {
    content: pushJourneyFile({ name: 'Scripted', audienceId: audience.id, channelId: channel.id, message: { id: 'msg_scripted01', name: 'Hello', title: 'Hello', body: 'Hi' }, steps: [{ id: 'n_one' }, { id: 'n_two' }] }),
  });
  await page.goto(`${studio.url}#/journeys/${journey.id}`);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes).toHaveCount(4);
  const boxes = await Promise.all([0, 1, 2, 3].map(async (i) => (await nodes.nth(i).boundingBox())!));
  const tops = boxes.map((b) => b.y).sort((a, b) => a - b);
  // One below the other, none on top of another.
  for (let i = 1; i < tops.length; i += 1) expect(tops[i]! - tops[i - 1]!).toBeGreaterThanOrEqual(boxes[0]!.height * 0.9);
});
