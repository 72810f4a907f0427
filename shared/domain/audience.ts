import { z } from 'zod';
import { attributePathSchema, platformSchema } from './profile.js';

/**
 * The rule language of audiences (and, later, of journey conditions): attribute conditions, event
 * conditions and reachability, combined with and / or / not. One engine evaluates it
 * (main/services/audiences/): compiled to SQL over the profile store, or evaluated on one profile.
 */
export const attributeOps = ['equals', 'in', 'contains', 'exists', 'gt', 'gte', 'lt', 'lte', 'before', 'after', 'withinLastDays'] as const;
export type AttributeOp = (typeof attributeOps)[number];

export const MAX_RULE_NODES = 200;
export const MAX_RULE_DEPTH = 8;

const scalarSchema = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);
export type Scalar = z.infer<typeof scalarSchema>;

/** ISO 8601 dates as the rules take them: 2025-03-01 or 2025-03-01T10:00:00Z (UTC unless an offset is given). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const attributeConditionSchema = z
  .strictObject({
    kind: z.literal('attribute'),
    path: attributePathSchema,
    op: z.enum(attributeOps),
    value: scalarSchema.optional(),
    values: z.array(z.union([z.string().max(1000), z.number().finite()])).max(500).optional(),
    days: z.number().int().min(1).max(36500).optional(),
  })
  .superRefine((c, ctx) => {
    const need = (ok: boolean, message: string, path: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', message, path: [path] });
    };
    switch (c.op) {
      case 'equals':
        need(c.value !== undefined, 'equals needs a value', 'value');
        break;
      case 'in':
        need(c.values !== undefined && c.values.length > 0, 'in needs at least one value', 'values');
        break;
      case 'contains':
        need(typeof c.value === 'string' && c.value.length > 0, 'contains needs some text', 'value');
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        need(typeof c.value === 'number', `${c.op} needs a number`, 'value');
        break;
      case 'before':
      case 'after':
        need(typeof c.value === 'string' && ISO_DATE.test(c.value), `${c.op} needs a date like 2025-03-01`, 'value');
        break;
      case 'withinLastDays':
        need(c.days !== undefined, 'withinLastDays needs a number of days', 'days');
        break;
      case 'exists':
        break;
    }
  });

export const eventConditionSchema = z.strictObject({
  kind: z.literal('event'),
  /** application.launch, pushTracking.applicationOpened, pushTracking.customAction or a custom type. */
  type: z.string().trim().min(1).max(200),
  atLeast: z.number().int().min(1).max(1_000_000),
  inLastDays: z.number().int().min(1).max(36500),
});

export const reachableConditionSchema = z.strictObject({
  kind: z.literal('reachable'),
  appId: z.string().trim().min(1).max(256),
  platform: platformSchema.optional(),
});

export const testProfileConditionSchema = z.strictObject({ kind: z.literal('testProfile') });

export type AttributeCondition = z.infer<typeof attributeConditionSchema>;
export type EventCondition = z.infer<typeof eventConditionSchema>;
export type ReachableCondition = z.infer<typeof reachableConditionSchema>;
export type Rule =
  | AttributeCondition
  | EventCondition
  | ReachableCondition
  | { kind: 'testProfile' }
  | { kind: 'and' | 'or'; rules: Rule[] }
  | { kind: 'not'; rule: Rule };

const ruleNode: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    attributeConditionSchema,
    eventConditionSchema,
    reachableConditionSchema,
    testProfileConditionSchema,
    z.strictObject({ kind: z.enum(['and', 'or']), rules: z.array(ruleNode).max(MAX_RULE_NODES) }),
    z.strictObject({ kind: z.literal('not'), rule: ruleNode }),
  ]),
) as z.ZodType<Rule>;

function measure(rule: Rule, depth = 1): { nodes: number; depth: number } {
  if (rule.kind === 'and' || rule.kind === 'or') {
    return rule.rules.reduce(
      (acc, r) => {
        const m = measure(r, depth + 1);
        return { nodes: acc.nodes + m.nodes, depth: Math.max(acc.depth, m.depth) };
      },
      { nodes: 1, depth },
    );
  }
  if (rule.kind === 'not') {
    const m = measure(rule.rule, depth + 1);
    return { nodes: m.nodes + 1, depth: m.depth };
  }
  return { nodes: 1, depth };
}

export const ruleSchema: z.ZodType<Rule> = ruleNode.superRefine((rule, ctx) => {
  const { nodes, depth } = measure(rule);
  if (nodes > MAX_RULE_NODES) ctx.addIssue({ code: 'custom', message: `A rule may have at most ${MAX_RULE_NODES} conditions` });
  if (depth > MAX_RULE_DEPTH) ctx.addIssue({ code: 'custom', message: `Groups may be nested at most ${MAX_RULE_DEPTH} deep` });
}) as z.ZodType<Rule>;

export const audienceIdSchema = z.string().regex(/^aud_[A-Za-z0-9_-]{8,64}$/, { error: 'Not an audience id' });

export const audienceNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, { error: 'Name must not be empty' })
  .max(120, { error: 'Name must be at most 120 characters' })
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: 'Name must not contain control characters' });

export const audienceSchema = z.object({
  id: audienceIdSchema,
  name: z.string(),
  rule: ruleSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Audience = z.infer<typeof audienceSchema>;

/** The rule that matches every profile: an empty "and". */
export const everyone: Rule = { kind: 'and', rules: [] };
