import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { type HeadlessHost, startHeadlessHost } from '../../main/host/server';
import { type CliIo, runCli } from '../../main/host/cli';
import { openTestCore } from './helpers/core';
import { request } from './helpers/http';
import { tempDir } from './helpers/temp-workspace';

let core: Core;
let host: HeadlessHost;

beforeEach(async () => {
  const renderer = tempDir();
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  core = openTestCore();
  host = await startHeadlessHost({ core, rendererDir: renderer, maxUploadBytes: 1024 });
});

afterEach(async () => {
  await host.close();
  await core.close();
});

const octet = { 'content-type': 'application/octet-stream' };
const csv = 'identity.email,tier\na@x.com,gold\nbad,\n';

describe('the upload endpoint', () => {
  it('streams an authenticated upload into the workspace and an import can use it', async () => {
    const res = await request(host.port, { method: 'POST', path: '/upload?name=../../people.csv', headers: { ...octet, authorization: `Bearer ${host.token}` }, body: csv });
    expect(res.status).toBe(200);
    const { output } = JSON.parse(res.body) as { output: { uploadId: string; name: string; size: number } };
    expect(output).toMatchObject({ name: 'people.csv', size: csv.length });
    const started = (await core.dispatch('profiles.import.start', { uploadId: output.uploadId })) as { jobId: string };
    const done = await new Promise<{ state: string; imported: number; rejected: number }>((resolve) => {
      core.events.on((e) => {
        if (e.name === 'profiles.import.progress' && e.payload.jobId === started.jobId && e.payload.state !== 'running') resolve(e.payload);
      });
    });
    expect(done).toMatchObject({ state: 'done', imported: 1, rejected: 1 });
    await expect(core.dispatch('profiles.import.start', { uploadId: output.uploadId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses uploads without the token, from another origin or host, of the wrong type, or too large', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    expect((await request(host.port, { method: 'POST', path: '/upload', headers: octet, body: csv })).status).toBe(401);
    expect((await request(host.port, { method: 'POST', path: '/upload', headers: { ...octet, ...auth, origin: 'https://evil.example' }, body: csv })).status).toBe(403);
    expect((await request(host.port, { method: 'POST', path: '/upload', headers: { ...octet, ...auth, host: 'evil.example' }, body: csv })).status).toBe(421);
    expect((await request(host.port, { method: 'POST', path: '/upload', headers: { ...auth, 'content-type': 'text/plain' }, body: csv })).status).toBe(415);
    expect((await request(host.port, { method: 'GET', path: '/upload', headers: auth })).status).toBe(405);
    const big = await request(host.port, { method: 'POST', path: '/upload', headers: { ...octet, ...auth }, body: 'x'.repeat(2048) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toContain('larger than');
  });
});

describe('CLI: import and audience count', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => Promise.resolve(), rendererDir: tempDir(), env: {} };
    return { io: value, out, err };
  }

  it('imports profiles and events, prints the report as JSON, and counts an audience', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(path.join(dir, 'p.csv'), 'identity.email,identity.ECID,points\na@x.com,E1,5\nb@x.com,E2,1\n,,\n');
    writeFileSync(path.join(dir, 'e.ndjson'), '{"identity": {"ECID": "E1"}, "type": "application.launch", "timestamp": "2099-01-01T00:00:00Z"}\n');
    writeFileSync(path.join(dir, 'rule.json'), JSON.stringify({ name: 'x', rule: { kind: 'attribute', path: 'points', op: 'gt', value: 2 } }));
    const a = io();
    expect(await runCli(['import', 'profiles', path.join(dir, 'p.csv'), '--workspace', ws, '--json', '--id-namespace', 'email'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toMatchObject({ state: 'done', imported: 2, rejected: 1, idNamespace: 'email' });
    const e = io();
    expect(await runCli(['import', 'events', path.join(dir, 'e.ndjson'), '--workspace', ws], e.io)).toBe(0);
    expect(e.out.join('\n')).toContain('imported 1');
    const c = io();
    expect(await runCli(['audience', 'count', path.join(dir, 'rule.json'), '--workspace', ws], c.io)).toBe(0);
    expect(c.out).toEqual(['1']);
    const bad = io();
    expect(await runCli(['import', 'profiles', path.join(dir, 'p.csv'), '--format', 'xml', '--workspace', ws], bad.io)).toBe(2);
    const missing = io();
    expect(await runCli(['import', 'profiles', path.join(dir, 'nope.csv'), '--workspace', ws], missing.io)).toBe(1);
  });
});
