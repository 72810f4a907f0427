import type { Core } from '../../../main/core';
import { createVirtualClock } from '../../../main/services/clock';
import { createProfileStore } from '../../../main/services/profiles/profile-store';
import { SANDBOX_BUNDLE_ID } from '../../../main/simulators/credentials';
import type { JourneySettings } from '../../../shared/domain/engine';
import type { JourneyGraph, JourneyNode } from '../../../shared/domain/journey-graph';
import { openTestCore } from './core';
import { tempDir } from './temp-workspace';

export const T0 = '2026-03-02T08:00:00.000Z'; // a Monday

export interface TestProfile {
  email: string;
  attributes?: Record<string, unknown>;
  isTest?: boolean;
  /** Device tokens for the sandbox app (iOS); none: no device. */
  ios?: number;
  android?: number;
  invalid?: boolean;
}

/** A core on a fresh workspace with the sandbox channel, a virtual clock and the engine driven by hand. */
export async function engineWorld(dir = tempDir()) {
  const clock = createVirtualClock(T0);
  const open = () => openTestCore({ workspaceDir: dir, clock, seedSandboxChannel: true, engine: { autoStart: false, testWaitMs: 5000 } });
  let core: Core = open();
  const call = <T = unknown>(channel: string, input: unknown = {}) => core.dispatch(channel, input) as Promise<T>;
  const [channel] = await call<{ id: string }[]>('channels.list');
  const audience = await call<{ id: string }>('audiences.save', { name: 'Everyone', rule: { kind: 'and', rules: [] } });
  let tokens = 0;
  const world = {
    dir,
    clock,
    get core() {
      return core;
    },
    call,
    channelId: channel!.id,
    audienceId: audience.id,
    /** Closes the core and opens the workspace again (an app restart). */
    async restart() {
      await core.close();
      core = open();
    },
    addProfiles(list: TestProfile[]): number[] {
      const store = createProfileStore(core.workspace.db, () => `ecid-${Math.random()}`);
      return store.batch(() =>
        list.map((p) => {
          const registrations = [
            ...Array.from({ length: p.ios ?? 0 }, () => ({ appId: SANDBOX_BUNDLE_ID, platform: 'apnsSandbox' as const })),
            ...Array.from({ length: p.android ?? 0 }, () => ({ appId: SANDBOX_BUNDLE_ID, platform: 'fcm' as const })),
          ].map((r) => ({ ...r, token: `${(tokens += 1).toString(16).padStart(64, '0')}`, ecid: `ecid-${tokens}`, registeredAt: T0, status: p.invalid ? ('invalid' as const) : ('valid' as const), reason: null }));
          const result = store.upsertProfile({ identities: [{ namespace: 'email', value: p.email }], attributes: p.attributes ?? {}, registrations, isTest: p.isTest ?? false }, null, T0);
          if (result.outcome === 'rejected') throw new Error(result.reason);
          return result.profileId;
        }),
      );
    },
    async message(title = 'Hi {{default profile.firstName "there"}}') {
      return call<{ id: string }>('messages.create', { name: `Push ${Math.random()}`, channelId: channel!.id, content: { title, body: 'Body' } });
    },
    /** Creates a journey with the graph as its draft; publishes it unless draft is asked for. */
    async journey(nodes: JourneyNode[], { publish = true, settings }: { publish?: boolean; settings?: Partial<JourneySettings> } = {}) {
      const journey = await call<{ id: string }>('journeys.create', { name: `J ${Math.random()}` });
      const detail = await call<{ version: { id: string } }>('journeys.open', { id: journey.id });
      const graph: JourneyGraph = { nodes };
      await call('journeys.saveDraft', { versionId: detail.version.id, graph, layout: {} });
      if (settings) await call('engine.settings.save', { journeyId: journey.id, settings: { ...(await call('engine.settings.get', { journeyId: journey.id })) as object, ...settings } });
      if (publish) await call('journeys.publish', { versionId: detail.version.id });
      return { journeyId: journey.id, versionId: detail.version.id };
    },
    outbox(): { profile_id: number; node_id: string; platform: string; request: string; dedupe_key: string; origin: string; expires_at: string | null; not_before: string }[] {
      return core.workspace.db.prepare('SELECT * FROM outbox ORDER BY id').all() as never;
    },
    entries(versionId: string) {
      return core.workspace.db.prepare('SELECT * FROM engine_entries WHERE version_id = ? ORDER BY id').all(versionId) as {
        id: number; profile_id: number; node_id: string; status: string; reason: string | null; wake_at: number | null; path: string;
      }[];
    },
    async tick() {
      await core.engine.tick();
      await core.engine.idle();
    },
    async advance(ms: number) {
      clock.advance(ms);
      await world.tick();
    },
  };
  return world;
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Builds a node with a `next` map. */
export function node(id: string, type: JourneyNode['type'], config: unknown, next: Record<string, string | null> = {}): JourneyNode {
  return { id, type, config, next } as JourneyNode;
}
