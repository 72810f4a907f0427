import { z } from 'zod';
import { journeyNameSchema } from './domain/journey.js';
import { type JourneyGraph, type JourneyLayout, activityTypes, journeyGraphSchema, journeyLayoutSchema } from './domain/journey-graph.js';
import { messageFileSchema, messageIdSchema } from './domain/message.js';
import { reachableFrom } from './journey-validation.js';

/**
 * The journey file: a documented, versioned JSON format (docs/journey-format.md, JSON Schema in
 * docs/journey-format.schema.json) that exports a journey with the messages it uses and imports it
 * back exactly.
 */
export const JOURNEY_FILE_FORMAT = 'journey-studio/journey';
export const JOURNEY_FILE_VERSION = 1;

export const journeyFileSchema = z.strictObject({
  format: z.literal(JOURNEY_FILE_FORMAT),
  formatVersion: z.literal(JOURNEY_FILE_VERSION),
  name: journeyNameSchema,
  graph: journeyGraphSchema,
  /** Canvas positions by node id, beside the graph. */
  layout: journeyLayoutSchema,
  /** The messages the journey's push steps use, as the studio stores them (without dates). */
  messages: z.array(messageFileSchema.omit({ createdAt: true, updatedAt: true }).extend({ id: messageIdSchema })).max(500),
});
export type JourneyFile = z.infer<typeof journeyFileSchema>;

export type JourneyFileResult = { ok: true; file: JourneyFile } | { ok: false; reason: string };

/** What is structurally wrong with a graph (a draft may be incomplete; it may not be broken). */
export function brokenGraphReason(graph: JourneyGraph, layout: JourneyLayout): string | undefined {
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id)) return `two steps share the id ${node.id}`;
    ids.add(node.id);
  }
  for (const node of graph.nodes) {
    for (const [output, target] of Object.entries(node.next)) {
      if (target && !ids.has(target)) return `step ${node.id} (${output}) leads to ${target}, which is not in the file`;
      if (target && reachableFrom(graph, target).has(node.id)) return `step ${node.id} is part of a loop`;
    }
  }
  for (const id of Object.keys(layout)) if (!ids.has(id)) return `the layout places ${id}, which is not in the graph`;
  return undefined;
}

/** Message ids a graph's push steps refer to, in order of first use. */
export function messageIdsOf(graph: JourneyGraph): string[] {
  const ids: string[] = [];
  for (const node of graph.nodes) if (node.type === 'message' && node.config.messageId && !ids.includes(node.config.messageId)) ids.push(node.config.messageId);
  return ids;
}

export function parseJourneyFile(text: string): JourneyFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The file is not JSON.' };
  }
  const head = raw as { format?: unknown; formatVersion?: unknown; graph?: { nodes?: { id?: unknown; type?: unknown }[] } } | null;
  if (typeof head !== 'object' || head === null || head.format !== JOURNEY_FILE_FORMAT) {
    return { ok: false, reason: `This is not a Journey Studio journey file (its "format" should be "${JOURNEY_FILE_FORMAT}").` };
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > JOURNEY_FILE_VERSION) {
    return {
      ok: false,
      reason: `This journey file was made by a newer Journey Studio (format version ${head.formatVersion}; this build reads version ${JOURNEY_FILE_VERSION}). Update Journey Studio to import it.`,
    };
  }
  const unknown = (Array.isArray(head.graph?.nodes) ? head.graph.nodes : []).find(
    (n) => typeof n?.type === 'string' && !(activityTypes as string[]).includes(n.type),
  );
  if (unknown) return { ok: false, reason: `The journey uses an activity this build does not know: “${String(unknown.type)}” (step ${String(unknown.id)}).` };
  const parsed = journeyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `The journey file is not valid: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'unexpected content'}.` };
  }
  const broken = brokenGraphReason(parsed.data.graph, parsed.data.layout);
  if (broken) return { ok: false, reason: `The journey's graph is broken: ${broken}.` };
  const carried = new Set(parsed.data.messages.map((m) => m.id));
  const missing = messageIdsOf(parsed.data.graph).find((id) => !carried.has(id));
  if (missing) return { ok: false, reason: `A push step uses the message ${missing}, which the file does not carry.` };
  return { ok: true, file: parsed.data };
}

/** Stable, readable output: parse(serialize(f)) equals f. */
export function serializeJourneyFile(file: JourneyFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
