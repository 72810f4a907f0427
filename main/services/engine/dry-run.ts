import type { Rule } from '../../../shared/domain/audience.js';
import type { ChannelSummary } from '../../../shared/domain/channel.js';
import { type JourneyCounts, type JourneySettings, TIMEZONE_ATTRIBUTE } from '../../../shared/domain/engine.js';
import type { JourneyGraph, JourneyNode } from '../../../shared/domain/journey-graph.js';
import type { Message } from '../../../shared/domain/message.js';
import type { Platform } from '../../../shared/domain/profile.js';
import { renderMessage } from '../../../shared/render/render-message.js';
import { compileRule } from '../audiences/compile.js';
import { type ProfileFacts, evaluateRule } from '../audiences/evaluate.js';
import type { Db } from '../workspace/database.js';
import { CountMap, buildCounts } from './counts.js';
import { CAP_WINDOW_MS, checkSendRules, nextRun } from './rules.js';
import { type AppTarget, appsOfChannel, factsNeeded, renderChannelOf, rulesOf } from './targets.js';
import { type ProfileView, type SendResult, type WalkContext, walk } from './walk.js';

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

/** A rule whose answer doesn't depend on when it is asked. */
function timeless(rule: Rule): boolean {
  if (rule.kind === 'and' || rule.kind === 'or') return rule.rules.every(timeless);
  if (rule.kind === 'not') return timeless(rule.rule);
  if (rule.kind === 'event') return false;
  if (rule.kind === 'attribute') return rule.op !== 'withinLastDays';
  return true;
}
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
  const batchSize = input.batchSize ?? 2000;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const counts = new CountMap();
  const previews: DryRunResult['previews'] = {};

  // Conditions that don't depend on the time (attributes, devices, test profile) are computed by the
  // scan itself, compiled to SQL by the audience engine; the others (event history, "within the
  // last N days") are evaluated per profile at its virtual time.
  const rules = rulesOf(graph);
  const columns = new Map<Rule, string>();
  const columnSql: string[] = [];
  const columnParams: unknown[] = [];
  for (const rule of rules) {
    if (!timeless(rule) || columns.has(rule)) continue;
    const compiled = compileRule(rule, input.from);
    const name = `c${columns.size}`;
    columns.set(rule, name);
    columnSql.push(`(${compiled.where}) AS ${name}`);
    columnParams.push(...compiled.params);
  }
  const need = factsNeeded(rules.filter((r) => !columns.has(r)));
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
  const select = [
    'p.id',
    'p.is_test',
    ...(need.attributes ? ['json(p.attributes) AS a'] : []),
    ...(needZone ? [`p.attributes ->> '$.${TIMEZONE_ATTRIBUTE}' AS tz`] : []),
    ...columnSql,
  ].join(', ');

  /**
   * One walker for the whole run: the profile view and the walk context are reused from profile to
   * profile (no closures made per profile: a million profiles make that show).
   */
  class Walker implements ProfileView {
    id = 0;
    row!: Row;
    registrations: ProfileFacts['registrations'] = [];
    events: ProfileFacts['events'] = [];
    entry!: JourneyNode;
    cached: ProfileFacts | undefined;
    sends: number[] = [];
    readonly ctx: WalkContext;
    constructor() {
      this.ctx = {
        journeyId: input.journeyId,
        nodes,
        count: (key, id, n) => counts.add(key, id, n),
        evaluate: (rule, profile, at) => {
          const column = columns.get(rule);
          return column ? (this.row as unknown as Record<string, number>)[column] === 1 : evaluateRule(rule, profile.facts(), new Date(at));
        },
        send: (node, profile, at) => this.send(node, profile, at),
      };
    }
    facts(): ProfileFacts {
      return (this.cached ??= {
        attributes: this.row.a ? (JSON.parse(this.row.a) as Record<string, unknown>) : {},
        isTest: this.row.is_test === 1,
        registrations: this.registrations,
        events: this.events,
      });
    }
    zone(): string | undefined {
      return this.row.tz ?? undefined;
    }
    send(node: JourneyNode & { type: 'message' }, profile: ProfileView, at: number): SendResult {
      const target = targets.get(node.id);
      if (!target) return { kind: 'excluded', reason: 'no-channel' };
      const sends = this.sends;
      const held = checkSendRules(settings, profile.zone(), at, () => sends.filter((x) => x > at - CAP_WINDOW_MS).length);
      if (held) return held;
      let devices = 0;
      for (const reg of this.registrations) if (target.apps.some((a) => a.appId === reg.appId && a.platforms.includes(reg.platform))) devices += 1;
      if (devices === 0) return { kind: 'excluded', reason: 'no-device' };
      sends.push(at);
      const list = (previews[node.id] ??= []);
      if (list.length < PREVIEWS) list.push(preview(target, this.id, this.entry, this.events, at));
      return { kind: 'sent', devices };
    }
    walkOne(row: Row, registrations: ProfileFacts['registrations'], events: ProfileFacts['events'], entry: JourneyNode, t: number) {
      this.id = row.id;
      this.row = row;
      this.registrations = registrations;
      this.events = events;
      this.entry = entry;
      this.cached = undefined;
      if (this.sends.length) this.sends = [];
      counts.add(`in:${entry.id}`, row.id);
      const result = walk({ node: entry.id, phase: 'arrive', t, path: null }, this, this.ctx, horizon);
      if (result.status === 'waiting') counts.add(`w:${result.node}`, row.id);
    }
  }
  const walker = new Walker();

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
    const page = db.prepare<unknown[], Row>(`SELECT ${select} FROM profiles p WHERE p.id > ? AND (${where}) ORDER BY p.id LIMIT ?`);

    let afterId = 0;
    for (;;) {
      if (input.signal?.aborted) throw new Error('The dry run was cancelled.');
      const rows = page.all(...columnParams, afterId, ...params, batchSize);
      if (rows.length === 0) break;
      const lo = rows[0]!.id;
      const hi = rows.at(-1)!.id;
      afterId = hi;
      // Devices and events of the batch: one range scan each, ordered by profile, merged with the rows.
      const regs = needRegistrations ? regStmt.all(lo, hi) : [];
      const evs = need.events || entry.type === 'entry.event' ? eventStmt.all(lo, hi) : [];
      let ri = 0;
      let ei = 0;
      for (const row of rows) {
        while (ri < regs.length && regs[ri]!.profile_id < row.id) ri += 1;
        const registrations: ProfileFacts['registrations'] = [];
        for (; ri < regs.length && regs[ri]!.profile_id === row.id; ri += 1) registrations.push({ appId: regs[ri]!.app_id, platform: regs[ri]!.platform, status: 'valid' });
        while (ei < evs.length && evs[ei]!.profile_id < row.id) ei += 1;
        const events: ProfileFacts['events'] = [];
        for (; ei < evs.length && evs[ei]!.profile_id === row.id; ei += 1) events.push({ type: evs[ei]!.type, timestamp: evs[ei]!.timestamp });
        walker.walkOne(row, registrations, events, entry, enterAt);
      }
      await yieldToLoop();
    }
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
