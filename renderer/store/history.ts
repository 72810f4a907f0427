import { create } from 'zustand';
import { showError, useToasts } from './toasts';

/**
 * Undo history of the studio's edits. Like Excalidraw's actions, each edit says how to undo and
 * redo itself; an edit that shouldn't be undoable simply isn't recorded.
 */
export interface HistoryEntry {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

interface HistoryState {
  past: HistoryEntry[];
  future: HistoryEntry[];
  busy: boolean;
  record(entry: HistoryEntry): void;
  /** Replaces the newest entry (typing into one field is one edit, not one per keystroke). */
  amendLast(entry: HistoryEntry): void;
  undo(): Promise<HistoryEntry | undefined>;
  redo(): Promise<HistoryEntry | undefined>;
}

const LIMIT = 100;

export const useHistory = create<HistoryState>()((set, get) => ({
  past: [],
  future: [],
  busy: false,
  record: (entry) => set((s) => ({ past: [...s.past, entry].slice(-LIMIT), future: [] })),
  amendLast: (entry) => set((s) => ({ past: [...s.past.slice(0, -1), entry], future: [] })),
  async undo() {
    const { past, busy } = get();
    const entry = past.at(-1);
    if (!entry || busy) return undefined;
    set({ busy: true });
    try {
      await entry.undo();
      set((s) => ({ past: s.past.slice(0, -1), future: [entry, ...s.future] }));
      return entry;
    } finally {
      set({ busy: false });
    }
  },
  async redo() {
    const { future, busy } = get();
    const entry = future[0];
    if (!entry || busy) return undefined;
    set({ busy: true });
    try {
      await entry.redo();
      set((s) => ({ future: s.future.slice(1), past: [...s.past, entry] }));
      return entry;
    } finally {
      set({ busy: false });
    }
  },
}));

/** Undo (or redo) the next edit and say which it was. */
async function move(direction: 'undo' | 'redo'): Promise<void> {
  try {
    const entry = await useHistory.getState()[direction]();
    if (entry) useToasts.getState().show({ tone: 'info', message: `${direction === 'undo' ? 'Undid' : 'Redid'} ${entry.label}.` });
  } catch (error) {
    showError(error);
  }
}

export const undoLast = () => move('undo');
export const redoNext = () => move('redo');
