import {
  type ActivityConfig,
  type JourneyGraph,
  type JourneyNode,
  MAX_WAIT_DAYS,
  type NodeId,
  isEntry,
  outputsOf,
} from './domain/journey-graph.js';

/**
 * The rules a journey must pass before it can be published, shared by the canvas (shown on the
 * nodes and in a list, as you edit), the core (publish refuses a journey with errors) and the CLI
 * (`journey validate`). Each issue says which node and output it is about and what to do.
 */
export type JourneyIssueCode =
  | 'missing-entry'
  | 'several-entries'
  | 'entry-with-input'
  | 'broken-link'
  | 'cycle'
  | 'unreachable'
  | 'dangling-output'
  | 'unconfigured'
  | 'unknown-message'
  | 'message-without-channel'
  | 'unknown-audience'
  | 'split-not-100'
  | 'wait-too-long';

export interface JourneyIssue {
  code: JourneyIssueCode;
  message: string;
  nodeId?: NodeId;
  output?: string;
}

export interface ValidationContext {
  /** Messages of the workspace by id, with the channel each is tied to (undefined: none). */
  messages?: ReadonlyMap<string, { name: string; channelId?: string | undefined }>;
  audiences?: ReadonlySet<string>;
  now?: Date;
}

const DAY = 86_400;

export const activityLabels: Record<JourneyNode['type'], string> = {
  'entry.audience': 'Read audience',
  'entry.event': 'Event',
  condition: 'Condition',
  timeCondition: 'Time condition',
  split: 'Percentage split',
  wait: 'Wait',
  waitForEvent: 'Wait for event',
  message: 'Push message',
  end: 'End',
};

export const nodeLabel = (node: JourneyNode) => node.name?.trim() || activityLabels[node.type];

function unconfigured(node: JourneyNode): string | undefined {
  switch (node.type) {
    case 'entry.audience':
      return node.config.audienceId ? undefined : 'choose the audience that enters the journey';
    case 'entry.event':
      return node.config.eventType ? undefined : 'choose the event that starts the journey';
    case 'condition': {
      const missing = node.config.paths.find((p) => !p.rule);
      return missing ? `give the path “${missing.label}” a rule` : undefined;
    }
    case 'timeCondition':
      return node.config.days.length === 0 ? 'choose at least one day of the week' : undefined;
    case 'wait':
      if (node.config.kind === 'duration' && !node.config.seconds) return 'set how long to wait';
      if (node.config.kind === 'until' && !node.config.at) return 'set the date and time to wait until';
      return undefined;
    case 'waitForEvent':
      if (!node.config.eventType) return 'choose the event to wait for';
      return node.config.timeoutSeconds ? undefined : 'set how long to wait before the timeout path';
    case 'message':
      return node.config.messageId ? undefined : 'choose the push message to send';
    default:
      return undefined;
  }
}

function waitTooLong(node: JourneyNode, now: Date): boolean {
  const limit = MAX_WAIT_DAYS * DAY;
  if (node.type === 'wait') {
    const config = node.config as ActivityConfig<'wait'>;
    if (config.kind === 'duration') return (config.seconds ?? 0) > limit;
    if (config.kind === 'until' && config.at) return (Date.parse(config.at) - now.getTime()) / 1000 > limit;
  }
  if (node.type === 'waitForEvent') return (node.config.timeoutSeconds ?? 0) > limit;
  return false;
}

/** Nodes reachable from `from` following next links (used for reachability and cycle checks). */
export function reachableFrom(graph: JourneyGraph, from: NodeId): Set<NodeId> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<NodeId>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of Object.values(byId.get(id)?.next ?? {})) if (next && byId.has(next)) stack.push(next);
  }
  return seen;
}

