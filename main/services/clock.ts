/** Time as the core sees it; tests and dry runs substitute their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: tests and dry runs (virtual time). */
export interface VirtualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): Date;
}

export function createVirtualClock(start: Date | string): VirtualClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (at) => void (now = new Date(at).getTime()),
    advance: (ms) => new Date((now += ms)),
  };
}

/** Real time plus an offset that only grows: a studio served with virtual time, moved on by its user. */
export interface AdjustableClock extends Clock {
  /** How far ahead of real time it runs, in milliseconds. */
  aheadMs(): number;
  advance(ms: number): Date;
}

/** Starts `aheadMs` ahead of real time: where the workspace's clock was left. */
export function createAdjustableClock(base: Clock = systemClock, aheadMs = 0): AdjustableClock {
  let ahead = aheadMs;
  return {
    now: () => new Date(base.now().getTime() + ahead),
    aheadMs: () => ahead,
    advance(ms) {
      if (!(ms > 0)) throw new RangeError('The clock only moves forward.');
      ahead += ms;
      return new Date(base.now().getTime() + ahead);
    },
  };
}
