import type { AttributeCondition, Rule } from '../../../shared/domain/audience.js';
import type { Platform, RegistrationStatus } from '../../../shared/domain/profile.js';
import { DAY_MS, toEpochSeconds } from './compile.js';

/** What the evaluator needs of one profile. */
export interface ProfileFacts {
  attributes: Record<string, unknown>;
  isTest: boolean;
  registrations: { appId: string; platform: Platform; status: RegistrationStatus }[];
  events: { type: string; timestamp: string }[];
}

function valueAt(attributes: Record<string, unknown>, path: string): unknown {
  let node: unknown = attributes;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function epoch(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE_LIKE.test(value)) return undefined;
  const seconds = toEpochSeconds(value.replace(' ', 'T'));
  return Number.isNaN(seconds) ? undefined : seconds;
}

function attribute(c: AttributeCondition, facts: ProfileFacts, now: Date): boolean {
  const v = valueAt(facts.attributes, c.path);
  switch (c.op) {
    case 'equals':
      return typeof v === typeof c.value && v === c.value;
    case 'in':
      return (typeof v === 'string' || typeof v === 'number') && (c.values ?? []).some((x) => typeof x === typeof v && x === v);
    case 'contains':
      if (typeof v === 'string') return v.includes(String(c.value));
      return Array.isArray(v) && v.some((e) => typeof e === 'string' && e === c.value);
    case 'exists':
      return v !== undefined && v !== null;
    case 'gt':
      return typeof v === 'number' && v > (c.value as number);
    case 'gte':
      return typeof v === 'number' && v >= (c.value as number);
    case 'lt':
      return typeof v === 'number' && v < (c.value as number);
    case 'lte':
      return typeof v === 'number' && v <= (c.value as number);
    case 'before':
    case 'after': {
      const e = epoch(v);
      const bound = toEpochSeconds(String(c.value));
      return e !== undefined && (c.op === 'before' ? e < bound : e > bound);
    }
    case 'withinLastDays': {
      const e = epoch(v);
      const to = now.getTime() / 1000;
      return e !== undefined && e >= to - (c.days ?? 0) * 86400 && e <= to;
    }
  }
}

/**
 * The same rule engine evaluated on one profile in memory: for journey conditions on the profile at
 * hand, and as the reference the SQL compilation is tested against.
 */
export function evaluateRule(rule: Rule, facts: ProfileFacts, now: Date): boolean {
  switch (rule.kind) {
    case 'and':
      return rule.rules.every((r) => evaluateRule(r, facts, now));
    case 'or':
      return rule.rules.some((r) => evaluateRule(r, facts, now));
    case 'not':
      return !evaluateRule(rule.rule, facts, now);
    case 'attribute':
      return attribute(rule, facts, now);
    case 'event': {
      const from = new Date(now.getTime() - rule.inLastDays * DAY_MS).toISOString();
      return facts.events.filter((e) => e.type === rule.type && e.timestamp >= from).length >= rule.atLeast;
    }
    case 'reachable':
      return facts.registrations.some((r) => r.appId === rule.appId && r.status === 'valid' && (!rule.platform || r.platform === rule.platform));
    case 'testProfile':
      return facts.isTest;
  }
}
