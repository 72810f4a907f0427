import type { Rule } from '../../../shared/domain/audience.js';
import type { ChannelSummary } from '../../../shared/domain/channel.js';
import {
  type Campaign,
  type JourneyCounts,
  type JourneySettings,
  SAMPLE_SIZE,
  TIMEZONE_ATTRIBUTE,
  type TestEntry,
  defaultJourneySettings,
  journeySettingsSchema,
} from '../../../shared/domain/engine.js';
import type { JourneyGraph, JourneyNode } from '../../../shared/domain/journey-graph.js';
import type { Message } from '../../../shared/domain/message.js';
import type { OutboxItem } from '../../../shared/domain/outbox.js';
import type { Platform } from '../../../shared/domain/profile.js';
import { StudioError } from '../../../shared/errors.js';
import { type JsonObject, renderMessage } from '../../../shared/render/render-message.js';
import { compileRule } from '../audiences/compile.js';
import { type ProfileFacts, evaluateRule } from '../audiences/evaluate.js';
import type { ChannelsService } from '../channels/channels-service.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { VersionsService } from '../journeys/versions-service.js';
import type { Logger } from '../log.js';
import type { MessagesService } from '../messages/messages-service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { Db } from '../workspace/database.js';
import { CountMap, type Tally, buildCounts } from './counts.js';
import { type DryRunResult, dryRun } from './dry-run.js';
import { CAP_WINDOW_MS, checkSendRules, nextRun } from './rules.js';
import { appsOfChannel, renderChannelOf } from './targets.js';
import { type PathStep, type ProfileView, type SendResult, type WalkContext, type WalkResult, type WalkState, walk } from './walk.js';

export type EngineMode = 'live' | 'test';

/** An event that happened to a profile (imported, from a simulated device, fired in test mode). */
export interface ProfileEvent {
  id?: number;
  type: string;
  timestamp: string;
  attributes?: Record<string, unknown>;
}

export interface EngineDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  versions: VersionsService;
  messages: MessagesService;
  channels: ChannelsService;
  store: ProfileStore;
  outbox: Outbox;
  /** Told which versions' counts moved (the core turns it into engine.changed events). */
  onChange(versionId: string, mode: EngineMode): void;
  /** Test mode: how long a wait lasts at most (ms); default 5 s. */
  testWaitMs?: number;
}

interface EntryRow {
  id: number;
  journey_id: string;
  version_id: string;
  mode: EngineMode;
  profile_id: number;
  entry_key: string;
  entry_node: string;
  node_id: string;
  phase: WalkState['phase'];
  status: 'active' | 'waiting' | 'ended' | 'excluded';
  reason: string | null;
  wake_at: number | null;
  wait_event: string | null;
  wait_condition: string | null;
  t: number;
  event: string | null;
  path: string;
  entered_at: number;
}

interface CampaignRow {
  id: string;
  name: string;
  message_id: string;
  audience_id: string;
  send_at: number;
  status: Campaign['status'];
  settings: string;
  created_at: string;
}

interface Plan {
  journeyId: string;
  versionId: string;
  graph: JourneyGraph;
  nodes: Map<string, JourneyNode>;
  settings: JourneySettings;
  origin: OutboxItem['origin'];
  /** Whether profiles may still enter / move (a stopped version: no). */
  accepting: boolean;
  moving: boolean;
}

const BATCH = 500;
const MAX_TIMER_MS = 60_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const campaignGraph = (audienceId: string, messageId: string): JourneyGraph => ({
  nodes: [
    { id: 'n_entry', type: 'entry.audience', config: { audienceId, schedule: { kind: 'once' } }, next: { next: 'n_message' } },
    { id: 'n_message', type: 'message', config: { messageId }, next: { next: 'n_end' } },
    { id: 'n_end', type: 'end', config: {}, next: {} },
  ],
});

/**
 * The live journey engine. Profiles' places in journeys are rows of engine_entries; every move of
 * an entry (its walk from one waiting point to the next, the pushes it writes to the outbox, the
 * counts it bumps) is one SQLite transaction, so a crash or a restart leaves each entry either
 * before or after a move, never half-way, and the outbox's dedupe keys (journey, version, node,
 * profile, entry, device) make a re-run of a move write nothing twice. The scheduler wakes entries
 * whose wait is over and runs audience entries when their schedule comes, with the real clock in
 * the app; tests drive `tick()` with a virtual clock.
 */
