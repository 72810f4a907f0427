import { JOURNEY_NAME_MAX } from '../../../shared/domain/journey.js';

/**
 * The name of a copy: "Welcome (copy)", then "Welcome (copy 2)", ... skipping names already taken,
 * and shortening the original so the result still fits the length limit.
 */
export function copyName(original: string, taken: ReadonlySet<string>): string {
  const base = original.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const head = base.length + suffix.length > JOURNEY_NAME_MAX ? base.slice(0, JOURNEY_NAME_MAX - suffix.length).trimEnd() : base;
    const candidate = head + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
