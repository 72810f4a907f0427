import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { openDatabase } from '../../main/services/workspace/database';
import { tempDir } from './helpers/temp-workspace';

function setup() {
  const db = openDatabase(path.join(tempDir(), 'studio.db'));
  let n = 0;
  return createProfileStore(db, () => `ecid-${++n}`);
}

describe('live registration sync (what the mobile SDK does)', () => {
  it('a fresh install gets a new ECID on a new profile; a login hint attaches the device to the known profile', () => {
    const store = setup();
    const first = store.syncDeviceRegistration({ appId: 'com.acme', platform: 'fcm', token: 'tok-a' });
    expect(first).toMatchObject({ profileId: 1, ecid: 'ecid-1', created: true });
    const known = store.syncDeviceRegistration({ appId: 'com.acme', platform: 'apns', token: 'ab01', profileHint: { namespace: 'email', value: 'ada@x.com' } });
    expect(known.created).toBe(true);
    const second = store.syncDeviceRegistration({ appId: 'com.acme', platform: 'apns', token: 'ab02', profileHint: { namespace: 'email', value: 'ada@x.com' } });
    expect(second).toMatchObject({ profileId: known.profileId, created: false });
    // The same device starting again (same ECID, same token) changes nothing.
    const again = store.syncDeviceRegistration({ appId: 'com.acme', platform: 'fcm', token: 'tok-a', ecid: 'ecid-1' });
    expect(again).toMatchObject({ profileId: 1, registrationId: first.registrationId, created: false });
  });

  it('a profile with several ECIDs reaches every valid device for the app (Android reinstall keeps the old token until it answers UNREGISTERED)', () => {
    const store = setup();
    const hint = { namespace: 'email', value: 'ada@x.com' };
    const phone = store.syncDeviceRegistration({ appId: 'com.acme', platform: 'fcm', token: 'old', profileHint: hint });
    const reinstall = store.syncDeviceRegistration({ appId: 'com.acme', platform: 'fcm', token: 'new', profileHint: hint });
    store.syncDeviceRegistration({ appId: 'com.acme', platform: 'apns', token: 'cafe', profileHint: hint });
    store.syncDeviceRegistration({ appId: 'com.other', platform: 'fcm', token: 'x', profileHint: hint });
    expect(reinstall.ecid).not.toBe(phone.ecid);
    const profileId = phone.profileId;
    expect(store.reachableDevices(profileId, 'com.acme').map((d) => d.token)).toEqual(['old', 'new', 'cafe']);
    expect(store.reachableDevices(profileId, 'com.acme', 'fcm').map((d) => d.token)).toEqual(['old', 'new']);
    // Delivery feedback: the old Android token answers UNREGISTERED.
    expect(store.setRegistrationStatus('com.acme', 'old', 'invalid', 'UNREGISTERED (FCM 404)')).toBe(true);
    expect(store.reachableDevices(profileId, 'com.acme').map((d) => d.token)).toEqual(['new', 'cafe']);
    const detail = store.get(profileId);
    const old = detail.registrations.find((r) => r.token === 'old')!;
    expect(old).toMatchObject({ status: 'invalid', statusReason: 'UNREGISTERED (FCM 404)' });
    expect(old.history).toEqual([expect.objectContaining({ status: 'invalid', reason: 'UNREGISTERED (FCM 404)' })]);
    expect(detail.identities.filter((i) => i.namespace === 'ECID')).toHaveLength(4);
  });

  it('a token that shows up on another profile moves there, with the move in its history', () => {
    const store = setup();
    const a = store.syncDeviceRegistration({ appId: 'app', platform: 'fcm', token: 't', profileHint: { namespace: 'email', value: 'a@x.com' } });
    const b = store.syncDeviceRegistration({ appId: 'app', platform: 'fcm', token: 't', profileHint: { namespace: 'email', value: 'b@x.com' } });
    expect(b.profileId).not.toBe(a.profileId);
    expect(store.reachableDevices(a.profileId, 'app')).toEqual([]);
    expect(store.get(b.profileId).registrations[0]!.history[0]!.reason).toBe(`moved from profile #${a.profileId}`);
  });
});

