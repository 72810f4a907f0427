import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../csp.js';
import { resolveStatic } from '../host/static-files.js';

/**
 * The renderer is served from app://studio/ rather than file://, so that it has a real origin
 * ('self' in the CSP means the app and nothing else on disk), and so that the IPC sender check
 * has one exact origin to compare with.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://studio';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== 'studio') return new Response('Not found', { status: 404 });
  const file = resolveStatic(path.resolve(rendererDir), url.pathname);
  if (!file) return new Response('Not found', { status: 404 });
  const body = await readFile(file);
  return new Response(body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' },
  });
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request.url));
}
