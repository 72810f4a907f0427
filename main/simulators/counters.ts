/** What a simulator received and how it answered, for "counts match what the provider saw" checks. */
export interface CounterSnapshot {
  /** Requests that reached a handler (including ones later dropped or failed). */
  received: number;
  /** Requests answered with a status (not dropped). */
  answered: number;
  /** Accepted requests (2xx). */
  accepted: number;
  /** Accepted and handed to a simulated device (validate_only / stale tokens are not). */
  delivered: number;
  /** Connections destroyed or GOAWAYed by fault injection. */
  dropped: number;
  byStatus: Record<string, number>;
  /** APNs reasons / FCM error codes, plus the status for accepted requests ("200"). */
  byReason: Record<string, number>;
}

export class Counters {
  private state: CounterSnapshot = Counters.empty();

  private static empty(): CounterSnapshot {
    return { received: 0, answered: 0, accepted: 0, delivered: 0, dropped: 0, byStatus: {}, byReason: {} };
  }

  received(): void {
    this.state.received += 1;
  }

  answered(status: number, reason?: string): void {
    const s = this.state;
    s.answered += 1;
    if (status >= 200 && status < 300) s.accepted += 1;
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
    if (reason !== undefined) s.byReason[reason] = (s.byReason[reason] ?? 0) + 1;
  }

  delivered(): void {
    this.state.delivered += 1;
  }

  dropped(): void {
    this.state.dropped += 1;
  }

  snapshot(): CounterSnapshot {
    const s = this.state;
    return { ...s, byStatus: { ...s.byStatus }, byReason: { ...s.byReason } };
  }

  reset(): void {
    this.state = Counters.empty();
  }
}
