import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../main/host/cli';
import { systemClock } from '../../main/services/clock';
import { createOutbox } from '../../main/services/outbox/outbox';
import { openWorkspace } from '../../main/services/workspace/workspace';
import { newApnsToken, newFcmToken } from '../../main/simulators/devices';
import { outboxItems } from './helpers/delivery';
import { tempDir } from './helpers/temp-workspace';

function cli(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), untilStopped: () => Promise.resolve(), rendererDir: tempDir(), env };
  return { run: (...args: string[]) => runCli(args, io), out, err };
}

describe('journey-studio deliver', () => {
  it('drains the outbox headlessly (one journey with --journey) and prints a summary', async () => {
    const workspace = path.join(tempDir(), 'ws');
    const c = cli({ JOURNEY_STUDIO_SECRET_KEY: randomBytes(32).toString('base64') });
    expect(await c.run('channel', 'list', '--workspace', workspace, '--json')).toBe(0);
    const [channel] = JSON.parse(c.out.join('\n')) as { id: string }[];
    c.out.length = 0;

    // Tokens no simulated device holds: APNs answers BadDeviceToken, FCM UNREGISTERED.
    const ws = openWorkspace(workspace);
    const devices = { ios: [{ token: newApnsToken() }], android: [{ token: newFcmToken() }] };
    const outbox = createOutbox(ws.db, systemClock);
    outbox.enqueue(outboxItems(4, devices, 'run_a').map((i) => ({ ...i, channelId: channel!.id, journeyId: 'jny_a', dedupeKey: `a:${i.dedupeKey}` })));
    outbox.enqueue(outboxItems(2, devices, 'run_b').map((i) => ({ ...i, channelId: channel!.id, journeyId: 'jny_b', dedupeKey: `b:${i.dedupeKey}` })));
    ws.close();

    expect(await c.run('deliver', '--journey', 'jny_a', '--workspace', workspace)).toBe(0);
    expect(c.out[0]).toMatch(/^Sent 4 push attempt\(s\) in [\d.]+ s: 0 delivered, 0 retried, 0 failed, 4 dead token\(s\), 0 configuration problem\(s\), 0 expired\.$/);
    expect(c.out.join('\n')).toMatch(/2\s+BadDeviceToken[\s\S]*|2\s+UNREGISTERED/);
    c.out.length = 0;

    expect(await c.run('deliver', '--workspace', workspace, '--json')).toBe(0);
    expect(JSON.parse(c.out[0]!)).toMatchObject({ claimed: 2, tokenInvalid: 2, byReason: { BadDeviceToken: 1, UNREGISTERED: 1 } });
    expect(await c.run('deliver', 'extra', '--workspace', workspace)).toBe(2);
  });
});
