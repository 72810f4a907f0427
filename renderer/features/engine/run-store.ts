import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import type { JourneyCounts, TestEntry } from '../../../shared/domain/engine';
import { studio } from '../../api/instance';
import { showError } from '../../store/toasts';

type DryRun = ChannelOutput<'engine.dryRun'>;

interface RunState {
  versionId?: string;
  /** What the canvas overlays: nothing, a dry run's counts, test mode, or the live counts. */
  view: 'none' | 'dry' | 'test' | 'live';
  counts?: JourneyCounts;
  previews?: DryRun['previews'];
  entries: TestEntry[];
  /** The test profile whose path the canvas lights up (the newest entry's when none is chosen). */
  focus?: number;
  busy: boolean;
  setFocus(profileId: number | undefined): void;
  reset(versionId: string, status: string): void;
  dryRun(days: number): Promise<void>;
  startTest(): Promise<void>;
  stopTest(): Promise<void>;
  fireEvent(profileId: number, type: string): Promise<void>;
  refresh(): Promise<void>;
  hide(): void;
}

/** The engine's view of the journey open on the canvas: dry-run, test-mode or live counts. */
export const useRun = create<RunState>()((set, get) => ({
  view: 'none',
  entries: [],
  busy: false,
  setFocus: (focus) => set({ focus }),
  reset(versionId, status) {
    set({ versionId, view: status === 'live' || status === 'closed' || status === 'stopped' ? 'live' : 'none', counts: undefined, previews: undefined, entries: [] });
    void (async () => {
      if (status === 'draft') {
        const state = await studio.api['engine.test.state']({ versionId }).catch(() => undefined);
        if (state?.active && get().versionId === versionId) set({ view: 'test', counts: state.counts, entries: state.entries });
      } else await get().refresh();
    })();
  },
  async dryRun(days) {
    const { versionId } = get();
    if (!versionId) return;
    set({ busy: true });
    try {
      const result = await studio.api['engine.dryRun']({ versionId, days });
      set({ view: 'dry', counts: result, previews: result.previews, entries: [] });
    } catch (error) {
      showError(error);
    } finally {
      set({ busy: false });
    }
  },
  async startTest() {
    const { versionId } = get();
    if (!versionId) return;
    set({ busy: true });
    try {
      const state = await studio.api['engine.test.start']({ versionId });
      set({ view: 'test', counts: state.counts, entries: state.entries });
    } catch (error) {
      showError(error);
    } finally {
      set({ busy: false });
    }
  },
  async stopTest() {
    const { versionId } = get();
    if (!versionId) return;
    await studio.api['engine.test.stop']({ versionId }).catch(showError);
    set({ view: 'none', counts: undefined, entries: [] });
  },
  async fireEvent(profileId, type) {
    const { versionId } = get();
    if (!versionId) return;
    try {
      const state = await studio.api['engine.test.fireEvent']({ versionId, profileId, type });
      set({ counts: state.counts, entries: state.entries });
    } catch (error) {
      showError(error);
    }
  },
  async refresh() {
    const { versionId, view } = get();
    if (!versionId) return;
    if (view === 'test') {
      const state = await studio.api['engine.test.state']({ versionId }).catch(() => undefined);
      if (state && get().versionId === versionId) set({ counts: state.counts, entries: state.entries });
    } else if (view === 'live') {
      const counts = await studio.api['engine.counts']({ versionId, mode: 'live' }).catch(() => undefined);
      if (counts && get().versionId === versionId) set({ counts });
    }
  },
  hide: () => set({ view: 'none', counts: undefined }),
}));

/** Nodes and edges the newest test entry went through, and where it is now. */
export function testPath(entries: TestEntry[], focus?: number): { nodes: Set<string>; edges: Set<string>; current?: string } {
  const entry = entries.find((e) => e.profileId === focus) ?? entries[0];
  if (!entry) return { nodes: new Set(), edges: new Set() };
  return {
    nodes: new Set(entry.path.map((s) => s.node)),
    edges: new Set(entry.path.filter((s) => s.output).map((s) => `${s.node}:${s.output}`)),
    current: entry.node,
  };
}
