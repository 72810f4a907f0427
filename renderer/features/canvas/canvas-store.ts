import { create } from 'zustand';
import type { Audience } from '../../../shared/domain/audience';
import type { ChannelSummary } from '../../../shared/domain/channel';
import type { Message } from '../../../shared/domain/message';
import type { NodeId } from '../../../shared/domain/journey-graph';
import type { JourneyDetail } from '../../../shared/domain/journey-version';
import type { JourneyDoc } from '../../../shared/journey-edits';
import { studio } from '../../api/instance';
import { type HistoryEntry, useHistory } from '../../store/history';
import { showError } from '../../store/toasts';

type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

interface CanvasState {
  detail?: JourneyDetail;
  doc?: JourneyDoc;
  readOnly: boolean;
  selection: NodeId[];
  save: SaveState;
  saveError?: string;
  /** Why the last attempted link was refused, shown until the next edit. */
  notice?: string;
  clipboard?: JourneyDoc;
  audiences: Audience[];
  messages: Message[];
  channels: ChannelSummary[];
  loadError?: string;
  /** Re-reads the messages, audiences and channels the journey refers to (they change elsewhere). */
  refreshReferences(): Promise<void>;
  open(journeyId: string, versionId?: string): Promise<void>;
  /** Applies an edit; `record` puts it in the undo history (drags record once, at the end). */
  edit(label: string, change: (doc: JourneyDoc) => JourneyDoc, options?: { record?: boolean }): void;
  record(label: string, before: JourneyDoc): void;
  select(ids: NodeId[]): void;
  setNotice(notice: string | undefined): void;
  setClipboard(doc: JourneyDoc): void;
  transition(kind: 'publish' | 'stop' | 'newDraft'): Promise<boolean>;
  flush(): Promise<void>;
}

const SAVE_DELAY_MS = 500;
/** Edits with the same label this close together are one step of undo (typing a name). */
const COALESCE_MS = 1500;
let lastRecorded: { label: string; at: number; before: JourneyDoc; entry: HistoryEntry } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<void> | undefined;

/**
 * The journey open on the canvas: its detail, the draft document being edited, selection and
 * clipboard. Every edit autosaves (debounced) into the draft version; edits enter the app-wide
 * undo history, so Ctrl+Z works here as everywhere.
 */
export const useCanvas = create<CanvasState>()((set, get) => {
  const saveNow = async () => {
    const { detail, doc, readOnly } = get();
    if (!detail || !doc || readOnly) return;
    set({ save: 'saving' });
    try {
      await studio.api['journeys.saveDraft']({ versionId: detail.version.id, graph: doc.graph, layout: doc.layout });
      if (get().doc === doc) set({ save: 'saved', saveError: undefined });
      else set({ save: 'pending' });
    } catch (error) {
      set({ save: 'failed', saveError: error instanceof Error ? error.message : String(error) });
    }
  };
  const scheduleSave = () => {
    set({ save: 'pending' });
    clearTimeout(timer);
    timer = setTimeout(() => {
      inFlight = saveNow();
    }, SAVE_DELAY_MS);
  };
  /** Restores a document from history, if its version is still the one open and editable. */
  const restorer = (versionId: string, doc: JourneyDoc) => async () => {
    const { detail, readOnly } = get();
    if (detail?.version.id !== versionId || readOnly) throw new Error('That change belongs to a journey version that is no longer open for editing.');
    set({ doc, notice: undefined });
    scheduleSave();
  };

  return {
    readOnly: true,
    selection: [],
    save: 'saved',
    audiences: [],
    messages: [],
    channels: [],
    async refreshReferences() {
      const [audiences, messages, channels] = await Promise.all([
        studio.api['audiences.list']({}).catch(() => get().audiences),
        studio.api['messages.list']({}).catch(() => get().messages),
        studio.api['channels.list']({}).catch(() => get().channels),
      ]);
      set({ audiences, messages, channels });
    },
    async open(journeyId, versionId) {
      await get().flush();
      try {
        const [detail] = await Promise.all([studio.api['journeys.open']({ id: journeyId, ...(versionId ? { versionId } : {}) }), get().refreshReferences()]);
        set({
          detail,
          doc: { graph: detail.version.graph, layout: detail.version.layout },
          readOnly: detail.version.status !== 'draft',
          selection: [],
          save: 'saved',
          notice: undefined,
          loadError: undefined,
        });
      } catch (error) {
        set({ loadError: error instanceof Error ? error.message : String(error) });
      }
    },
    edit(label, change, { record = true } = {}) {
      const { doc, readOnly, detail } = get();
      if (!doc || readOnly || !detail) return;
      const next = change(doc);
      if (next === doc) return;
      set({ doc: next, notice: undefined });
      if (record) {
        const history = useHistory.getState();
        const now = Date.now();
        const coalesce = lastRecorded && lastRecorded.label === label && now - lastRecorded.at < COALESCE_MS && history.past.at(-1) === lastRecorded.entry;
        const before = coalesce ? lastRecorded!.before : doc;
        const entry = { label, undo: restorer(detail.version.id, before), redo: restorer(detail.version.id, next) };
        if (coalesce) history.amendLast(entry);
        else history.record(entry);
        lastRecorded = { label, at: now, before, entry };
      }
      scheduleSave();
    },
    record(label, before) {
      const { doc, detail } = get();
      if (!doc || !detail || doc === before) return;
      useHistory.getState().record({ label, undo: restorer(detail.version.id, before), redo: restorer(detail.version.id, doc) });
    },
    select: (selection) => set({ selection }),
    setNotice: (notice) => set({ notice }),
    setClipboard: (clipboard) => set({ clipboard }),
    async transition(kind) {
      const { detail } = get();
      if (!detail) return false;
      await get().flush();
      try {
        const channel = kind === 'publish' ? 'journeys.publish' : kind === 'stop' ? 'journeys.stop' : 'journeys.newDraft';
        const next = await studio.api[channel]({ versionId: detail.version.id });
        set({
          detail: next,
          doc: { graph: next.version.graph, layout: next.version.layout },
          readOnly: next.version.status !== 'draft',
          selection: [],
        });
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    },
    async flush() {
      if (timer && get().save === 'pending') {
        clearTimeout(timer);
        timer = undefined;
        inFlight = saveNow();
      }
      await inFlight;
    },
  };
});
