import { describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared/contract';
import { copyName } from '../../main/services/journeys/copy-name';
import { openTestCore } from './helpers/core';
import { failure } from './helpers/failure';
import { tempDir } from './helpers/temp-workspace';

function openCore(dir = tempDir()) {
  let tick = Date.parse('2026-11-28T09:00:00Z');
  // Each reading of the clock moves a second on, so "most recently changed first" is decidable.
  const clock = { now: () => new Date((tick += 1000)) };
  return openTestCore({ workspaceDir: dir, clock });
}

describe('journeys through the contract', () => {
  it('creates, lists (newest change first), renames, duplicates, deletes and restores', async () => {
    const core = openCore();
    const call = core.dispatch;
    const welcome = (await call('journeys.create', { name: '  Welcome series ' })) as { id: string; name: string; status: string };
    expect(welcome).toMatchObject({ name: 'Welcome series', status: 'draft' });
    expect(welcome.id).toMatch(/^jny_/);
    const winback = (await call('journeys.create', { name: 'Win-back' })) as { id: string };

    expect(((await call('journeys.list', {})) as { name: string }[]).map((j) => j.name)).toEqual(['Win-back', 'Welcome series']);

    await call('journeys.rename', { id: welcome.id, name: 'Welcome' });
    expect(((await call('journeys.list', {})) as { name: string }[]).map((j) => j.name)).toEqual(['Welcome', 'Win-back']);

    const copy = (await call('journeys.duplicate', { id: welcome.id })) as { id: string; name: string };
    expect(copy.name).toBe('Welcome (copy)');
    const copy2 = (await call('journeys.duplicate', { id: welcome.id })) as { name: string };
    expect(copy2.name).toBe('Welcome (copy 2)');

    await call('journeys.delete', { id: winback.id });
    expect(((await call('journeys.list', {})) as { id: string }[]).some((j) => j.id === winback.id)).toBe(false);
    expect((await failure(call('journeys.get', { id: winback.id }))).code).toBe('not_found');

    const restored = (await call('journeys.restore', { id: winback.id })) as { name: string };
    expect(restored.name).toBe('Win-back');
    expect((await call('journeys.list', {})) as unknown[]).toHaveLength(4);
    await core.close();
  });

  it('keeps journeys when the workspace is closed and opened again', async () => {
    const dir = tempDir();
    const first = openCore(dir);
    await first.dispatch('journeys.create', { name: 'Cart reminder' });
    await first.close();
    const second = openCore(dir);
    expect(((await second.dispatch('journeys.list', {})) as { name: string }[]).map((j) => j.name)).toEqual(['Cart reminder']);
    await second.close();
  });

  it('refuses bad input with a message that names the field, and stores nothing', async () => {
    const core = openCore();
    const empty = await failure(core.dispatch('journeys.create', { name: '   ' }));
    expect(empty.code).toBe('invalid_input');
    expect(empty.message).toBe('Invalid input for journeys.create: name: Name must not be empty');
    const long = await failure(core.dispatch('journeys.create', { name: 'a'.repeat(121) }));
    expect(long.issues).toEqual([{ path: 'name', message: 'Name must be at most 120 characters' }]);
    expect((await failure(core.dispatch('journeys.rename', { id: 'nope', name: 'x' }))).code).toBe('invalid_input');
    expect((await failure(core.dispatch('journeys.create', 'Welcome'))).code).toBe('invalid_input');
    expect((await failure(core.dispatch('journeys.drop', {}))).code).toBe('unknown_channel');
    expect(await core.dispatch('journeys.list', {})).toEqual([]);
    await core.close();
  });

  it('says a journey is gone when renaming one that was deleted', async () => {
    const core = openCore();
    const j = (await core.dispatch('journeys.create', { name: 'Gone' })) as { id: string };
    await core.dispatch('journeys.delete', { id: j.id });
    const error = await failure(core.dispatch('journeys.rename', { id: j.id, name: 'Back' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('no longer exists');
    await core.close();
  });

  it('tells every listener what changed', async () => {
    const core = openCore();
    const seen: StudioEvent[] = [];
    core.events.on((event) => seen.push(event));
    const j = (await core.dispatch('journeys.create', { name: 'A' })) as { id: string };
    await core.dispatch('journeys.delete', { id: j.id });
    expect(seen).toEqual([
      { name: 'journeys.changed', payload: { change: 'created', id: j.id } },
      { name: 'journeys.changed', payload: { change: 'deleted', id: j.id } },
    ]);
    await core.close();
  });

  it('hides internal failures behind a plain message and logs them', async () => {
    const logged: string[] = [];
    const core = openTestCore({ logger: { info: () => {}, error: (message) => void logged.push(message) } });
    core.workspace.db.exec('DROP TABLE journeys');
    const error = await failure(core.dispatch('journeys.list', {}));
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('no such table');
    expect(logged).toEqual(['journeys.list failed']);
    await core.close();
  });
});

describe('copy names', () => {
  it('numbers copies and never exceeds the name limit', () => {
    expect(copyName('Welcome', new Set())).toBe('Welcome (copy)');
    expect(copyName('Welcome', new Set(['Welcome (copy)']))).toBe('Welcome (copy 2)');
    expect(copyName('Welcome (copy)', new Set(['Welcome (copy)']))).toBe('Welcome (copy 2)');
    const long = copyName('n'.repeat(120), new Set());
    expect(long).toHaveLength(120);
    expect(long.endsWith(' (copy)')).toBe(true);
  });
});
