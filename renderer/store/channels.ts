import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract';
import type { ChannelSummary, ConnectionTestResult } from '../../shared/domain/channel';
import { studio } from '../api/instance';
import { showError, useToasts } from './toasts';

interface ChannelsState {
  items: ChannelSummary[];
  load: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: string;
  /** Last connection test per channel, and which are running. */
  tests: Record<string, ConnectionTestResult>;
  testing: Record<string, boolean>;
  refresh(): Promise<void>;
  save(input: ChannelInput<'channels.create'> | ChannelInput<'channels.update'>): Promise<ChannelSummary>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
}

export const useChannels = create<ChannelsState>()((set, get) => ({
  items: [],
  load: 'idle',
  tests: {},
  testing: {},
  async refresh() {
    if (get().load !== 'ready') set({ load: 'loading' });
    try {
      set({ items: await studio.api['channels.list']({}), load: 'ready', loadError: undefined });
    } catch (error) {
      set({ load: 'failed', loadError: error instanceof Error ? error.message : String(error) });
    }
  },
  /** Throws the core's error so the editor can show it beside the form, which keeps what was typed. */
  async save(input) {
    const channel = 'id' in input ? await studio.api['channels.update'](input) : await studio.api['channels.create'](input);
    set((s) => {
      const { [channel.id]: _stale, ...tests } = s.tests;
      return {
        items: [...s.items.filter((c) => c.id !== channel.id), channel].sort((a, b) => a.name.localeCompare(b.name)),
        tests,
      };
    });
    return channel;
  },
  async remove(id) {
    const channel = get().items.find((c) => c.id === id);
    try {
      await studio.api['channels.delete']({ id });
      set((s) => ({ items: s.items.filter((c) => c.id !== id) }));
      useToasts.getState().show({ tone: 'info', message: `Deleted “${channel?.name ?? 'channel'}” and its stored credentials.` });
    } catch (error) {
      showError(error);
    }
  },
  async test(id) {
    set((s) => ({ testing: { ...s.testing, [id]: true } }));
    try {
      const result = await studio.api['channels.test']({ id });
      set((s) => ({ tests: { ...s.tests, [id]: result } }));
    } catch (error) {
      showError(error);
    } finally {
      set((s) => ({ testing: { ...s.testing, [id]: false } }));
    }
  },
}));
