import type { TemplateScope } from './personalise.js';

/**
 * Sample data pasted by the marketer (or given to the CLI with --sample): either a profile's
 * attributes as they are, or `{"profile": {...}, "event": {...}}` with either key. Returns the
 * scope the templates see, or a sentence saying what is wrong.
 */
export function parseSample(text: string): { scope: TemplateScope } | { error: string } {
  if (!text.trim()) return { scope: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `This is not JSON: ${(error as Error).message}. Paste an object like {"person": {"firstName": "Ada"}}.` };
  }
  return sampleScope(json);
}

export function sampleScope(json: unknown): { scope: TemplateScope } | { error: string } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { error: 'Sample data is one JSON object: the profile\'s attributes, or {"profile": {...}, "event": {...}}.' };
  }
  const keys = Object.keys(json);
  const record = json as Record<string, unknown>;
  if (keys.length > 0 && keys.every((k) => k === 'profile' || k === 'event')) return { scope: { profile: record.profile ?? {}, event: record.event ?? {} } };
  return { scope: { profile: json } };
}

/** A stored experience event as the templates see it: `{{event.type}}`, `{{event.timestamp}}` and its attributes. */
export function eventScope(event: { type: string; timestamp: string; attributes: Record<string, unknown> } | null | undefined): Record<string, unknown> {
  if (!event) return {};
  return { type: event.type, timestamp: event.timestamp, ...event.attributes };
}
