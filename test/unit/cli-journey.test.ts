import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNEY_FILE_FORMAT } from '../../shared/journey-file';
import { type CliIo, runCli } from '../../main/host/cli';
import { welcomeMessages, welcomeSeries } from './helpers/journey-graphs';
import { tempDir } from './helpers/temp-workspace';

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const env = { JOURNEY_STUDIO_SECRET_KEY: randomBytes(32).toString('base64') };
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => Promise.resolve(), rendererDir: tempDir(), env };
  return { run: (...args: string[]) => runCli(args, io), out, err };
}

describe('journey-studio journey', () => {
  it('validates a file: its problems as JSON, exit 1 when there are any', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.journey.json');
    const messages = welcomeMessages();
    writeFileSync(good, JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 1, name: 'W', graph: welcomeSeries(), layout: {}, messages }));
    const c = cli();
    expect(await c.run('journey', 'validate', good)).toBe(0);
    expect(JSON.parse(c.out.join('\n'))).toMatchObject({ valid: true, errors: [] });

    const incomplete = path.join(dir, 'incomplete.journey.json');
    writeFileSync(incomplete, JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 1, name: 'W', graph: { nodes: [] }, layout: {}, messages: [] }));
    const d = cli();
    expect(await d.run('journey', 'validate', incomplete)).toBe(1);
    expect(JSON.parse(d.out.join('\n')).errors).toEqual([expect.objectContaining({ code: 'missing-entry' })]);

    const newer = path.join(dir, 'newer.journey.json');
    writeFileSync(newer, JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 2 }));
    const e = cli();
    expect(await e.run('journey', 'validate', newer)).toBe(1);
    expect(JSON.parse(e.out.join('\n')).errors[0].message).toContain('newer Journey Studio');
  });

  it('imports and exports journeys, and the exported file is the imported one', async () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    const source = path.join(dir, 'in.journey.json');
    const content = `${JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 1, name: 'Welcome', graph: welcomeSeries(), layout: { n_entry: { x: 1, y: 2 } }, messages: welcomeMessages() }, null, 2)}\n`;
    writeFileSync(source, content);
    const c = cli();
    expect(await c.run('journey', 'import', source, '--workspace', workspace, '--json')).toBe(0);
    const imported = JSON.parse(c.out.join('\n')) as { id: string };
    const out = path.join(dir, 'out.journey.json');
    expect(await c.run('journey', 'export', imported.id, '--out', out, '--workspace', workspace)).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    expect(exported.graph).toEqual(welcomeSeries());
    expect(exported.layout).toEqual({ n_entry: { x: 1, y: 2 } });
    expect(exported.messages.map((m: { id: string; content: { title: string } }) => [m.id, m.content.title])).toEqual([
      ['msg_vipwelcome1', 'Welcome, VIP'],
      ['msg_welcome001', 'Welcome!'],
    ]);
    // Into another workspace and out again: the very same file.
    c.out.length = 0;
    const other = path.join(dir, 'ws2');
    expect(await c.run('journey', 'import', out, '--workspace', other, '--json')).toBe(0);
    const again = path.join(dir, 'again.journey.json');
    expect(await c.run('journey', 'export', (JSON.parse(c.out.join('\n')) as { id: string }).id, '--out', again, '--workspace', other)).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
    expect(await c.run('journey', 'export', imported.id, '--workspace', workspace)).toBe(2);
    expect(await c.run('journey', 'import', path.join(dir, 'missing.json'), '--workspace', workspace)).toBe(1);
  });
});

describe('journey-studio journey simulate', () => {
  it('dry-runs a journey file against the workspace: counts per node and edge as JSON, nothing sent', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'w.journey.json');
    const graph = welcomeSeries();
    // No audience of that id in the workspace: nobody enters, and the counts say so.
    writeFileSync(file, JSON.stringify({ format: JOURNEY_FILE_FORMAT, formatVersion: 1, name: 'W', graph, layout: {}, messages: welcomeMessages() }));
    const c = cli();
    const workspace = tempDir();
    expect(await c.run('journey', 'simulate', file, '--workspace', workspace, '--now', '2026-03-02T08:00:00Z', '--days', '3')).toBe(0);
    const out = JSON.parse(c.out.join('\n'));
    expect(out).toMatchObject({ name: 'W', mode: 'dry', from: '2026-03-02T08:00:00.000Z', until: '2026-03-05T08:00:00.000Z', totals: { entered: 0 } });
    expect(Object.keys(out.nodes)).toEqual(graph.nodes.map((n) => n.id));
    const bad = cli();
    expect(await bad.run('journey', 'simulate', file, '--workspace', workspace, '--days', 'x')).toBe(2);
  });
});
