import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { StudioError } from '../../shared/errors.js';
import { pipeline } from 'node:stream/promises';
import { exportRequestSchema } from '../../shared/domain/report.js';
import { HEADLESS, type WireServerMessage, wireCallSchema } from '../../shared/wire.js';
import type { Core } from '../core.js';
import { type ServedWorkspace, servingOneCore } from '../session/workspace-session.js';
import { SECURITY_HEADERS } from '../csp.js';
import { DEFAULT_MAX_UPLOAD_BYTES, cleanName } from '../services/staging/staged-files.js';
import { type AccessControl, createAccessControl } from './access.js';
import { resolveStatic, sendFile } from './static-files.js';

interface HostSettings {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests may fix the token; the product always generates one per launch. */
  token?: string;
  /** The largest file an upload may be (default 2 GiB). */
  maxUploadBytes?: number;
}

/** What the host serves: the workspace session (the studio can switch), or one core (tests, benches). */
export type HeadlessHostOptions = HostSettings & ({ session: ServedWorkspace } | { core: Core });

export interface HeadlessHost {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: carries the token. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const statusFor: Record<StudioError['code'], number> = {
  invalid_input: 400,
  unknown_channel: 404,
  not_found: 404,
  conflict: 409,
  workspace_too_new: 409,
  unauthorized: 401,
  internal: 500,
};

function toStudioError(error: unknown): StudioError {
  return error instanceof StudioError ? error : new StudioError('internal', 'Journey Studio hit an unexpected problem.');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(message);
}

const NEED_TOKEN =
  'Journey Studio needs its access token. Open the full URL that `journey-studio serve` printed (it ends with ?token=...).\n';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new StudioError('invalid_input', 'The request is larger than 1 MB.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleApi(served: ServedWorkspace, channel: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'Use POST with a JSON body.\n');
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return refuse(res, 415, 'Send the input as application/json.\n');
  }
  try {
    const text = await readBody(req);
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new StudioError('invalid_input', 'The request body is not valid JSON.');
    }
    const output = await served.dispatch(channel, input);
    sendJson(res, 200, { ok: true, output });
  } catch (error) {
    const studioError = toStudioError(error);
    sendJson(res, statusFor[studioError.code], { ok: false, error: studioError.toJSON() });
  }
}

/**
 * A file for the core (an import), streamed to the workspace's staging folder, never held in memory.
 * The same checks as the API apply (they run before routing), plus a content type no cross-site
 * form can send without a CORS preflight, and a size cap.
 */
async function handleUpload(served: ServedWorkspace, url: URL, req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'Use POST with the file as the body.\n');
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/octet-stream')) {
    return refuse(res, 415, 'Send the file as application/octet-stream.\n');
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    const error = new StudioError('invalid_input', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most the studio takes in one upload. Split it into parts.`);
    res.setHeader('connection', 'close');
    return sendJson(res, 413, { ok: false, error: error.toJSON() });
  }
  try {
    const staged = await served.withCore((core) => core.staged.stageStream(req, cleanName(url.searchParams.get('name') ?? 'upload'), maxBytes));
    sendJson(res, 200, { ok: true, output: { uploadId: staged.uploadId, name: staged.name, size: staged.size } });
  } catch (error) {
    const studioError = toStudioError(error);
    const status = studioError.code === 'invalid_input' ? 413 : statusFor[studioError.code];
    res.setHeader('connection', 'close');
    sendJson(res, status, { ok: false, error: studioError.toJSON() });
  }
}

/**
 * A report or delivery-log export as a download, streamed as it is produced (a million log rows
 * never sit in memory). The same token, Host and Origin checks as the API run before routing.
 */
async function handleDownload(served: ServedWorkspace, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, 'Use GET.\n');
  const parsed = exportRequestSchema.safeParse(Object.fromEntries([...url.searchParams].filter(([key]) => key !== HEADLESS.tokenQuery)));
  if (!parsed.success) return refuse(res, 400, `Not an export: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  // The whole download runs against one workspace: a switch waits for it.
  await served.withCore(async (core) => {
    let file;
    try {
      file = core.exports.file(parsed.data);
    } catch (error) {
      const studioError = toStudioError(error);
      return sendJson(res, statusFor[studioError.code], { ok: false, error: studioError.toJSON() });
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    });
    try {
      await pipeline(file.open(), res);
    } catch {
      res.destroy();
    }
  }).catch((error: unknown) => {
    const studioError = toStudioError(error);
    if (!res.headersSent) sendJson(res, statusFor[studioError.code], { ok: false, error: studioError.toJSON() });
  });
}

function serveSocket(served: ServedWorkspace, socket: WebSocket): void {
  const send = (message: WireServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = served.events.on((event) => send({ type: 'event', name: event.name, payload: event.payload }));
  socket.on('close', unsubscribe);
  socket.on('message', async (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      socket.close(1003, 'not JSON');
      return;
    }
    const call = wireCallSchema.safeParse(parsed);
    if (!call.success) {
      socket.close(1003, 'not a call');
      return;
    }
    const { id, channel, input } = call.data;
    try {
      const output = await served.dispatch(channel, input);
      send({ type: 'result', id, ok: true, output });
    } catch (error) {
      send({ type: 'result', id, ok: false, error: toStudioError(error).toJSON() });
    }
  });
}

/**
 * The headless host: the built renderer and the contract over HTTP + WebSocket, on 127.0.0.1 only,
 * behind a per-launch token. It is how the studio runs in a browser where Electron can't, and how
 * the end-to-end tests drive the real UI.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const served = 'session' in options ? options.session : servingOneCore(options.core);
  const rendererDir = path.resolve(options.rendererDir);
  const access: AccessControl = createAccessControl(options.token);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!access.isAllowedHost(req)) return refuse(res, 421, 'Journey Studio only answers on 127.0.0.1 and localhost.\n');
    if (!access.isAllowedOrigin(req, { required: false })) return refuse(res, 403, 'Requests from other sites are refused.\n');
    if (!access.isAuthorized(req, url)) return refuse(res, 401, NEED_TOKEN);

    if (url.pathname === HEADLESS.uploadPath) {
      void handleUpload(served, url, req, res, options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
      return;
    }
    if (url.pathname === HEADLESS.downloadPath) {
      void handleDownload(served, url, req, res);
      return;
    }
    if (url.pathname.startsWith(HEADLESS.apiPrefix)) {
      void handleApi(served, decodeURIComponent(url.pathname.slice(HEADLESS.apiPrefix.length)), req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.\n');
    if (url.searchParams.has(HEADLESS.tokenQuery)) {
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      url.searchParams.delete(HEADLESS.tokenQuery);
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'set-cookie': access.sessionCookie(),
        location: url.pathname + url.search,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    const file = resolveStatic(rendererDir, url.pathname) ?? (path.extname(url.pathname) === '' ? resolveStatic(rendererDir, '/') : undefined);
    if (!file) return refuse(res, 404, 'Not found.\n');
    sendFile(res, file, SECURITY_HEADERS);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ok =
      url.pathname === HEADLESS.wsPath &&
      access.isAllowedHost(req) &&
      access.isAllowedOrigin(req, { required: true }) &&
      access.isAuthorized(req, url);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(served, ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  access.setPort(port);
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    token: access.token,
    url: `${origin}/?${HEADLESS.tokenQuery}=${access.token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
