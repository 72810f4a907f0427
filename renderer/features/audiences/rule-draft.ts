import type { z } from 'zod';
import {
  type AttributeOp,
  type Rule,
  attributeConditionSchema,
  attributeOps,
  eventConditionSchema,
  reachableConditionSchema,
} from '../../../shared/domain/audience';
import type { Platform } from '../../../shared/domain/profile';

/**
 * What the rule builder edits: the rule as the user types it (numbers still text, a "not" as a
 * checkbox on the condition or group), turned into a Rule for the engine with `toRule`. Each
 * condition is checked with its own schema from the rule language, so a message lands next to the
 * condition (and the field) it concerns.
 */
export type ValueType = 'text' | 'number' | 'boolean';

interface Base {
  id: string;
  /** "is not": the condition (or group) is wrapped in a not. */
  negate: boolean;
}
export type AttributeDraft = Base & { kind: 'attribute'; path: string; op: AttributeOp; raw: string; valueType: ValueType };
export type EventDraft = Base & { kind: 'event'; type: string; atLeast: string; inLastDays: string };
export type ReachableDraft = Base & { kind: 'reachable'; appId: string; platform: Platform | '' };
export type TestDraft = Base & { kind: 'testProfile' };
export type GroupDraft = Base & { kind: 'group'; op: 'and' | 'or'; children: DraftNode[] };
export type ConditionDraft = AttributeDraft | EventDraft | ReachableDraft | TestDraft;
export type DraftNode = ConditionDraft | GroupDraft;

let counter = 0;
export const draftId = () => `d${++counter}`;

export const opLabels: Record<AttributeOp, string> = {
  equals: 'equals',
  in: 'is one of',
  contains: 'contains',
  exists: 'exists',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  before: 'is before',
  after: 'is after',
  withinLastDays: 'is within the last … days',
};
export const allOps = attributeOps;

export function newCondition(kind: ConditionDraft['kind']): ConditionDraft {
  const id = draftId();
  switch (kind) {
    case 'attribute':
      return { id, negate: false, kind, path: '', op: 'equals', raw: '', valueType: 'text' };
    case 'event':
      return { id, negate: false, kind, type: 'pushTracking.applicationOpened', atLeast: '1', inLastDays: '30' };
    case 'reachable':
      return { id, negate: false, kind, appId: '', platform: '' };
    case 'testProfile':
      return { id, negate: false, kind };
  }
}

export const newGroup = (op: 'and' | 'or' = 'and', children: DraftNode[] = []): GroupDraft => ({ id: draftId(), negate: false, kind: 'group', op, children });

const toNumber = (raw: string): number | undefined => (raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined);
const toInt = (raw: string): number | undefined => (/^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined);

