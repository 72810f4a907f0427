import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../main/host/cli';
import { p8Pem, serviceAccountJson } from './helpers/credentials';
import { tempDir } from './helpers/temp-workspace';

function cli(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => Promise.resolve(), rendererDir: tempDir(), env };
  return { run: (...args: string[]) => runCli(args, io), out, err };
}

describe('journey-studio channel', () => {
  it('adds, lists, tests and removes a channel, and never prints key material', async () => {
    const dir = tempDir();
    const p8 = p8Pem();
    const sa = serviceAccountJson();
    writeFileSync(path.join(dir, 'AuthKey_AB12CD34EF.p8'), p8);
    writeFileSync(path.join(dir, 'sa.json'), sa);
    const env = { JOURNEY_STUDIO_SECRET_KEY: randomBytes(32).toString('base64') };
    const workspace = path.join(dir, 'ws');
    const c = cli(env);

    expect(
      await c.run('channel', 'add', '--workspace', workspace, '--json', '--name', 'Shop', '--target', 'sandbox', '--bundle-id', 'com.shop.app',
        '--environment', 'sandbox', '--p8', path.join(dir, 'AuthKey_AB12CD34EF.p8'), '--key-id', 'AB12CD34EF', '--team-id', 'TEAM123456',
        '--fcm-service-account', path.join(dir, 'sa.json')),
    ).toBe(0);
    const added = JSON.parse(c.out.join('\n')) as { id: string; name: string };
    expect(added.name).toBe('Shop');
    c.out.length = 0;

    expect(await c.run('channel', 'list', '--workspace', workspace)).toBe(0);
    // The new workspace's Sandbox app channel and ours.
    expect(c.out.join('\n')).toMatch(/Sandbox app[\s\S]*Shop/);
    c.out.length = 0;

    expect(await c.run('channel', 'test', added.id, '--workspace', workspace)).toBe(0);
    expect(c.out[0]).toBe('ok    iOS: APNs (sandbox) accepted key AB12CD34EF of team TEAM123456 for com.shop.app.');
    expect(c.out.some((l) => l.startsWith('ok    Android: FCM accepted'))).toBe(true);

    expect(await c.run('channel', 'remove', added.id, '--workspace', workspace)).toBe(0);
    c.out.length = 0;
    await c.run('channel', 'list', '--workspace', workspace, '--json');
    expect((JSON.parse(c.out.join('\n')) as { name: string }[]).map((ch) => ch.name)).toEqual(['Sandbox app']);

    const printed = [...c.out, ...c.err].join('\n');
    const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(printed).not.toContain(body(p8).slice(0, 40));
    expect(printed).not.toContain(body(JSON.parse(sa).private_key).slice(0, 40));
  });

  it('exits 1 when the test fails, 2 on bad usage, and says why', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'k.p8'), p8Pem());
    const env = { JOURNEY_STUDIO_SECRET_KEY: randomBytes(32).toString('hex') };
    const workspace = path.join(dir, 'ws');
    const c = cli(env);
    expect(await c.run('channel', 'add', '--workspace', workspace, '--name', 'X', '--bundle-id', 'com.x.app', '--environment', 'sandbox', '--p8', path.join(dir, 'k.p8'))).toBe(2);
    expect(c.err.at(-1)).toContain('--p8 needs --key-id and --team-id');
    expect(await c.run('channel', 'add', '--workspace', workspace, '--name', 'X', '--p12', 'x.p12', '--bundle-id', 'com.x.app', '--environment', 'live')).toBe(2);
    expect(c.err.at(-1)).toContain('--environment sandbox or --environment production');
    expect(await c.run('channel', 'add', '--workspace', workspace, '--name', 'X', '--fcm-service-account', path.join(dir, 'missing.json'))).toBe(1);
    expect(c.err.at(-1)).toContain('no such file');
    expect(await c.run('channel', 'frob', '--workspace', workspace)).toBe(2);

    // A sandbox channel whose key id is wrong: the test fails with exit 1 and plain words.
    expect(
      await c.run('channel', 'add', '--workspace', workspace, '--json', '--name', 'Good', '--target', 'sandbox', '--bundle-id', 'com.x.app',
        '--environment', 'sandbox', '--p8', path.join(dir, 'k.p8'), '--key-id', 'AB12CD34EF', '--team-id', 'TEAM123456'),
    ).toBe(0);
    const good = JSON.parse(c.out.join('\n')) as { id: string };
    expect(await c.run('channel', 'test', good.id, '--workspace', workspace)).toBe(0);
    c.out.length = 0;
    expect(
      await c.run('channel', 'add', '--workspace', workspace, '--json', '--name', 'Typo', '--target', 'sandbox', '--bundle-id', 'com.x.app',
        '--environment', 'sandbox', '--p8', path.join(dir, 'k.p8'), '--key-id', 'ZZ12CD34EF', '--team-id', 'TEAM123456'),
    ).toBe(0);
    const typo = JSON.parse(c.out.join('\n')) as { id: string };
    c.out.length = 0;
    expect(await c.run('channel', 'test', typo.id, '--workspace', workspace)).toBe(1);
    expect(c.out[0]).toContain('FAIL  iOS: Apple refused the key: key ID ZZ12CD34EF');
  });
});
