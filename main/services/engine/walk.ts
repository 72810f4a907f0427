import type { Rule } from '../../../shared/domain/audience.js';
import type { ExclusionReason } from '../../../shared/domain/engine.js';
import type { JourneyNode } from '../../../shared/domain/journey-graph.js';
import { type ProfileFacts, evaluateRule } from '../audiences/evaluate.js';
import { pickSplitPath, splitBucket } from './split.js';
import { inWindow, localTime, minutesOf, nextTimeOfDay } from './time.js';

/**
 * The journey interpreter, shared by the live engine, test mode and the dry run: it walks one
 * profile's entry from node to node until the entry has to wait (a wait, a wait for an event, a
 * push held by quiet hours) or leaves the journey (an end, an exclusion). What happens to the
 * outside world (a push written to the outbox, counts) goes through the context, so that the dry
 * run can count instead of send, and the live engine can persist each move in one transaction.
 */

export interface ProfileView {
  id: number;
  /** The facts the rule engine evaluates (loaded on first need). */
  facts(): ProfileFacts;
  /** The profile's IANA timezone (attribute `timezone`), undefined for UTC. */
  zone(): string | undefined;
}

export type SendResult = { kind: 'sent'; devices: number } | { kind: 'excluded'; reason: ExclusionReason } | { kind: 'hold'; until: number };

export interface WalkContext {
  journeyId: string;
  nodes: ReadonlyMap<string, JourneyNode>;
  /** Runs a message step for the profile at time t. */
  send(node: JourneyNode & { type: 'message' }, profile: ProfileView, t: number): SendResult;
  /** Counts: r:node (reached), e:node:output (edge), end:node, x:node:reason, d:node (devices). */
  count(key: string, profileId: number, n?: number): void;
  /** Test mode: waits last at most this long (ms). */
  compressWaitsTo?: number;
  /** How a rule is evaluated; default: the rule engine on the profile's facts. The dry run answers
   *  time-independent rules from columns its SQL scan computed with the same engine's compiler. */
  evaluate?(rule: Rule, profile: ProfileView, t: number): boolean;
}

export interface PathStep {
  node: string;
  output: string | null;
  at: number;
}

export interface WalkState {
  node: string;
  /** 'arrive': the node has not run yet; 'wake': its wait is over; 'event': the awaited event came. */
  phase: 'arrive' | 'wake' | 'event';
  /** The time of the entry's clock (virtual in a dry run). */
  t: number;
  /** The path taken; null when nobody will look at it (the dry run). */
  path: PathStep[] | null;
}

export type WalkResult =
  | { status: 'waiting'; node: string; until: number | null; waitingFor: { type: string; condition?: Rule } | null; t: number }
  | { status: 'ended'; node: string; t: number }
  | { status: 'excluded'; node: string; reason: ExclusionReason; t: number };

type Outcome =
  | { kind: 'next'; output: string }
  | { kind: 'wait'; until: number | null; event?: { type: string; condition?: Rule } }
  | { kind: 'end' }
  | { kind: 'excluded'; reason: ExclusionReason };

const MAX_STEPS = 10_000;

const compress = (ctx: WalkContext, t: number, until: number) => (ctx.compressWaitsTo !== undefined ? Math.min(until, t + ctx.compressWaitsTo) : until);

