import { createSign, randomUUID } from 'node:crypto';
import http2 from 'node:http2';
import https from 'node:https';
import type { Clock } from '../../../main/services/clock';

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-01T09:00:00Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms), set: (date) => (now = date.getTime()) };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An APNs provider token (ES256) signed by hand, so tests control kid, iss and iat. */
export function apnsJwt(input: { privateKeyPem: string; keyId: string; teamId: string; iat: number; alg?: string }): string {
  const signingInput = `${b64({ alg: input.alg ?? 'ES256', kid: input.keyId })}.${b64({ iss: input.teamId, iat: input.iat })}`;
  const signature = createSign('SHA256').update(signingInput).sign({ key: input.privateKeyPem, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** A Google OAuth assertion (RS256) signed by hand. */
export function googleAssertion(privateKeyPem: string, claims: Record<string, unknown>): string {
  const signingInput = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${signingInput}.${createSign('RSA-SHA256').update(signingInput).sign(privateKeyPem).toString('base64url')}`;
}

export interface H2Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
  json: { reason?: string; timestamp?: number } | undefined;
}

/** A raw HTTP/2 connection to an APNs listener: every header is the test's to set. */
export function apnsConnection(port: number, caPem: string) {
  const session = http2.connect(`https://127.0.0.1:${port}`, { ca: caPem });
  session.on('error', () => {});
  return {
    session,
    request(input: { method?: string; path?: string; headers?: Record<string, string | string[]>; body?: string | Buffer }): Promise<H2Answer> {
      return new Promise((resolve, reject) => {
        const stream = session.request({ ':method': input.method ?? 'POST', ':path': input.path ?? '/', ...input.headers });
        let status = 0;
        let headers: http2.IncomingHttpHeaders = {};
        const chunks: Buffer[] = [];
        stream.on('response', (h) => {
          headers = h;
          status = Number(h[':status']);
        });
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (status === 0) return reject(new Error('stream ended without an answer'));
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status, headers, body, json: body ? (JSON.parse(body) as H2Answer['json']) : undefined });
        });
        stream.on('error', reject);
        // A connection cut by fault injection closes the stream without an answer.
        stream.on('close', () => (status === 0 ? reject(new Error(`stream closed (code ${stream.rstCode ?? '?'})`)) : undefined));
        stream.end(input.body);
      });
    },
    close: () => new Promise<void>((resolve) => session.close(() => resolve())),
  };
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** A raw HTTPS request to the FCM simulator. */
export function fcmRequest(port: number, caPem: string, input: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, servername: 'localhost', ca: caPem, method: input.method ?? 'POST', path: input.path, headers: input.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    req.end(input.body);
  });
}

export const uuid = () => randomUUID();
