import { randomUUID } from 'node:crypto';
import type { DeliveryOutcome, DeliverySummary } from '../../../shared/domain/delivery.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { ClaimInput, ClaimedRow, Completion, Outbox } from '../outbox/outbox.js';
import { type AttemptResult, type BackoffPolicy, answerJson, backoffDelay, defaultBackoff } from './classify.js';
import { type Sender, type SenderKind, senderKindOf } from './senders.js';

/** Makes (and caches) the sender of a channel and platform; throws a StudioError when the credentials can't be used. */
export interface SenderFactory {
  get(channelId: string, kind: SenderKind): Promise<Sender>;
  closeAll(): Promise<void>;
}

/** What the dispatcher needs of the profiles: token feedback and "never target an invalid token". */
export interface TokenRegistry {
  /**
   * The registrations' status ('valid' | 'invalid' | 'denylisted') of those of `tokens` that have
   * one in `appId` (a simulated device sent to directly has none). One call per claimed batch.
   */
  statuses(appId: string, tokens: readonly string[]): Map<string, string>;
  /** Marks the registration invalid unless it was registered after `goneAt`; returns whether it changed. */
  invalidate(appId: string, token: string, reason: string, at: string, goneAt: string | undefined): boolean;
}

export interface DispatcherOptions {
  outbox: Outbox;
  senders: SenderFactory;
  tokens: TokenRegistry;
  clock: Clock;
  logger: Logger;
  /** Pushes claimed and not yet recorded, all channels together (the in-flight window; half per platform). */
  maxInFlight?: number;
  backoff?: BackoffPolicy;
  /** How long answers are gathered before they are written in one transaction. */
  flushMs?: number;
  /** How often an idle dispatcher looks for new rows (the engine writes without telling it). */
  pollMs?: number;
  onLogged?(rows: number): void;
  random?: () => number;
}

/** Owners of the rows in flight: `pid:instance`. A live process keeps its instances here. */
const liveInstances = new Set<string>();

function isGone(owner: string): boolean {
  const [pidText, instance] = owner.split(':');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return !liveInstances.has(instance ?? '');
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const emptySummary = (): DeliverySummary => ({
  claimed: 0,
  delivered: 0,
  retried: 0,
  failed: 0,
  tokenInvalid: 0,
  configuration: 0,
  expired: 0,
  cancelled: 0,
  possiblyDuplicated: 0,
  recovered: 0,
  byReason: {},
  elapsedMs: 0,
});

/** A token bucket per app (delivery_rate_limits), refilled continuously. */
class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number; perSecond: number }>();
  private limits = new Map<string, number>();
  private loadedAt = 0;

  constructor(private readonly load: () => { appId: string; perSecond: number }[]) {}

  /** Milliseconds to wait before `n` pushes of `appId` may go (0: now); takes them. */
  take(appId: string, n: number): number {
    const now = performance.now();
    if (now - this.loadedAt > 1000) {
      this.limits = new Map(this.load().map((l) => [l.appId, l.perSecond]));
      this.loadedAt = now;
    }
    const perSecond = this.limits.get(appId);
    if (!perSecond) return 0;
    let bucket = this.buckets.get(appId);
    if (!bucket || bucket.perSecond !== perSecond) {
      bucket = { tokens: Math.min(perSecond, n), at: now, perSecond };
      this.buckets.set(appId, bucket);
    }
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    bucket.tokens -= n;
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / perSecond) * 1000);
  }
}

