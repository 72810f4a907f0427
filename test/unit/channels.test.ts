import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared/contract';
import { type ChannelSummary, channelAppIds } from '../../shared/domain/channel';
import type { StudioError } from '../../shared/errors';
import { openTestCore } from './helpers/core';
import { failure } from './helpers/failure';
import { file, p12File, p8Pem, serviceAccountJson } from './helpers/credentials';

const in200Days = new Date(Date.now() + 200 * 86_400_000);

const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

describe('channels', () => {
  it('creates a channel with a .p8 key and a service account, and shows only metadata', async () => {
    const core = openTestCore();
    const channel = (await core.dispatch('channels.create', {
      name: 'Shop app',
      target: 'live',
      ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p8', file: file('AuthKey_AB12CD34EF.p8', p8Pem()), keyId: 'ab12cd34ef', teamId: 'TEAM123456' } },
      android: { packageName: 'com.shop.android', serviceAccount: file('shop.json', serviceAccountJson()) },
    })) as ChannelSummary;
    expect(channelAppIds(channel)).toEqual({ apns: 'com.shop.app', fcm: 'com.shop.android' });
    expect(channel).toMatchObject({
      name: 'Shop app',
      target: 'live',
      ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p8', keyId: 'AB12CD34EF', teamId: 'TEAM123456' } },
      android: { projectId: 'shop-app-prod', clientEmail: expect.stringContaining('@shop-app-prod.iam') },
      warnings: [],
    });
    expect(JSON.stringify(channel)).not.toMatch(/secretId|PRIVATE KEY/);
    expect(await core.dispatch('channels.list', {})).toEqual([channel]);
    await core.close();
  });

  it('refuses a bad file or a bad field and stores nothing, secrets included', async () => {
    const core = openTestCore();
    const noKey = await failure(
      core.dispatch('channels.create', {
        name: 'Broken',
        target: 'live',
        ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p8', file: file('k.p8', 'nope'), keyId: 'AB12CD34EF', teamId: 'TEAM123456' } },
        android: { serviceAccount: file('shop.json', serviceAccountJson()) },
      }),
    );
    expect(noKey.message).toContain('is not a .p8 key');
    const badBundle = await failure(
      core.dispatch('channels.create', { name: 'X', target: 'live', ios: { bundleId: 'shop app', environment: 'production' } }),
    );
    expect(badBundle.message).toContain('Bundle ID looks like com.company.app');
    const nothing = await failure(core.dispatch('channels.create', { name: 'Empty', target: 'live' }));
    expect(nothing.message).toContain('Add an iOS app, an Android app, or both');
    expect(await core.dispatch('channels.list', {})).toEqual([]);
    expect(core.workspace.db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    await core.close();
  });

  it('keeps stored credentials on an edit that brings no new file, and drops replaced ones', async () => {
    const core = openTestCore();
    const created = (await core.dispatch('channels.create', {
      name: 'Shop',
      target: 'live',
      ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p8', file: file('k.p8', p8Pem()), keyId: 'AB12CD34EF', teamId: 'TEAM123456' } },
    })) as ChannelSummary;
    const renamed = (await core.dispatch('channels.update', {
      id: created.id,
      name: 'Shop (iOS)',
      ios: { bundleId: 'com.shop.app', environment: 'sandbox' },
    })) as ChannelSummary;
    expect(renamed).toMatchObject({ name: 'Shop (iOS)', ios: { environment: 'sandbox', auth: { fingerprint: created.ios?.auth.fingerprint } } });

    const replaced = (await core.dispatch('channels.update', {
      id: created.id,
      ios: { bundleId: 'com.shop.app', environment: 'sandbox', auth: { kind: 'p8', file: file('k2.p8', p8Pem()), keyId: 'ZZ12CD34EF', teamId: 'TEAM123456' } },
      android: { serviceAccount: file('sa.json', serviceAccountJson()) },
    })) as ChannelSummary;
    expect(replaced.ios?.auth.fingerprint).not.toBe(created.ios?.auth.fingerprint);
    expect(core.workspace.db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 2 });

    // A package name can be set later without bringing the service account again.
    const withPackage = (await core.dispatch('channels.update', { id: created.id, android: { packageName: 'com.shop.android' } })) as ChannelSummary;
    expect(withPackage.android).toMatchObject({ packageName: 'com.shop.android', fingerprint: replaced.android?.fingerprint });
    expect(channelAppIds({ ios: withPackage.ios }).fcm).toBeUndefined();
    const iosOnly = (await core.dispatch('channels.update', { id: created.id, android: null })) as ChannelSummary;
    expect(iosOnly.android).toBeUndefined();
    expect(core.workspace.db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 1 });
    expect((await failure(core.dispatch('channels.update', { id: created.id, ios: null }))).message).toContain('needs an iOS app');
    await core.close();
  });

  it('takes a .p12 with its passphrase, checks it against the bundle id, and warns before expiry', async () => {
    const core = openTestCore();
    const p12 = p12File({ topic: 'com.shop.app', environment: 'production', notAfter: new Date(Date.now() + 10 * 86_400_000), passphrase: 'pw' });
    const wrongBundle = await failure(
      core.dispatch('channels.create', { name: 'Shop', target: 'live', ios: { bundleId: 'com.other.app', environment: 'production', auth: { kind: 'p12', file: file('push.p12', p12), passphrase: 'pw' } } }),
    );
    expect(wrongBundle.message).toContain('is for com.shop.app');
    const channel = (await core.dispatch('channels.create', {
      name: 'Shop',
      target: 'live',
      ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p12', file: file('push.p12', p12), passphrase: 'pw' } },
    })) as ChannelSummary;
    expect(channel.ios?.auth).toMatchObject({ kind: 'p12', topic: 'com.shop.app', certificateEnvironment: 'production' });
    expect(channel.warnings).toEqual([expect.stringContaining('expires in')]);
    await core.close();
  });

  it('deletes a channel with its secrets, unless another area says it is in use', async () => {
    const core = openTestCore();
    const channel = (await core.dispatch('channels.create', { name: 'Gone', target: 'live', android: { serviceAccount: file('sa.json', serviceAccountJson()) } })) as ChannelSummary;
    await core.dispatch('channels.delete', { id: channel.id });
    expect(await core.dispatch('channels.list', {})).toEqual([]);
    expect(core.workspace.db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    expect((await failure(core.dispatch('channels.get', { id: channel.id }))).code).toBe('not_found');
    await core.close();
  });
});

