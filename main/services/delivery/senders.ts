import type { ClientHttp2Session, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import type { BatchResponse } from 'firebase-admin/messaging';
import type { Platform } from '../../../shared/domain/profile.js';
import type { ServiceAccount } from '../channels/credentials/service-account.js';
import { timeOrderedUuid } from '../ids.js';
import { type ClaimedRow, parseStoredRequest } from '../outbox/outbox.js';
import { type ApnsAuth, type ApnsTarget, createApnsProvider } from '../providers/apns-provider.js';
import { type FcmTarget, createFcmMessaging } from '../providers/fcm-messaging.js';
import { type AttemptResult, classifyApns, classifyFcm, parseRetryAfter } from './classify.js';

/** What a sender needs of a claimed row (all that crosses to a sending thread); the request as stored (JSON). */
export type SendItem = Pick<ClaimedRow, 'id' | 'platform' | 'token' | 'request'>;

/** Sends rows of one channel and platform; results come back in the order of the rows. */
export interface Sender {
  readonly kind: 'apns' | 'fcm';
  /** Rows per send() call: FCM's sendEach takes at most 500. */
  readonly batchSize: number;
  /**
   * Pushes worth having in flight at once; a sending thread keeps the batches beyond it queued as
   * rows (more would only wait in the HTTP client, as streams and promises the GC keeps copying).
   */
  readonly concurrency: number;
  send(rows: readonly SendItem[]): Promise<AttemptResult[]>;
  close(): Promise<void>;
}

export const APNS_BATCH = 50;
export const FCM_BATCH = 100;
/** Apple allows 1,000 concurrent streams on a connection. */
export const APNS_CONCURRENCY = 1000;
/** Five sendEach calls of FCM_BATCH. */
export const FCM_CONCURRENCY = 500;

export const APNS_PAYLOAD_LIMIT = 4096;
export const APNS_VOIP_PAYLOAD_LIMIT = 5120;
export const FCM_MESSAGE_LIMIT = 4096;

const headerRecord = (headers: IncomingHttpHeaders | Record<string, unknown>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !k.startsWith(':')) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
};

/** Never echo credentials into the log: an answer's headers keep only these. */
const SAFE_RESPONSE_HEADERS = new Set(['apns-id', 'apns-unique-id', 'retry-after', 'content-type']);
const safeHeaders = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([k]) => SAFE_RESPONSE_HEADERS.has(k)));

/** A stored APNs request made ready to write: its headers and body, or why it can't be sent. */
type CompiledApns = { headers: Readonly<Record<string, string>>; body: string } | { tooLarge: string };

function compileApns(row: SendItem): CompiledApns {
  const request = parseStoredRequest(row.request);
  if (request.kind !== 'apns') throw new Error(`outbox row ${row.id} holds an FCM request for APNs`);
  const body = JSON.stringify(request.payload);
  const limit = request.headers['apns-push-type'] === 'voip' ? APNS_VOIP_PAYLOAD_LIMIT : APNS_PAYLOAD_LIMIT;
  const bytes = Buffer.byteLength(body);
  if (bytes > limit) return { tooLarge: `Not sent: the payload is ${bytes} bytes; APNs takes at most ${limit}.` };
  return { headers: request.headers, body };
}

/**
 * A campaign or an unpersonalised step sends one stored request to many devices: what `prepare`
 * made of the last request is kept, so a run of equal requests is parsed (and for APNs serialised
 * and measured) once, as node-apn's own send() compiles a notification once.
 */
function lastPrepared<T>(prepare: (row: SendItem) => T): (row: SendItem) => T {
  let last: { text: string; value: T } | undefined;
  return (row) => {
    if (last?.text !== row.request) last = { text: row.request, value: prepare(row) };
    return last.value;
  };
}

/** What node-apn's client.write rejects with (or, for some answers, resolves with). */
interface ApnFailure {
  status?: number | string;
  response?: { reason?: string; timestamp?: number };
  error?: Error;
}

/** The part of @parse/node-apn 8's Client used here (Provider.send calls write once per token). */
interface ApnClient {
  write(notification: { headers: Record<string, string>; body: string }, token: string, type: 'device', method: 'post'): Promise<Record<string, unknown>>;
  request(session: ClientHttp2Session, ...rest: unknown[]): Promise<unknown>;
}

export interface ApnsSenderOptions {
  auth: ApnsAuth;
  environment: 'sandbox' | 'production';
  target?: ApnsTarget;
  requestTimeoutMs?: number;
}

/**
 * APNs through @parse/node-apn: one provider (one HTTP/2 connection, kept open and reused; its
 * provider JWT is reused until 55 minutes, inside Apple's 20–60 minute window), with node-apn's own
 * retries off (connectionRetryLimit 0): it would resend 429/5xx at once and blind to Retry-After
 * (it reads `Retry-After` from HTTP/2 headers, which are lower case). The Retry-After header is
 * read here from the stream's answer instead, keyed by apns-id. Each push goes through the
 * provider's client.write, what Provider.send does per device token, without the batch bookkeeping
 * around it (every push has its own payload here).
 */
