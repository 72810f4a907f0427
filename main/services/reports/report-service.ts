import type { JourneyGraph } from '../../../shared/domain/journey-graph.js';
import type { Platform } from '../../../shared/domain/profile.js';
import type { Breakdown, Measures, Report, ReportQuery, SeriesPoint } from '../../../shared/domain/report.js';
import { StudioError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import type { VersionsService } from '../journeys/versions-service.js';
import type { Db } from '../workspace/database.js';

type Origin = 'journey' | 'campaign' | 'test';

interface RollupRow {
  hour: string;
  origin: Origin;
  journey_id: string;
  node_id: string;
  message_id: string;
  app_id: string;
  platform: Platform;
  outcome: string;
  reason: string;
  final: number;
  n: number;
}

interface InteractionRow {
  hour: string;
  kind: 'open' | 'action' | 'dismiss';
  action_id: string | null;
  origin: Origin | null;
  journey_id: string;
  message_id: string | null;
  app_id: string | null;
  platform: Platform | null;
  n: number;
  u: number;
}

const FAILED = new Set(['retryable', 'permanent', 'tokenInvalid', 'configuration']);

export const emptyMeasures = (): Measures => ({
  targeted: 0,
  queued: 0,
  sent: 0,
  delivered: 0,
  failed: 0,
  expired: 0,
  cancelled: 0,
  retried: 0,
  invalidTokens: 0,
  excluded: 0,
  opens: 0,
  uniqueOpens: 0,
  openRate: 0,
  actions: 0,
  dismissals: 0,
});

/** Measures plus the reasons behind them, accumulated row by row. */
class Acc {
  readonly m = emptyMeasures();
  readonly failedByReason = new Map<string, { outcome: string; reason: string; count: number }>();
  readonly excludedByReason = new Map<string, number>();
  readonly actionsById = new Map<string, number>();

  delivery(r: RollupRow): void {
    const m = this.m;
    if (r.outcome === 'queued') {
      m.queued += r.n;
      return;
    }
    if (!r.final) {
      m.retried += r.n;
      return;
    }
    if (r.outcome === 'delivered') m.delivered += r.n;
    else if (r.outcome === 'expired') m.expired += r.n;
    else if (r.outcome === 'cancelled') m.cancelled += r.n;
    else if (FAILED.has(r.outcome)) {
      m.failed += r.n;
      if (r.outcome === 'tokenInvalid') m.invalidTokens += r.n;
      const key = `${r.outcome}\u0000${r.reason}`;
      const found = this.failedByReason.get(key);
      if (found) found.count += r.n;
      else this.failedByReason.set(key, { outcome: r.outcome, reason: r.reason || r.outcome, count: r.n });
    }
  }

  interaction(r: InteractionRow): void {
    if (r.kind === 'open') {
      this.m.opens += r.n;
      this.m.uniqueOpens += r.u;
    } else if (r.kind === 'action') {
      this.m.actions += r.n;
      const id = r.action_id ?? '(none)';
      this.actionsById.set(id, (this.actionsById.get(id) ?? 0) + r.n);
    } else this.m.dismissals += r.n;
  }

  exclusion(reason: string, n: number): void {
    this.m.excluded += n;
    this.excludedByReason.set(reason, (this.excludedByReason.get(reason) ?? 0) + n);
  }

  measures(): Measures {
    const m = { ...this.m };
    m.sent = m.delivered + m.failed;
    m.targeted = m.queued + m.excluded;
    m.openRate = m.delivered > 0 ? m.uniqueOpens / m.delivered : 0;
    return m;
  }

  breakdown(): Breakdown {
    return {
      measures: this.measures(),
      failedByReason: [...this.failedByReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      excludedByReason: Object.fromEntries([...this.excludedByReason].sort((a, b) => b[1] - a[1])),
      actionsById: Object.fromEntries([...this.actionsById].sort((a, b) => b[1] - a[1])),
    };
  }
}

class Groups<K> {
  readonly map = new Map<string, { key: K; acc: Acc }>();
  get(id: string, key: K): Acc {
    let g = this.map.get(id);
    if (!g) this.map.set(id, (g = { key, acc: new Acc() }));
    return g.acc;
  }
}

/** "2026-05-01T13" from any ISO time, rounded down (from) or up (to) to the hour. */
export function hourOf(iso: string, roundUp = false): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) throw new StudioError('invalid_input', `Not a time: ${iso}`);
  const h = Math.floor(t / 3_600_000) + (roundUp && t % 3_600_000 !== 0 ? 1 : 0);
  return new Date(h * 3_600_000).toISOString().slice(0, 13);
}
const hourStart = (hour: string) => `${hour}:00:00.000Z`;
const hourMs = (hour: string) => Date.parse(hourStart(hour));

