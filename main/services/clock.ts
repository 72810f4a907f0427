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
