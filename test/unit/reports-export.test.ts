import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { runCli } from '../../main/host/cli';
import { startHeadlessHost } from '../../main/host/server';
import { logStream } from '../../main/services/reports/exports';
import { request } from './helpers/http';
import { openTestCore } from './helpers/core';
import { generateDeliveries } from './helpers/report-data';
import { tempDir } from './helpers/temp-workspace';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

const NO_SECRETS = /PRIVATE KEY|private_key|BEGIN CERTIFICATE|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|[0-9a-f]{40,}/;

describe('report exports', () => {
  it('the headless host streams CSV, JSON and PDF downloads behind the same token, Host and Origin checks as the API', async () => {
    const core = openTestCore();
    cores.push(core);
    generateDeliveries(core.workspace.db, 3000, { days: 5 });
    const renderer = path.join(tempDir(), 'renderer');
    mkdirSync(renderer);
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const host = await startHeadlessHost({ core, rendererDir: renderer });
    try {
      const auth = { authorization: `Bearer ${host.token}` };
      expect((await request(host.port, { path: '/download?format=csv' })).status).toBe(401);
      expect((await request(host.port, { path: '/download?format=csv', headers: { ...auth, origin: 'https://evil.example' } })).status).toBe(403);
      expect((await request(host.port, { path: '/download?format=csv', headers: { ...auth, host: 'evil.example' } })).status).toBe(421);
      expect((await request(host.port, { path: '/download?format=exe', headers: auth })).status).toBe(400);
      expect((await request(host.port, { path: '/download?format=csv&journeyId=jny_nope', headers: auth })).status).toBe(404);

      const csv = await request(host.port, { path: '/download?format=csv&journeyId=jny_reportsA', headers: auth });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="jny-reportsA-.*\.csv"$/);
      expect(csv.body).toMatch(/^report,jny_reportsA,from,beginning/);
      expect(csv.body).toContain('section,group,platform,targeted,queued');

      const json = await request(host.port, { path: '/download?format=json', headers: auth });
      const report = JSON.parse(json.body) as { kind: string; measures: { delivered: number } };
      expect(report.kind).toBe('push');
      expect(report.measures.delivered).toBe(json.body ? (core.workspace.db.prepare("SELECT count(*) AS n FROM delivery_attempts WHERE final = 1 AND outcome = 'delivered'").get() as { n: number }).n : -1);

      const log = await request(host.port, { path: '/download?what=log&format=csv&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z', headers: auth });
      const lines = log.body.trim().split('\r\n');
      expect(lines[0]).toBe(
        'id,at,outbox_id,run_id,journey_id,journey_name,node_id,step_name,message_id,message_name,channel_id,profile_id,device,platform,app_id,outcome,reason,status,attempt,latency_ms,provider_id,possibly_duplicated,final',
      );
      expect(lines.length - 1).toBe((core.workspace.db.prepare("SELECT count(*) AS n FROM delivery_attempts WHERE at >= '2026-03-02' AND at < '2026-03-03'").get() as { n: number }).n);

      const logJson = await request(host.port, { path: '/download?what=log&format=json&journeyId=jny_reportsB', headers: auth });
      expect((JSON.parse(logJson.body) as unknown[]).length).toBe((core.workspace.db.prepare("SELECT count(*) AS n FROM delivery_attempts WHERE journey_id = 'jny_reportsB'").get() as { n: number }).n);

      const pdf = await request(host.port, { path: '/download?format=pdf', headers: auth });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.body.startsWith('%PDF-')).toBe(true);
      for (const body of [csv.body, json.body, log.body, logJson.body]) expect(body).not.toMatch(NO_SECRETS);
    } finally {
      await host.close();
    }
  });

  it('journey-studio report writes the push report and a journey report as CSV, JSON and PDF (pages rendered by pdftoppm)', async () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    const core = openTestCore({ workspaceDir: workspace });
    generateDeliveries(core.workspace.db, 2000, { days: 9 });
    await core.close();
    const io = { out: () => {}, err: (line: string) => errors.push(line), env: { ...process.env, JOURNEY_STUDIO_SECRET_KEY: '11'.repeat(32) } };
    const errors: string[] = [];
    for (const format of ['csv', 'json', 'pdf']) {
      const out = path.join(dir, `push.${format}`);
      expect(await runCli(['report', '--format', format, '--out', out, '--workspace', workspace], io as never)).toBe(0);
      expect(existsSync(out)).toBe(true);
    }
    expect(await runCli(['report', '--journey', 'jny_reportsA', '--format', 'pdf', '--out', path.join(dir, 'journey.pdf'), '--workspace', workspace], io as never)).toBe(0);
    expect(await runCli(['report', '--journey', 'jny_reportsA', '--log', '--format', 'csv', '--out', path.join(dir, 'log.csv'), '--workspace', workspace], io as never)).toBe(0);
    expect(await runCli(['report', '--format', 'docx', '--out', path.join(dir, 'x'), '--workspace', workspace], io as never)).toBe(2);
    expect(await runCli(['report', '--format', 'csv', '--workspace', workspace], io as never)).toBe(2);
    expect(readFileSync(path.join(dir, 'push.csv'), 'utf8')).toContain('total,Push report');
    expect(readFileSync(path.join(dir, 'log.csv'), 'utf8').split('\r\n').length).toBeGreaterThan(500);
    const pages = path.join(dir, 'pages');
    mkdirSync(pages);
    execFileSync('pdftoppm', ['-png', '-r', '60', path.join(dir, 'push.pdf'), path.join(pages, 'push')]);
    expect(readdirSync(pages).length).toBeGreaterThanOrEqual(1);
    const text = execFileSync('pdftotext', [path.join(dir, 'journey.pdf'), '-']).toString();
    expect(text).toContain('Journey report');
    expect(text).toContain('Over time (per day)');
    expect(text).toContain('Failed, by reason');
    expect(text).not.toMatch(NO_SECRETS);
  });

  it('streams the raw log with flat memory: rows are read a page at a time as the consumer pulls', async () => {
    const core = openTestCore();
    cores.push(core);
    generateDeliveries(core.workspace.db, 12_000);
    const stream = logStream(core.workspace.db, {}, 'csv');
    let rows = -1;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      rows += (chunk as Buffer).toString().split('\r\n').length - 1;
    }
    expect(rows).toBe((core.workspace.db.prepare('SELECT count(*) AS n FROM delivery_attempts').get() as { n: number }).n);
    expect(chunks).toBeGreaterThan(2);
  });
});
