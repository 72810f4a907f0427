import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { newId } from '../../main/services/ids';
import { createProfileStore } from '../../main/services/profiles/profile-store';
import { SANDBOX_BUNDLE_ID } from '../../main/simulators/credentials';
import type { Report } from '../../shared/domain/report';
import { openTestCore } from './helpers/core';
import { generateDeliveries } from './helpers/report-data';

const cores: Core[] = [];
afterEach(async () => {
  // The dispatcher tells the UI of logged rows a quarter of a second later.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

describe('tracking: simulated devices', () => {
  it('opening, tapping a button and dismissing become events on the profile, linked to the push, counted in the push report', async () => {
    const core = openTestCore({ seedSandboxChannel: true, delivery: { pollMs: 50 } });
    cores.push(core);
    const [channel] = (await core.dispatch('channels.list', {})) as { id: string }[];
    const message = (await core.dispatch('messages.create', { name: 'Sale', channelId: channel!.id, content: undefined })) as { id: string; content: object };
    await core.dispatch('messages.update', {
      id: message.id,
      content: { ...message.content, title: 'Sale', body: 'Half price', iosCategory: { id: 'SALE', buttons: [{ id: 'buy', label: 'Buy now' }] } },
    });
    const iphone = (await core.dispatch('sandbox.devices.install', { os: 'ios' })) as { id: string; token: string };
    const store = createProfileStore(core.workspace.db, () => newId('ecid'));
    const { profileId } = store.upsertProfile(
      {
        identities: [{ namespace: 'email', value: 'ada@example.com' }],
        attributes: {},
        registrations: [{ appId: SANDBOX_BUNDLE_ID, platform: 'apnsSandbox', token: iphone.token, ecid: null, registeredAt: null, status: 'valid', reason: null }],
        isTest: null,
      },
      'email',
      new Date().toISOString(),
    ) as { profileId: number };
    const sent = (await core.dispatch('delivery.testSend', { messageId: message.id, profileIds: [profileId] })) as { queued: number };
    expect(sent.queued).toBe(1);
    await core.dispatch('delivery.drain', {});
    const [notification] = (await core.dispatch('tracking.notifications', { deviceId: iphone.id })) as { id: string; actions: { id: string }[]; link: { messageId: string } }[];
    expect(notification!.actions).toEqual([{ id: 'buy', label: 'Buy now' }]);
    expect(notification!.link.messageId).toBe(message.id);

    const opened = (await core.dispatch('tracking.interact', { deviceId: iphone.id, notificationId: notification!.id, kind: 'open' })) as { eventId: number; profileId: number; outboxId: number };
    expect(opened.profileId).toBe(profileId);
    await core.dispatch('tracking.interact', { deviceId: iphone.id, notificationId: notification!.id, kind: 'open' });
    await core.dispatch('tracking.interact', { deviceId: iphone.id, notificationId: notification!.id, kind: 'action', actionId: 'buy' });
    await core.dispatch('tracking.interact', { deviceId: iphone.id, notificationId: notification!.id, kind: 'dismiss' });

    const events = (await core.dispatch('profiles.events', { id: profileId })) as { items: { type: string; attributes: { pushTracking?: { outboxId?: number; messageId?: string; actionId?: string } } }[] };
    const types = events.items.map((e) => e.type).sort();
    expect(types).toEqual(['pushTracking.applicationOpened', 'pushTracking.applicationOpened', 'pushTracking.customAction', 'pushTracking.dismissed']);
    const action = events.items.find((e) => e.type === 'pushTracking.customAction')!;
    expect(action.attributes.pushTracking).toMatchObject({ outboxId: opened.outboxId, messageId: message.id, actionId: 'buy' });

    const report = (await core.dispatch('reports.get', {})) as Report;
    expect(report.measures).toMatchObject({ queued: 1, delivered: 1, sent: 1, opens: 2, uniqueOpens: 1, openRate: 1, actions: 1, dismissals: 1 });
    expect(report.actionsById).toEqual({ buy: 1 });
    expect(report.byOrigin).toEqual([expect.objectContaining({ origin: 'test' })]);
    expect(report.byPlatform[0]).toMatchObject({ platform: 'apnsSandbox', measures: { delivered: 1, uniqueOpens: 1 } });
    const [again] = (await core.dispatch('tracking.notifications', { deviceId: iphone.id })) as { interactions: { kind: string }[] }[];
    expect(again!.interactions.map((i) => i.kind)).toEqual(['open', 'open', 'action', 'dismiss']);
  });

  it('an imported tracking event links to its push by message id (or provider message id)', () => {
    const core = openTestCore();
    cores.push(core);
    const db = core.workspace.db;
    generateDeliveries(db, 20, { journeys: ['jny_imp'] });
    const store = createProfileStore(db, () => newId('ecid'));
    for (const value of ['x@example.com', 'y@example.com']) {
      store.upsertProfile({ identities: [{ namespace: 'email', value }], attributes: {}, registrations: [], isTest: null }, 'email', '2026-03-01T00:00:00.000Z');
    }
    // Profile 2 got push #2 (msg_reportsB, journey jny_imp, not opened yet) in the generated data;
    // push #1 (profile 1) was opened once already.
    store.addEvent({ identity: { namespace: 'email', value: 'y@example.com' }, type: 'pushTracking.applicationOpened', timestamp: '2026-03-02T10:00:00.000Z', attributes: { pushTracking: { messageId: 'msg_reportsB' } } });
    store.addEvent({ identity: { namespace: 'email', value: 'x@example.com' }, type: 'pushTracking.applicationOpened', timestamp: '2026-03-02T10:00:00.000Z', attributes: { pushTracking: { providerMessageId: 'pid-1' } } });
    const rows = db.prepare('SELECT outbox_id, journey_id, node_id, platform, profile_id, first FROM push_interactions WHERE event_id IS NOT NULL ORDER BY id').all();
    expect(rows).toEqual([
      { outbox_id: 2, journey_id: 'jny_imp', node_id: 'n_pushB', platform: 'apnsSandbox', profile_id: 2, first: 1 },
      { outbox_id: 1, journey_id: 'jny_imp', node_id: 'n_pushA', platform: 'apns', profile_id: 1, first: 0 },
    ]);
  });
});

describe('reports reconcile with the delivery log', () => {
  it('on 30,000 pushes: every measure equals a count over the log, in total, per platform, message, period and over time', async () => {
    const core = openTestCore();
    cores.push(core);
    const db = core.workspace.db;
    generateDeliveries(db, 30_000, { days: 10 });
    const one = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    const check = async (journeyId: string | undefined, from: string | undefined, to: string | undefined) => {
      const report = (await core.dispatch('reports.get', { ...(journeyId ? { journeyId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) })) as Report;
      const where = [journeyId ? `journey_id = '${journeyId}'` : '1', from ? `at >= '${from}'` : '1', to ? `at < '${to}'` : '1'].join(' AND ');
      const logCounts = (await core.dispatch('delivery.log.counts', { filter: { ...(journeyId ? { journeyId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) } })) as { total: number; byOutcome: Record<string, number> };
      const m = report.measures;
      // Every attempt of the log is in exactly one measure.
      expect(m.delivered + m.failed + m.expired + m.cancelled + m.retried).toBe(logCounts.total);
      expect(m.delivered).toBe(one(`SELECT count(*) AS n FROM delivery_attempts WHERE ${where} AND final = 1 AND outcome = 'delivered'`));
      expect(m.failed).toBe(one(`SELECT count(*) AS n FROM delivery_attempts WHERE ${where} AND final = 1 AND outcome IN ('retryable', 'permanent', 'tokenInvalid', 'configuration')`));
      expect(m.invalidTokens).toBe(logCounts.byOutcome.tokenInvalid ?? 0);
      expect(m.retried).toBe(one(`SELECT count(*) AS n FROM delivery_attempts WHERE ${where} AND final = 0`));
      expect(m.queued).toBe(one(`SELECT count(*) AS n FROM outbox WHERE ${where.replaceAll('at ', 'created_at ')}`));
      for (const r of report.failedByReason) {
        expect(r.count).toBe(one(`SELECT count(*) AS n FROM delivery_attempts WHERE ${where} AND final = 1 AND outcome = ? AND coalesce(reason, outcome) = ?`, r.outcome, r.reason));
      }
      for (const p of report.byPlatform) {
        expect(p.measures.delivered).toBe(one(`SELECT count(*) AS n FROM delivery_attempts WHERE ${where} AND final = 1 AND outcome = 'delivered' AND platform = ?`, p.platform));
      }
      for (const msg of report.messages) {
        expect(msg.measures.delivered).toBe(one(`SELECT count(*) AS n FROM delivery_attempts WHERE ${where} AND final = 1 AND outcome = 'delivered' AND message_id = ?`, msg.messageId));
        expect(msg.byPlatform.reduce((s, p) => s + p.measures.delivered, 0)).toBe(msg.measures.delivered);
      }
      expect(m.opens).toBe(one(`SELECT count(*) AS n FROM push_interactions WHERE ${where} AND kind = 'open'`));
      expect(m.uniqueOpens).toBe(one(`SELECT count(DISTINCT outbox_id) AS n FROM push_interactions WHERE ${where} AND kind = 'open'`));
      expect(report.series.reduce((s, p) => s + p.delivered, 0)).toBe(m.delivered);
      expect(report.series.reduce((s, p) => s + p.opens, 0)).toBe(m.opens);
      expect(report.byApp.reduce((s, a) => s + a.measures.failed, 0)).toBe(m.failed);
      return report;
    };
    const all = await check(undefined, undefined, undefined);
    expect(all.measures.delivered).toBeGreaterThan(10_000);
    expect(all.byOrigin.map((o) => o.origin).sort()).toEqual(['journey', 'test']);
    await check('jny_reportsA', undefined, undefined);
    const week = await check('jny_reportsB', '2026-03-03T00:00:00.000Z', '2026-03-08T00:00:00.000Z');
    expect(week.bucket).toBe('day');
    expect(week.series).toHaveLength(5);
    const day = await check(undefined, '2026-03-04T05:00:00.000Z', '2026-03-05T05:00:00.000Z');
    expect(day.bucket).toBe('hour');
    expect(day.series).toHaveLength(24);
  });

  it('rounds a period to whole hours and says so', async () => {
    const core = openTestCore();
    cores.push(core);
    const report = (await core.dispatch('reports.get', { from: '2026-03-04T05:20:00Z', to: '2026-03-04T07:10:00Z' })) as Report;
    expect(report.from).toBe('2026-03-04T05:00:00.000Z');
    expect(report.to).toBe('2026-03-04T08:00:00.000Z');
  });
});