export function createApnsSender(options: ApnsSenderOptions): Sender {
  const provider = createApnsProvider({ ...options.auth, production: options.environment === 'production', connectionRetryLimit: 0, requestTimeout: options.requestTimeoutMs ?? 30_000, ...(options.target ? { target: options.target } : {}) });
  const answers = new Map<string, Record<string, string>>();
  const patched = new WeakSet<ClientHttp2Session>();
  const client = (provider as unknown as { client: ApnClient }).client;
  const original = client.request.bind(client);
  client.request = (session, ...rest) => {
    if (!patched.has(session)) {
      patched.add(session);
      const request = session.request.bind(session);
      session.request = ((headers: OutgoingHttpHeaders, opts?: object) => {
        const stream = request(headers, opts);
        const id = headers['apns-id'];
        // An accepted push needs none of them (node-apn hands back its apns-id and apns-unique-id).
        stream.once('response', (h) => {
          if (h[':status'] !== 200 && typeof id === 'string') answers.set(id, headerRecord(h));
        });
        return stream;
      }) as ClientHttp2Session['request'];
    }
    return original(session, ...rest);
  };

  const compiled = lastPrepared(compileApns);

  async function sendOne(row: SendItem): Promise<AttemptResult> {
    const request = compiled(row);
    if ('tooLarge' in request) {
      return { outcome: 'permanent', reason: 'PayloadTooLarge', status: null, providerId: null, latencyMs: null, response: { status: null, headers: {}, body: null, error: request.tooLarge } };
    }
    const apnsId = request.headers['apns-id'] ?? timeOrderedUuid();
    const headers = request.headers['apns-id'] ? request.headers : { ...request.headers, 'apns-id': apnsId };
    const body = request.body;
    // node-apn sends these headers and this body: the outbox request, exactly.
    const started = performance.now();
    let failed: ApnFailure | undefined;
    try {
      const accepted = await client.write({ headers, body }, row.token, 'device', 'post');
      if (accepted.status || accepted.error) failed = accepted as ApnFailure;
      else {
        const latencyMs = Math.round(performance.now() - started);
        const id = (accepted['apns-id'] as string | undefined) ?? apnsId;
        const unique = accepted['apns-unique-id'] as string | undefined;
        return { outcome: 'delivered', reason: null, status: 200, providerId: id, latencyMs, response: { status: 200, headers: unique ? { 'apns-id': id, 'apns-unique-id': unique } : { 'apns-id': id }, body: null } };
      }
    } catch (error) {
      failed = error as ApnFailure;
    }
    const latencyMs = Math.round(performance.now() - started);
    const answerHeaders = answers.get(apnsId) ?? {};
    answers.delete(apnsId);
    const retryAfterMs = parseRetryAfter(answerHeaders['retry-after']);
    const status = failed?.status !== undefined && failed.response ? Number(failed.status) : failed?.status !== undefined && !Number.isNaN(Number(failed.status)) && Number(failed.status) > 0 ? Number(failed.status) : null;
    let reason = failed?.response?.reason;
    // node-apn turns some answers into errors: a 500 InternalServerError and a 403 ExpiredProviderToken.
    if (!reason && status === 500) reason = 'InternalServerError';
    if (!reason && status === 403 && failed?.error?.message === 'ExpiredProviderToken') reason = 'ExpiredProviderToken';
    const error = status === null ? (failed?.error?.message ?? 'no answer') : undefined;
    const c = classifyApns({ status, ...(reason ? { reason } : {}), ...(failed?.response?.timestamp ? { timestamp: failed.response.timestamp } : {}), ...(error ? { error } : {}) }, row.platform, options.environment);
    return {
      ...c,
      status,
      providerId: answerHeaders['apns-id'] ?? null,
      latencyMs,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      response: { status, headers: safeHeaders(answerHeaders), body: failed?.response ?? null, ...(error ? { error } : {}) },
    };
  }

  return {
    kind: 'apns',
    batchSize: APNS_BATCH,
    concurrency: APNS_CONCURRENCY,
    send: (rows) => Promise.all(rows.map(sendOne)),
    close: async () => {
      await provider.shutdown();
    },
  };
}

