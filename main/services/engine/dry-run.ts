import type { Rule } from '../../../shared/domain/audience.js';
import type { ChannelSummary } from '../../../shared/domain/channel.js';
import { type JourneyCounts, type JourneySettings, TIMEZONE_ATTRIBUTE } from '../../../shared/domain/engine.js';
import type { JourneyGraph, JourneyNode } from '../../../shared/domain/journey-graph.js';
import type { Message } from '../../../shared/domain/message.js';
import type { Platform } from '../../../shared/domain/profile.js';
import { renderMessage } from '../../../shared/render/render-message.js';
import { compileRule } from '../audiences/compile.js';
import type { ProfileFacts } from '../audiences/evaluate.js';
import type { Db } from '../workspace/database.js';
import { CountMap, buildCounts } from './counts.js';
import { CAP_WINDOW_MS, checkSendRules, nextRun } from './rules.js';
import { type AppTarget, appsOfChannel, factsNeeded, renderChannelOf, rulesOf } from './targets.js';
import { type ProfileView, type SendResult, type WalkContext, type WalkState, walk } from './walk.js';

export interface DryRunInput {
  db: Db;
  journeyId: string;
  versionId: string;
  graph: JourneyGraph;
  settings: JourneySettings;
  messages: ReadonlyMap<string, Message>;
  channels: ReadonlyMap<string, ChannelSummary>;
  audiences: ReadonlyMap<string, Rule>;
  /** Start of the simulated time (virtual clock). */
  from: Date;
  days: number;
  /** Profiles per batch; the event loop is given back between batches. */
  batchSize?: number;
  /** Only test profiles (test mode's view of a dry run). */
  testOnly?: boolean;
  signal?: AbortSignal;
}

export interface DryRunResult extends JourneyCounts {
  /** A personalised look at each push step for a few of its profiles. */
  previews: Record<string, { profileId: number; title: string; body: string }[]>;
}

const PREVIEWS = 3;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Row {
  id: number;
  is_test: number;
  a?: string;
  tz?: string | null;
}

/**
 * A dry run: every profile an entry admits walks the journey in virtual time, from `from` for
 * `days`, without sending anything. The journey's own rules apply (quiet hours, the frequency cap
 * over the pushes of this run). Profiles are read in keyset batches with only the facts the rules
 * read (attributes, devices, events), and walked one by one start to finish: profiles don't
 * interact, so nothing per profile is kept once it has been walked.
 */
