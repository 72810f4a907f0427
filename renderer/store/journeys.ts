import { create } from 'zustand';
import type { JourneySummary } from '../../shared/domain/journey';
import { studio } from '../api/instance';
import { useHistory } from './history';
import { type LibraryOps, recordAppeared, recordRemoved } from './library-history';
import { showError, useToasts } from './toasts';

type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

interface JourneysState {
  items: JourneySummary[];
  load: LoadState;
  loadError?: string;
  selectedId?: string;
  refresh(): Promise<void>;
  select(id: string | undefined): void;
  create(name: string): Promise<JourneySummary | undefined>;
  rename(id: string, name: string): Promise<boolean>;
  duplicate(id: string): Promise<JourneySummary | undefined>;
  remove(id: string): Promise<boolean>;
}

const byUpdatedDesc = (a: JourneySummary, b: JourneySummary) =>
  b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);

const upsert = (items: JourneySummary[], journey: JourneySummary) =>
  [...items.filter((j) => j.id !== journey.id), journey].sort(byUpdatedDesc);

/**
 * The Journeys list: what the core says, plus the edits made here. Every edit records how to undo
 * it (Ctrl+Z) in the shared history; delete is a soft delete so undo restores the very journey.
 */
export const useJourneys = create<JourneysState>()((set, get) => {
  const api = () => studio.api;
  const put = (journey: JourneySummary) => set((s) => ({ items: upsert(s.items, journey) }));
  const drop = (id: string) =>
    set((s) => ({ items: s.items.filter((j) => j.id !== id), selectedId: s.selectedId === id ? undefined : s.selectedId }));

  const ops: LibraryOps<JourneySummary> = {
    remove: (id) => api()['journeys.delete']({ id }),
    restore: (id) => api()['journeys.restore']({ id }),
    put,
    drop,
  };

  return {
    items: [],
    load: 'idle',
    async refresh() {
      if (get().load !== 'ready') set({ load: 'loading' });
      try {
        set({ items: await api()['journeys.list']({}), load: 'ready', loadError: undefined });
      } catch (error) {
        set({ load: 'failed', loadError: error instanceof Error ? error.message : String(error) });
      }
    },
    select: (id) => set({ selectedId: id }),
    async create(name) {
      try {
        const journey = await api()['journeys.create']({ name });
        put(journey);
        set({ selectedId: journey.id });
        recordAppeared(`create “${journey.name}”`, journey.id, ops);
        return journey;
      } catch (error) {
        showError(error);
        return undefined;
      }
    },
    async rename(id, name) {
      const before = get().items.find((j) => j.id === id);
      try {
        const journey = await api()['journeys.rename']({ id, name });
        put(journey);
        if (before && before.name !== journey.name) {
          useHistory.getState().record({
            label: `rename “${before.name}”`,
            undo: async () => put(await api()['journeys.rename']({ id, name: before.name })),
            redo: async () => put(await api()['journeys.rename']({ id, name: journey.name })),
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
        const copy = await api()['journeys.duplicate']({ id });
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
      const journey = get().items.find((j) => j.id === id);
      try {
        await api()['journeys.delete']({ id });
        drop(id);
        recordRemoved(`delete “${journey?.name ?? 'journey'}”`, id, ops);
        useToasts.getState().show(
          {
            tone: 'info',
            message: `Deleted “${journey?.name ?? 'journey'}”.`,
            action: { label: 'Undo', run: () => void undoLast() },
          },
          10000,
        );
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    },
  };
});

/** Undo the last edit and say what was undone. */
export async function undoLast(): Promise<void> {
  try {
    const entry = await useHistory.getState().undo();
    if (entry) useToasts.getState().show({ tone: 'info', message: `Undid ${entry.label}.` });
  } catch (error) {
    showError(error);
  }
}

export async function redoNext(): Promise<void> {
  try {
    const entry = await useHistory.getState().redo();
    if (entry) useToasts.getState().show({ tone: 'info', message: `Redid ${entry.label}.` });
  } catch (error) {
    showError(error);
  }
}
