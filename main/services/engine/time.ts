/**
 * Wall-clock time in a profile's timezone, for time conditions, time-of-day waits and quiet hours.
 * Offsets are cached per zone and hour, so a dry run over a million profiles asks Intl rarely.
 */
const HOUR = 3_600_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();
const offsets = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null; // Not a zone Intl knows: the profile counts as UTC.
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Milliseconds to add to UTC to get the wall clock in `zone` at `ms`. */
export function zoneOffset(zone: string | undefined, ms: number): number {
  if (!zone || zone === 'UTC') return 0;
  const key = `${zone}@${Math.floor(ms / HOUR)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const f = formatter(zone);
  let offset = 0;
  if (f) {
    const parts: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(Math.floor(ms / 1000) * 1000))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    offset = asUtc - Math.floor(ms / 1000) * 1000;
  }
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

export const isKnownZone = (zone: string) => formatter(zone) !== null;

/** Day of the week (0 = Sunday) and minutes since midnight on the wall clock in `zone`. */
export function localTime(zone: string | undefined, ms: number): { day: number; minutes: number } {
  const local = new Date(ms + zoneOffset(zone, ms));
  return { day: local.getUTCDay(), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Is `minutes` in [from, to)? A window whose end is before its start runs over midnight. */
export function inWindow(minutes: number, from: number, to: number): boolean {
  return from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/** The first moment at or after `ms` when the wall clock in `zone` reads `hhmm`. */
export function nextTimeOfDay(zone: string | undefined, ms: number, hhmm: string): number {
  const target = minutesOf(hhmm) * 60_000;
  const offset = zoneOffset(zone, ms);
  const localMidnight = Math.floor((ms + offset) / DAY) * DAY;
  for (let d = 0; d < 3; d += 1) {
    const localCandidate = localMidnight + d * DAY + target;
    // Convert back with the offset at that moment (DST may have moved it).
    const guess = localCandidate - offset;
    const candidate = localCandidate - zoneOffset(zone, guess);
    if (candidate >= ms) return candidate;
  }
  return ms + DAY;
}