const MAX_HOUR = '9999-12-31T23';
const MIN_HOUR = '0000-01-01T00';

/**
 * Reads the journey report and the push report. Delivery measures come from the hourly rollup of
 * the delivery log (kept exact by triggers), interactions from push_interactions, and journey
 * progress and exclusions from the engine's entries.
 */
export function createReportService(db: Db, versions: VersionsService, clock: Clock) {
  const rollupJourney = db.prepare<{ journeyId: string; from: string; to: string }, RollupRow>(
    'SELECT * FROM report_delivery_hourly WHERE journey_id = @journeyId AND hour >= @from AND hour < @to',
  );
  const rollupAll = db.prepare<{ from: string; to: string }, RollupRow>('SELECT * FROM report_delivery_hourly WHERE hour >= @from AND hour < @to');
  // Interactions come from their hourly rollup; an empty text stands for "unknown" there.
  const interactionsSql = (where: string) =>
    `SELECT hour, kind, nullif(action_id, '') AS action_id, nullif(origin, '') AS origin, journey_id, nullif(message_id, '') AS message_id,
            nullif(app_id, '') AS app_id, nullif(platform, '') AS platform, n, u
     FROM report_interaction_hourly WHERE ${where}`;
  const interactionsJourney = db.prepare<{ journeyId: string; from: string; to: string }, InteractionRow>(interactionsSql('journey_id = @journeyId AND hour >= @from AND hour < @to'));
  const interactionsAll = db.prepare<{ from: string; to: string }, InteractionRow>(interactionsSql('hour >= @from AND hour < @to'));
  const interactionsEver = db.prepare<[], InteractionRow>(interactionsSql('1'));
  const rollupEver = db.prepare<[], RollupRow>('SELECT * FROM report_delivery_hourly');
  const entriesOf = db.prepare<{ journeyId: string; from: number; to: number }, { status: string; reason: string | null; n: number }>(
    `SELECT status, reason, count(*) AS n FROM engine_entries WHERE journey_id = @journeyId AND mode = 'live' AND entered_at >= @from AND entered_at < @to GROUP BY status, reason`,
  );
  const exclusionsSql = (where: string) =>
    `SELECT journey_id, version_id, node_id, reason, count(*) AS n FROM engine_entries
     WHERE ${where} mode = 'live' AND status = 'excluded' AND reason != 'reentrance' AND updated_at >= @from AND updated_at < @to
     GROUP BY journey_id, version_id, node_id, reason`;
  type ExclusionRow = { journey_id: string; version_id: string; node_id: string; reason: string; n: number };
  const exclusionsJourney = db.prepare<{ journeyId: string; from: number; to: number }, ExclusionRow>(exclusionsSql('journey_id = @journeyId AND'));
  const exclusionsAll = db.prepare<{ from: number; to: number }, ExclusionRow>(exclusionsSql(''));
  const countsOf = db.prepare<[string], { key: string; n: number }>(
    `SELECT c.key, sum(c.n) AS n FROM engine_counts c JOIN journey_versions v ON v.id = c.version_id WHERE v.journey_id = ? AND c.mode = 'live' GROUP BY c.key`,
  );
  const waitingOf = db.prepare<[string], { node_id: string; n: number }>(
    `SELECT node_id, count(*) AS n FROM engine_entries WHERE journey_id = ? AND mode = 'live' AND status IN ('active', 'waiting') GROUP BY node_id`,
  );
  const anyRow = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM report_delivery_hourly WHERE journey_id = ? LIMIT 1');
  const journeyName = db.prepare<[string], { name: string }>('SELECT name FROM journeys WHERE id = ?');
  const campaign = db.prepare<[string], { name: string; message_id: string }>('SELECT name, message_id FROM campaigns WHERE id = ?');
  const messageName = db.prepare<[string], { name: string }>('SELECT name FROM messages WHERE id = ?');

  const graphs = new Map<string, JourneyGraph | null>();
  const graphOf = (versionId: string): JourneyGraph | null => {
    if (!graphs.has(versionId)) {
      try {
        graphs.set(versionId, versions.get(versionId).graph);
      } catch {
        graphs.set(versionId, null);
      }
    }
    return graphs.get(versionId)!;
  };
  /** The message a step sends (a campaign's "journey" is the campaign itself). */
  const messageOfNode = (journeyId: string, versionId: string, nodeId: string): string | null => {
    const node = graphOf(versionId)?.nodes.find((n) => n.id === nodeId);
    if (node?.type === 'message') return (node.config as { messageId?: string }).messageId ?? null;
    return campaign.get(journeyId)?.message_id ?? null;
  };
  const nameOfJourney = (id: string) => journeyName.get(id)?.name ?? (campaign.get(id) ? `Campaign: ${campaign.get(id)!.name}` : id);

  return {
    get(query: ReportQuery): Report {
      const started = performance.now();
      const fromHour = query.from ? hourOf(query.from) : MIN_HOUR;
      const toHour = query.to ? hourOf(query.to, true) : MAX_HOUR;
      if (toHour <= fromHour) throw new StudioError('invalid_input', 'The period ends before it starts.');
      const fromMs = query.from ? hourMs(fromHour) : Number.MIN_SAFE_INTEGER;
      const toMs = query.to ? hourMs(toHour) : Number.MAX_SAFE_INTEGER;
      const journeyId = query.journeyId;

      let current: JourneyGraph | null = null;
      if (journeyId) {
        if (!journeyName.get(journeyId) && !campaign.get(journeyId) && !anyRow.get(journeyId)) throw new StudioError('not_found', `There is no journey ${journeyId}.`);
        try {
          current = versions.current(journeyId).graph;
        } catch {
          current = null;
        }
      }

      const total = new Acc();
      const byMessage = new Groups<{ messageId: string }>();
      const nodesOfMessage = new Map<string, Set<string>>();
      const byMessagePlatform = new Groups<{ messageId: string; platform: Platform }>();
      const byPlatform = new Groups<{ platform: Platform }>();
      const byApp = new Groups<{ appId: string; platform: Platform }>();
      const byOrigin = new Groups<{ origin: Origin }>();
      const byJourney = new Groups<{ journeyId: string }>();
      const buckets = new Map<string, SeriesPoint>();
      let minHour = MAX_HOUR;
      let maxHour = MIN_HOUR;
      const seen = (hour: string) => {
        if (hour < minHour) minHour = hour;
        if (hour > maxHour) maxHour = hour;
      };
      const hourly = new Map<string, { queued: number; delivered: number; failed: number; opens: number; actions: number }>();
      const point = (hour: string) => {
        let p = hourly.get(hour);
        if (!p) hourly.set(hour, (p = { queued: 0, delivered: 0, failed: 0, opens: 0, actions: 0 }));
        return p;
      };

      // Without a period the push report reads the whole rollup in order (faster than through the hour index).
      const everything = !query.from && !query.to;
      const rollup = journeyId ? rollupJourney.all({ journeyId, from: fromHour, to: toHour }) : everything ? rollupEver.all() : rollupAll.all({ from: fromHour, to: toHour });
      for (const r of rollup) {
        total.delivery(r);
        byMessage.get(r.message_id, { messageId: r.message_id }).delivery(r);
        if (r.node_id) {
          let set = nodesOfMessage.get(r.message_id);
          if (!set) nodesOfMessage.set(r.message_id, (set = new Set()));
          set.add(r.node_id);
        }
        byMessagePlatform.get(`${r.message_id}|${r.platform}`, { messageId: r.message_id, platform: r.platform }).delivery(r);
        byPlatform.get(r.platform, { platform: r.platform }).delivery(r);
        byApp.get(`${r.app_id}|${r.platform}`, { appId: r.app_id, platform: r.platform }).delivery(r);
        byOrigin.get(r.origin, { origin: r.origin }).delivery(r);
        if (r.journey_id) byJourney.get(r.journey_id, { journeyId: r.journey_id }).delivery(r);
        seen(r.hour);
        const p = point(r.hour);
        if (r.outcome === 'queued') p.queued += r.n;
        else if (r.final && r.outcome === 'delivered') p.delivered += r.n;
        else if (r.final && FAILED.has(r.outcome)) p.failed += r.n;
      }

      const interactions = journeyId
        ? interactionsJourney.all({ journeyId, from: fromHour, to: toHour })
        : everything
          ? interactionsEver.all()
          : interactionsAll.all({ from: fromHour, to: toHour });
      for (const r of interactions) {
        total.interaction(r);
        if (r.message_id) byMessage.get(r.message_id, { messageId: r.message_id }).interaction(r);
        if (r.platform) {
          if (r.message_id) byMessagePlatform.get(`${r.message_id}|${r.platform}`, { messageId: r.message_id, platform: r.platform }).interaction(r);
          byPlatform.get(r.platform, { platform: r.platform }).interaction(r);
          if (r.app_id) byApp.get(`${r.app_id}|${r.platform}`, { appId: r.app_id, platform: r.platform }).interaction(r);
        }
        if (r.origin) byOrigin.get(r.origin, { origin: r.origin }).interaction(r);
        if (r.journey_id) byJourney.get(r.journey_id, { journeyId: r.journey_id }).interaction(r);
        seen(r.hour);
        const p = point(r.hour);
        if (r.kind === 'open') p.opens += r.n;
        else if (r.kind === 'action') p.actions += r.n;
      }

      const exclusions = journeyId ? exclusionsJourney.all({ journeyId, from: fromMs, to: toMs }) : exclusionsAll.all({ from: fromMs, to: toMs });
      for (const r of exclusions) {
        total.exclusion(r.reason, r.n);
        const messageId = messageOfNode(r.journey_id, r.version_id, r.node_id);
        if (messageId) byMessage.get(messageId, { messageId }).exclusion(r.reason, r.n);
        byOrigin.get(campaign.get(r.journey_id) ? 'campaign' : 'journey', { origin: campaign.get(r.journey_id) ? 'campaign' : 'journey' }).exclusion(r.reason, r.n);
        byJourney.get(r.journey_id, { journeyId: r.journey_id }).exclusion(r.reason, r.n);
      }

      // Over time: hours for up to three days, else days.
      const spanFrom = query.from ? fromHour : minHour;
      const spanTo = query.to ? toHour : maxHour;
      const spanHours = spanFrom <= spanTo && spanFrom !== MAX_HOUR ? (hourMs(spanTo) - hourMs(spanFrom)) / 3_600_000 : 0;
      const bucket: Report['bucket'] = spanHours <= 72 ? 'hour' : 'day';
      const bucketOf = (hour: string) => (bucket === 'hour' ? hourStart(hour) : `${hour.slice(0, 10)}T00:00:00.000Z`);
      if (spanFrom !== MAX_HOUR && spanHours <= 24 * 400) {
        // Every bucket of the span, empty ones too, so the chart's time axis is even.
        const step = bucket === 'hour' ? 3_600_000 : 86_400_000;
        const first = Date.parse(bucketOf(spanFrom));
        const last = query.to ? hourMs(toHour) - 1 : hourMs(spanTo);
        for (let t = first; t <= last; t += step) {
          const iso = new Date(t).toISOString();
          buckets.set(iso, { t: iso, queued: 0, delivered: 0, failed: 0, opens: 0, actions: 0 });
        }
      }
      for (const [hour, p] of hourly) {
        const key = bucketOf(hour);
        let b = buckets.get(key);
        if (!b) buckets.set(key, (b = { t: key, queued: 0, delivered: 0, failed: 0, opens: 0, actions: 0 }));
        b.queued += p.queued;
        b.delivered += p.delivered;
        b.failed += p.failed;
        b.opens += p.opens;
        b.actions += p.actions;
      }

      let journey: Report['journey'] = null;
      if (journeyId) {
        const totals = { entered: 0, exited: 0, inProgress: 0, failed: 0, refused: 0 };
        for (const r of entriesOf.all({ journeyId, from: fromMs, to: toMs })) {
          if (r.status === 'excluded' && r.reason === 'reentrance') {
            totals.refused += r.n;
            continue;
          }
          totals.entered += r.n;
          if (r.status === 'ended') totals.exited += r.n;
          else if (r.status === 'excluded') totals.failed += r.n;
          else totals.inProgress += r.n;
        }
        const keyed = new Map(countsOf.all(journeyId).map((r) => [r.key, r.n]));
        const waiting = new Map(waitingOf.all(journeyId).map((r) => [r.node_id, r.n]));
        const nodes = (current?.nodes ?? []).map((node) => {
          const excluded: Record<string, number> = {};
          for (const [key, n] of keyed) if (key.startsWith(`x:${node.id}:`)) excluded[key.slice(node.id.length + 3)] = n;
          return {
            nodeId: node.id,
            name: node.name ?? node.type,
            type: node.type,
            reached: keyed.get(`r:${node.id}`) ?? 0,
            waiting: waiting.get(node.id) ?? 0,
            ended: keyed.get(`end:${node.id}`) ?? 0,
            excluded,
          };
        });
        journey = { ...totals, nodes };
        // Messages of the journey's steps appear even before anything was sent.
        for (const node of current?.nodes ?? []) {
          const messageId = node.type === 'message' ? (node.config as { messageId?: string }).messageId : undefined;
          if (!messageId) continue;
          byMessage.get(messageId, { messageId });
          let set = nodesOfMessage.get(messageId);
          if (!set) nodesOfMessage.set(messageId, (set = new Set()));
          set.add(node.id);
        }
      }

      const breakdown = total.breakdown();
      const sortByDelivered = <T extends { measures: Measures }>(rows: T[]) => rows.sort((a, b) => b.measures.queued - a.measures.queued || b.measures.delivered - a.measures.delivered);
      const platformRows = (messageId: string) =>
        [...byMessagePlatform.map.values()].filter((g) => g.key.messageId === messageId).map((g) => ({ platform: g.key.platform, measures: g.acc.measures() }));
      return {
        kind: journeyId ? 'journey' : 'push',
        title: journeyId ? nameOfJourney(journeyId) : 'Push report',
        journeyId: journeyId ?? null,
        from: query.from ? hourStart(fromHour) : null,
        to: query.to ? hourStart(toHour) : null,
        generatedAt: clock.now().toISOString(),
        bucket,
        ...breakdown,
        journey,
        messages: [...byMessage.map.values()]
          .map((g) => ({
            messageId: g.key.messageId,
            name: messageName.get(g.key.messageId)?.name ?? g.key.messageId,
            nodeIds: [...(nodesOfMessage.get(g.key.messageId) ?? [])].sort(),
            ...g.acc.breakdown(),
            byPlatform: platformRows(g.key.messageId),
          }))
          .sort((a, b) => b.measures.targeted - a.measures.targeted || a.name.localeCompare(b.name)),
        byPlatform: sortByDelivered([...byPlatform.map.values()].map((g) => ({ platform: g.key.platform, measures: g.acc.measures() }))),
        byApp: sortByDelivered([...byApp.map.values()].map((g) => ({ ...g.key, measures: g.acc.measures() }))),
        byOrigin: [...byOrigin.map.values()].map((g) => ({ origin: g.key.origin, measures: g.acc.measures() })),
        byJourney: sortByDelivered([...byJourney.map.values()].map((g) => ({ journeyId: g.key.journeyId, name: nameOfJourney(g.key.journeyId), measures: g.acc.measures() }))),
        series: [...buckets.values()].sort((a, b) => a.t.localeCompare(b.t)),
        ms: Math.round(performance.now() - started),
      };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
