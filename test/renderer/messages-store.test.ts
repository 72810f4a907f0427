import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Core } from '../../main/core';
import { connectStudio } from '../../renderer/api/instance';
import { useMessages } from '../../renderer/store/messages';
import { openTestCore } from '../unit/helpers/core';

let core: Core;

beforeEach(() => {
  core = openTestCore();
  // The renderer's store, talking to a real core as the WebSocket transport would.
  connectStudio({
    kind: 'websocket',
    call: (channel, input) => core.dispatch(channel as never, input as never),
    onEvent: () => () => {},
    onConnection: () => () => {},
  });
});
afterEach(() => core.close());

test('each form field merges into the latest content, so a field that answers late (an image upload) keeps what was typed meanwhile', async () => {
  const store = () => useMessages.getState();
  const message = await store().create('Price drop');
  if (!message) throw new Error('the message was not created');

  // The upload began before these two edits and lands after them, carrying only the image.
  store().editContent(message.id, { interruptionLevel: 'time-sensitive' });
  store().editContent(message.id, { badge: 3 });
  store().editContent(message.id, { image: { source: 'asset', url: '', assetName: 'hero.png', placement: 'expanded' } });

  const expected = { title: message.content.title, interruptionLevel: 'time-sensitive', badge: 3, image: { assetName: 'hero.png' } };
  expect(store().items.find((m) => m.id === message.id)?.content).toMatchObject(expected);
  await store().flush();
  const [saved] = ((await core.dispatch('messages.list', {})) as { id: string; content: unknown }[]).filter((m) => m.id === message.id);
  expect(saved?.content).toMatchObject(expected);
});
