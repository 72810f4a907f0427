import { LATEST_SCHEMA_VERSION } from '../../main/services/workspace/migrations';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared/contract';
import type { Message } from '../../shared/domain/message';
import { type CliIo, runCli } from '../../main/host/cli';
import { openTestCore } from './helpers/core';
import { runImport } from '../../main/services/profiles/import/importer';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { failure } from './helpers/failure';
import { tempDir } from './helpers/temp-workspace';

function openCore(dir = tempDir(), seedSandboxChannel = false) {
  let tick = Date.parse('2026-11-28T09:00:00Z');
  const clock = { now: () => new Date((tick += 1000)) };
  return openTestCore({ workspaceDir: dir, clock, seedSandboxChannel });
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3e4f0a50000000049454e44ae426082', 'hex');

describe('messages through the contract', () => {
  it('creates, autosaves content, lists newest first, duplicates, deletes and restores', async () => {
    const core = openCore();
    const events: StudioEvent[] = [];
    core.events.on((e) => events.push(e));
    const call = core.dispatch;
    const welcome = (await call('messages.create', { name: ' Welcome ' })) as Message;
    expect(welcome).toMatchObject({ name: 'Welcome', channelId: null, content: { title: '', sound: 'default', priority: 'high' } });
    expect(welcome.id).toMatch(/^msg_/);

    const saved = (await call('messages.update', { id: welcome.id, content: { ...welcome.content, title: 'Hi {{profile.person.firstName}}' } })) as Message;
    expect(saved.content.title).toBe('Hi {{profile.person.firstName}}');
    expect(saved.updatedAt > welcome.updatedAt).toBe(true);

    const cart = (await call('messages.create', { name: 'Cart' })) as Message;
    expect(((await call('messages.list', {})) as Message[]).map((m) => m.name)).toEqual(['Cart', 'Welcome']);

    const copy = (await call('messages.duplicate', { id: welcome.id })) as Message;
    expect(copy).toMatchObject({ name: 'Welcome (copy)', content: { title: 'Hi {{profile.person.firstName}}' } });

    await call('messages.delete', { id: cart.id });
    expect(((await call('messages.list', {})) as Message[]).map((m) => m.name)).not.toContain('Cart');
    expect((await failure(call('messages.get', { id: cart.id }))).code).toBe('not_found');
    expect(((await call('messages.restore', { id: cart.id })) as Message).name).toBe('Cart');
    expect(events.filter((e) => e.name === 'messages.changed').map((e) => (e.payload as { change: string }).change)).toEqual(['created', 'updated', 'created', 'duplicated', 'deleted', 'restored']);
    await core.close();
  });

  it('keeps messages across a reopen of the workspace', async () => {
    const dir = tempDir();
    let core = openCore(dir);
    await core.dispatch('messages.create', { name: 'Kept', content: { title: 'Still here' } });
    expect(core.workspace.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    await core.close();
    core = openCore(dir);
    expect(((await core.dispatch('messages.list', {})) as Message[])[0]?.content.title).toBe('Still here');
    await core.close();
  });

  it('refuses bad content with the field and the reason', async () => {
    const core = openCore();
    const m = (await core.dispatch('messages.create', { name: 'X' })) as Message;
    const error = await failure(core.dispatch('messages.update', { id: m.id, content: { ...m.content, relevanceScore: 2 } }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Invalid input for messages.update: content.relevanceScore: Relevance score is from 0 to 1');
    expect((await failure(core.dispatch('messages.create', { name: 'Y', content: { accentColor: 'orange' } }))).message).toContain('Accent colour is #RRGGBB');
    await core.close();
  });

  it('imports what it exports (same shape), with a fresh id and name when taken', async () => {
    const core = openCore();
    const m = (await core.dispatch('messages.create', { name: 'Promo', content: { title: 'Sale', data: [{ key: 'k', value: 'v' }] } })) as Message;
    const exported = JSON.parse(JSON.stringify(await core.dispatch('messages.get', { id: m.id }))) as Message;
    const imported = (await core.dispatch('messages.import', { message: exported })) as Message;
    expect(imported.id).not.toBe(m.id);
    expect(imported.name).toBe('Promo (copy)');
    expect(imported.content).toEqual(m.content);

    const other = openCore();
    const same = (await other.dispatch('messages.import', { message: exported })) as Message;
    expect(same.id).toBe(m.id);
    expect(same.name).toBe('Promo');
    await core.close();
    await other.close();
  });

  it('stores images in the workspace assets folder, checking what they are', async () => {
    const core = openCore();
    const asset = await core.dispatch('assets.add', { name: 'hero.png', contentBase64: PNG.toString('base64') });
    expect(asset).toEqual({ name: 'hero.png', bytes: PNG.length, mediaType: 'image/png' });
    expect(readFileSync(path.join(core.workspace.dir, 'assets', 'hero.png'))).toEqual(PNG);
    expect(await core.dispatch('assets.list', {})).toEqual([asset]);
    expect(((await core.dispatch('assets.get', { name: 'hero.png' })) as { contentBase64: string }).contentBase64).toBe(PNG.toString('base64'));
    expect((await failure(core.dispatch('assets.add', { name: 'fake.png', contentBase64: Buffer.from('hello').toString('base64') }))).message).toContain('not a PNG, JPEG, GIF or WebP');
    expect((await failure(core.dispatch('assets.add', { name: '../escape.png', contentBase64: PNG.toString('base64') }))).code).toBe('invalid_input');
    expect((await failure(core.dispatch('assets.get', { name: 'gone.png' }))).code).toBe('not_found');
    await core.close();
  });
});

/** Two profiles (Ada: an iPhone and an Android phone of the sandbox app, a dead token, events; Grace: another app's device). */
async function seedProfiles(core: ReturnType<typeof openCore>, dir: string) {
  const store = createProfileStore(core.workspace.db, () => 'ecid-new');
  const people = path.join(dir, 'people.csv');
  writeFileSync(
    people,
    [
      'identity.email,firstName,loyalty.tier,push.1.appId,push.1.platform,push.1.token,push.1.ecid,push.2.appId,push.2.platform,push.2.token,push.2.ecid,push.3.appId,push.3.platform,push.3.token,push.3.ecid,push.3.status',
      'ada@example.com,Ada,gold,com.journeystudio.sandbox,apnsSandbox,ABCDEF01,E1,com.journeystudio.sandbox,fcm,fcm-ada,E2,com.journeystudio.sandbox,fcm,fcm-dead,E3,invalid',
      'grace@example.com,Grace,silver,com.other.app,fcm,fcm-grace,E4,,,,,,,,,',
    ].join('\n'),
  );
  const report = await runImport(store, { jobId: 'imp_test1234', file: people, fileName: 'people.csv', kind: 'profiles' });
  expect(report).toMatchObject({ state: 'done', imported: 2, rejected: 0 });
  const events = path.join(dir, 'events.json');
  writeFileSync(
    events,
    JSON.stringify([
      { identity: { email: 'ada@example.com' }, type: 'application.launch', timestamp: '2026-11-01T09:00:00Z' },
      { identity: { email: 'ada@example.com' }, type: 'cart.abandoned', timestamp: '2026-11-02T09:00:00Z', attributes: { product: 'Trail runners' } },
    ]),
  );
  const ada = store.page({ search: 'ada@example.com' }, { offset: 0, limit: 1, withTotal: false }).items[0]!.id;
  const grace = store.page({ search: 'grace@example.com' }, { offset: 0, limit: 1, withTotal: false }).items[0]!.id;
  const eventReport = await runImport(store, { jobId: 'imp_test5678', file: events, fileName: 'events.json', kind: 'events' });
  expect(eventReport).toMatchObject({ state: 'done', imported: 2, rejected: 0 });
  return { ada, grace };
}

describe('personalisation fields', () => {
  it('lists the attribute paths of the workspace\'s profiles and events', async () => {
    const dir = tempDir();
    const core = openCore(path.join(dir, 'ws'));
    expect(await core.dispatch('messages.fields', {})).toEqual({ profile: [], event: ['event.timestamp', 'event.type'] });
    await seedProfiles(core, dir);
    expect(await core.dispatch('messages.fields', {})).toEqual({
      profile: ['profile.firstName', 'profile.loyalty.tier'],
      event: ['event.timestamp', 'event.type', 'event.product'],
    });
    await core.close();
  });
});

describe('journey-studio message', () => {
  function cli() {
    const out: string[] = [];
    const err: string[] = [];
    const env = { JOURNEY_STUDIO_SECRET_KEY: randomBytes(32).toString('base64') };
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => Promise.resolve(), rendererDir: tempDir(), env };
    return { run: (...args: string[]) => runCli(args, io), out, err };
  }

  it('renders the APNs request and FCM message for sample data, with lints', async () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    const core = openCore(workspace, true);
    const [sandbox] = (await core.dispatch('channels.list', {})) as { id: string }[];
    await core.close();
    const file = path.join(dir, 'welcome.json');
    writeFileSync(file, JSON.stringify({ name: 'Welcome', channelId: sandbox!.id, content: { title: 'Hi {{default profile.person.firstName "there"}}', body: 'Points: {{profile.points}}', data: [{ key: 'n', value: 1 }] } }));
    const sample = path.join(dir, 'ada.json');
    writeFileSync(sample, JSON.stringify({ person: { firstName: 'Ada' } }));
    const c = cli();
    expect(await c.run('message', 'render', file, '--sample', sample, '--workspace', workspace)).toBe(0);
    const printed = JSON.parse(c.out.join('\n'));
    expect(printed.apns.headers).toEqual({ 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-topic': 'com.journeystudio.sandbox' });
    expect(printed.apns.payload).toEqual({ aps: { alert: { title: 'Hi Ada', body: 'Points: ' }, sound: 'default' }, n: 1 });
    expect(printed.fcm.message.notification).toEqual({ title: 'Hi Ada', body: 'Points: ' });
    expect(printed.bytes.apns).toBeGreaterThan(0);
    expect(printed.lints.map((l: { code: string }) => l.code)).toEqual(['fcm-data-not-string', 'missing-value']);

    const noSample = cli();
    expect(await noSample.run('message', 'render', file, '--workspace', workspace)).toBe(0);
    expect(JSON.parse(noSample.out.join('\n')).apns.payload.aps.alert.title).toBe('Hi there');
  });

  it('renders for a profile of the workspace: one request per valid device of the app, its newest event as the entry event', async () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    const core = openCore(workspace, true);
    const [sandbox] = (await core.dispatch('channels.list', {})) as { id: string }[];
    const store = await seedProfiles(core, dir);
    await core.close();
    const file = path.join(dir, 'cart.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'Cart', channelId: sandbox!.id, content: { title: 'Hi {{default profile.firstName "there"}}', body: 'Your {{event.product}} ({{event.type}}) is waiting', badge: 1 } }),
    );
    const c = cli();
    expect(await c.run('message', 'render', file, '--profile', String(store.ada), '--workspace', workspace)).toBe(0);
    const printed = JSON.parse(c.out.join('\n'));
    expect(printed.profile).toMatchObject({ id: store.ada, event: { type: 'cart.abandoned' } });
    expect(printed.apns).toBeUndefined();
    expect(printed.devices).toHaveLength(2);
    const ios = printed.devices.find((d: { device: { platform: string } }) => d.device.platform !== 'fcm');
    const android = printed.devices.find((d: { device: { platform: string } }) => d.device.platform === 'fcm');
    expect(ios.device).toMatchObject({ platform: 'apnsSandbox', token: 'abcdef01', appId: 'com.journeystudio.sandbox' });
    expect(ios.apns).toEqual({
      host: 'api.sandbox.push.apple.com',
      path: '/3/device/abcdef01',
      headers: { 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-topic': 'com.journeystudio.sandbox' },
      payload: { aps: { alert: { title: 'Hi Ada', body: 'Your Trail runners (cart.abandoned) is waiting' }, badge: 1, sound: 'default' } },
    });
    expect(android.device).toMatchObject({ platform: 'fcm', token: 'fcm-ada' });
    expect(android.fcm.message.token).toBe('fcm-ada');
    expect(android.fcm.message.notification).toEqual({ title: 'Hi Ada', body: 'Your Trail runners (cart.abandoned) is waiting' });
    expect(printed.lints).toEqual([]);

    // Devices of another app only, and no events: token placeholders, a note, and the defaults.
    const other = cli();
    expect(await other.run('message', 'render', file, '--profile', `#${store.grace}`, '--workspace', workspace)).toBe(0);
    const placeholder = JSON.parse(other.out.join('\n'));
    expect(placeholder.devices).toEqual([]);
    expect(placeholder.note).toContain('no valid device of com.journeystudio.sandbox');
    expect(placeholder.profile.event).toBeNull();
    expect(placeholder.apns.payload.aps.alert).toEqual({ title: 'Hi Grace', body: 'Your  () is waiting' });
    expect(placeholder.fcm.message.token).toBe('<FCM registration token>');
    expect(placeholder.lints.map((l: { code: string }) => l.code)).toContain('missing-value');
  });

  it('says what is wrong with its arguments and files', async () => {
    const dir = tempDir();
    const c = cli();
    expect(await c.run('message', 'render', '--workspace', path.join(dir, 'ws'))).toBe(2);
    expect(c.err.at(-1)).toContain('message render takes one message file.');
    expect(await c.run('message', 'render', path.join(dir, 'nope.json'), '--workspace', path.join(dir, 'ws'))).toBe(1);
    expect(c.err.at(-1)).toContain('no such file');
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ name: 'x', content: { badge: -1 } }));
    expect(await c.run('message', 'render', path.join(dir, 'bad.json'), '--workspace', path.join(dir, 'ws'))).toBe(1);
    expect(c.err.at(-1)).toContain('content.badge');
    writeFileSync(path.join(dir, 'ok.json'), JSON.stringify({ name: 'x', content: { title: 'Hi' } }));
    expect(await c.run('message', 'render', path.join(dir, 'ok.json'), '--profile', 'p1', '--workspace', path.join(dir, 'ws'))).toBe(2);
    expect(c.err.at(-1)).toContain('--profile takes a profile number');
    expect(await c.run('message', 'render', path.join(dir, 'ok.json'), '--profile', '99', '--workspace', path.join(dir, 'ws'))).toBe(1);
    expect(c.err.at(-1)).toContain('There is no profile #99');
    expect(await c.run('message', 'render', path.join(dir, 'ok.json'), '--profile', '1', '--sample', 'x.json', '--workspace', path.join(dir, 'ws'))).toBe(2);
  });

  it('exports and imports message files', async () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    const core = openCore(workspace);
    const m = (await core.dispatch('messages.create', { name: 'Promo', content: { title: 'Sale' } })) as Message;
    await core.close();
    const c = cli();
    const file = path.join(dir, 'promo.json');
    expect(await c.run('message', 'export', m.id, '--out', file, '--workspace', workspace)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ id: m.id, name: 'Promo', content: { title: 'Sale' } });
    expect(await c.run('message', 'import', file, '--workspace', path.join(dir, 'other'))).toBe(0);
    expect(c.out.at(-1)).toBe(`Imported ${m.id}  Promo`);
    expect(await c.run('message', 'list', '--workspace', path.join(dir, 'other'))).toBe(0);
    expect(c.out.at(-1)).toBe(`${m.id}  Promo  “Sale”`);
  });
});
