import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared/contract';
import type { ImportReport } from '../../shared/domain/profile';
import type { WorkspaceSwitch } from '../../shared/domain/workspace';
import type { StudioError } from '../../shared/errors';
import type { Core } from '../../main/core';
import { silentLogger } from '../../main/services/log';
import { LATEST_SCHEMA_VERSION } from '../../main/services/workspace/migrations';
import { openRecentWorkspaces } from '../../main/services/workspace/recent-workspaces';
import { type WorkspaceSession, createWorkspaceSession } from '../../main/session/workspace-session';
import { openTestCore } from './helpers/core';
import { outboxItems, registerDevices } from './helpers/delivery';
import { tempDir } from './helpers/temp-workspace';

const sessions: WorkspaceSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

/** A session as the hosts make one: each workspace opened like a new one in the product (with its Sandbox app channel). */
function studioSession(options: { openCore?: (dir: string) => Core } = {}) {
  const root = tempDir();
  const open = options.openCore ?? ((dir: string) => openTestCore({ workspaceDir: dir, seedSandboxChannel: true }));
  const first = path.join(root, 'first');
  const recent = openRecentWorkspaces(path.join(root, 'config'));
  const session = createWorkspaceSession({ initial: open(first), openCore: open, recent, newWorkspaceParent: path.join(root, 'workspaces'), logger: silentLogger });
  sessions.push(session);
  const switches: WorkspaceSwitch[] = [];
  session.events.on((event) => {
    if (event.name === 'workspaces.switch') switches.push(event.payload);
  });
  const call = <T>(channel: string, input: unknown = {}) => session.dispatch(channel, input) as Promise<T>;
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined as unknown as StudioError, (error: StudioError) => error);
  return { root, first, recent, session, switches, call, failure };
}

