import type { JourneySettings } from '../../../shared/domain/engine.js';
import type { SendResult } from './walk.js';
import { inWindow, localTime, minutesOf, nextTimeOfDay } from './time.js';

export const CAP_WINDOW_MS = 86_400_000;

/**
 * The journey rules that stand between a message step and the outbox, in order: quiet hours in the
 * profile's timezone (hold until they end, or skip), then the frequency cap (pushes in the last 24
 * hours across journeys and campaigns). undefined: the push may go.
 */
export function checkSendRules(settings: JourneySettings, zone: string | undefined, t: number, sendsInLastDay: () => number): SendResult | undefined {
  const quiet = settings.quietHours;
  if (quiet) {
    const { minutes } = localTime(zone, t);
    if (inWindow(minutes, minutesOf(quiet.from), minutesOf(quiet.to))) {
      return quiet.mode === 'skip' ? { kind: 'excluded', reason: 'quiet-hours' } : { kind: 'hold', until: nextTimeOfDay(zone, t, quiet.to) };
    }
  }
  if (settings.frequencyCap !== null && sendsInLastDay() >= settings.frequencyCap) return { kind: 'excluded', reason: 'frequency-cap' };
  return undefined;
}

/** Schedules of audience entries, in UTC: the first run at or after `from`. */
export function nextRun(schedule: { kind: 'once'; at?: string } | { kind: 'daily'; at: string } | { kind: 'weekly'; day: number; at: string }, from: number): number | null {
  if (schedule.kind === 'once') return schedule.at ? Date.parse(schedule.at) : from;
  let t = nextTimeOfDay(undefined, from, schedule.at);
  if (schedule.kind === 'weekly') {
    for (let i = 0; i < 8 && new Date(t).getUTCDay() !== schedule.day; i += 1) t = nextTimeOfDay(undefined, t + 60_000, schedule.at);
  }
  return t;
}
