import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Clock, systemClock } from '../../services/clock.js';
import { Counters } from '../counters.js';
import type { DeviceRegistry } from '../devices.js';
import { type FaultSettings, FaultController, injectedLatency } from '../faults.js';
import { SIMULATOR_HOST, closeServer, listen } from '../listen.js';
import { SIMULATOR_SERVERNAME, type SimulatorCertificate, generateSimulatorCertificate } from '../tls.js';
import { APNS_ERROR_TYPE, type FcmErrorCode, type GoogleError, MISSING_CREDENTIAL_MESSAGE, UNAUTHENTICATED_MESSAGE, fcmError, googleError, isFcmErrorCode } from './errors.js';
import { checkSendRequest, isWellFormedFcmToken } from './message.js';
import { CLOUD_PLATFORM_SCOPE, FCM_SCOPE, OAuthIssuer } from './oauth.js';

export interface FcmSimulatorOptions {
  devices: DeviceRegistry;
  clock?: Clock;
  certificate?: SimulatorCertificate;
  /** 0 (the default) picks a free port. */
  port?: number;
  faults?: Partial<FaultSettings>;
  /**
   * FCM answers a dead token of an iOS app either 404 UNREGISTERED or, at times, 400
   * INVALID_ARGUMENT with an ApnsError detail (statusCode 410). Off: always UNREGISTERED.
   */
  iosDeadTokenAsApnsError?: boolean;
}

export interface FcmSimulator {
  readonly host: string;
  readonly port: number;
  /** https://localhost:<port>/token: the token_uri to put in service accounts. */
  readonly tokenUri: string;
  readonly caPem: string;
  readonly oauth: OAuthIssuer;
  readonly faults: FaultController;
  readonly counters: Counters;
  close(): Promise<void>;
}

const SEND_PATH = /^\/v1\/projects\/([^/]+)\/messages:send$/;
const BODY_LIMIT = 1024 * 1024;

/**
 * Starts the FCM HTTP v1 stand-in on 127.0.0.1 (HTTPS, HTTP/1.1: what firebase-admin's legacy
 * transport speaks): the OAuth2 token endpoint and `messages:send`.
 */