export interface FcmSenderOptions {
  serviceAccount: ServiceAccount;
  target?: FcmTarget;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const RAW = Symbol('raw answer');

interface HttpResponseLike {
  status: number;
  headers: Record<string, string>;
  data?: unknown;
  text?: string;
  isJson(): boolean;
}

interface RequestHandlerLike {
  httpClient: { retry?: unknown };
  http2Client?: { retry?: unknown };
  buildSendResponse(response: HttpResponseLike): object;
  buildSendResponseFromError(error: { response: HttpResponseLike }): object;
}

/**
 * FCM through firebase-admin 13 `sendEach` (at most 500 a call). Its HTTP clients retry 503 and
 * ECONNRESET by themselves (up to 4 times, unseen by the caller): that is switched off, so every
 * attempt is the dispatcher's and is logged. The raw HTTP answer (status, Retry-After, the error
 * details with an ApnsError) is attached to each SendResponse, because firebase-admin's errors drop it.
 */
export function createFcmSender(options: FcmSenderOptions): Sender {
  const account = options.serviceAccount;
  const fcm = createFcmMessaging({
    serviceAccount: { type: 'service_account', project_id: account.projectId, private_key_id: account.privateKeyId ?? 'unknown', private_key: account.privateKeyPem, client_email: account.clientEmail, token_uri: account.tokenUri },
    ...(options.target ? { target: options.target } : {}),
  });
  const handler = (fcm.messaging as unknown as { messagingRequestHandler: RequestHandlerLike }).messagingRequestHandler;
  for (const client of [handler.httpClient, handler.http2Client]) if (client) client.retry = undefined;
  // The raw answer rides on the SendResponse firebase-admin builds from it, so it can't be mixed up.
  const build = handler.buildSendResponse.bind(handler);
  handler.buildSendResponse = (response) => Object.assign(build(response), { [RAW]: { status: response.status, headers: response.headers, body: response.data } });
  const buildError = handler.buildSendResponseFromError.bind(handler);
  handler.buildSendResponseFromError = (error) => {
    const r = error.response;
    return Object.assign(buildError(error), { [RAW]: { status: r.status, headers: r.headers, body: r.isJson() ? r.data : r.text } });
  };

  // Sharing one parsed message between rows is safe: sendEach validates and sends a deep copy.
  const storedMessage = lastPrepared((row): Record<string, unknown> => {
    const request = parseStoredRequest(row.request);
    if (request.kind !== 'fcm') throw new Error(`outbox row ${row.id} holds an APNs request for FCM`);
    return request.message as Record<string, unknown>;
  });

  async function sendBatch(rows: readonly SendItem[]): Promise<AttemptResult[]> {
    const results: (AttemptResult | undefined)[] = new Array(rows.length);
    const toSend: { index: number; message: Record<string, unknown> }[] = [];
    rows.forEach((row, index) => {
      const message = { ...storedMessage(row), token: row.token };
      // The stored request and the token bound the message's size: most never need measuring.
      const bytes = Buffer.byteLength(row.request) + 2 * row.token.length + 32 <= FCM_MESSAGE_LIMIT ? 0 : Buffer.byteLength(JSON.stringify({ message }));
      if (bytes > FCM_MESSAGE_LIMIT) {
        results[index] = { outcome: 'permanent', reason: 'INVALID_ARGUMENT', status: null, providerId: null, latencyMs: null, response: { status: null, headers: {}, body: null, error: `Not sent: the message is ${bytes} bytes; FCM takes at most ${FCM_MESSAGE_LIMIT}.` } };
      } else toSend.push({ index, message });
    });
    if (toSend.length) {
      const started = performance.now();
      let batch: BatchResponse;
      try {
        batch = await fcm.messaging.sendEach(toSend.map((m) => m.message) as never);
      } catch (error) {
        // sendEach validates every message first and throws for the whole batch: send one by one.
        if (toSend.length > 1) {
          const single = await Promise.all(toSend.map((m) => sendBatch([rows[m.index]!])));
          single.forEach((r, i) => (results[toSend[i]!.index] = r[0]));
          return results as AttemptResult[];
        }
        const message = (error as Error).message;
        results[toSend[0]!.index] = { outcome: 'permanent', reason: 'INVALID_ARGUMENT', status: null, providerId: null, latencyMs: null, response: { status: null, headers: {}, body: null, error: `Not sent: ${message}` } };
        return results as AttemptResult[];
      }
      const latencyMs = Math.round(performance.now() - started);
      batch.responses.forEach((response, i) => {
        const { index } = toSend[i]!;
        const answer = (response as { [RAW]?: RawAnswer })[RAW];
        if (response.success) {
          results[index] = { outcome: 'delivered', reason: null, status: 200, providerId: response.messageId ?? null, latencyMs, response: { status: 200, headers: {}, body: answer?.body ?? { name: response.messageId } } };
          return;
        }
        const error = response.error as { code?: string; message?: string } | undefined;
        const c = classifyFcm(answer ? { status: answer.status, body: answer.body } : { status: null, ...(error?.code ? { clientCode: error.code } : {}), error: error?.message ?? 'no answer' });
        const retryAfterMs = parseRetryAfter(answer?.headers['retry-after']);
        results[index] = {
          ...c,
          status: answer?.status ?? null,
          providerId: null,
          latencyMs,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          response: { status: answer?.status ?? null, headers: answer ? safeHeaders(answer.headers) : {}, body: answer?.body ?? null, ...(answer ? {} : { error: `${error?.code ?? 'error'}: ${error?.message ?? 'no answer'}` }) },
        };
      });
    }
    return results as AttemptResult[];
  }

  return { kind: 'fcm', batchSize: FCM_BATCH, concurrency: FCM_CONCURRENCY, send: sendBatch, close: () => fcm.close() };
}

export type SenderKind = 'apns' | 'fcm';
export const senderKindOf = (platform: Platform): SenderKind => (platform === 'fcm' ? 'fcm' : 'apns');
