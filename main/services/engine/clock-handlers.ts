import type { HandlersFor } from '../../../shared/contract.js';
import type { StudioClock } from '../../../shared/contracts/engine.js';
import { StudioError } from '../../../shared/errors.js';
import type { AdjustableClock, Clock } from '../clock.js';

type ClockChannel = 'engine.clock.get' | 'engine.clock.advance';

/**
 * The studio's clock as the run bar shows it. On virtual time (`serve --virtual-time`) it can be
 * moved on: the engine then runs what fell due (waits that ended, scheduled entries) and the
 * dispatcher is woken for the pushes they queued, as if that time had passed.
 */
export function clockHandlers(
  clock: Clock,
  /** The workspace's clock (real time plus what it was moved on by), absent when a test gives its own. */
  running: AdjustableClock | undefined,
  /** Whether this studio may move it on (virtual time). */
  movable: boolean,
  moved: { saved(aheadMs: number): void; runDue(): Promise<void>; told(state: StudioClock): void },
): HandlersFor<ClockChannel> {
  const state = (): StudioClock => ({
    now: clock.now().toISOString(),
    aheadSeconds: Math.round((running?.aheadMs() ?? 0) / 1000),
    adjustable: movable && running !== undefined,
  });
  return {
    'engine.clock.get': () => state(),
    'engine.clock.advance': async ({ seconds }) => {
      if (!movable || !running) {
        throw new StudioError('invalid_input', 'This studio runs on real time. Start it with --virtual-time (`npm start -- --virtual-time` or `journey-studio serve --virtual-time`) to move its clock on.');
      }
      running.advance(seconds * 1000);
      moved.saved(running.aheadMs());
      await moved.runDue();
      const now = state();
      moved.told(now);
      return now;
    },
  };
}