describe('secrets never leave the core', () => {
  it('appear in no contract response, no event, no workspace file: not as plaintext, base64 or PEM body', async () => {
    const core = openTestCore();
    const seen: unknown[] = [];
    const events: StudioEvent[] = [];
    core.events.on((event) => events.push(event));
    const call = async (channel: string, input: unknown) => {
      const output = await core.dispatch(channel, input).catch((error: StudioError) => error.toJSON());
      seen.push(output);
      return output;
    };

    const p8 = p8Pem();
    const sa = serviceAccountJson();
    const saKey = JSON.parse(sa).private_key as string;
    const passphrase = 'correct-horse-battery-staple';
    const p12 = p12File({ topic: 'com.shop.app', notAfter: in200Days, passphrase });
    const files = { p8: file('AuthKey_AB12CD34EF.p8', p8), sa: file('sa.json', sa), p12: file('push.p12', p12) };

    await call('channels.inspectCredential', { kind: 'auto', file: files.p8 });
    await call('channels.inspectCredential', { kind: 'auto', file: files.sa });
    await call('channels.inspectCredential', { kind: 'p12', file: files.p12, passphrase });
    await call('channels.inspectCredential', { kind: 'p12', file: files.p12, passphrase: 'wrong' });
    const a = (await call('channels.create', {
      name: 'A',
      target: 'live',
      ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p8', file: files.p8, keyId: 'AB12CD34EF', teamId: 'TEAM123456' } },
      android: { serviceAccount: files.sa },
    })) as ChannelSummary;
    const b = (await call('channels.create', {
      name: 'B',
      target: 'live',
      ios: { bundleId: 'com.shop.app', environment: 'production', auth: { kind: 'p12', file: files.p12, passphrase } },
    })) as ChannelSummary;
    await call('channels.update', { id: a.id, name: 'A2' });
    await call('channels.list', {});
    await call('channels.get', { id: b.id });
    // The workspace's files while it is open (the WAL holds recent writes) and after it is closed.
    const whileOpen = readdirSync(core.workspace.dir).map((name): [string, Buffer] => [`${name} (open)`, readFileSync(path.join(core.workspace.dir, name))]);
    await core.close();

    const needles: [string, Buffer][] = [
      ['p8 PEM body', Buffer.from(pemBody(p8))],
      ['p8 as a file (base64)', Buffer.from(files.p8.contentBase64)],
      ['p8 DER', Buffer.from(pemBody(p8), 'base64')],
      ['service account key PEM body', Buffer.from(pemBody(saKey))],
      ['service account key DER', Buffer.from(pemBody(saKey), 'base64')],
      ['service account file (base64)', Buffer.from(files.sa.contentBase64)],
      ['service account private_key line', Buffer.from(saKey.split('\n')[1] ?? '')],
      ['p12 bytes', p12.subarray(0, 256)],
      ['p12 base64', Buffer.from(files.p12.contentBase64.slice(0, 200))],
      ['passphrase', Buffer.from(passphrase)],
    ];
    const haystacks: [string, Buffer][] = [
      ['contract responses', Buffer.from(JSON.stringify(seen))],
      ['events', Buffer.from(JSON.stringify(events))],
      ...whileOpen,
      ...readdirSync(core.workspace.dir).map((name): [string, Buffer] => [name, readFileSync(path.join(core.workspace.dir, name))]),
    ];
    expect(haystacks.map(([name]) => name)).toEqual(expect.arrayContaining(['studio.db', 'studio.db-wal (open)']));
    for (const [where, haystack] of haystacks) {
      for (const [what, needle] of needles) {
        expect(haystack.includes(needle), `${what} found in ${where}`).toBe(false);
      }
    }
  });
});
