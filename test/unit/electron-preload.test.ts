import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/contract';

const calls = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; input: unknown }[],
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => calls.exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      calls.invoked.push({ channel, input });
      return Promise.resolve({ ok: true, output: null });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => calls.listeners.set(channel, listener),
    removeListener: (channel: string) => calls.listeners.delete(channel),
  },
}));

await import('../../main/app/preload');

interface Bridge {
  invoke: Record<string, (input: unknown) => Promise<unknown>>;
  onEvent(listener: (event: unknown) => void): () => void;
}

describe('preload', () => {
  it('exposes only journeyStudio: one function per contract channel, an event subscription, the export save dialog and the folder dialog', async () => {
    expect([...calls.exposed.keys()]).toEqual(['journeyStudio']);
    const bridge = calls.exposed.get('journeyStudio') as Bridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent', 'pickFile', 'pickFolder', 'saveExport']);
    expect(Object.keys(bridge.invoke).sort()).toEqual([...channelNames].sort());
    await bridge.invoke['journeys.create']?.({ name: 'A' });
    expect(calls.invoked).toEqual([{ channel: 'journeys.create', input: { name: 'A' } }]);
    // The file picker takes nothing from the page: no path can be passed through it.
    await (bridge as unknown as { pickFile(path?: string): Promise<unknown> }).pickFile('/etc/passwd');
    expect(calls.invoked.at(-1)).toEqual({ channel: 'studio:pick-file', input: undefined });
    await (bridge as unknown as { pickFolder(purpose: string): Promise<unknown> }).pickFolder('open');
    expect(calls.invoked.at(-1)).toEqual({ channel: 'studio:pick-folder', input: 'open' });
  });

  it('delivers events and stops when unsubscribed', () => {
    const bridge = calls.exposed.get('journeyStudio') as Bridge;
    const seen: unknown[] = [];
    const stop = bridge.onEvent((event) => seen.push(event));
    calls.listeners.get('studio:event')?.({}, { name: 'journeys.changed' });
    expect(seen).toEqual([{ name: 'journeys.changed' }]);
    stop();
    expect(calls.listeners.has('studio:event')).toBe(false);
  });
});
