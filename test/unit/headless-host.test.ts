import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../main/core';
import { type HeadlessHost, startHeadlessHost } from '../../main/host/server';
import { request } from './helpers/http';
import { openTestCore } from './helpers/core';
import { tempDir } from './helpers/temp-workspace';

let core: Core;
let host: HeadlessHost;

beforeEach(async () => {
  const parent = tempDir();
  const renderer = path.join(parent, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Journey Studio</title>');
  mkdirSync(path.join(renderer, 'assets'));
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(parent, 'secret.txt'), 'outside');
  core = openTestCore();
  host = await startHeadlessHost({ core, rendererDir: renderer });
});

afterEach(async () => {
  await host.close();
  await core.close();
});

const bearer = () => ({ authorization: `Bearer ${host.token}` });
const json = { 'content-type': 'application/json' };

function socket(headers: Record<string, string>, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers, origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('headless host', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries a long random token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses every request without the token with 401 and says how to get in', async () => {
    const page = await request(host.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).toContain('access token');
    expect((await request(host.port, { path: '/assets/app.js' })).status).toBe(401);
    expect((await request(host.port, { method: 'POST', path: '/api/journeys.list', headers: json, body: '{}' })).status).toBe(401);
    expect((await request(host.port, { path: '/?token=wrong' })).status).toBe(401);
    expect((await request(host.port, { path: '/', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('trades the token in the URL for a strict, HttpOnly cookie and drops it from the address', async () => {
    const res = await request(host.port, { path: `/?token=${host.token}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await request(host.port, { path: '/', headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Journey Studio');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses another Host (DNS rebinding) and another site’s Origin even with the token', async () => {
    expect((await request(host.port, { path: '/', headers: { ...bearer(), host: `evil.example:${host.port}` } })).status).toBe(421);
    const cross = await request(host.port, {
      method: 'POST',
      path: '/api/journeys.create',
      headers: { ...bearer(), ...json, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(cross.status).toBe(403);
    expect(await core.dispatch('journeys.list', {})).toEqual([]);
  });

  it('serves the contract over HTTP with validation and error codes', async () => {
    const created = await request(host.port, {
      method: 'POST',
      path: '/api/journeys.create',
      headers: { ...bearer(), ...json },
      body: JSON.stringify({ name: 'Welcome' }),
    });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, output: { name: 'Welcome', status: 'draft' } });

    const bad = await request(host.port, {
      method: 'POST',
      path: '/api/journeys.create',
      headers: { ...bearer(), ...json },
      body: JSON.stringify({ name: '' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('must not be empty') });

    const notJson = await request(host.port, { method: 'POST', path: '/api/journeys.list', headers: { ...bearer(), ...json }, body: '{' });
    expect(notJson.status).toBe(400);
    const unknown = await request(host.port, { method: 'POST', path: '/api/shell.exec', headers: { ...bearer(), ...json }, body: '{}' });
    expect(unknown.status).toBe(404);
    // A form post (no JSON content type) is refused: no cross-site "simple request" can act.
    const form = await request(host.port, {
      method: 'POST',
      path: '/api/journeys.list',
      headers: { ...bearer(), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/secret.txt%00.js']) {
      const res = await request(host.port, { path: p, headers: bearer() });
      expect(res.status, p).toBe(404);
      expect(res.body, p).not.toContain('outside');
    }
  });

  it('answers calls over the WebSocket and pushes events to it', async () => {
    const ws = await socket(bearer(), host.origin);
    const messages: { type: string; id?: number; ok?: boolean; output?: { name?: string }; name?: string }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ type: 'call', id: 7, channel: 'journeys.create', input: { name: 'Over WS' } }));
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.find((m) => m.type === 'result')).toMatchObject({ id: 7, ok: true, output: { name: 'Over WS' } });
    expect(messages.find((m) => m.type === 'event')).toMatchObject({ name: 'journeys.changed' });
    ws.close();
  });

  it('refuses a WebSocket without the token, without an Origin, or from another Origin', async () => {
    await expect(socket({}, host.origin)).rejects.toThrow('HTTP 401');
    await expect(socket(bearer())).rejects.toThrow('HTTP 401');
    await expect(socket(bearer(), 'https://evil.example')).rejects.toThrow('HTTP 401');
  });
});
