import { create } from 'zustand';
import type { Message, MessageContent, MessageFile } from '../../shared/domain/message';
import { studio } from '../api/instance';
import { recordAppeared } from './library-history';
import { type LibraryState, libraryStore } from './library';
import { showError } from './toasts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

interface MessagesState extends LibraryState<Message> {
  /** Autosave of the open message. */
  save: SaveState;
  saveError?: string;
  importFile(file: MessageFile): Promise<Message | undefined>;
  /** Changes the open message at once and saves it shortly after typing stops. */
  edit(id: string, changes: { content?: MessageContent; channelId?: string | null }): void;
  /**
   * Changes some fields of the open message's content, merged into its latest content. A form
   * field that finishes later (an image upload) must not put back what it saw when it started.
   */
  editContent(id: string, patch: Partial<MessageContent>): void;
  flush(): Promise<void>;
}

const AUTOSAVE_MS = 500;

/**
 * The message library and the open message. Edits to the content are applied here at once (the
 * preview follows every keystroke) and saved after a pause; structural edits record their undo.
 */
export const useMessages = create<MessagesState>()((set, get) => {
  const api = () => studio.api;
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

  const library = libraryStore(set, get, {
    noun: 'message',
    list: () => api()['messages.list']({}),
    create: (name) => api()['messages.create']({ name }),
    rename: (id, name) => api()['messages.update']({ id, name }),
    duplicate: (id) => api()['messages.duplicate']({ id }),
    remove: (id) => api()['messages.delete']({ id }),
    restore: (id) => api()['messages.restore']({ id }),
    // What is being typed is saved before the message is renamed, copied or deleted.
    settle: () => get().flush(),
    // A message being typed in keeps its local text until it is saved.
    received: (items, current) => (pending ? items.map((m) => (m.id === pending?.id ? (current.find((x) => x.id === m.id) ?? m) : m)) : items),
  });
  const { put, ops } = library;

  return {
    ...library.state,
    save: 'saved',
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
    editContent(id, patch) {
      const latest = get().items.find((m) => m.id === id)?.content;
      if (latest) get().edit(id, { content: { ...latest, ...patch } });
    },
    flush: () => saveNow(),
  };
});

if (typeof window !== 'undefined') {
  // Typing then closing the window within the autosave pause still saves.
  window.addEventListener('beforeunload', () => void useMessages.getState().flush());
}