export function attributeRule(d: AttributeDraft): Rule {
  const base = { kind: 'attribute' as const, path: d.path.trim(), op: d.op };
  switch (d.op) {
    case 'exists':
      return base;
    case 'equals':
      if (d.valueType === 'boolean') return { ...base, value: d.raw !== 'false' };
      if (d.valueType === 'number') return { ...base, value: toNumber(d.raw) } as Rule;
      return { ...base, value: d.raw === '' ? undefined : d.raw } as Rule;
    case 'in': {
      const parts = d.raw.split(',').map((v) => v.trim()).filter(Boolean);
      return { ...base, values: d.valueType === 'number' ? parts.map((v) => toNumber(v) ?? Number.NaN) : parts } as Rule;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { ...base, value: toNumber(d.raw) } as Rule;
    case 'withinLastDays':
      return { ...base, days: toInt(d.raw) } as Rule;
    default:
      return { ...base, value: d.raw.trim() } as Rule;
  }
}

function conditionRule(d: ConditionDraft): Rule {
  switch (d.kind) {
    case 'attribute':
      return attributeRule(d);
    case 'event':
      return { kind: 'event', type: d.type.trim(), atLeast: toInt(d.atLeast), inLastDays: toInt(d.inLastDays) } as Rule;
    case 'reachable':
      return d.platform ? { kind: 'reachable', appId: d.appId.trim(), platform: d.platform } : { kind: 'reachable', appId: d.appId.trim() };
    case 'testProfile':
      return { kind: 'testProfile' };
  }
}

export function toRule(node: DraftNode): Rule {
  const rule: Rule = node.kind === 'group' ? { kind: node.op, rules: node.children.map(toRule) } : conditionRule(node);
  return node.negate ? { kind: 'not', rule } : rule;
}

export function fromRule(rule: Rule, negate = false): DraftNode {
  const id = draftId();
  switch (rule.kind) {
    case 'not':
      return negate ? newGroup('and', [fromRule(rule.rule, true)]) : fromRule(rule.rule, true);
    case 'and':
    case 'or':
      return { id, negate, kind: 'group', op: rule.kind, children: rule.rules.map((r) => fromRule(r)) };
    case 'attribute': {
      const value = rule.values ? rule.values.join(', ') : rule.days !== undefined ? String(rule.days) : rule.value === undefined ? '' : String(rule.value);
      const sample = rule.values?.[0] ?? rule.value;
      const valueType: ValueType = typeof sample === 'number' ? 'number' : typeof sample === 'boolean' ? 'boolean' : 'text';
      return { id, negate, kind: 'attribute', path: rule.path, op: rule.op, raw: value, valueType };
    }
    case 'event':
      return { id, negate, kind: 'event', type: rule.type, atLeast: String(rule.atLeast), inLastDays: String(rule.inLastDays) };
    case 'reachable':
      return { id, negate, kind: 'reachable', appId: rule.appId, platform: rule.platform ?? '' };
    case 'testProfile':
      return { id, negate, kind: 'testProfile' };
  }
}

/** The builder's root is always a group. */
export function rootFromRule(rule: Rule): GroupDraft {
  const node = fromRule(rule);
  return node.kind === 'group' ? node : newGroup('and', [node]);
}

/** Field → message for one condition, from its own schema in the rule language. */
export type FieldErrors = Record<string, string>;

const friendly = (issue: z.core.$ZodIssue) => (issue.code === 'invalid_type' && issue.expected === 'number' ? 'Enter a whole number' : issue.message);

export function conditionErrors(d: ConditionDraft): FieldErrors {
  const schema = d.kind === 'attribute' ? attributeConditionSchema : d.kind === 'event' ? eventConditionSchema : d.kind === 'reachable' ? reachableConditionSchema : undefined;
  if (!schema) return {};
  const rule = conditionRule(d);
  const result = schema.safeParse(rule);
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'value');
      errors[field] ??= friendly(issue);
    }
  }
  return errors;
}

/** Every condition's errors by its draft id (an empty map: the rule is valid as far as its conditions go). */
export function errorsByNode(root: DraftNode): Map<string, FieldErrors> {
  const out = new Map<string, FieldErrors>();
  const walk = (node: DraftNode) => {
    if (node.kind === 'group') node.children.forEach(walk);
    else {
      const errors = conditionErrors(node);
      if (Object.keys(errors).length) out.set(node.id, errors);
    }
  };
  walk(root);
  return out;
}

/** Replaces the node with `id` (anywhere in the tree) by what `fn` returns; undefined removes it. */
export function updateNode(root: GroupDraft, id: string, fn: (node: DraftNode) => DraftNode | undefined): GroupDraft {
  const visit = (node: DraftNode): DraftNode | undefined => {
    if (node.id === id) return fn(node);
    if (node.kind !== 'group') return node;
    return { ...node, children: node.children.map(visit).filter((n): n is DraftNode => n !== undefined) };
  };
  return (visit(root) as GroupDraft | undefined) ?? newGroup();
}

export function depthOf(root: DraftNode, id: string, depth = 1): number | undefined {
  if (root.id === id) return depth;
  if (root.kind !== 'group') return undefined;
  for (const child of root.children) {
    const found = depthOf(child, id, depth + 1);
    if (found) return found;
  }
  return undefined;
}