describe('browsing', () => {
  it('pages by keyset and offset, filters by identity, attribute, reachability and test flag', () => {
    const store = setup();
    for (let i = 1; i <= 30; i += 1) {
      store.upsertProfile(
        {
          identities: [{ namespace: 'email', value: `u${i}@x.com` }],
          attributes: { tier: i % 2 ? 'gold' : 'silver', vip: i === 3 },
          registrations: i % 3 === 0 ? [{ appId: 'app', platform: 'fcm', token: `t${i}`, ecid: null, registeredAt: null, status: 'valid', reason: null }] : [],
          isTest: i === 7,
        },
        null,
        new Date().toISOString(),
      );
    }
    const first = store.page({}, { offset: 0, limit: 10, withTotal: true });
    expect(first.total).toBe(30);
    const next = store.page({}, { offset: 0, limit: 10, afterId: first.items.at(-1)!.id, withTotal: false });
    expect(next.items[0]!.id).toBe(11);
    expect(store.page({ search: 'u1' }, { offset: 0, limit: 50, withTotal: true }).total).toBe(11);
    expect(store.page({ search: '7' }, { offset: 0, limit: 50, withTotal: true }).items.map((r) => r.id)).toEqual([7]);
    expect(store.page({ attribute: { path: 'tier', value: 'gold' } }, { offset: 0, limit: 50, withTotal: true }).total).toBe(15);
    expect(store.page({ attribute: { path: 'vip', value: 'true' } }, { offset: 0, limit: 50, withTotal: true }).total).toBe(1);
    expect(store.page({ reachable: { appId: 'app', platform: 'fcm' } }, { offset: 0, limit: 50, withTotal: true }).total).toBe(10);
    expect(store.page({ reachable: { appId: 'app', platform: 'apns' } }, { offset: 0, limit: 50, withTotal: true }).total).toBe(0);
    expect(store.page({ testOnly: true }, { offset: 0, limit: 50, withTotal: true }).items.map((r) => r.id)).toEqual([7]);
    expect(store.setTest([7, 8], true)).toEqual([8]);
    expect(store.stats()).toMatchObject({ profiles: 30, registrations: 10, testProfiles: 2, namespaces: ['email'] });
  });

  it('filters by any rule of the audience engine (the condition row of the browse filters), combined with the others', () => {
    const store = setup();
    const at = new Date().toISOString();
    for (let i = 1; i <= 20; i += 1) {
      store.upsertProfile(
        {
          identities: [{ namespace: 'email', value: `u${i}@x.com` }],
          attributes: { loyalty: { points: i * 100, tier: i > 10 ? 'gold' : 'silver' }, tags: ['a'], 'odd key': 1 },
          registrations: i % 2 ? [{ appId: 'app', platform: 'fcm', token: `t${i}`, ecid: null, registeredAt: null, status: 'valid', reason: null }] : [],
          isTest: null,
        },
        null,
        at,
      );
    }
    const total = (filter: Parameters<typeof store.page>[0]) => store.page(filter, { offset: 0, limit: 50, withTotal: true }).total;
    expect(total({ rule: { kind: 'attribute', path: 'loyalty.points', op: 'gte', value: 1500 } })).toBe(6);
    expect(total({ rule: { kind: 'attribute', path: 'loyalty.points', op: 'gte', value: 1500 }, reachable: { appId: 'app' } })).toBe(3);
    expect(total({ rule: { kind: 'attribute', path: 'loyalty.tier', op: 'in', values: ['gold', 'bronze'] }, search: 'u2' })).toBe(1);
    expect(total({ rule: { kind: 'not', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'exists' } } })).toBe(0);
    // Suggestions: leaves only, with their JSON types; array items and keys a rule can't name are left out.
    expect(store.attributePaths()).toEqual([
      { path: 'loyalty.points', types: ['number'] },
      { path: 'loyalty.tier', types: ['text'] },
      { path: 'tags', types: ['array'] },
    ]);
  });

  it('pages the event timeline newest first, even when events arrive out of time order', () => {
    const store = setup();
    store.upsertProfile({ identities: [{ namespace: 'ECID', value: 'e1' }], attributes: {}, registrations: [], isTest: null }, null, new Date().toISOString());
    const days = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    for (const d of days) store.addEvent({ identity: { namespace: 'ECID', value: 'e1' }, type: `t${d}`, timestamp: `2025-01-${String(d).padStart(2, '0')}T00:00:00Z`, attributes: {} });
    const seen: string[] = [];
    let page = store.events(1, undefined, 3);
    seen.push(...page.items.map((e) => e.type));
    while (page.more) {
      page = store.events(1, page.items.at(-1)!.id, 3);
      seen.push(...page.items.map((e) => e.type));
    }
    expect(seen).toEqual(['t10', 't9', 't8', 't7', 't6', 't5', 't4', 't3', 't2', 't1']);
  });

  it('finds a profile by an identity of a namespace that arrived a moment after the namespaces were last listed', () => {
    const store = setup();
    expect(store.stats().namespaces).toEqual([]);
    store.upsertProfile({ identities: [{ namespace: 'ECID', value: 'E-1' }], attributes: {}, registrations: [], isTest: null }, null, 'x');
    expect(store.page({ search: 'E-1' }, { offset: 0, limit: 10, withTotal: true }).total).toBe(1);
  });
});
