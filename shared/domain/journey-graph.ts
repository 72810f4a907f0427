import { z } from 'zod';
import { ruleSchema } from './audience.js';

/**
 * A journey as the studio stores it and as the journey file carries it: a canonical graph of
 * activities with explicit next ids, independent of the canvas library. Canvas positions are kept
 * beside the graph, not in it.
 */
export const nodeIdSchema = z.string().regex(/^n_[A-Za-z0-9_-]{1,40}$/, { error: 'Not a node id' });
export type NodeId = z.infer<typeof nodeIdSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Use a time like 09:30' });
const label = z.string().trim().min(1, { error: 'Give the path a name' }).max(60);
const pathId = z.string().regex(/^p_[A-Za-z0-9_-]{1,40}$/);
const eventType = z.string().trim().min(1, { error: 'Choose an event type' }).max(200);
const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_-]{8,64}$`));

export const MAX_WAIT_DAYS = 90;

/** Every activity of the palette, with its settings. Optional settings are the ones not yet configured. */
export const activitySchemas = {
  'entry.audience': z.strictObject({
    audienceId: id('aud').optional(),
    schedule: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('once'), at: z.iso.datetime({ offset: true }).optional() }),
      z.strictObject({ kind: z.literal('daily'), at: hhmm }),
      z.strictObject({ kind: z.literal('weekly'), day: z.number().int().min(0).max(6), at: hhmm }),
    ]),
  }),
  'entry.event': z.strictObject({ eventType: eventType.optional(), condition: ruleSchema.optional() }),
  condition: z.strictObject({ paths: z.array(z.strictObject({ id: pathId, label, rule: ruleSchema.optional() })).min(1).max(10) }),
  timeCondition: z.strictObject({
    days: z.array(z.number().int().min(0).max(6)).max(7),
    from: hhmm,
    to: hhmm,
  }),
  split: z.strictObject({ paths: z.array(z.strictObject({ id: pathId, label, percent: z.number().min(0).max(100) })).min(2).max(10) }),
  wait: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('duration'), seconds: z.number().int().min(1).optional() }),
    z.strictObject({ kind: z.literal('until'), at: z.iso.datetime({ offset: true }).optional() }),
    z.strictObject({ kind: z.literal('timeOfDay'), at: hhmm }),
  ]),
  waitForEvent: z.strictObject({ eventType: eventType.optional(), condition: ruleSchema.optional(), timeoutSeconds: z.number().int().min(1).optional() }),
  message: z.strictObject({ messageId: id('msg').optional() }),
  end: z.strictObject({}),
} as const;

export type ActivityType = keyof typeof activitySchemas;
export const activityTypes = Object.keys(activitySchemas) as ActivityType[];
export type ActivityConfig<T extends ActivityType> = z.infer<(typeof activitySchemas)[T]>;

export const isEntry = (type: ActivityType) => type === 'entry.audience' || type === 'entry.event';

/** The named outputs of a node: what its `next` map may hold. */
export function outputsOf(node: Pick<JourneyNode, 'type' | 'config'>): string[] {
  switch (node.type) {
    case 'condition':
      return [...(node.config as ActivityConfig<'condition'>).paths.map((p) => p.id), 'otherwise'];
    case 'split':
      return (node.config as ActivityConfig<'split'>).paths.map((p) => p.id);
    case 'timeCondition':
      return ['match', 'otherwise'];
    case 'waitForEvent':
      return ['event', 'timeout'];
    case 'end':
      return [];
    default:
      return ['next'];
  }
}

function nodeOf<T extends ActivityType>(type: T) {
  return z.strictObject({
    id: nodeIdSchema,
    type: z.literal(type),
    /** What the marketer calls this step on the canvas; a default per type when empty. */
    name: z.string().max(80).optional(),
    config: activitySchemas[type] as (typeof activitySchemas)[T],
    /** Output name → the node it leads to, or null when not connected yet. */
    next: z.record(z.string().max(50), nodeIdSchema.nullable()),
  });
}

export const journeyNodeSchema = z.discriminatedUnion('type', [
  nodeOf('entry.audience'),
  nodeOf('entry.event'),
  nodeOf('condition'),
  nodeOf('timeCondition'),
  nodeOf('split'),
  nodeOf('wait'),
  nodeOf('waitForEvent'),
  nodeOf('message'),
  nodeOf('end'),
]);
export type JourneyNode = z.infer<typeof journeyNodeSchema>;

export const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

export const journeyGraphSchema = z.strictObject({
  nodes: z.array(journeyNodeSchema).max(2000),
});
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;

/** Canvas positions by node id, kept beside the graph. */
export const journeyLayoutSchema = z.record(nodeIdSchema, positionSchema);
export type JourneyLayout = z.infer<typeof journeyLayoutSchema>;

export const emptyGraph = (): JourneyGraph => ({ nodes: [] });
