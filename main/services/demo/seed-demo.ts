import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../core.js';
import { SANDBOX_CHANNEL_NAME } from '../sandbox/seed.js';
import { seededRandom } from '../prng.js';
import { demoPeople } from './demo-data.js';
import { type FileMessage, welcomeSeriesFile } from './welcome-series.js';

export interface DemoOptions {
  /** How many profiles (5,000 in the product; tests use fewer). */
  profiles?: number;
  /** Told how far seeding got, for a progress line. */
  onProgress?(step: string): void;
}

type Call = <T>(channel: string, input: unknown) => Promise<T>;

/**
 * The demo workspace a first start creates: generated profiles with simulated iPhones and Android
 * phones (a few apps already uninstalled, so their tokens are dead), test profiles, messages,
 * audiences and a welcome-series journey, all wired to the Sandbox app channel, so every section
 * has something real to show and every push reaches the simulators. It goes through the contract,
 * like a marketer's own actions would.
 */
export async function seedDemoWorkspace(core: Core, options: DemoOptions = {}): Promise<void> {
  const count = options.profiles ?? 5000;
  const call: Call = (channel, input) => core.dispatch(channel, input) as never;
  const progress = options.onProgress ?? (() => {});
  const random = seededRandom(7);

  const channels = await call<{ id: string; name: string }[]>('channels.list', {});
  const sandbox = channels.find((c) => c.name === SANDBOX_CHANNEL_NAME);
  if (!sandbox) throw new Error('The demo needs the Sandbox app channel of a new workspace.');

  progress(`Creating ${count.toLocaleString()} demo profiles…`);
  const people = demoPeople(count);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'journey-studio-demo-'));
  try {
    const file = path.join(dir, 'demo-profiles.ndjson');
    writeFileSync(file, `${people.map((p) => JSON.stringify(p.record)).join('\n')}\n`);
    const { uploadId } = core.staged.stagePath(file);
    const job = await call<{ jobId: string }>('profiles.import.start', { uploadId, format: 'ndjson', idNamespace: 'email' });
    for (;;) {
      const state = await call<{ state: string; error?: string }>('profiles.import.get', { jobId: job.jobId });
      if (state.state === 'done') break;
      if (state.state !== 'running') throw new Error(`The demo profiles could not be imported: ${state.error ?? state.state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  progress('Installing the Sandbox app on simulated phones…');
  // Profile ids follow the import order (1 … count) in a new workspace.
  const devices: { id: string }[] = [];
  for (let i = 0; i < people.length; i += 1) {
    for (const os of people[i]!.devices) devices.push(await call<{ id: string }>('sandbox.devices.install', { os, profileId: i + 1 }));
  }
  // A few people removed the app since: their tokens are dead, which the first sends will find.
  for (const device of devices) if (random() < 0.04) await call('sandbox.devices.uninstall', { deviceId: device.id });
  await call('profiles.setTest', { ids: [1, 2, 3], isTest: true });

  progress('Writing messages, audiences and a welcome journey…');
  const welcome = await call<{ id: string }>('messages.create', {
    name: 'Welcome aboard',
    channelId: sandbox.id,
    content: {
      title: 'Welcome aboard, {{default profile.person.firstName "friend"}} 👋',
      body: 'Here is 10% off your first order. It is waiting in the app.',
    },
  });
  const vip = await call<{ id: string }>('messages.create', {
    name: 'Gold welcome',
    channelId: sandbox.id,
    content: {
      title: 'Your {{profile.loyalty.tier}} perks are live',
      body: '{{default profile.person.firstName "Hi"}}, you have {{formatNumber profile.loyalty.points}} points to spend this week.',
    },
  });
  await call('messages.create', {
    name: 'We miss you',
    channelId: sandbox.id,
    content: { title: 'It has been a while, {{default profile.person.firstName "friend"}}', body: 'New arrivals in {{default profile.home.city "your city"}} this week.' },
  });
  const everyone = await call<{ id: string }>('audiences.save', { name: 'Everyone with the app', rule: { kind: 'reachable', appId: 'com.journeystudio.sandbox' } });
  await call('audiences.save', {
    name: 'Gold and platinum members',
    rule: { kind: 'attribute', path: 'loyalty.tier', op: 'in', values: ['gold', 'platinum'] },
  });
  const messages = await call<FileMessage[]>('messages.list', {});
  const byId = (id: string) => messages.find((m) => m.id === id)!;
  await call('journeys.importFile', { content: welcomeSeriesFile(everyone.id, { gold: byId(vip.id), welcome: byId(welcome.id) }) });
  // The checklist is the marketer's: what the demo did doesn't count.
  core.quickStart.reset();
  progress('The demo workspace is ready.');
}