export async function dryRun(input: DryRunInput): Promise<DryRunResult> {
  const started = performance.now();
  const { db, graph, settings } = input;
  const from = input.from.getTime();
  const horizon = from + input.days * 86_400_000;
  const batchSize = input.batchSize ?? 5000;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const counts = new CountMap();
  const previews: DryRunResult['previews'] = {};

  const need = factsNeeded(rulesOf(graph));
  const needZone =
    settings.quietHours !== null || graph.nodes.some((n) => n.type === 'timeCondition' || (n.type === 'wait' && n.config.kind === 'timeOfDay'));
  const messageNodes = graph.nodes.filter((n): n is JourneyNode & { type: 'message' } => n.type === 'message');
  const targets = new Map<string, { message: Message; apps: AppTarget[]; channel: ChannelSummary } | null>();
  for (const node of messageNodes) {
    const id = node.config.messageId;
    const message = id ? input.messages.get(id) : undefined;
    const channel = message?.channelId ? input.channels.get(message.channelId) : undefined;
    targets.set(node.id, message && channel ? { message, channel, apps: appsOfChannel(channel) } : null);
  }
  const needRegistrations = need.registrations || messageNodes.length > 0;

  const regStmt = db.prepare<[number, number], { profile_id: number; app_id: string; platform: Platform }>(
    "SELECT profile_id, app_id, platform FROM push_registrations WHERE profile_id BETWEEN ? AND ? AND status = 'valid' ORDER BY profile_id",
  );
  const eventStmt = db.prepare<[number, number], { profile_id: number; type: string; timestamp: string }>(
    'SELECT profile_id, type, timestamp FROM experience_events WHERE profile_id BETWEEN ? AND ? ORDER BY profile_id, id',
  );
  const columns = `p.id, p.is_test${need.attributes ? ', json(p.attributes) AS a' : ''}${needZone ? `, p.attributes ->> '$.${TIMEZONE_ATTRIBUTE}' AS tz` : ''}`;

  for (const entry of graph.nodes) {
    if (entry.type !== 'entry.audience' && entry.type !== 'entry.event') continue;
    let where: string;
    let params: unknown[];
    let enterAt = from;
    if (entry.type === 'entry.audience') {
      const rule = entry.config.audienceId ? input.audiences.get(entry.config.audienceId) : undefined;
      const first = nextRun(entry.config.schedule, from);
      if (!rule || first === null || first > horizon) continue;
      enterAt = Math.max(from, first);
      ({ where, params } = compileRule(rule, new Date(enterAt)));
    } else {
      if (!entry.config.eventType) continue;
      // Events can't arrive in virtual time: profiles who did the event before enter at the start.
      where = 'p.id IN (SELECT profile_id FROM experience_events WHERE type = ?)';
      params = [entry.config.eventType];
    }
    if (input.testOnly) where = `(${where}) AND p.is_test = 1`;
    const page = db.prepare<unknown[], Row>(`SELECT ${columns} FROM profiles p WHERE p.id > ? AND (${where}) ORDER BY p.id LIMIT ?`);

    let afterId = 0;
    for (;;) {
      if (input.signal?.aborted) throw new Error('The dry run was cancelled.');
      const rows = page.all(afterId, ...params, batchSize);
      if (rows.length === 0) break;
      const lo = rows[0]!.id;
      const hi = rows.at(-1)!.id;
      afterId = hi;
      // Devices and events of the batch, grouped by profile (one range scan each, not one query per profile).
      const regs = new Map<number, ProfileFacts['registrations']>();
      if (needRegistrations) {
        for (const r of regStmt.iterate(lo, hi)) {
          let list = regs.get(r.profile_id);
          if (!list) regs.set(r.profile_id, (list = []));
          list.push({ appId: r.app_id, platform: r.platform, status: 'valid' });
        }
      }
      const events = new Map<number, ProfileFacts['events']>();
      if (need.events || entry.type === 'entry.event') {
        for (const e of eventStmt.iterate(lo, hi)) {
          let list = events.get(e.profile_id);
          if (!list) events.set(e.profile_id, (list = []));
          list.push({ type: e.type, timestamp: e.timestamp });
        }
      }
      for (const row of rows) walkOne(row, regs.get(row.id) ?? [], events.get(row.id) ?? [], entry, enterAt);
      await yieldToLoop();
    }
  }

  function walkOne(row: Row, registrations: ProfileFacts['registrations'], events: ProfileFacts['events'], entry: JourneyNode, t: number) {
    let facts: ProfileFacts | undefined;
    const sends: number[] = [];
    const view: ProfileView = {
      id: row.id,
      facts: () => (facts ??= { attributes: row.a ? (JSON.parse(row.a) as Record<string, unknown>) : {}, isTest: row.is_test === 1, registrations, events }),
      zone: () => row.tz ?? undefined,
    };
    const ctx: WalkContext = {
      journeyId: input.journeyId,
      nodes,
      count: (key, id, n) => counts.add(key, id, n),
      send: (node, profile, at): SendResult => {
        const target = targets.get(node.id);
        if (!target) return { kind: 'excluded', reason: 'no-channel' };
        const held = checkSendRules(settings, profile.zone(), at, () => sends.filter((s) => s > at - CAP_WINDOW_MS).length);
        if (held) return held;
        let devices = 0;
        for (const reg of registrations) if (target.apps.some((a) => a.appId === reg.appId && a.platforms.includes(reg.platform))) devices += 1;
        if (devices === 0) return { kind: 'excluded', reason: 'no-device' };
        sends.push(at);
        const list = (previews[node.id] ??= []);
        if (list.length < PREVIEWS) list.push(preview(target, row.id, entry, events, at));
        return { kind: 'sent', devices };
      },
    };
    counts.add(`in:${entry.id}`, row.id);
    const state: WalkState = { node: entry.id, phase: 'arrive', t, path: [] };
    const result = walk(state, view, ctx, horizon);
    if (result.status === 'waiting') counts.add(`w:${result.node}`, row.id);
  }

  function preview(target: { message: Message; channel: ChannelSummary }, profileId: number, entry: JourneyNode, events: ProfileFacts['events'], at: number) {
    const row = db.prepare<[number], { a: string }>('SELECT json(attributes) AS a FROM profiles WHERE id = ?').get(profileId);
    const event = entry.type === 'entry.event' ? events.filter((e) => e.type === entry.config.eventType).at(-1) : undefined;
    const rendered = renderMessage(target.message.content, {
      channel: renderChannelOf(target.channel),
      profile: row ? (JSON.parse(row.a) as Record<string, unknown>) : {},
      event: event ? { type: event.type, timestamp: event.timestamp } : undefined,
      now: new Date(at),
    });
    return { profileId, title: rendered.texts.ios.title, body: rendered.texts.ios.body };
  }

  const result = buildCounts(graph, counts.map, {
    versionId: input.versionId,
    mode: 'dry',
    from: new Date(from).toISOString(),
    until: new Date(horizon).toISOString(),
    ms: Math.round(performance.now() - started),
  });
  return { ...result, previews };
}