describe('workspace session: new, open, recent', () => {
  it('creates an empty workspace with the Sandbox app channel, named as asked, in the theme the user had, and switches to it', async () => {
    const { root, first, call, switches } = studioSession();
    await call('journeys.create', { name: 'Only in the first' });
    await call('settings.update', { theme: 'dark' });
    const folder = path.join(root, 'workspaces', 'spring-campaign');
    expect(await call('workspaces.create', { name: 'Spring campaign', path: folder })).toEqual({ name: 'Spring campaign', path: folder });
    expect(switches.map((s) => s.state)).toEqual(['closing', 'opening', 'done']);
    expect(switches[0]).toMatchObject({ name: 'Spring campaign', path: folder, waitingFor: 0 });

    expect(await call('app.info')).toMatchObject({ name: 'Spring campaign', path: folder });
    expect(await call('journeys.list')).toEqual([]);
    expect(await call('messages.list')).toEqual([]);
    expect(await call('profiles.stats')).toMatchObject({ profiles: 0 });
    expect((await call<{ name: string }[]>('channels.list')).map((c) => c.name)).toEqual(['Sandbox app']);
    expect(await call('settings.get')).toEqual({ theme: 'dark' });

    const list = await call<{ current: object; recent: { name: string; path: string; missing: boolean }[] }>('workspaces.list');
    expect(list.current).toEqual({ name: 'Spring campaign', path: folder });
    expect(list.recent).toEqual([{ name: 'first', path: first, openedAt: expect.any(String), missing: false }]);

    // Back to the first one: its data is there.
    await call('workspaces.open', { path: first });
    expect((await call<{ name: string }[]>('journeys.list')).map((j) => j.name)).toEqual(['Only in the first']);
  });

  it('refuses to make a workspace where one is, or in a folder of other files', async () => {
    const { root, first, call, failure } = studioSession();
    expect(await failure(call('workspaces.create', { name: 'Again', path: first }))).toMatchObject({ code: 'conflict', message: expect.stringContaining('already holds a workspace') });
    const documents = path.join(root, 'documents');
    mkdirSync(documents);
    writeFileSync(path.join(documents, 'a.txt'), 'x');
    expect(await failure(call('workspaces.create', { name: 'Docs', path: documents }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('holds other files') });
    expect(await failure(call('workspaces.create', { name: '   ', path: path.join(root, 'x') }))).toMatchObject({ code: 'invalid_input' });
    expect(await failure(call('workspaces.create', { name: 'Relative', path: 'ws' }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('full path') });
    expect(await call('app.info')).toMatchObject({ path: first });
  });

  it('opens a folder only when it is a workspace, or, when asked, an empty folder; says why otherwise and stays where it was', async () => {
    const { root, first, call, failure, switches } = studioSession();
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    expect(await failure(call('workspaces.open', { path: empty }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('empty') });
    expect(await failure(call('workspaces.open', { path: path.join(root, 'missing') }))).toMatchObject({ message: expect.stringContaining('There is no folder') });
    const future = path.join(root, 'future');
    mkdirSync(future);
    const db = new Database(path.join(future, 'studio.db'));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    expect(await failure(call('workspaces.open', { path: future }))).toMatchObject({ code: 'workspace_too_new' });
    // Nothing was closed for any of these.
    expect(switches).toEqual([]);
    expect(await call('app.info')).toMatchObject({ path: first });

    expect(await call('workspaces.inspect', { path: empty })).toMatchObject({ state: 'empty' });
    expect(await call('workspaces.open', { path: empty, create: true })).toEqual({ name: 'empty', path: empty });
    expect((await call<{ name: string }[]>('channels.list')).map((c) => c.name)).toEqual(['Sandbox app']);
    // Opening the open workspace again changes nothing.
    await call('workspaces.open', { path: empty });
    expect(switches.filter((s) => s.state === 'done')).toHaveLength(1);
  });

  it('shows a recent workspace whose folder is gone as missing, and removes it from the list on request', async () => {
    const { root, call, recent, failure } = studioSession();
    recent.remember({ name: 'Old project', path: path.join(root, 'gone') });
    const list = await call<{ recent: { name: string; missing: boolean }[] }>('workspaces.list');
    expect(list.recent).toContainEqual(expect.objectContaining({ name: 'Old project', missing: true }));
    expect(await failure(call('workspaces.open', { path: path.join(root, 'gone') }))).toMatchObject({ code: 'invalid_input' });
    const after = await call<{ recent: { name: string }[] }>('workspaces.forget', { path: path.join(root, 'gone') });
    expect(after.recent.map((r) => r.name)).not.toContain('Old project');
    expect(await failure(call('workspaces.forget', { path: path.join(root, 'first') }))).toMatchObject({ code: 'conflict' });
  });

  it('goes back to the workspace it was in when the new one fails to open', async () => {
    let refuse = '';
    const { root, first, call, failure, switches } = studioSession({
      openCore: (dir) => {
        if (dir === refuse) throw new Error('disk on fire');
        return openTestCore({ workspaceDir: dir, seedSandboxChannel: true });
      },
    });
    await call('journeys.create', { name: 'Still here' });
    refuse = path.join(root, 'doomed');
    expect(await failure(call('workspaces.create', { name: 'Doomed', path: refuse }))).toMatchObject({ code: 'internal', message: expect.stringContaining('disk on fire') });
    expect(switches.map((s) => s.state)).toEqual(['closing', 'opening', 'failed']);
    expect(await call('app.info')).toMatchObject({ path: first });
    expect((await call<{ name: string }[]>('journeys.list')).map((j) => j.name)).toEqual(['Still here']);
  });
});

describe('workspace session: switching while the workspace is busy', () => {
  it('lets a call in flight finish in the old workspace, and answers calls made during the switch from the new one', async () => {
    const { root, session, call } = studioSession();
    const { core } = session;
    const sandbox = await core.sandbox.start();
    const [channel] = await call<{ id: string }[]>('channels.list');
    core.delivery.outbox.enqueue(outboxItems(400, registerDevices(sandbox, 5), 'run_busy').map((item) => ({ ...item, channelId: channel!.id })));
    const draining = call<{ delivered: number }>('delivery.drain');
    const switching = call('workspaces.create', { name: 'Next', path: path.join(root, 'next') });
    const during = call<{ path: string }>('app.info');
    // The drain was answered (not cut off by a closed database), and everything it claimed was sent.
    expect((await draining).delivered).toBe(400);
    await switching;
    expect((await during).path).toBe(path.join(root, 'next'));
  });

  it('stops an import at a batch boundary and the dispatcher with every answer written: nothing is left half-done', async () => {
    const { root, first, session, call } = studioSession();
    const { core } = session;
    const sandbox = await core.sandbox.start();
    const [channel] = await call<{ id: string }[]>('channels.list');
    core.delivery.outbox.enqueue(outboxItems(3000, registerDevices(sandbox, 10), 'run_blast').map((item) => ({ ...item, channelId: channel!.id })));
    core.delivery.dispatcher.start();

    const csv = path.join(root, 'people.csv');
    writeFileSync(csv, `identity.email,firstName\n${Array.from({ length: 60_000 }, (_, i) => `p${i}@example.com,P${i}`).join('\n')}\n`);
    let rowsRead = 0;
    const finished = new Promise<ImportReport>((resolve) => {
      session.events.on((event: StudioEvent) => {
        if (event.name !== 'profiles.import.progress') return;
        rowsRead = event.payload.rows;
        if (event.payload.state !== 'running') resolve(event.payload);
      });
    });
    // The simulated phones registered above have profiles of their own.
    const before = (await call<{ profiles: number }>('profiles.stats')).profiles;
    const { uploadId } = core.staged.stagePath(csv);
    await call('profiles.import.start', { uploadId });
    // Under way on both fronts before the switch.
    const moved = core.workspace.db.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'pending'");
    await expect.poll(() => (moved.get() as { n: number }).n, { interval: 20, timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => rowsRead, { interval: 5, timeout: 20_000 }).toBeGreaterThan(0);

    await call('workspaces.create', { name: 'Elsewhere', path: path.join(root, 'elsewhere') });
    const report = await finished;
    expect(['cancelled', 'done'], report.error ?? undefined).toContain(report.state);
    expect(report.rows).toBeGreaterThan(0);

    const old = new Database(path.join(first, 'studio.db'), { readonly: true });
    const statuses = Object.fromEntries(
      (old.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    );
    const profiles = (old.prepare('SELECT count(*) AS n FROM profiles').get() as { n: number }).n;
    old.close();
    // No push left claimed without its answer; the rest waits in the outbox for the next opening.
    expect(statuses.sending).toBeUndefined();
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(3000);
    expect(profiles - before).toBe(report.imported);
  }, 60_000);

  it('refuses a second switch while one is running', async () => {
    const { root, call, failure } = studioSession();
    const one = call('workspaces.create', { name: 'One', path: path.join(root, 'one') });
    const two = failure(call('workspaces.create', { name: 'Two', path: path.join(root, 'two') }));
    await one;
    expect(await two).toMatchObject({ code: 'conflict', message: expect.stringContaining('already switching') });
  });
});
