import type { Audience } from '../../../shared/domain/audience';
import type { JourneyNode } from '../../../shared/domain/journey-graph';
import type { Message } from '../../../shared/domain/message';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 90061 → "1 day 1 h": how long, in the words a marketer uses. */
export function formatDuration(seconds: number | undefined): string {
  if (!seconds) return 'not set';
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'h'],
    [60, 'min'],
  ];
  const parts: string[] = [];
  let left = seconds;
  for (const [size, name] of units) {
    const n = Math.floor(left / size);
    if (n > 0) parts.push(name === 'day' ? `${n} day${n === 1 ? '' : 's'}` : `${n} ${name}`);
    left -= n * size;
  }
  if (parts.length === 0) parts.push(`${seconds} s`);
  return parts.slice(0, 2).join(' ');
}

/** The one-line summary under a step's title on the canvas. */
export function describeNode(node: JourneyNode, audiences: Audience[], messages: Message[] = []): string {
  switch (node.type) {
    case 'entry.audience': {
      const audience = audiences.find((a) => a.id === node.config.audienceId);
      const s = node.config.schedule;
      const when = s.kind === 'once' ? (s.at ? `once, ${s.at.slice(0, 16).replace('T', ' ')}` : 'once, when published') : s.kind === 'daily' ? `daily at ${s.at}` : `${DAY_NAMES[s.day]} at ${s.at}`;
      return `${audience ? audience.name : node.config.audienceId ? 'a deleted audience' : 'Choose an audience'} · ${when}`;
    }
    case 'entry.event':
      return node.config.eventType ?? 'Choose an event';
    case 'condition':
      return `${node.config.paths.map((p) => p.label).join(' · ')} · otherwise`;
    case 'timeCondition':
      return `${node.config.days.map((d) => DAY_NAMES[d]).join(' ')} ${node.config.from}–${node.config.to}`;
    case 'split':
      return node.config.paths.map((p) => `${p.label} ${p.percent}%`).join(' · ');
    case 'wait':
      return node.config.kind === 'duration' ? formatDuration(node.config.seconds) : node.config.kind === 'until' ? `until ${node.config.at?.slice(0, 16).replace('T', ' ') ?? '…'}` : `until ${node.config.at} (profile’s time)`;
    case 'waitForEvent':
      return `${node.config.eventType ?? 'Choose an event'} within ${formatDuration(node.config.timeoutSeconds)}`;
    case 'message':
      if (!node.config.messageId) return 'Choose a message';
      return messages.find((m) => m.id === node.config.messageId)?.name ?? 'a deleted message';
    case 'end':
      return 'Profiles leave the journey';
  }
}

/** The label shown beside an output handle. */
export function outputLabel(node: JourneyNode, output: string): string {
  if (node.type === 'condition' || node.type === 'split') {
    const path = (node.config.paths as { id: string; label: string }[]).find((p) => p.id === output);
    if (path) return path.label;
  }
  if (output === 'next') return '';
  return output === 'otherwise' ? 'otherwise' : output;
}
