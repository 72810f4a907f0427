import { randomUUID } from 'node:crypto';
import http2, { type Http2Session, type IncomingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import { type Clock, systemClock } from '../../services/clock.js';
import { Counters } from '../counters.js';
import type { ApnsEnvironment, DeviceRegistry } from '../devices.js';
import { type FaultSettings, FaultController, injectedLatency } from '../faults.js';
import { SIMULATOR_HOST, closeServer, listen } from '../listen.js';
import { type SimulatorCertificate, generateSimulatorCertificate } from '../tls.js';
import { ApnsKeyRegistry } from './keys.js';
import { type ConnectionTokens, ProviderTokenVerifier } from './provider-token.js';
import { APNS_REASONS, type ApnsReason, MAX_PAYLOAD_BYTES, MAX_VOIP_PAYLOAD_BYTES } from './reasons.js';
import { checkApnsId, checkPushHeaders, hasDuplicateApnsHeaders, isWellFormedDeviceToken, parsePath } from './request.js';

export interface ApnsSimulatorOptions {
  devices: DeviceRegistry;
  keys?: ApnsKeyRegistry;
  clock?: Clock;
  /** Reuse a certificate (the sandbox shares one between APNs and FCM); a new one otherwise. */
  certificate?: SimulatorCertificate;
  /** 0 (the default) picks a free port. */
  ports?: Partial<Record<ApnsEnvironment, number>>;
  faults?: Partial<FaultSettings>;
}

export interface ApnsEndpoint {
  environment: ApnsEnvironment;
  host: string;
  port: number;
}

export interface ApnsSimulator {
  /** The stand-in for api.sandbox.push.apple.com. */
  readonly sandbox: ApnsEndpoint;
  /** The stand-in for api.push.apple.com. */
  readonly production: ApnsEndpoint;
  /** The certificate the listeners present: clients pass it as `ca`. */
  readonly caPem: string;
  readonly keys: ApnsKeyRegistry;
  readonly faults: FaultController;
  /** Both environments together; `countersFor` splits them. */
  readonly counters: Counters;
  countersFor(environment: ApnsEnvironment): Counters;
  close(): Promise<void>;
}

const BODY_LIMIT = 64 * 1024;

/**
 * The SETTINGS_MAX_CONCURRENT_STREAMS a connection gets unless a fault sets another: APNs always
 * advertises a limit (1,500 is the figure client libraries report seeing, 500 in 2016, 1 after a
 * rejected push), never HTTP/2's "unlimited" that Node's server sends by default. A client that
 * opens more streams waits for some to close, as it would at Apple.
 */
export const APNS_MAX_CONCURRENT_STREAMS = 1500;

/**
 * Starts the APNs stand-in: one HTTP/2 TLS listener per environment on 127.0.0.1, sharing keys,
 * devices and fault settings. A token from a sandbox build sent to the production listener (or
 * the reverse) answers BadDeviceToken, as Apple does.
 */
export async function startApnsSimulator(options: ApnsSimulatorOptions): Promise<ApnsSimulator> {
  const clock = options.clock ?? systemClock;
  const devices = options.devices;
  const keys = options.keys ?? new ApnsKeyRegistry();
  const certificate = options.certificate ?? generateSimulatorCertificate();
  const faults = new FaultController(options.faults);
  const verifier = new ProviderTokenVerifier(keys, clock);
  const counters = new Counters();
  const perEnvironment: Record<ApnsEnvironment, Counters> = { sandbox: new Counters(), production: new Counters() };
  const sessions = new Set<ServerHttp2Session>();
  const connectionTokens = new WeakMap<Http2Session, ConnectionTokens>();

  const settings = () => ({ maxConcurrentStreams: faults.settings.maxConcurrentStreams ?? APNS_MAX_CONCURRENT_STREAMS });
  faults.onChange(() => {
    // Lowering SETTINGS_MAX_CONCURRENT_STREAMS reaches open connections too, as APNs does at will.
    const next = settings();
    for (const session of sessions) if (!session.destroyed) session.settings(next);
  });

  function createServer(environment: ApnsEnvironment) {
    const server = http2.createSecureServer({ cert: certificate.certPem, key: certificate.keyPem, allowHTTP1: false, settings: settings() });
    server.on('session', (session: ServerHttp2Session) => {
      sessions.add(session);
      connectionTokens.set(session, new Map());
      session.on('close', () => sessions.delete(session));
      session.on('error', () => {});
      session.settings(settings());
    });
    server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, _flags: number, rawHeaders: string[]) => {
      perEnvironment[environment].received();
      counters.received();
      stream.on('error', () => {});
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= BODY_LIMIT) chunks.push(chunk);
      });
      stream.on('end', () => {
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        void handle(environment, stream, headers, rawHeaders, body, size).catch(() => stream.destroy());
      });
    });
    return server;
  }

  function answer(environment: ApnsEnvironment, stream: ServerHttp2Stream, status: number, apnsId: string, reason?: ApnsReason, extra?: Record<string, unknown>): void {
    perEnvironment[environment].answered(status, reason ?? String(status));
    counters.answered(status, reason ?? String(status));
    if (stream.destroyed || stream.closed) return;
    const headers: Record<string, string | number> = { ':status': status, 'apns-id': apnsId };
    if ((status === 429 || status === 503) && reason !== 'TooManyProviderTokenUpdates' && faults.settings.retryAfterSeconds !== undefined) {
      headers['retry-after'] = faults.settings.retryAfterSeconds;
    }
    if (reason === undefined) {
      // Apple adds apns-unique-id in the development environment only (for its Push Console).
      if (environment === 'sandbox') headers['apns-unique-id'] = randomUUID();
      stream.respond(headers, { endStream: true });
      return;
    }
    headers['content-type'] = 'application/json';
    stream.respond(headers);
    stream.end(JSON.stringify({ reason, ...extra }));
  }

  function drop(environment: ApnsEnvironment, stream: ServerHttp2Stream): void {
    perEnvironment[environment].dropped();
    counters.dropped();
    const session = stream.session;
    if (faults.settings.dropMode === 'goaway' && session && !session.destroyed) {
      // GOAWAY naming the stream before this one as the last processed: this request was not handled.
      session.goaway(http2.constants.NGHTTP2_NO_ERROR, Math.max(0, (stream.id ?? 1) - 1));
      stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
      session.close();
    } else {
      session?.destroy();
    }
  }

  async function handle(environment: ApnsEnvironment, stream: ServerHttp2Stream, headers: IncomingHttpHeaders, rawHeaders: string[], body: Buffer, size: number): Promise<void> {
    const latency = injectedLatency(faults);
    if (latency) await latency;
    // The connection was cut (a drop) before this request was processed: like Apple, it is neither
    // handled nor answered (nothing reaches a device), and it counts as dropped, not answered.
    if (stream.destroyed || stream.session?.destroyed) {
      perEnvironment[environment].dropped();
      counters.dropped();
      return;
    }
    const idCheck = checkApnsId(headers['apns-id']);
    const apnsId = ('id' in idCheck ? idCheck.id : undefined) ?? randomUUID().toUpperCase();
    const reply = (status: number, reason?: ApnsReason, extra?: Record<string, unknown>) => answer(environment, stream, status, apnsId, reason, extra);
    const reject = (reason: ApnsReason, extra?: Record<string, unknown>) => reply(APNS_REASONS[reason], reason, extra);

    const fault = faults.decide();
    if (fault.kind === 'drop') return drop(environment, stream);
    if (fault.kind === 'error') return reject(fault.reason as ApnsReason);

    const path = parsePath(headers[':method'], headers[':path']);
    if ('reason' in path) return reject(path.reason);
    if (hasDuplicateApnsHeaders(headers, rawHeaders)) return reject('DuplicateHeaders');
    if ('reason' in idCheck) return reject(idCheck.reason);

    const session = stream.session;
    const auth = verifier.check(headers.authorization, environment, (session && connectionTokens.get(session)) || new Map());
    if (!auth.ok) return reject(auth.reason);

    const push = checkPushHeaders(headers);
    if ('reason' in push) return reject(push.reason);
    if (!auth.key.topics.has(push.bundleId)) return reject('TopicDisallowed');

    if (size === 0) return reject('PayloadEmpty');
    if (size > (push.pushType === 'voip' ? MAX_VOIP_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES)) return reject('PayloadTooLarge');
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      payload = undefined;
    }
    // Apple documents no reason for a body that isn't a JSON object; PayloadEmpty is the closest.
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return reject('PayloadEmpty');

    const token = path.token;
    if (!isWellFormedDeviceToken(token)) return reject('BadDeviceToken');
    const record = devices.lookup(token.toLowerCase());
    // Unknown token, an FCM token, or a token of the other environment: all BadDeviceToken.
    if (!record || record.device.platform !== 'ios' || record.device.environment !== environment) return reject('BadDeviceToken');
    if (record.device.bundleId !== push.bundleId) return reject('DeviceTokenNotForTopic');
    if (record.state === 'dead') return reject('Unregistered', { timestamp: (record.diedAt ?? clock.now()).getTime() });

    const shape: Record<string, string> = { 'apns-topic': push.topic, 'apns-push-type': push.pushType, 'apns-priority': String(push.priority) };
    if (push.expiration) shape['apns-expiration'] = String(push.expiration);
    if (push.collapseId !== undefined) shape['apns-collapse-id'] = push.collapseId;
    if (devices.deliver(record, { via: 'apns', id: apnsId, payload, headers: shape })) {
      perEnvironment[environment].delivered();
      counters.delivered();
    }
    reply(200);
  }

  const servers = { sandbox: createServer('sandbox'), production: createServer('production') };
  const sandboxPort = await listen(servers.sandbox, options.ports?.sandbox ?? 0);
  let productionPort: number;
  try {
    productionPort = await listen(servers.production, options.ports?.production ?? 0);
  } catch (error) {
    await closeServer(servers.sandbox);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    sandbox: { environment: 'sandbox', host: SIMULATOR_HOST, port: sandboxPort },
    production: { environment: 'production', host: SIMULATOR_HOST, port: productionPort },
    caPem: certificate.certPem,
    keys,
    faults,
    counters,
    countersFor: (environment) => perEnvironment[environment],
    close: () => {
      closing ??= (async () => {
        for (const session of sessions) session.destroy();
        await Promise.all([closeServer(servers.sandbox), closeServer(servers.production)]);
      })();
      return closing;
    },
  };
}