function arrive(node: JourneyNode, profile: ProfileView, t: number, ctx: WalkContext): Outcome {
  switch (node.type) {
    case 'entry.audience':
    case 'entry.event':
      return { kind: 'next', output: 'next' };
    case 'condition': {
      const now = new Date(t);
      for (const path of node.config.paths) {
        if (path.rule && (ctx.evaluate ? ctx.evaluate(path.rule, profile, t) : evaluateRule(path.rule, profile.facts(), now))) return { kind: 'next', output: path.id };
      }
      return { kind: 'next', output: 'otherwise' };
    }
    case 'timeCondition': {
      const { day, minutes } = localTime(profile.zone(), t);
      const dayOk = node.config.days.length === 0 || node.config.days.includes(day);
      return { kind: 'next', output: dayOk && inWindow(minutes, minutesOf(node.config.from), minutesOf(node.config.to)) ? 'match' : 'otherwise' };
    }
    case 'split':
      return { kind: 'next', output: pickSplitPath(node.config.paths, splitBucket(profile.id, ctx.journeyId)) };
    case 'wait': {
      const c = node.config;
      const until = c.kind === 'duration' ? t + (c.seconds ?? 0) * 1000 : c.kind === 'until' ? Math.max(t, c.at ? Date.parse(c.at) : t) : nextTimeOfDay(profile.zone(), t, c.at);
      return { kind: 'wait', until: compress(ctx, t, until) };
    }
    case 'waitForEvent': {
      const c = node.config;
      if (!c.eventType) return { kind: 'next', output: 'timeout' };
      return { kind: 'wait', until: c.timeoutSeconds ? compress(ctx, t, t + c.timeoutSeconds * 1000) : null, event: { type: c.eventType, condition: c.condition } };
    }
    case 'message': {
      const result = ctx.send(node, profile, t);
      if (result.kind === 'sent') {
        ctx.count(`d:${node.id}`, profile.id, result.devices);
        return { kind: 'next', output: 'next' };
      }
      if (result.kind === 'hold') return { kind: 'wait', until: result.until };
      return { kind: 'excluded', reason: result.reason };
    }
    case 'end':
      return { kind: 'end' };
  }
}

function resume(node: JourneyNode, phase: 'wake' | 'event', profile: ProfileView, t: number, ctx: WalkContext): Outcome {
  switch (node.type) {
    case 'wait':
      return { kind: 'next', output: 'next' };
    case 'waitForEvent':
      return { kind: 'next', output: phase === 'event' ? 'event' : 'timeout' };
    case 'message':
      return arrive(node, profile, t, ctx); // a push held by quiet hours tries again
    default:
      return arrive(node, profile, t, ctx);
  }
}

/**
 * Walks the entry on. `horizon`: waits that end at or before it are waited out at once (the live
 * engine passes now; the dry run passes the end of its simulated span).
 */
export function walk(state: WalkState, profile: ProfileView, ctx: WalkContext, horizon: number): WalkResult {
  let { node: nodeId, phase, t } = state;
  for (let steps = 0; steps < MAX_STEPS; steps += 1) {
    const node = ctx.nodes.get(nodeId);
    if (!node) return { status: 'ended', node: nodeId, t };
    if (phase === 'arrive') {
      ctx.count(`r:${nodeId}`, profile.id);
      state.path?.push({ node: nodeId, output: null, at: t });
    }
    const outcome = phase === 'arrive' ? arrive(node, profile, t, ctx) : resume(node, phase, profile, t, ctx);
    switch (outcome.kind) {
      case 'wait':
        if (outcome.until !== null && outcome.until <= horizon) {
          t = Math.max(t, outcome.until);
          phase = 'wake';
          continue;
        }
        state.node = nodeId;
        state.phase = 'wake';
        state.t = t;
        return { status: 'waiting', node: nodeId, until: outcome.until, waitingFor: outcome.event ?? null, t };
      case 'end':
        ctx.count(`end:${nodeId}`, profile.id);
        state.node = nodeId;
        state.t = t;
        return { status: 'ended', node: nodeId, t };
      case 'excluded':
        ctx.count(`x:${nodeId}:${outcome.reason}`, profile.id);
        state.node = nodeId;
        state.t = t;
        return { status: 'excluded', node: nodeId, reason: outcome.reason, t };
      case 'next': {
        ctx.count(`e:${nodeId}:${outcome.output}`, profile.id);
        const last = state.path?.at(-1);
        if (last && last.node === nodeId) last.output = outcome.output;
        const target = node.next[outcome.output];
        if (!target) {
          // An output not connected (a draft): the profile's journey ends here.
          ctx.count(`end:${nodeId}`, profile.id);
          state.node = nodeId;
          state.t = t;
          return { status: 'ended', node: nodeId, t };
        }
        nodeId = target;
        phase = 'arrive';
      }
    }
  }
  return { status: 'ended', node: nodeId, t };
}