const KINDS = ['apns', 'fcm'] as const;
/** Rows one claim takes at most (per platform). */
const CLAIM_MAX = 1000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The delivery dispatcher: an async pipeline on the core's event loop, over the core's database
 * connection (the senders it is given may send from threads of their own: see
 * docs/architecture.md). Each tick is one transaction: the answers gathered since the last one
 * (each row's new state and one delivery-log row per attempt), then ready rows claimed into the
 * room they leave. Claimed rows are grouped by channel, platform and app and sent through one
 * sender per channel and platform, with at most `maxInFlight` pushes claimed and not yet recorded.
 * Retries are its own: exponential backoff with jitter, never sooner than Retry-After, at most
 * `maxAttempts`, never past the push's TTL.
 */
export class Dispatcher {
  readonly owner: string;
  private readonly instance = randomUUID().slice(0, 8);
  private readonly maxInFlight: number;
  private readonly backoff: BackoffPolicy;
  private readonly flushMs: number;
  /** Answers gathered before the loop writes them at once (a quarter of the window). */
  private readonly flushAt: number;
  private readonly pollMs: number;
  private readonly random: () => number;
  private readonly limiter: RateLimiter;
  private inFlight = 0;
  private readonly inFlightOf = { apns: 0, fcm: 0 };
  private pending: Completion[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private readonly summaries = new Set<DeliverySummary>();
  private recoveredOnce = false;
  private journeyFilter: string | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.owner = `${process.pid}:${this.instance}`;
    this.maxInFlight = options.maxInFlight ?? 2000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.flushMs = options.flushMs ?? 20;
    this.flushAt = Math.max(1, Math.floor(this.maxInFlight / 4));
    this.pollMs = options.pollMs ?? 500;
    this.random = options.random ?? Math.random;
    this.limiter = new RateLimiter(() => options.outbox.rateLimits());
    liveInstances.add(this.instance);
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  /** Rows left in flight by a dead process go back to the queue, flagged possibly duplicated. */
  recover(): number {
    const recovered = this.options.outbox.recover(isGone, this.now());
    if (recovered) this.options.logger.info(`Delivery: ${recovered} push(es) were in flight when the last run stopped; they will be sent again and flagged “possibly duplicated”.`);
    return recovered;
  }

  /** Sends in the background until stop(). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    const recovered = this.recoveredOnce ? 0 : this.recover();
    this.recoveredOnce = true;
    for (const s of this.summaries) s.recovered += recovered;
    this.loop = this.run().finally(() => (this.loop = undefined));
  }

  /** Something was queued: look now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Sends until nothing is ready or due within `maxWaitMs` (retries in backoff are waited for),
   * then resolves with what happened meanwhile. Starts the loop if needed.
   */
  async drain(input: { journeyId?: string; maxWaitMs?: number } = {}): Promise<DeliverySummary> {
    const started = performance.now();
    const summary = emptySummary();
    this.summaries.add(summary);
    const wasRunning = this.running;
    const previousFilter = this.journeyFilter;
    if (!wasRunning) this.journeyFilter = input.journeyId;
    if (!this.recoveredOnce) {
      summary.recovered = this.recover();
      this.recoveredOnce = true;
    }
    this.start();
    const maxWait = input.maxWaitMs ?? 10 * 60_000;
    try {
      for (;;) {
        await sleep(50);
        if (this.inFlight > 0 || this.pending.length > 0) continue;
        const now = this.now();
        if (this.options.outbox.busy(now, input.journeyId)) continue;
        const due = this.options.outbox.nextDue(input.journeyId);
        if (due === undefined || Date.parse(due) - Date.parse(now) > maxWait) break;
      }
    } finally {
      this.summaries.delete(summary);
      if (!wasRunning) {
        await this.stop();
        this.journeyFilter = previousFilter;
      }
    }
    summary.elapsedMs = Math.round(performance.now() - started);
    return summary;
  }

  /** Stops claiming, waits for the pushes in flight and writes their answers. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    while (this.inFlight > 0) await sleep(10);
    this.flush();
  }

  async close(): Promise<void> {
    await this.stop();
    liveInstances.delete(this.instance);
    await this.options.senders.closeAll();
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.tick()) {
        // More room than one claim fills: claim again, letting answers and the UI in between.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.inFlight > 0 ? 50 : this.pollMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
    }
  }

  /**
   * One transaction: the answers gathered since the last one, then new rows claimed into the room
   * they leave. Each platform has its own half of the window, so a slow provider never holds the
   * other back. Returns whether a claim was cut at its 1,000 rows with more room left (claim again
   * at once); otherwise the loop waits for the next batch of answers (see record()).
   */
  private tick(): boolean {
    const share = Math.max(1, Math.floor(this.maxInFlight / 2));
    const now = this.now();
    const claims: ClaimInput[] = [];
    for (const kind of KINDS) {
      // The answers pending are written first, in the same transaction: their room is free.
      const room = share - this.inFlightOf[kind];
      if (room >= Math.min(100, share)) claims.push({ owner: this.owner, limit: Math.min(room, CLAIM_MAX), now, kind, ...(this.journeyFilter ? { journeyId: this.journeyFilter } : {}) });
    }
    const claimed = this.settle(claims);
    let again = false;
    claimed.forEach((rows, i) => {
      if (!rows.length) return;
      for (const s of this.summaries) s.claimed += rows.length;
      this.dispatch(rows);
      if (rows.length === CLAIM_MAX && share - this.inFlightOf[claims[i]!.kind!] >= Math.min(100, share)) again = true;
    });
    return again;
  }

  /** Writes the gathered answers and claims `claims` in one transaction, then the token feedback. */
  private settle(claims: ClaimInput[]): ClaimedRow[][] {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    const feedback = this.tokenFeedback;
    if (!batch.length && !feedback.length && !claims.length) return [];
    this.pending = [];
    this.tokenFeedback = [];
    let claimed: ClaimedRow[][] = [];
    try {
      claimed = this.options.outbox.settle(batch, claims);
      for (const f of feedback) this.options.tokens.invalidate(f.row.appId, f.row.token, f.reason, this.now(), f.goneAt);
    } catch (error) {
      this.options.logger.error('Delivery: recording answers failed', error);
      // The rows stay `sending`: a restart re-sends them, flagged possibly duplicated.
    }
    if (batch.length) this.options.onLogged?.(batch.length);
    return claimed;
  }

  /** The registrations' status of the rows' tokens, looked up per app in one statement each. */
  private registrations(rows: readonly ClaimedRow[]): Map<string, Map<string, string>> {
    const tokensOf = new Map<string, string[]>();
    for (const row of rows) {
      let tokens = tokensOf.get(row.appId);
      if (!tokens) tokensOf.set(row.appId, (tokens = []));
      tokens.push(row.token);
    }
    const byApp = new Map<string, Map<string, string>>();
    for (const [appId, tokens] of tokensOf) byApp.set(appId, this.options.tokens.statuses(appId, tokens));
    return byApp;
  }

  private dispatch(rows: ClaimedRow[]): void {
    const now = this.now();
    const groups = new Map<string, ClaimedRow[]>();
    const registrations = this.registrations(rows);
    for (const row of rows) {
      if (row.expiresAt && row.expiresAt <= now) {
        this.record(row, { outcome: 'expired', reason: 'TTL passed before sending', status: null, providerId: null, latencyMs: null, response: null }, true);
        continue;
      }
      const registration = registrations.get(row.appId)?.get(row.token);
      if (registration === 'invalid' || registration === 'denylisted') {
        this.record(row, { outcome: 'tokenInvalid', reason: `Not sent: the device's registration is ${registration}`, status: null, providerId: null, latencyMs: null, response: null }, true);
        continue;
      }
      const key = `${row.channelId}\u0000${senderKindOf(row.platform)}\u0000${row.appId}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(row);
    }
    for (const group of groups.values()) {
      this.inFlight += group.length;
      this.inFlightOf[senderKindOf(group[0]!.platform)] += group.length;
      void this.sendGroup(group);
    }
  }

  private async sendGroup(rows: ClaimedRow[]): Promise<void> {
    const first = rows[0]!;
    let sender: Sender;
    try {
      sender = await this.options.senders.get(first.channelId, senderKindOf(first.platform));
    } catch (error) {
      const reason = (error as Error).message;
      for (const row of rows) this.record(row, { outcome: 'configuration', reason, status: null, providerId: null, latencyMs: null, response: { status: null, headers: {}, body: null, error: reason } }, true);
      this.inFlight -= rows.length;
      this.inFlightOf[senderKindOf(first.platform)] -= rows.length;
      return;
    }
    const batches: ClaimedRow[][] = [];
    for (let i = 0; i < rows.length; i += sender.batchSize) batches.push(rows.slice(i, i + sender.batchSize));
    await Promise.all(
      batches.map(async (batch) => {
        const wait = this.limiter.take(first.appId, batch.length);
        if (wait > 0) await sleep(wait);
        let results: AttemptResult[];
        try {
          results = await sender.send(batch);
        } catch (error) {
          const message = (error as Error).message;
          results = batch.map(() => ({ outcome: 'retryable', reason: 'ConnectionDropped', status: null, providerId: null, latencyMs: null, response: { status: null, headers: {}, body: null, error: message } }));
        }
        // One timestamp for the batch: its answers came back together.
        const at = this.now();
        batch.forEach((row, i) => this.complete(row, results[i]!, at));
        this.inFlight -= batch.length;
        this.inFlightOf[senderKindOf(first.platform)] -= batch.length;
      }),
    );
  }

  private complete(row: ClaimedRow, result: AttemptResult, at: string): void {
    if (result.outcome !== 'retryable') {
      this.record(row, result, true, undefined, at);
      if (result.outcome === 'tokenInvalid') {
        this.tokenFeedback.push({ row, reason: result.reason ?? 'Unregistered', goneAt: result.goneAt });
      }
      return;
    }
    const attempt = row.attempts;
    if (attempt >= this.backoff.maxAttempts) {
      this.record(row, { ...result, reason: `${result.reason ?? 'retryable'} (gave up after ${attempt} attempts)` }, true);
      return;
    }
    const delay = backoffDelay(attempt, this.backoff, result.retryAfterMs, this.random);
    const retryAt = new Date(this.options.clock.now().getTime() + delay).toISOString();
    if (row.expiresAt && retryAt > row.expiresAt) {
      this.record(row, { ...result, outcome: 'expired', reason: `${result.reason ?? 'retryable'}; the TTL ends before the next try` }, true);
      return;
    }
    this.record(row, result, false, retryAt);
  }

  private tokenFeedback: { row: ClaimedRow; reason: string; goneAt: string | undefined }[] = [];

  private record(row: ClaimedRow, result: Omit<AttemptResult, 'outcome' | 'response'> & { outcome: DeliveryOutcome; response: AttemptResult['response'] | null }, final: boolean, retryAt?: string, at = this.now()): void {
    this.pending.push({
      row,
      outcome: result.outcome,
      reason: result.reason,
      status: result.status,
      latencyMs: result.latencyMs,
      providerId: result.providerId,
      response: result.response ? answerJson(result.response) : null,
      final,
      ...(retryAt ? { retryAt } : {}),
      at,
    });
    for (const s of this.summaries) {
      if (row.possiblyDuplicated) s.possiblyDuplicated += 1;
      if (!final) s.retried += 1;
      else if (result.outcome === 'delivered') s.delivered += 1;
      else if (result.outcome === 'tokenInvalid') s.tokenInvalid += 1;
      else if (result.outcome === 'configuration') s.configuration += 1;
      else if (result.outcome === 'expired') s.expired += 1;
      else if (result.outcome === 'cancelled') s.cancelled += 1;
      else s.failed += 1;
      if (result.reason) {
        const key = result.reason.replace(/ \(gave up after \d+ attempts\)$/, '');
        s.byReason[key] = (s.byReason[key] ?? 0) + 1;
      }
    }
    // Written by the loop's next transaction: at once when a good batch has gathered, else soon.
    if (this.pending.length >= this.flushAt) this.wake();
    else
      this.flushTimer ??= setTimeout(() => {
        this.flushTimer = undefined;
        if (this.loop) this.wake();
        else this.flush();
      }, this.flushMs);
  }

  /** Writes the gathered answers (and the token feedback) in one transaction. */
  flush(): void {
    this.settle([]);
  }
}
