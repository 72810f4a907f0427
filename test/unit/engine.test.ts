import { describe, expect, it } from 'vitest';
import type { JourneyCounts } from '../../shared/domain/engine';
import { pickSplitPath, splitBucket } from '../../main/services/engine/split';
import { nextTimeOfDay, localTime } from '../../main/services/engine/time';
import { DAY, HOUR, T0, engineWorld, node } from './helpers/engine-world';

/** Every entry is in exactly one of ended, excluded or waiting. */
function reconciles(counts: JourneyCounts) {
  expect(counts.totals.ended + counts.totals.excluded + counts.totals.waiting).toBe(counts.totals.entered);
  const reachedEntries = Object.entries(counts.nodes).filter(([id]) => id.startsWith('n_entry')).reduce((n, [, c]) => n + c.reached, 0);
  expect(reachedEntries).toBe(counts.totals.entered);
}

const simple = (audienceId: string, messageId: string) => [
  node('n_entry', 'entry.audience', { audienceId, schedule: { kind: 'once' } }, { next: 'n_msg' }),
  node('n_msg', 'message', { messageId }, { next: 'n_end' }),
  node('n_end', 'end', {}),
];

describe('journey engine', () => {
  it('enters an audience once, renders a personalised push per valid device (every ECID), excludes profiles without one', async () => {
    const w = await engineWorld();
    const [ada, bob, cy] = w.addProfiles([
      { email: 'ada@x.com', attributes: { firstName: 'Ada' }, ios: 2, android: 1 },
      { email: 'bob@x.com', attributes: {} },
      { email: 'cy@x.com', ios: 1, invalid: true },
    ]);
    const msg = await w.message();
    const { versionId } = await w.journey(simple(w.audienceId, msg.id));
    await w.tick();
    const out = w.outbox();
    expect(out.map((r) => [r.profile_id, r.platform])).toEqual([[ada, 'apnsSandbox'], [ada, 'apnsSandbox'], [ada, 'fcm']]);
    expect(JSON.parse(out[0]!.request).payload.aps.alert.title).toBe('Hi Ada');
    expect(JSON.parse(out[2]!.request).message.notification.title).toBe('Hi Ada');
    expect(JSON.parse(out[2]!.request).message.token).not.toContain('<');
    expect(new Set(out.map((r) => r.dedupe_key)).size).toBe(3);
    const counts = await w.call<JourneyCounts>('engine.counts', { versionId });
    expect(counts.nodes.n_msg!.excluded['no-device']).toEqual({ count: 2, sample: [bob, cy] });
    expect(counts.nodes.n_msg!.pushes).toBe(3);
    expect(counts.edges['n_msg:next']!.count).toBe(1);
    expect(counts.totals).toMatchObject({ entered: 3, ended: 1, excluded: 2, waiting: 0 });
    reconciles(counts);
    // A second tick changes nothing: nothing runs twice.
    await w.advance(DAY);
    expect(w.outbox()).toHaveLength(3);
  });

  it('resumes a journey after a restart in the middle of a wait, without sending anything twice', async () => {
    const w = await engineWorld();
    const ids = w.addProfiles([{ email: 'a@x.com', ios: 1 }, { email: 'b@x.com', android: 1 }]);
    const m1 = await w.message('First');
    const m2 = await w.message('Second');
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'once' } }, { next: 'n_m1' }),
      node('n_m1', 'message', { messageId: m1.id }, { next: 'n_wait' }),
      node('n_wait', 'wait', { kind: 'duration', seconds: 86_400 }, { next: 'n_m2' }),
      node('n_m2', 'message', { messageId: m2.id }, { next: 'n_end' }),
      node('n_end', 'end', {}),
    ]);
    await w.tick();
    expect(w.outbox()).toHaveLength(2);
    expect(w.entries(versionId).map((e) => [e.node_id, e.status])).toEqual([['n_wait', 'waiting'], ['n_wait', 'waiting']]);
    await w.restart();
    await w.advance(HOUR);
    expect(w.outbox()).toHaveLength(2);
    await w.restart();
    await w.advance(DAY);
    expect(w.outbox().map((r) => [r.profile_id, r.node_id])).toEqual([[ids[0], 'n_m1'], [ids[1], 'n_m1'], [ids[0], 'n_m2'], [ids[1], 'n_m2']]);
    // The second push went at the end of the wait, not when the clock was looked at.
    expect(w.outbox()[2]!.not_before).toBe(new Date(Date.parse(T0) + DAY).toISOString());
    await w.restart();
    await w.advance(DAY);
    expect(w.outbox()).toHaveLength(4);
    const path = JSON.parse(w.entries(versionId)[0]!.path).map((s: { node: string; output: string }) => `${s.node}:${s.output}`);
    expect(path).toEqual(['n_entry:next', 'n_m1:next', 'n_wait:next', 'n_m2:next', 'n_end:null']);
    reconciles(await w.call('engine.counts', { versionId }));
  });

  it('takes the first condition path that matches (attributes, event history), else otherwise', async () => {
    const w = await engineWorld();
    const [gold, active, other] = w.addProfiles([
      { email: 'g@x.com', attributes: { loyalty: { tier: 'gold' } } },
      { email: 'a@x.com' },
      { email: 'o@x.com' },
    ]);
    w.core.workspace.db.prepare('INSERT INTO experience_events (profile_id, type, timestamp) VALUES (?, ?, ?), (?, ?, ?)').run(active, 'application.launch', '2026-03-01T10:00:00Z', gold, 'application.launch', '2026-03-01T10:00:00Z');
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'once' } }, { next: 'n_cond' }),
      node('n_cond', 'condition', {
        paths: [
          { id: 'p_gold', label: 'Gold', rule: { kind: 'attribute', path: 'loyalty.tier', op: 'equals', value: 'gold' } },
          { id: 'p_active', label: 'Active', rule: { kind: 'event', type: 'application.launch', atLeast: 1, inLastDays: 7 } },
        ],
      }, { p_gold: 'n_e1', p_active: 'n_e2', otherwise: 'n_e3' }),
      node('n_e1', 'end', {}), node('n_e2', 'end', {}), node('n_e3', 'end', {}),
    ]);
    await w.tick();
    const counts = await w.call<JourneyCounts>('engine.counts', { versionId });
    expect([counts.edges['n_cond:p_gold']!.sample, counts.edges['n_cond:p_active']!.sample, counts.edges['n_cond:otherwise']!.sample]).toEqual([[gold], [active], [other]]);
  });

  it('evaluates time conditions and time-of-day waits in the profile’s timezone attribute', async () => {
    expect(localTime('Asia/Tokyo', Date.parse('2026-03-02T08:00:00Z'))).toEqual({ day: 1, minutes: 17 * 60 });
    expect(localTime('Not/AZone', Date.parse('2026-03-02T08:00:00Z'))).toEqual({ day: 1, minutes: 8 * 60 });
    expect(new Date(nextTimeOfDay('America/New_York', Date.parse('2026-03-02T08:00:00Z'), '09:00')).toISOString()).toBe('2026-03-02T14:00:00.000Z');
    // Across the US spring DST change (8 March 2026).
    expect(new Date(nextTimeOfDay('America/New_York', Date.parse('2026-03-08T15:00:00Z'), '09:00')).toISOString()).toBe('2026-03-09T13:00:00.000Z');

    const w = await engineWorld();
    const [tokyo, paris] = w.addProfiles([{ email: 't@x.com', attributes: { timezone: 'Asia/Tokyo' } }, { email: 'p@x.com', attributes: { timezone: 'Europe/Paris' } }]);
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'once' } }, { next: 'n_time' }),
      node('n_time', 'timeCondition', { days: [1, 2, 3, 4, 5], from: '12:00', to: '18:00' }, { match: 'n_end1', otherwise: 'n_wait' }),
      node('n_wait', 'wait', { kind: 'timeOfDay', at: '12:00' }, { next: 'n_end2' }),
      node('n_end1', 'end', {}), node('n_end2', 'end', {}),
    ]);
    await w.tick();
    const entries = w.entries(versionId);
    expect(entries.find((e) => e.profile_id === tokyo)!.status).toBe('ended'); // 17:00 in Tokyo
    const parisEntry = entries.find((e) => e.profile_id === paris)!;
    expect(parisEntry.status).toBe('waiting'); // 09:00 in Paris
    expect(new Date(parisEntry.wake_at!).toISOString()).toBe('2026-03-02T11:00:00.000Z');
    await w.advance(3 * HOUR);
    expect(w.entries(versionId).find((e) => e.profile_id === paris)!.node_id).toBe('n_end2');
  });

  it('splits deterministically by profile and journey, in proportion', () => {
    const paths = [{ id: 'p_a', percent: 30 }, { id: 'p_b', percent: 70 }];
    const a = Array.from({ length: 20_000 }, (_, i) => pickSplitPath(paths, splitBucket(i + 1, 'jny_abcdefgh')));
    expect(a).toEqual(Array.from({ length: 20_000 }, (_, i) => pickSplitPath(paths, splitBucket(i + 1, 'jny_abcdefgh'))));
    const share = a.filter((p) => p === 'p_a').length / a.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.32);
    const other = Array.from({ length: 20_000 }, (_, i) => pickSplitPath(paths, splitBucket(i + 1, 'jny_zzzzzzzz')));
    expect(other).not.toEqual(a);
  });

  it('a split sends each profile the same way in a dry run and live', async () => {
    const w = await engineWorld();
    w.addProfiles(Array.from({ length: 60 }, (_, i) => ({ email: `p${i}@x.com` })));
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'once' } }, { next: 'n_split' }),
      node('n_split', 'split', { paths: [{ id: 'p_a', label: 'A', percent: 50 }, { id: 'p_b', label: 'B', percent: 50 }] }, { p_a: 'n_e1', p_b: 'n_e2' }),
      node('n_e1', 'end', {}), node('n_e2', 'end', {}),
    ]);
    const dry = await w.call<JourneyCounts>('engine.dryRun', { versionId, days: 1 });
    await w.tick();
    const live = await w.call<JourneyCounts>('engine.counts', { versionId });
    expect(live.edges['n_split:p_a']!.count).toBe(dry.edges['n_split:p_a']!.count);
    expect(live.edges['n_split:p_a']!.sample).toEqual(dry.edges['n_split:p_a']!.sample);
    expect(live.edges['n_split:p_a']!.count + live.edges['n_split:p_b']!.count).toBe(60);
  });

  it('waits for an event (onProfileEvent), or takes the timeout path', async () => {
    const w = await engineWorld();
    const [a, b] = w.addProfiles([{ email: 'a@x.com' }, { email: 'b@x.com' }]);
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'once' } }, { next: 'n_wfe' }),
      node('n_wfe', 'waitForEvent', { eventType: 'pushTracking.applicationOpened', timeoutSeconds: 3600 }, { event: 'n_e1', timeout: 'n_e2' }),
      node('n_e1', 'end', {}), node('n_e2', 'end', {}),
    ]);
    await w.tick();
    w.core.engine.onProfileEvent(a!, { type: 'pushTracking.applicationOpened', timestamp: new Date(w.clock.now()).toISOString() });
    await w.core.engine.idle();
    await w.advance(2 * HOUR);
    const counts = await w.call<JourneyCounts>('engine.counts', { versionId });
    expect(counts.edges['n_wfe:event']!.sample).toEqual([a]);
    expect(counts.edges['n_wfe:timeout']!.sample).toEqual([b]);
    reconciles(counts);
  });

  it('event entries react to imported and recorded events; re-entrance off, then with a minimum gap', async () => {
    const w = await engineWorld();
    const [a] = w.addProfiles([{ email: 'a@x.com', ios: 1 }]);
    const msg = await w.message();
    const graph = [
      node('n_entry', 'entry.event', { eventType: 'cart.abandoned' }, { next: 'n_msg' }),
      node('n_msg', 'message', { messageId: msg.id }, { next: 'n_end' }),
      node('n_end', 'end', {}),
    ];
    const { versionId } = await w.journey(graph);
    const { createProfileStore } = await import('../../main/services/profiles/profile-store');
    const store = createProfileStore(w.core.workspace.db, () => 'x', (id, e) => w.core.engine.onProfileEvent(id, e));
    // As the importer writes it: by identity.
    store.addEvent({ identity: { namespace: 'email', value: 'a@x.com' }, type: 'cart.abandoned', timestamp: '2026-03-02T08:00:00Z', attributes: {} });
    await w.core.engine.idle();
    store.recordEvent(a!, 'cart.abandoned', '2026-03-02T08:05:00Z');
    await w.core.engine.idle();
    let counts = await w.call<JourneyCounts>('engine.counts', { versionId });
    expect(counts.totals).toMatchObject({ entered: 1, refused: 1 });
    expect(w.outbox()).toHaveLength(1);

    const second = await w.journey(graph, { settings: { reentrance: { allowed: true, minGapSeconds: 3600 } } });
    store.recordEvent(a!, 'cart.abandoned', '2026-03-02T08:10:00Z');
    await w.core.engine.idle();
    await w.advance(30 * 60_000);
    store.recordEvent(a!, 'cart.abandoned', '2026-03-02T08:40:00Z');
    await w.core.engine.idle();
    await w.advance(HOUR);
    store.recordEvent(a!, 'cart.abandoned', '2026-03-02T09:40:00Z');
    await w.core.engine.idle();
    counts = await w.call<JourneyCounts>('engine.counts', { versionId: second.versionId });
    expect(counts.totals).toMatchObject({ entered: 2, refused: 1 });
  });

  it('caps pushes per profile per day across journeys, and records the exclusion', async () => {
    const w = await engineWorld();
    const [a] = w.addProfiles([{ email: 'a@x.com', ios: 1 }]);
    const msg = await w.message();
    await w.journey(simple(w.audienceId, msg.id), { settings: { frequencyCap: 2 } });
    await w.tick();
    await w.journey(simple(w.audienceId, msg.id), { settings: { frequencyCap: 2 } });
    await w.tick();
    const third = await w.journey(simple(w.audienceId, msg.id), { settings: { frequencyCap: 2 } });
    await w.tick();
    expect(w.outbox()).toHaveLength(2);
    const counts = await w.call<JourneyCounts>('engine.counts', { versionId: third.versionId });
    expect(counts.nodes.n_msg!.excluded['frequency-cap']).toEqual({ count: 1, sample: [a] });
    await w.advance(DAY);
    const fourth = await w.journey(simple(w.audienceId, msg.id), { settings: { frequencyCap: 2 } });
    await w.tick();
    expect(w.outbox()).toHaveLength(3);
    expect((await w.call<JourneyCounts>('engine.counts', { versionId: fourth.versionId })).nodes.n_msg!.pushes).toBe(1);
  });

  it('holds pushes during quiet hours in the profile’s timezone, or skips them; sets the TTL', async () => {
    const w = await engineWorld();
    // 08:00 UTC = 03:00 in New York (quiet), 09:00 in Paris (not).
    const [ny, paris] = w.addProfiles([{ email: 'ny@x.com', ios: 1, attributes: { timezone: 'America/New_York' } }, { email: 'p@x.com', ios: 1, attributes: { timezone: 'Europe/Paris' } }]);
    const msg = await w.message();
    const hold = await w.journey(simple(w.audienceId, msg.id), { settings: { quietHours: { from: '21:00', to: '08:00', mode: 'hold' }, ttlSeconds: 600 } });
    await w.tick();
    expect(w.outbox().map((r) => r.profile_id)).toEqual([paris]);
    expect(w.outbox()[0]!.expires_at).toBe(new Date(Date.parse(T0) + 600_000).toISOString());
    expect((await w.call<JourneyCounts>('engine.counts', { versionId: hold.versionId })).nodes.n_msg!.waiting).toBe(1);
    await w.advance(5 * HOUR); // 08:00 in New York
    expect(w.outbox().map((r) => r.profile_id)).toEqual([paris, ny]);
    const skip = await w.journey(simple(w.audienceId, msg.id), { settings: { quietHours: { from: '08:00', to: '12:00', mode: 'skip' } } });
    await w.tick();
    const counts = await w.call<JourneyCounts>('engine.counts', { versionId: skip.versionId });
    expect(counts.nodes.n_msg!.excluded['quiet-hours']!.sample).toEqual([ny]);
  });

  it('runs daily audience entries on schedule and stops moving profiles when the version is stopped', async () => {
    const w = await engineWorld();
    w.addProfiles([{ email: 'a@x.com' }]);
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'daily', at: '09:00' } }, { next: 'n_wait' }),
      node('n_wait', 'wait', { kind: 'duration', seconds: 7200 }, { next: 'n_end' }),
      node('n_end', 'end', {}),
    ], { settings: { reentrance: { allowed: true, minGapSeconds: 0 } } });
    await w.tick();
    expect(w.entries(versionId)).toHaveLength(0);
    await w.advance(HOUR + 60_000); // 09:01
    expect(w.entries(versionId).map((e) => e.status)).toEqual(['waiting']);
    await w.advance(DAY);
    expect(w.entries(versionId).map((e) => e.status)).toEqual(['ended', 'waiting']);
    await w.call('journeys.stop', { versionId });
    await w.advance(3 * HOUR);
    expect(w.entries(versionId).map((e) => [e.status, e.reason])).toEqual([['ended', null], ['excluded', 'stopped']]);
    reconciles(await w.call('engine.counts', { versionId }));
  });

  it('campaigns: now, scheduled and cancelled, through the same outbox and rules', async () => {
    const w = await engineWorld();
    w.addProfiles([{ email: 'a@x.com', ios: 1 }, { email: 'b@x.com' }]);
    const msg = await w.message();
    const now = await w.call<{ status: string; sent: number; excluded: number }>('campaigns.create', { name: 'Spring sale', messageId: msg.id, audienceId: w.audienceId });
    expect(now).toMatchObject({ status: 'done', sent: 1, excluded: 1 });
    expect(w.outbox().map((r) => r.origin)).toEqual(['campaign']);
    const later = await w.call<{ id: string; status: string }>('campaigns.create', { name: 'Later', messageId: msg.id, audienceId: w.audienceId, sendAt: '2026-03-03T08:00:00Z' });
    const cancelled = await w.call<{ id: string; status: string }>('campaigns.create', { name: 'Never', messageId: msg.id, audienceId: w.audienceId, sendAt: '2026-03-03T08:00:00Z' });
    expect(later.status).toBe('scheduled');
    await w.call('campaigns.cancel', { id: cancelled.id });
    await w.advance(DAY);
    const list = await w.call<{ name: string; status: string; sent: number }[]>('campaigns.list');
    expect(list.map((c) => [c.name, c.status, c.sent]).sort()).toEqual([['Later', 'done', 1], ['Never', 'cancelled', 0], ['Spring sale', 'done', 1]]);
    expect(w.outbox()).toHaveLength(2);
  });

  it('test mode: only test profiles enter a draft, waits are compressed, events fired from the UI move them', async () => {
    const w = await engineWorld();
    const [tester] = w.addProfiles([{ email: 'qa@x.com', isTest: true, ios: 1 }, { email: 'real@x.com', ios: 1 }]);
    const msg = await w.message();
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'daily', at: '09:00' } }, { next: 'n_wait' }),
      node('n_wait', 'wait', { kind: 'duration', seconds: 3 * 86_400 }, { next: 'n_wfe' }),
      node('n_wfe', 'waitForEvent', { eventType: 'application.launch', timeoutSeconds: 86_400 }, { event: 'n_msg', timeout: 'n_end' }),
      node('n_msg', 'message', { messageId: msg.id }, { next: 'n_end' }),
      node('n_end', 'end', {}),
    ], { publish: false });
    type State = { active: boolean; entries: { profileId: number; node: string; status: string; path: { node: string }[] }[] };
    let state = await w.call<State>('engine.test.start', { versionId });
    expect(state.entries.map((e) => [e.profileId, e.node, e.status])).toEqual([[tester, 'n_wait', 'waiting']]);
    await w.advance(5000);
    state = await w.call<State>('engine.test.state', { versionId });
    expect(state.entries[0]).toMatchObject({ node: 'n_wfe', status: 'waiting' });
    await expect(w.call('engine.test.fireEvent', { versionId, profileId: tester! + 1, type: 'application.launch' })).rejects.toThrow('not a test profile');
    state = await w.call<State>('engine.test.fireEvent', { versionId, profileId: tester, type: 'application.launch' });
    expect(state.entries[0]!.status).toBe('ended');
    expect(state.entries[0]!.path.map((s) => s.node)).toEqual(['n_entry', 'n_wait', 'n_wfe', 'n_msg', 'n_end']);
    expect(w.outbox().map((r) => [r.profile_id, r.origin])).toEqual([[tester, 'test']]);
    state = await w.call<State>('engine.test.stop', { versionId });
    expect(state).toMatchObject({ active: false, entries: [] });
  });

  it('dry run: every profile that entered is in exactly one terminal state or still waiting, with samples and previews', async () => {
    const w = await engineWorld();
    w.addProfiles(Array.from({ length: 40 }, (_, i) => ({ email: `p${i}@x.com`, ios: i % 3 === 0 ? 0 : 1, attributes: { firstName: `P${i}`, tier: i % 2 ? 'gold' : 'silver', timezone: 'Europe/Paris' } })));
    const m1 = await w.message('Hello {{profile.firstName}}');
    const { versionId } = await w.journey([
      node('n_entry', 'entry.audience', { audienceId: w.audienceId, schedule: { kind: 'once' } }, { next: 'n_cond' }),
      node('n_cond', 'condition', { paths: [{ id: 'p_gold', label: 'Gold', rule: { kind: 'attribute', path: 'tier', op: 'equals', value: 'gold' } }] }, { p_gold: 'n_msg', otherwise: 'n_wait' }),
      node('n_msg', 'message', { messageId: m1.id }, { next: 'n_end' }),
      node('n_wait', 'wait', { kind: 'duration', seconds: 10 * 86_400 }, { next: 'n_end2' }),
      node('n_end', 'end', {}), node('n_end2', 'end', {}),
    ], { publish: false });
    const dry = await w.call<JourneyCounts & { previews: Record<string, { title: string }[]> }>('engine.dryRun', { versionId, days: 5 });
    reconciles(dry);
    expect(dry.totals).toMatchObject({ entered: 40, waiting: 20 });
    expect(dry.nodes.n_msg!.excluded['no-device']!.count + dry.nodes.n_msg!.ended).toBe(0 + dry.nodes.n_msg!.excluded['no-device']!.count);
    expect(dry.nodes.n_end!.ended + dry.nodes.n_msg!.excluded['no-device']!.count).toBe(20);
    expect(dry.nodes.n_wait!.waitingSample).toHaveLength(5);
    expect(dry.previews.n_msg![0]!.title).toMatch(/^Hello P\d+$/);
    expect(w.outbox()).toHaveLength(0);
    const longer = await w.call<JourneyCounts>('engine.dryRun', { versionId, days: 11 });
    expect(longer.totals).toMatchObject({ waiting: 0 });
    reconciles(longer);
  });
});