export function createEngine(deps: EngineDeps) {
  const { db, clock, logger } = deps;
  const testWaitMs = deps.testWaitMs ?? 5000;
  const s = {
    entry: db.prepare<[number], EntryRow>('SELECT * FROM engine_entries WHERE id = ?'),
    due: db.prepare<[number, number], { id: number }>(
      "SELECT id FROM engine_entries WHERE status IN ('active', 'waiting') AND wake_at <= ? ORDER BY wake_at, id LIMIT ?",
    ),
    nextWake: db.prepare<[], { t: number | null }>("SELECT min(wake_at) AS t FROM engine_entries WHERE status IN ('active', 'waiting')"),
    insertEntry: db.prepare(
      `INSERT OR IGNORE INTO engine_entries (journey_id, version_id, mode, profile_id, entry_key, entry_node, node_id, phase, status, t, event, wake_at, entered_at, updated_at)
       VALUES (@journeyId, @versionId, @mode, @profileId, @entryKey, @node, @node, 'arrive', @status, @t, @event, @t, @t, @t)`,
    ),
    refuse: db.prepare(`UPDATE engine_entries SET status = 'excluded', reason = 'reentrance', wake_at = NULL WHERE id = ?`),
    lastEntry: db.prepare<[string, string, number, number], { at: number | null }>(
      "SELECT max(entered_at) AS at FROM engine_entries WHERE journey_id = ? AND mode = ? AND profile_id = ? AND id != ? AND (reason IS NULL OR reason != 'reentrance')",
    ),
    saveEntry: db.prepare(
      `UPDATE engine_entries SET node_id = @node, phase = @phase, status = @status, reason = @reason, wake_at = @wakeAt, wait_event = @waitEvent,
         wait_condition = @waitCondition, t = @t, path = @path, updated_at = @now WHERE id = @id`,
    ),
    waitingFor: db.prepare<[number, string], EntryRow>("SELECT * FROM engine_entries WHERE profile_id = ? AND wait_event = ? AND status = 'waiting'"),
    bump: db.prepare('INSERT INTO engine_counts (version_id, mode, key, n) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n'),
    sample: db.prepare('INSERT OR IGNORE INTO engine_samples (version_id, mode, key, profile_id) VALUES (?, ?, ?, ?)'),
    counts: db.prepare<[string, string], { key: string; n: number }>('SELECT key, n FROM engine_counts WHERE version_id = ? AND mode = ?'),
    samples: db.prepare<[string, string], { key: string; profile_id: number }>('SELECT key, profile_id FROM engine_samples WHERE version_id = ? AND mode = ? ORDER BY key, profile_id'),
    waiting: db.prepare<[string, string], { node_id: string; n: number }>(
      "SELECT node_id, count(*) AS n FROM engine_entries WHERE version_id = ? AND mode = ? AND status = 'waiting' GROUP BY node_id",
    ),
    waitingSample: db.prepare<[string, string, string], { profile_id: number }>(
      `SELECT profile_id FROM engine_entries WHERE version_id = ? AND mode = ? AND status = 'waiting' AND node_id = ? ORDER BY id LIMIT ${SAMPLE_SIZE}`,
    ),
    sendsSince: db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM engine_sends WHERE profile_id = ? AND at > ?'),
    recordSend: db.prepare('INSERT OR IGNORE INTO engine_sends (profile_id, at, journey_id, entry_id, node_id) VALUES (?, ?, ?, ?, ?)'),
    dueSchedules: db.prepare<[number], { version_id: string; node_id: string; mode: EngineMode; next_run: number }>(
      'SELECT * FROM engine_schedules WHERE next_run IS NOT NULL AND next_run <= ? ORDER BY next_run',
    ),
    nextSchedule: db.prepare<[], { t: number | null }>('SELECT min(next_run) AS t FROM engine_schedules'),
    schedule: db.prepare('INSERT OR IGNORE INTO engine_schedules (version_id, node_id, mode, next_run) VALUES (?, ?, ?, ?)'),
    setSchedule: db.prepare('UPDATE engine_schedules SET next_run = ?, last_run = ? WHERE version_id = ? AND node_id = ? AND mode = ?'),
    schedulesOf: db.prepare<[string], { node_id: string; mode: string }>('SELECT node_id, mode FROM engine_schedules WHERE version_id = ?'),
    dropSchedules: db.prepare('DELETE FROM engine_schedules WHERE version_id = ? AND mode = ?'),
    settings: db.prepare<[string], { settings: string }>('SELECT settings FROM journey_settings WHERE journey_id = ?'),
    saveSettings: db.prepare(
      'INSERT INTO journey_settings (journey_id, settings, updated_at) VALUES (?, ?, ?) ON CONFLICT (journey_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at',
    ),
    audience: db.prepare<[string], { rule: string }>('SELECT rule FROM audiences WHERE id = ? AND deleted_at IS NULL'),
    audiences: db.prepare<[], { id: string; rule: string }>('SELECT id, rule FROM audiences WHERE deleted_at IS NULL'),
    profile: db.prepare<[number], { a: string; is_test: number; tz: string | null }>(
      `SELECT json(attributes) AS a, is_test, attributes ->> '$.${TIMEZONE_ATTRIBUTE}' AS tz FROM profiles WHERE id = ?`,
    ),
    regs: db.prepare<[number], { app_id: string; platform: Platform; status: ProfileFacts['registrations'][number]['status'] }>(
      'SELECT app_id, platform, status FROM push_registrations WHERE profile_id = ?',
    ),
    events: db.prepare<[number], { type: string; timestamp: string }>('SELECT type, timestamp FROM experience_events WHERE profile_id = ? ORDER BY id DESC LIMIT 5000'),
    tests: db.prepare<[], { version_id: string }>('SELECT version_id FROM engine_tests'),
    isTest: db.prepare<[string], { version_id: string }>('SELECT version_id FROM engine_tests WHERE version_id = ?'),
    startTest: db.prepare('INSERT OR REPLACE INTO engine_tests (version_id, started_at) VALUES (?, ?)'),
    clearTest: [
      db.prepare("DELETE FROM engine_entries WHERE version_id = ? AND mode = 'test'"),
      db.prepare("DELETE FROM engine_counts WHERE version_id = ? AND mode = 'test'"),
      db.prepare("DELETE FROM engine_samples WHERE version_id = ? AND mode = 'test'"),
      db.prepare("DELETE FROM engine_schedules WHERE version_id = ? AND mode = 'test'"),
      db.prepare('DELETE FROM engine_tests WHERE version_id = ?'),
    ],
    testEntries: db.prepare<[string], EntryRow>("SELECT * FROM engine_entries WHERE version_id = ? AND mode = 'test' ORDER BY id DESC LIMIT 50"),
    stopWaiting: db.prepare<[string], { id: number; profile_id: number; node_id: string }>(
      "SELECT id, profile_id, node_id FROM engine_entries WHERE version_id = ? AND mode = 'live' AND status IN ('active', 'waiting')",
    ),
    campaign: db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE id = ?'),
    campaigns: db.prepare<[], CampaignRow>('SELECT * FROM campaigns ORDER BY send_at DESC, id'),
    insertCampaign: db.prepare(
      `INSERT INTO campaigns (id, name, message_id, audience_id, send_at, status, settings, created_at, updated_at)
       VALUES (@id, @name, @messageId, @audienceId, @sendAt, 'scheduled', @settings, @now, @now)`,
    ),
    campaignStatus: db.prepare('UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ?'),
  };

  // ---- plans: what a version (or campaign) runs ------------------------------------------------
  const settingsOf = (journeyId: string): JourneySettings => {
    const row = s.settings.get(journeyId);
    return row ? journeySettingsSchema.parse(JSON.parse(row.settings)) : defaultJourneySettings();
  };
  function plan(versionId: string, mode: EngineMode): Plan | undefined {
    if (versionId.startsWith('cmp_')) {
      const c = s.campaign.get(versionId);
      if (!c) return undefined;
      const graph = campaignGraph(c.audience_id, c.message_id);
      const running = c.status === 'scheduled' || c.status === 'running';
      return {
        journeyId: c.id,
        versionId: c.id,
        graph,
        nodes: new Map(graph.nodes.map((n) => [n.id, n])),
        settings: journeySettingsSchema.parse(JSON.parse(c.settings)),
        origin: 'campaign',
        accepting: running,
        moving: running,
      };
    }
    let version;
    try {
      version = deps.versions.get(versionId);
    } catch {
      return undefined;
    }
    const testing = mode === 'test' && s.isTest.get(versionId) !== undefined;
    return {
      journeyId: version.journeyId,
      versionId,
      graph: version.graph,
      nodes: new Map(version.graph.nodes.map((n) => [n.id, n])),
      settings: settingsOf(version.journeyId),
      origin: mode === 'test' ? 'test' : 'journey',
      accepting: mode === 'test' ? testing : version.status === 'live',
      // A closed version (a newer one went live) lets the profiles in it finish; a stopped one doesn't.
      moving: mode === 'test' ? testing : version.status === 'live' || version.status === 'closed',
    };
  }

  // ---- one profile -------------------------------------------------------------------------------
  function view(profileId: number, extraEvent?: ProfileEvent): ProfileView {
    let row: { a: string; is_test: number; tz: string | null } | undefined;
    let facts: ProfileFacts | undefined;
    const load = () => (row ??= s.profile.get(profileId) ?? { a: '{}', is_test: 0, tz: null });
    return {
      id: profileId,
      zone: () => load().tz ?? undefined,
      facts: () => {
        if (facts) return facts;
        const r = load();
        const events = s.events.all(profileId);
        if (extraEvent && !events.some((e) => e.type === extraEvent.type && e.timestamp === extraEvent.timestamp)) events.unshift(extraEvent);
        facts = {
          attributes: JSON.parse(r.a) as Record<string, unknown>,
          isTest: r.is_test === 1,
          registrations: s.regs.all(profileId).map((g) => ({ appId: g.app_id, platform: g.platform, status: g.status })),
          events,
        };
        return facts;
      },
    };
  }

  const messageCache = new Map<string, { message: Message; channel: ChannelSummary } | null>();
  function target(messageId: string | undefined) {
    if (!messageId) return null;
    if (!messageCache.has(messageId)) {
      let found: { message: Message; channel: ChannelSummary } | null = null;
      try {
        const message = deps.messages.get(messageId);
        if (message.channelId) found = { message, channel: deps.channels.get(message.channelId) };
      } catch {
        found = null;
      }
      messageCache.set(messageId, found);
    }
    return messageCache.get(messageId)!;
  }

  /** Walks one entry on, in the caller's transaction; persists where it stopped. */
  function move(entry: EntryRow, p: Plan, now: number, phase?: WalkState['phase'], event?: ProfileEvent): WalkResult {
    const counts = new CountMap();
    const profile = view(entry.profile_id, event);
    const entryEvent = entry.event ? (JSON.parse(entry.event) as ProfileEvent) : undefined;
    const ctx: WalkContext = {
      journeyId: p.journeyId,
      nodes: p.nodes,
      count: (key, id, n) => counts.add(key, id, n),
      compressWaitsTo: entry.mode === 'test' ? testWaitMs : undefined,
      send: (node, pv, t): SendResult => {
        const found = target(node.config.messageId);
        if (!found) return { kind: 'excluded', reason: 'no-channel' };
        const held = checkSendRules(p.settings, pv.zone(), t, () => s.sendsSince.get(pv.id, t - CAP_WINDOW_MS)!.n);
        if (held) return held.kind === 'hold' && entry.mode === 'test' ? { kind: 'hold', until: Math.min(held.until, t + testWaitMs) } : held;
        const apps = appsOfChannel(found.channel);
        const seen = new Set<number>();
        const devices = apps.flatMap((app) =>
          deps.store.reachableDevices(pv.id, app.appId).filter((d) => app.platforms.includes(d.platform) && !seen.has(d.registrationId) && seen.add(d.registrationId)),
        );
        if (devices.length === 0) return { kind: 'excluded', reason: 'no-device' };
        const rendered = renderMessage(found.message.content, {
          channel: renderChannelOf(found.channel),
          profile: pv.facts().attributes,
          event: entryEvent,
          now: new Date(t),
        });
        const ttl = p.settings.ttlSeconds ?? found.message.content.ttlSeconds;
        const items: OutboxItem[] = devices.map((d) => ({
          messageId: found.message.id,
          channelId: found.channel.id,
          origin: p.origin,
          journeyId: p.journeyId,
          versionId: p.versionId,
          nodeId: node.id,
          runId: `ent_${entry.id}`,
          profileId: pv.id,
          platform: d.platform,
          appId: d.appId,
          token: d.token,
          request:
            d.platform === 'fcm'
              ? { kind: 'fcm', message: { ...(rendered.fcm as JsonObject), token: d.token } }
              : { kind: 'apns', headers: rendered.apns.headers, payload: rendered.apns.payload },
          notBefore: new Date(t).toISOString(),
          ...(ttl !== null ? { expiresAt: new Date(t + ttl * 1000).toISOString() } : {}),
          dedupeKey: `${p.origin}:${p.journeyId}:${p.versionId}:${node.id}:${pv.id}:${entry.id}:${d.registrationId}`,
        }));
        const added = deps.outbox.enqueue(items);
        s.recordSend.run(pv.id, t, p.journeyId, entry.id, node.id);
        counts.add(`p:${node.id}`, pv.id, added);
        return { kind: 'sent', devices: devices.length };
      },
    };
    // A wait that ended goes on from when it ended (a virtual clock moved far ahead replays each step
    // at its own time); an event goes on from now.
    const t = phase === 'event' ? now : Math.max(entry.t, Math.min(now, entry.wake_at ?? now));
    const state: WalkState = { node: entry.node_id, phase: phase ?? entry.phase, t, path: JSON.parse(entry.path) as PathStep[] };
    const result = walk(state, profile, ctx, now);
    s.saveEntry.run({
      id: entry.id,
      node: result.node,
      phase: state.phase,
      status: result.status,
      reason: result.status === 'excluded' ? result.reason : null,
      wakeAt: result.status === 'waiting' ? result.until : null,
      waitEvent: result.status === 'waiting' ? (result.waitingFor?.type ?? null) : null,
      waitCondition: result.status === 'waiting' && result.waitingFor?.condition ? JSON.stringify(result.waitingFor.condition) : null,
      t: result.t,
      path: JSON.stringify(state.path),
      now,
    });
    flushCounts(p.versionId, entry.mode, counts.map);
    touched.add(`${p.versionId}|${entry.mode}`);
    return result;
  }

  function flushCounts(versionId: string, mode: EngineMode, tallies: ReadonlyMap<string, Tally>) {
    for (const [key, tally] of tallies) {
      if (tally.n === 0) continue;
      const { n } = s.bump.get(versionId, mode, key, tally.n) as { n: number };
      if (n - tally.n < SAMPLE_SIZE) for (const id of tally.sample.slice(0, SAMPLE_SIZE - (n - tally.n))) s.sample.run(versionId, mode, key, id);
    }
  }

  /** Enters a profile (idempotent by entry key) and walks it; undefined when it was already in. */
  function enter(p: Plan, mode: EngineMode, entryNode: string, profileId: number, entryKey: string, now: number, event?: ProfileEvent): WalkResult | 'refused' | undefined {
    const info = s.insertEntry.run({
      journeyId: p.journeyId,
      versionId: p.versionId,
      mode,
      profileId,
      entryKey,
      node: entryNode,
      status: 'active',
      t: now,
      event: event ? JSON.stringify(event) : null,
    });
    if (info.changes === 0) return undefined;
    const id = Number(info.lastInsertRowid);
    const last = s.lastEntry.get(p.journeyId, mode, profileId, id)?.at ?? null;
    const re = p.settings.reentrance;
    if (last !== null && (!re.allowed || now - last < re.minGapSeconds * 1000)) {
      s.refuse.run(id);
      const counts = new CountMap();
      counts.add(`refused:${entryNode}`, profileId);
      flushCounts(p.versionId, mode, counts.map);
      touched.add(`${p.versionId}|${mode}`);
      return 'refused';
    }
    const counts = new CountMap();
    counts.add(`in:${entryNode}`, profileId);
    flushCounts(p.versionId, mode, counts.map);
    return move(s.entry.get(id)!, p, now);
  }

  // ---- the scheduler -----------------------------------------------------------------------------
  const touched = new Set<string>();
  const emitTouched = () => {
    for (const key of touched) {
      const [versionId, mode] = key.split('|') as [string, EngineMode];
      deps.onChange(versionId, mode);
    }
    touched.clear();
  };

  /** Runs one audience entry: every matching profile enters, a page per transaction. */
  async function runAudienceEntry(versionId: string, nodeId: string, mode: EngineMode, runAt: number) {
    const p = plan(versionId, mode);
    const node = p?.nodes.get(nodeId);
    if (!p || !p.accepting || node?.type !== 'entry.audience' || !node.config.audienceId) return;
    const audience = s.audience.get(node.config.audienceId);
    if (!audience) {
      logger.info(`Journey ${p.journeyId}: its audience ${node.config.audienceId} no longer exists; nobody entered.`);
      return;
    }
    const { where, params } = compileRule(JSON.parse(audience.rule) as Rule, new Date(runAt));
    const page = db.prepare<unknown[], { id: number }>(
      `SELECT p.id FROM profiles p WHERE p.id > ? AND (${where})${mode === 'test' ? ' AND p.is_test = 1' : ''} ORDER BY p.id LIMIT ${BATCH}`,
    );
    let afterId = 0;
    for (;;) {
      const ids = page.all(afterId, ...params).map((r) => r.id);
      if (ids.length === 0) break;
      afterId = ids.at(-1)!;
      db.transaction(() => {
        for (const id of ids) enter(p, mode, nodeId, id, `${nodeId}@${runAt}`, clock.now().getTime());
      })();
      emitTouched();
      await yieldToLoop();
    }
  }

  let ticking: Promise<void> | undefined;
  /** Runs everything that is due now: scheduled entries, then entries whose wait is over. */
  function tick(): Promise<void> {
    if (ticking) return ticking;
    const run = (async () => {
      try {
        let now = clock.now().getTime();
        for (const due of s.dueSchedules.all(now)) {
          const p = plan(due.version_id, due.mode);
          const node = p?.nodes.get(due.node_id);
          const next = node?.type === 'entry.audience' && node.config.schedule.kind !== 'once' ? nextRun(node.config.schedule, due.next_run + 60_000) : null;
          if (due.version_id.startsWith('cmp_')) s.campaignStatus.run('running', new Date(now).toISOString(), due.version_id);
          await runAudienceEntry(due.version_id, due.node_id, due.mode, due.next_run);
          s.setSchedule.run(next, due.next_run, due.version_id, due.node_id, due.mode);
          if (due.version_id.startsWith('cmp_')) s.campaignStatus.run('done', new Date(now).toISOString(), due.version_id);
        }
        const plans = new Map<string, Plan | undefined>();
        for (;;) {
          now = clock.now().getTime();
          const ids = s.due.all(now, BATCH);
          if (ids.length === 0) break;
          db.transaction(() => {
            for (const { id } of ids) {
              const entry = s.entry.get(id)!;
              const key = `${entry.version_id}|${entry.mode}`;
              if (!plans.has(key)) plans.set(key, plan(entry.version_id, entry.mode));
              const p = plans.get(key);
              if (!p || !p.moving) {
                s.saveEntry.run({ id, node: entry.node_id, phase: entry.phase, status: 'excluded', reason: 'stopped', wakeAt: null, waitEvent: null, waitCondition: null, t: entry.t, path: entry.path, now });
                continue;
              }
              move(entry, p, now);
            }
          })();
          emitTouched();
          await yieldToLoop();
        }
      } finally {
        messageCache.clear();
      }
    })();
    // Cleared in a later turn (finally callbacks are async), so that a tick with nothing to do
    // can't leave a settled promise behind.
    ticking = run.finally(() => {
      ticking = undefined;
      arm();
    });
    return ticking;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  /** Sets the timer for the next due moment (real clock only). */
  function arm() {
    if (!running) return;
    clearTimeout(timer);
    const next = Math.min(s.nextWake.get()?.t ?? Infinity, s.nextSchedule.get()?.t ?? Infinity);
    const delay = Math.max(0, Math.min(MAX_TIMER_MS, next - clock.now().getTime()));
    timer = setTimeout(() => void tick().catch((error: unknown) => logger.error('The journey engine failed a tick', error)), delay);
    timer.unref?.();
  }

  /** Makes sure every live version's audience entries are scheduled (after publish, at start). */
  function sync() {
    const now = clock.now().getTime();
    for (const version of deps.versions.live()) {
      for (const node of version.graph.nodes) {
        if (node.type === 'entry.audience') s.schedule.run(version.id, node.id, 'live', nextRun(node.config.schedule, now));
      }
    }
  }

  // ---- events ------------------------------------------------------------------------------------
  const eventQueue: { profileId: number; event: ProfileEvent }[] = [];
  let draining: Promise<void> | undefined;

  function handleEvent(profileId: number, event: ProfileEvent, now: number) {
    // 1. Entries waiting for this event.
    for (const entry of s.waitingFor.all(profileId, event.type)) {
      const p = plan(entry.version_id, entry.mode);
      if (!p?.moving) continue;
      const condition = entry.wait_condition ? (JSON.parse(entry.wait_condition) as Rule) : undefined;
      if (condition && !evaluateRule(condition, view(profileId, event).facts(), new Date(now))) continue;
      move(entry, p, now, 'event', event);
    }
    // 2. Journeys an event starts: live versions, and drafts in test mode for test profiles.
    const candidates: { versionId: string; mode: EngineMode }[] = deps.versions.live().map((v) => ({ versionId: v.id, mode: 'live' as const }));
    const isTestProfile = s.profile.get(profileId)?.is_test === 1;
    if (isTestProfile) for (const t of s.tests.all()) candidates.push({ versionId: t.version_id, mode: 'test' });
    for (const { versionId, mode } of candidates) {
      const p = plan(versionId, mode);
      if (!p?.accepting) continue;
      for (const node of p.graph.nodes) {
        if (node.type !== 'entry.event' || node.config.eventType !== event.type) continue;
        if (node.config.condition && !evaluateRule(node.config.condition, view(profileId, event).facts(), new Date(now))) continue;
        enter(p, mode, node.id, profileId, `${node.id}#${event.id ?? `${event.type}@${event.timestamp}`}`, now, event);
      }
    }
  }

  function drain(): Promise<void> {
    if (draining) return draining;
    const run = (async () => {
      try {
        while (eventQueue.length) {
          const batch = eventQueue.splice(0, BATCH);
          db.transaction(() => {
            const now = clock.now().getTime();
            for (const { profileId, event } of batch) handleEvent(profileId, event, now);
          })();
          emitTouched();
          await yieldToLoop();
        }
      } catch (error) {
        logger.error('The journey engine could not handle profile events', error);
      }
    })();
    draining = run.finally(() => {
      draining = undefined;
      arm();
      // Events that came while the last batch was being written.
      if (eventQueue.length) void drain();
    });
    return draining;
  }

  // ---- reading counts ----------------------------------------------------------------------------
  function counts(versionId: string, mode: EngineMode): JourneyCounts {
    const p = plan(versionId, mode);
    const graph = p?.graph ?? { nodes: [] };
    const tallies = new Map<string, Tally>();
    for (const row of s.counts.all(versionId, mode)) tallies.set(row.key, { n: row.n, sample: [] });
    for (const row of s.samples.all(versionId, mode)) tallies.get(row.key)?.sample.push(row.profile_id);
    for (const row of s.waiting.all(versionId, mode)) {
      tallies.set(`w:${row.node_id}`, { n: row.n, sample: s.waitingSample.all(versionId, mode, row.node_id).map((r) => r.profile_id) });
    }
    return buildCounts(graph, tallies, { versionId, mode });
  }

  const toTestEntry = (row: EntryRow): TestEntry => ({
    entryId: row.id,
    profileId: row.profile_id,
    node: row.node_id,
    status: row.status,
    reason: row.reason,
    wakeAt: row.wake_at !== null ? new Date(row.wake_at).toISOString() : null,
    waitingFor: row.wait_event,
    path: (JSON.parse(row.path) as PathStep[]).map((step) => ({ node: step.node, output: step.output, at: new Date(step.at).toISOString() })),
  });

  const toCampaign = (row: CampaignRow): Campaign => {
    const tallies = new Map(s.counts.all(row.id, 'live').map((r) => [r.key, r.n]));
    let excluded = 0;
    for (const [key, n] of tallies) if (key.startsWith('x:') || key.startsWith('refused:')) excluded += n;
    return {
      id: row.id,
      name: row.name,
      messageId: row.message_id,
      audienceId: row.audience_id,
      sendAt: new Date(row.send_at).toISOString(),
      status: row.status,
      settings: journeySettingsSchema.parse(JSON.parse(row.settings)),
      createdAt: row.created_at,
      sent: tallies.get('e:n_message:next') ?? 0,
      excluded,
    };
  };

  return {
    tick,
    /** Starts the real-clock scheduler: resumes whatever is due (also what fell due while closed). */
    start() {
      running = true;
      sync();
      void tick().catch((error: unknown) => logger.error('The journey engine failed to resume', error));
    },
    stop() {
      running = false;
      clearTimeout(timer);
    },
    /** Waits until the current tick and event handling are over. */
    async idle() {
      while (ticking || draining) {
        await ticking;
        await draining;
      }
    },
    sync,
    /** A version stopped: its waiting profiles leave; published: its entries are scheduled. */
    versionChanged(versionId: string) {
      let version;
      try {
        version = deps.versions.get(versionId);
      } catch {
        return;
      }
      if (version.status === 'stopped') {
        db.transaction(() => {
          const now = clock.now().getTime();
          const counts = new CountMap();
          for (const e of s.stopWaiting.all(versionId)) {
            s.saveEntry.run({ id: e.id, node: e.node_id, phase: 'wake', status: 'excluded', reason: 'stopped', wakeAt: null, waitEvent: null, waitCondition: null, t: now, path: s.entry.get(e.id)!.path, now });
            counts.add(`x:${e.node_id}:stopped`, e.profile_id);
          }
          flushCounts(versionId, 'live', counts.map);
          s.dropSchedules.run(versionId, 'live');
        })();
        deps.onChange(versionId, 'live');
      } else if (version.status === 'live') {
        sync();
        arm();
      }
    },
    /** The hook the profiles/events code calls for every event that reaches a profile. */
    onProfileEvent(profileId: number, event: ProfileEvent) {
      eventQueue.push({ profileId, event });
      void drain();
    },
    counts,
    settings: settingsOf,
    saveSettings(journeyId: string, settings: JourneySettings): JourneySettings {
      s.saveSettings.run(journeyId, JSON.stringify(settings), clock.now().toISOString());
      return settingsOf(journeyId);
    },
    async dryRun(versionId: string, options: { now?: Date; days?: number; graph?: JourneyGraph; journeyId?: string; messages?: Map<string, Message> } = {}): Promise<DryRunResult> {
      const version = options.graph ? undefined : deps.versions.get(versionId);
      const graph = options.graph ?? version!.graph;
      const journeyId = options.journeyId ?? version?.journeyId ?? versionId;
      const messages = options.messages ?? new Map(deps.messages.list().map((m) => [m.id, m]));
      const channels = new Map(deps.channels.list().map((c) => [c.id, c]));
      const audiences = new Map(s.audiences.all().map((a) => [a.id, JSON.parse(a.rule) as Rule]));
      return dryRun({
        db,
        journeyId,
        versionId,
        graph,
        settings: settingsOf(journeyId),
        messages,
        channels,
        audiences,
        from: options.now ?? clock.now(),
        days: options.days ?? 30,
      });
    },
    test: {
      async start(versionId: string) {
        const version = deps.versions.get(versionId);
        if (version.status !== 'draft') throw new StudioError('conflict', 'Test mode runs a draft. Make a new draft of this version to test it.');
        const now = clock.now().getTime();
        db.transaction(() => {
          for (const stmt of s.clearTest) stmt.run(versionId);
          s.startTest.run(versionId, now);
          for (const node of version.graph.nodes) if (node.type === 'entry.audience') s.schedule.run(versionId, node.id, 'test', now);
        })();
        deps.onChange(versionId, 'test');
        await tick();
      },
      stop(versionId: string) {
        db.transaction(() => {
          for (const stmt of s.clearTest) stmt.run(versionId);
        })();
        deps.onChange(versionId, 'test');
      },
      active: (versionId: string) => s.isTest.get(versionId) !== undefined,
      entries: (versionId: string) => s.testEntries.all(versionId).map(toTestEntry),
    },
    campaigns: {
      list: () => s.campaigns.all().map(toCampaign),
      get(id: string) {
        const row = s.campaign.get(id);
        if (!row) throw new StudioError('not_found', 'That campaign no longer exists.');
        return toCampaign(row);
      },
      create(input: { name: string; messageId: string; audienceId: string; sendAt?: string; settings: JourneySettings }): Campaign {
        const message = deps.messages.get(input.messageId);
        if (!message.channelId) throw new StudioError('invalid_input', `The message “${message.name}” has no channel: choose the app it goes to first.`);
        if (!s.audience.get(input.audienceId)) throw new StudioError('not_found', 'That audience no longer exists.');
        const id = newId('cmp');
        const now = clock.now();
        const sendAt = input.sendAt ? Math.max(Date.parse(input.sendAt), now.getTime()) : now.getTime();
        db.transaction(() => {
          s.insertCampaign.run({ id, name: input.name, messageId: input.messageId, audienceId: input.audienceId, sendAt, settings: JSON.stringify(input.settings), now: now.toISOString() });
          s.schedule.run(id, 'n_entry', 'live', sendAt);
        })();
        arm();
        return toCampaign(s.campaign.get(id)!);
      },
      cancel(id: string): Campaign {
        const row = s.campaign.get(id);
        if (!row) throw new StudioError('not_found', 'That campaign no longer exists.');
        if (row.status !== 'scheduled') throw new StudioError('conflict', `The campaign is ${row.status}: only a scheduled campaign can be cancelled.`);
        db.transaction(() => {
          s.campaignStatus.run('cancelled', clock.now().toISOString(), id);
          s.dropSchedules.run(id, 'live');
        })();
        return toCampaign(s.campaign.get(id)!);
      },
    },
    /** For tests: an entry's row. */
    entry: (id: number) => s.entry.get(id),
  };
}

export type Engine = ReturnType<typeof createEngine>;
