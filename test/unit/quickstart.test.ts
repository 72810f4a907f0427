import { describe, expect, it } from 'vitest';
import type { QuickStart } from '../../shared/contracts/quickstart';
import { openTestCore } from './helpers/core';
import { file, serviceAccountJson } from './helpers/credentials';

const done = (state: QuickStart) => state.steps.filter((s) => s.done).map((s) => s.id);

describe('quick start', () => {
  it('ticks each step when the marketer does it, and can be hidden', async () => {
    const core = openTestCore();
    const get = () => core.dispatch('quickstart.get', {}) as Promise<QuickStart>;
    expect(done(await get())).toEqual([]);
    const changes: unknown[] = [];
    core.events.on((e) => e.name === 'quickstart.changed' && changes.push(e.payload));

    await core.dispatch('channels.create', { name: 'Shop', target: 'live', android: { serviceAccount: file('sa.json', serviceAccountJson()) } });
    await core.dispatch('messages.create', { name: 'Hello' });
    const journey = (await core.dispatch('journeys.create', { name: 'J' })) as { id: string };
    const opened = (await core.dispatch('journeys.open', { id: journey.id })) as { version: { id: string } };
    // An empty canvas saved is not yet a journey built.
    await core.dispatch('journeys.saveDraft', { versionId: opened.version.id, graph: { nodes: [] }, layout: {} });
    expect(done(await get())).toEqual(['credentials', 'message']);
    await core.dispatch('journeys.saveDraft', {
      versionId: opened.version.id,
      graph: { nodes: [{ id: 'n_end', type: 'end', config: {}, next: {} }] },
      layout: {},
    });
    expect(done(await get())).toEqual(['credentials', 'message', 'journey']);
    expect(changes).toHaveLength(3);

    expect((await core.dispatch('quickstart.dismiss', { dismissed: true }) as QuickStart).dismissed).toBe(true);
    expect((await get()).dismissed).toBe(true);
    await core.close();
  });
});
