import { create } from 'zustand';
import type { Message, MessageContent, MessageFile } from '../../shared/domain/message';
import { studio } from '../api/instance';
import { useHistory } from './history';
import { undoLast } from './journeys';
import { type LibraryOps, recordAppeared, recordRemoved } from './library-history';
import { showError, useToasts } from './toasts';

type LoadState = 'idle' | 'loading' | 'ready' | 'failed';
export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

interface MessagesState {
  items: Message[];
  load: LoadState;
  loadError?: string;
  selectedId?: string;
  /** Autosave of the open message. */
  save: SaveState;
  saveError?: string;
  refresh(): Promise<void>;
  select(id: string | undefined): void;
  create(name: string): Promise<Message | undefined>;
  rename(id: string, name: string): Promise<boolean>;
  duplicate(id: string): Promise<Message | undefined>;
  remove(id: string): Promise<boolean>;
  importFile(file: MessageFile): Promise<Message | undefined>;
  /** Changes the open message at once and saves it shortly after typing stops. */
  edit(id: string, changes: { content?: MessageContent; channelId?: string | null }): void;
  flush(): Promise<void>;
}

const AUTOSAVE_MS = 500;
const byUpdatedDesc = (a: Message, b: Message) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);

/**
 * The message library and the open message. Edits to the content are applied here at once (the
 * preview follows every keystroke) and saved after a pause; structural edits record their undo.
 */
export const useMessages = create<MessagesState>()((set, get) => {
  const api = () => studio.api;
  const put = (message: Message) => set((s) => ({ items: [...s.items.filter((m) => m.id !== message.id), message].sort(byUpdatedDesc) }));
  const drop = (id: string) => set((s) => ({ items: s.items.filter((m) => m.id !== id) }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { id: string; content?: MessageContent; channelId?: string | null } | undefined;

  const saveNow = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const job = pending;
    pending = undefined;
    if (!job) return;
    set({ save: 'saving' });
    try {
      const saved = await api()['messages.update']({ id: job.id, ...(job.content ? { content: job.content } : {}), ...(job.channelId !== undefined ? { channelId: job.channelId } : {}) });
      // Keep what was typed meanwhile: only the server's dates are taken when more is pending.
      set((s) => ({
        items: s.items.map((m) => (m.id === saved.id ? (pending?.id === saved.id ? { ...m, updatedAt: saved.updatedAt } : saved) : m)),
        save: pending ? 'pending' : 'saved',
        saveError: undefined,
      }));
    } catch (error) {
      pending = pending ?? job;
      set({ save: 'failed', saveError: error instanceof Error ? error.message : String(error) });
    }
  };

  const ops: LibraryOps<Message> = {
    remove: (id) => api()['messages.delete']({ id }),
    restore: (id) => api()['messages.restore']({ id }),
    put,
    drop,
  };

  return {
    items: [],
    load: 'idle',
    save: 'saved',
    async refresh() {
      if (get().load !== 'ready') set({ load: 'loading' });
      try {
        const items = await api()['messages.list']({});
        // A message being typed in keeps its local text until it is saved.
        set((s) => ({ items: pending ? items.map((m) => (m.id === pending?.id ? (s.items.find((x) => x.id === m.id) ?? m) : m)) : items, load: 'ready', loadError: undefined }));
      } catch (error) {
        set({ load: 'failed', loadError: error instanceof Error ? error.message : String(error) });
      }
    },
    select: (id) => set({ selectedId: id }),
    async create(name) {
      try {
        const message = await api()['messages.create']({ name });
        put(message);
        set({ selectedId: message.id });
        recordAppeared(`create “${message.name}”`, message.id, ops);
        return message;
      } catch (error) {
        showError(error);
        return undefined;
      }
    },
    async rename(id, name) {
      const before = get().items.find((m) => m.id === id);
      try {
        await get().flush();
        const message = await api()['messages.update']({ id, name });
        put(message);
        if (before && before.name !== message.name) {
          useHistory.getState().record({
            label: `rename “${before.name}”`,
            undo: async () => put(await api()['messages.update']({ id, name: before.name })),
            redo: async () => put(await api()['messages.update']({ id, name: message.name })),
          });
        }
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    },
    async duplicate(id) {
      try {
        await get().flush();
        const copy = await api()['messages.duplicate']({ id });
        put(copy);
        set({ selectedId: copy.id });
        recordAppeared(`duplicate as “${copy.name}”`, copy.id, ops);
        return copy;
      } catch (error) {
        showError(error);
        return undefined;
      }
    },
    async remove(id) {
      const message = get().items.find((m) => m.id === id);
      try {
        if (pending?.id === id) await get().flush();
        await api()['messages.delete']({ id });
        drop(id);
        recordRemoved(`delete “${message?.name ?? 'message'}”`, id, ops);
        useToasts.getState().show({ tone: 'info', message: `Deleted “${message?.name ?? 'message'}”.`, action: { label: 'Undo', run: () => void undoLast() } }, 10000);
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    },
    async importFile(file) {
      try {
        const message = await api()['messages.import']({ message: file });
        put(message);
        recordAppeared(`import “${message.name}”`, message.id, ops);
        return message;
      } catch (error) {
        showError(error);
        return undefined;
      }
    },
    edit(id, changes) {
      set((s) => ({ items: s.items.map((m) => (m.id === id ? { ...m, ...changes } : m)), save: 'pending' }));
      if (pending && pending.id !== id) void saveNow();
      pending = { ...(pending?.id === id ? pending : { id }), ...changes };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    flush: () => saveNow(),
  };
});

if (typeof window !== 'undefined') {
  // Typing then closing the window within the autosave pause still saves.
  window.addEventListener('beforeunload', () => void useMessages.getState().flush());
}
