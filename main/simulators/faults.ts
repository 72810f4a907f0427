import { seededRandom } from '../services/prng.js';

/** How a simulator misbehaves on purpose; every field can change while it runs. */
export interface FaultSettings {
  /** Seed of the PRNG behind every rate below: the same seed fails the same requests. */
  seed: number;
  /**
   * Probability (0..1) per request of answering with this error instead of the real outcome,
   * keyed by APNs reason (`TooManyRequests`, `ServiceUnavailable`, `InternalServerError`, ...) or
   * FCM error code (`QUOTA_EXCEEDED`, `UNAVAILABLE`, `INTERNAL`, ...).
   */
  errorRates: Record<string, number>;
  /** Probability per request of cutting the connection instead of answering. */
  dropRate: number;
  /** How a drop cuts: destroy the socket, or (HTTP/2 only) send GOAWAY and close the session. */
  dropMode: 'destroy' | 'goaway';
  /** Added before every answer, in ms. */
  latencyMs: number;
  /** Retry-After (seconds) sent with injected 429 and 503 answers; none when undefined. */
  retryAfterSeconds: number | undefined;
  /** HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS announced to clients (APNs only); undefined = Node's default. */
  maxConcurrentStreams: number | undefined;
}

export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'error'; reason: string };

const NONE: FaultDecision = { kind: 'none' };

export function defaultFaults(): FaultSettings {
  return { seed: 1, errorRates: {}, dropRate: 0, dropMode: 'destroy', latencyMs: 0, retryAfterSeconds: undefined, maxConcurrentStreams: undefined };
}

/**
 * Decides per request whether to inject a fault. One PRNG draw per request, and none at all while
 * no rate is set, so the hot path stays free when faults are off.
 */
export class FaultController {
  private current: FaultSettings;
  private random: () => number;
  private active = false;
  private readonly listeners = new Set<(settings: FaultSettings) => void>();

  constructor(initial: Partial<FaultSettings> = {}) {
    this.current = { ...defaultFaults(), ...initial };
    this.random = seededRandom(this.current.seed);
    this.refresh();
  }

  get settings(): Readonly<FaultSettings> {
    return this.current;
  }

  /** Changes some settings; a `seed` restarts the PRNG so a test can replay a sequence. */
  set(patch: Partial<FaultSettings>): void {
    this.current = { ...this.current, ...patch, errorRates: { ...(patch.errorRates ?? this.current.errorRates) } };
    for (const [reason, rate] of Object.entries(this.current.errorRates)) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`The error rate of ${reason} must be between 0 and 1.`);
    }
    if (!(this.current.dropRate >= 0 && this.current.dropRate <= 1)) throw new RangeError('dropRate must be between 0 and 1.');
    if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
    this.refresh();
    for (const listener of this.listeners) listener(this.current);
  }

  /** Back to a well-behaved server (and the first seed). */
  reset(): void {
    this.set(defaultFaults());
  }

  /** Called by the simulator to apply settings that live on the server (max concurrent streams). */
  onChange(listener: (settings: FaultSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  decide(): FaultDecision {
    if (!this.active) return NONE;
    const draw = this.random();
    let edge = this.current.dropRate;
    if (draw < edge) return { kind: 'drop' };
    for (const [reason, rate] of Object.entries(this.current.errorRates)) {
      edge += rate;
      if (draw < edge) return { kind: 'error', reason };
    }
    return NONE;
  }

  private refresh(): void {
    this.active = this.current.dropRate > 0 || Object.values(this.current.errorRates).some((rate) => rate > 0);
  }
}

/** Waits the injected latency, if any (resolves at once otherwise, without a timer). */
export function injectedLatency(faults: FaultController): Promise<void> | undefined {
  const ms = faults.settings.latencyMs;
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}
