import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HEADLESS } from '../../shared/wire.js';

/**
 * Who may talk to the headless host: whoever holds the per-launch token. The browser gets it from
 * the URL once, trades it for a cookie (SameSite=Strict, HttpOnly, scoped by port in its name since
 * cookies are not scoped by port), and the URL is cleaned. Tools send `Authorization: Bearer`.
 * Host and Origin are checked too, so that another site in the same browser, or a DNS-rebinding
 * page, cannot reach the studio even though it listens on loopback.
 */
export interface AccessControl {
  readonly token: string;
  readonly cookieName: string;
  origins(): string[];
  setPort(port: number): void;
  tokenFrom(req: IncomingMessage, url: URL): string | undefined;
  isAuthorized(req: IncomingMessage, url: URL): boolean;
  isAllowedHost(req: IncomingMessage): boolean;
  /** Requests without Origin (curl, the CLI) are allowed; a browser's must be ours. */
  isAllowedOrigin(req: IncomingMessage, { required }: { required: boolean }): boolean;
  sessionCookie(): string;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createAccessControl(token: string = newToken()): AccessControl {
  let port = 0;
  let cookieName = 'journey_studio_token';
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    token,
    get cookieName() {
      return cookieName;
    },
    origins: () => hosts().map((h) => `http://${h}`),
    setPort(value) {
      port = value;
      cookieName = `journey_studio_token_${value}`;
    },
    tokenFrom(req, url) {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
      return url.searchParams.get(HEADLESS.tokenQuery) ?? readCookie(req.headers.cookie, cookieName);
    },
    isAuthorized(req, url) {
      const presented = this.tokenFrom(req, url);
      return presented !== undefined && sameSecret(presented, token);
    },
    isAllowedHost(req) {
      return req.headers.host !== undefined && hosts().includes(req.headers.host.toLowerCase());
    },
    isAllowedOrigin(req, { required }) {
      const origin = req.headers.origin;
      if (origin === undefined) return !required;
      return this.origins().includes(origin.toLowerCase());
    },
    sessionCookie: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  };
}
