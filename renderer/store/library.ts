import { undoLast, useHistory } from './history';
import { type LibraryOps, recordAppeared, recordRemoved } from './library-history';
import { showError, useToasts } from './toasts';

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

export interface LibraryItem {
  id: string;
  name: string;
  updatedAt: string;
}

/** A library of named items (journeys, messages): the list the core gives and the edits made here, each with its undo. */
export interface LibraryState<T extends LibraryItem> {
  items: T[];
  load: LoadState;
  loadError?: string;
  selectedId?: string;
  refresh(): Promise<void>;
  select(id: string | undefined): void;
  create(name: string): Promise<T | undefined>;
  rename(id: string, name: string): Promise<boolean>;
  duplicate(id: string): Promise<T | undefined>;
  remove(id: string): Promise<boolean>;
}

/** How a library talks to the core. */
export interface LibraryApi<T extends LibraryItem> {
  /** 'journey': in undo labels and toasts when the item's name is not at hand. */
  noun: string;
  list(): Promise<T[]>;
  create(name: string): Promise<T>;
  rename(id: string, name: string): Promise<T>;
  duplicate(id: string): Promise<T>;
  remove(id: string): Promise<unknown>;
  restore(id: string): Promise<T>;
  /** Runs before an edit reaches the core (a message saves what is being typed first). */
  settle?(): Promise<void>;
  /** The list from the core, as the store keeps it (a message being typed in keeps its local text). */
  received?(items: T[], current: T[]): T[];
}

type Set<T extends LibraryItem> = (partial: Partial<LibraryState<T>> | ((s: LibraryState<T>) => Partial<LibraryState<T>>)) => void;

const byUpdatedDesc = (a: LibraryItem, b: LibraryItem) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);

/**
 * The state and actions every library store shares, for a zustand store to spread into its own.
 * Delete is a soft delete in the core, so undo restores the very item. Also returns `put` and the
 * undo operations, for a store's own edits (a message import).
 */
export function libraryStore<T extends LibraryItem>(set: Set<T>, get: () => LibraryState<T>, api: LibraryApi<T>) {
  const put = (item: T) => set((s) => ({ items: [...s.items.filter((x) => x.id !== item.id), item].sort(byUpdatedDesc) }));
  const drop = (id: string) => set((s) => ({ items: s.items.filter((x) => x.id !== id), selectedId: s.selectedId === id ? undefined : s.selectedId }));
  const ops: LibraryOps<T> = { remove: api.remove, restore: api.restore, put, drop };
  const settle = async () => api.settle?.();
  const state: LibraryState<T> = {
    items: [],
    load: 'idle',
    async refresh() {
      if (get().load !== 'ready') set({ load: 'loading' });
      try {
        const items = await api.list();
        set((s) => ({ items: api.received ? api.received(items, s.items) : items, load: 'ready', loadError: undefined }));
      } catch (error) {
        set({ load: 'failed', loadError: error instanceof Error ? error.message : String(error) });
      }
    },
    select: (id) => set({ selectedId: id }),
    async create(name) {
      try {
        const item = await api.create(name);
        put(item);
        set({ selectedId: item.id });
        recordAppeared(`create “${item.name}”`, item.id, ops);
        return item;
      } catch (error) {
        showError(error);
        return undefined;
      }
    },
    async rename(id, name) {
      const before = get().items.find((x) => x.id === id);
      try {
        await settle();
        const item = await api.rename(id, name);
        put(item);
        if (before && before.name !== item.name) {
          useHistory.getState().record({
            label: `rename “${before.name}”`,
            undo: async () => put(await api.rename(id, before.name)),
            redo: async () => put(await api.rename(id, item.name)),
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
        await settle();
        const copy = await api.duplicate(id);
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
      const name = get().items.find((x) => x.id === id)?.name ?? api.noun;
      try {
        await settle();
        await api.remove(id);
        drop(id);
        recordRemoved(`delete “${name}”`, id, ops);
        useToasts.getState().show({ tone: 'info', message: `Deleted “${name}”.`, action: { label: 'Undo', run: () => void undoLast() } }, 10000);
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    },
  };
  return { state, put, ops };
}