export async function startFcmSimulator(options: FcmSimulatorOptions): Promise<FcmSimulator> {
  const clock = options.clock ?? systemClock;
  const devices = options.devices;
  const certificate = options.certificate ?? generateSimulatorCertificate();
  const faults = new FaultController(options.faults);
  const oauth = new OAuthIssuer(clock);
  const counters = new Counters();
  const sockets = new Set<Socket>();
  // Message ids like Google's "0:1712345678901234%31bd1c9631bd1c96", unique per simulator.
  const idSuffix = randomBytes(8).toString('hex');
  let sequence = 0;

  function send(res: ServerResponse, status: number, body: unknown, extraHeaders?: Record<string, string | number>): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...extraHeaders });
    res.end(text);
  }

  function answerError(res: ServerResponse, error: GoogleError, counted: string): void {
    counters.answered(error.httpStatus, counted);
    const retryAfter = faults.settings.retryAfterSeconds;
    send(res, error.httpStatus, error.body, (error.httpStatus === 429 || error.httpStatus === 503) && retryAfter !== undefined ? { 'retry-after': retryAfter } : undefined);
  }

  function handleToken(res: ServerResponse, body: Buffer): void {
    const answer = oauth.exchange(new URLSearchParams(body.toString('utf8')));
    send(res, answer.ok ? 200 : answer.httpStatus, answer.body, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });
  }

  async function handleSend(req: IncomingMessage, res: ServerResponse, projectId: string, body: Buffer): Promise<void> {
    counters.received();
    const latency = injectedLatency(faults);
    if (latency) await latency;
    const fault = faults.decide();
    if (fault.kind === 'drop') {
      counters.dropped();
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'error') {
      const code: FcmErrorCode = isFcmErrorCode(fault.reason) ? fault.reason : 'UNSPECIFIED_ERROR';
      return answerError(res, fcmError(code), code);
    }

    const authorization = req.headers.authorization;
    if (!authorization) return answerError(res, googleError(401, 'UNAUTHENTICATED', MISSING_CREDENTIAL_MESSAGE), 'UNAUTHENTICATED');
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
    const access = bearer ? oauth.accessToken(bearer[1]!.trim()) : undefined;
    if (!access) return answerError(res, googleError(401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE), 'UNAUTHENTICATED');
    // Google issues a token for any scope; sending needs the messaging (or cloud-platform) scope.
    if (!access.scopes.has(FCM_SCOPE) && !access.scopes.has(CLOUD_PLATFORM_SCOPE)) {
      return answerError(res, googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.'), 'PERMISSION_DENIED');
    }
    // The service account belongs to one project: sending for another is denied (no FcmError
    // detail; firebase-admin reads PERMISSION_DENIED as messaging/mismatched-credential).
    if (access.projectId !== projectId) {
      return answerError(res, googleError(403, 'PERMISSION_DENIED', `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${projectId}' (or it may not exist).`), 'PERMISSION_DENIED');
    }

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answerError(res, googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unexpected token.'), 'INVALID_ARGUMENT');
    }
    const check = checkSendRequest(json, body.length);
    if (!check.ok) return answerError(res, fcmError('INVALID_ARGUMENT', check.message), 'INVALID_ARGUMENT');

    let record;
    if (check.target.kind === 'token') {
      const token = check.target.token;
      if (!isWellFormedFcmToken(token)) return answerError(res, fcmError('INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token'), 'INVALID_ARGUMENT');
      record = devices.lookup(token);
      if (!record || record.device.platform !== 'android') return answerError(res, fcmError('UNREGISTERED'), 'UNREGISTERED');
      const device = record.device;
      if (device.projectId !== projectId) return answerError(res, fcmError('SENDER_ID_MISMATCH'), 'SENDER_ID_MISMATCH');
      const restricted = check.message.android?.restricted_package_name;
      if (restricted !== undefined && restricted !== device.appId) {
        return answerError(res, fcmError('INVALID_ARGUMENT', 'Request contains an invalid argument: restricted_package_name does not match the registration token.'), 'INVALID_ARGUMENT');
      }
      if (record.state === 'dead') {
        if (device.os === 'ios' && options.iosDeadTokenAsApnsError) {
          return answerError(res, fcmError('INVALID_ARGUMENT', 'Request contains an invalid argument.', [{ '@type': APNS_ERROR_TYPE, statusCode: 410, reason: 'Unregistered' }]), 'INVALID_ARGUMENT');
        }
        return answerError(res, fcmError('UNREGISTERED'), 'UNREGISTERED');
      }
    }

    // validate_only: checked like a real send, answered with Google's fixed dry-run name, sent nowhere.
    if (check.validateOnly) {
      counters.answered(200, '200');
      return send(res, 200, { name: `projects/${projectId}/messages/fake_message_id` });
    }
    sequence += 1;
    const name = `projects/${projectId}/messages/0:${clock.now().getTime() * 1000 + (sequence % 1000)}%${idSuffix}${sequence.toString(16)}`;
    if (record && devices.deliver(record, { via: 'fcm', id: name, payload: check.message })) counters.delivered();
    counters.answered(200, '200');
    send(res, 200, { name });
  }

  const server = https.createServer({ cert: certificate.certPem, key: certificate.keyPem, keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0]!;
      const sendMatch = SEND_PATH.exec(path);
      if (req.method === 'POST' && sendMatch) {
        if (size > BODY_LIMIT) return answerError(res, googleError(413, 'INVALID_ARGUMENT', `Request payload size exceeds the limit: ${BODY_LIMIT} bytes.`), 'INVALID_ARGUMENT');
        void handleSend(req, res, decodeURIComponent(sendMatch[1]!), body).catch(() => res.destroy());
        return;
      }
      if (req.method === 'POST' && oauth.isTokenPath(path)) return handleToken(res, body);
      send(res, 404, googleError(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`).body);
    });
    req.on('error', () => {});
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {});

  const port = await listen(server, options.port ?? 0);
  const tokenUri = `https://${SIMULATOR_SERVERNAME}:${port}/token`;
  oauth.ownTokenUrls.add(tokenUri);
  oauth.ownTokenUrls.add(`https://${SIMULATOR_HOST}:${port}/token`);

  let closing: Promise<void> | undefined;
  return {
    host: SIMULATOR_HOST,
    port,
    tokenUri,
    caPem: certificate.certPem,
    oauth,
    faults,
    counters,
    close: () => {
      closing ??= (async () => {
        for (const socket of sockets) socket.destroy();
        await closeServer(server);
      })();
      return closing;
    },
  };
}