export function validateJourney(graph: JourneyGraph, context: ValidationContext = {}): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const entries = graph.nodes.filter((n) => isEntry(n.type));
  const now = context.now ?? new Date();

  if (entries.length === 0) issues.push({ code: 'missing-entry', message: 'The journey has no entry: drag “Read audience” or “Event” onto the canvas.' });
  for (const extra of entries.slice(1)) {
    issues.push({ code: 'several-entries', nodeId: extra.id, message: `A journey has exactly one entry: remove “${nodeLabel(extra)}” or the other entry.` });
  }

  for (const node of graph.nodes) {
    const outputs = outputsOf(node);
    for (const output of outputs) {
      const target = node.next[output];
      if (target === undefined || target === null) {
        issues.push({ code: 'dangling-output', nodeId: node.id, output, message: `“${nodeLabel(node)}” has an output that leads nowhere: connect it (an End will do).` });
      } else if (!byId.has(target)) {
        issues.push({ code: 'broken-link', nodeId: node.id, output, message: `“${nodeLabel(node)}” leads to a step that does not exist.` });
      } else if (isEntry(byId.get(target)!.type)) {
        issues.push({ code: 'entry-with-input', nodeId: target, message: 'An entry cannot have anything leading into it.' });
      }
    }
    const missing = unconfigured(node);
    if (missing) issues.push({ code: 'unconfigured', nodeId: node.id, message: `“${nodeLabel(node)}”: ${missing}.` });
    if (node.type === 'message' && node.config.messageId && context.messages) {
      const message = context.messages.get(node.config.messageId);
      if (!message) issues.push({ code: 'unknown-message', nodeId: node.id, message: `“${nodeLabel(node)}” uses a message that no longer exists: choose another.` });
      else if (!message.channelId) {
        issues.push({ code: 'message-without-channel', nodeId: node.id, message: `The message “${message.name}” has no channel: choose which app it is sent to in the composer.` });
      }
    }
    if (node.type === 'entry.audience' && node.config.audienceId && context.audiences && !context.audiences.has(node.config.audienceId)) {
      issues.push({ code: 'unknown-audience', nodeId: node.id, message: `“${nodeLabel(node)}” reads an audience that no longer exists: choose another.` });
    }
    if (node.type === 'split') {
      const total = node.config.paths.reduce((sum, p) => sum + p.percent, 0);
      if (Math.abs(total - 100) > 1e-9) issues.push({ code: 'split-not-100', nodeId: node.id, message: `“${nodeLabel(node)}”: the paths add up to ${total}%, not 100%.` });
    }
    if (waitTooLong(node, now)) issues.push({ code: 'wait-too-long', nodeId: node.id, message: `“${nodeLabel(node)}” waits more than ${MAX_WAIT_DAYS} days, the longest a journey may wait.` });
  }

  // Cycles: a node that can reach itself. Profiles would loop forever.
  const reported = new Set<NodeId>();
  for (const node of graph.nodes) {
    for (const next of Object.values(node.next)) {
      if (next && byId.has(next) && !reported.has(node.id) && reachableFrom(graph, next).has(node.id)) {
        reported.add(node.id);
        issues.push({ code: 'cycle', nodeId: node.id, message: `“${nodeLabel(node)}” is part of a loop: journeys only move forward.` });
      }
    }
  }

  const entry = entries[0];
  if (entry) {
    const reachable = reachableFrom(graph, entry.id);
    for (const node of graph.nodes) {
      if (!reachable.has(node.id) && !isEntry(node.type)) {
        issues.push({ code: 'unreachable', nodeId: node.id, message: `No profile can reach “${nodeLabel(node)}”: connect it, or delete it.` });
      }
    }
  }
  return issues;
}

/**
 * Whether a new link from `source`'s `output` to `target` is allowed, and why not. The canvas asks
 * as the marketer drags, and refuses before the link exists.
 */
export function connectionRefusal(graph: JourneyGraph, source: NodeId, output: string, target: NodeId): string | undefined {
  const from = graph.nodes.find((n) => n.id === source);
  const to = graph.nodes.find((n) => n.id === target);
  if (!from || !to) return 'Both ends must be steps on the canvas.';
  if (source === target) return 'A step cannot lead to itself.';
  if (isEntry(to.type)) return 'An entry cannot have inputs: it is where profiles come in.';
  if (!outputsOf(from).includes(output)) return 'That output does not exist.';
  if (from.next[output]) return 'This output is already connected: delete its link first.';
  if (reachableFrom(graph, target).has(source)) return 'That link would make a loop: journeys only move forward.';
  return undefined;
}
