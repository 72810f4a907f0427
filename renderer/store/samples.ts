import { create } from 'zustand';
import type { ExperienceEvent, ProfileRow, Registration } from '../../shared/domain/profile';
import { attributePaths, type TemplateScope } from '../../shared/render/personalise';
import { eventScope, parseSample } from '../../shared/render/sample';
import { studio } from '../api/instance';

/**
 * "Preview as": the profiles the composer personalises with. Two kinds, side by side:
 * - sample JSON the marketer pasted (a profile's attributes, or {profile, event});
 * - profiles picked from the workspace (found through profiles.page like the Profiles section),
 *   with one of their recent events as the sample entry event.
 * Kept in this browser's storage so they survive reloads. A picked profile is stored by its number
 * only: its attributes are read from the workspace again on each visit (and never written to the
 * browser's storage), so they are current and a profile deleted since says so.
 */
export interface Sample {
  id: string;
  name: string;
  /** Pasted JSON; for a picked profile, {profile, event} built from the workspace (not persisted). */
  json: string;
  /** Set for a profile picked from the workspace. */
  profileId?: number;
  /** The event used as the entry event (a picked profile); null: none. */
  eventId?: number | null;
  /** Not persisted: the profile's recent events and devices, and why it could not be read. */
  events?: ExperienceEvent[];
  registrations?: Registration[];
  loading?: boolean;
  error?: string;
}

interface SamplesState {
  samples: Sample[];
  /** Which samples the preview shows, side by side (one at least when there are samples). */
  shown: string[];
  add(name: string, json: string): Sample;
  /** Adds a profile of the workspace (or shows it, when it is there already) and reads it. */
  addProfile(row: ProfileRow): Promise<void>;
  /** Reads picked profiles that are not read yet (on opening the composer). */
  refreshProfiles(): Promise<void>;
  setEvent(id: string, eventId: number | null): void;
  update(id: string, changes: Partial<Omit<Sample, 'id'>>): void;
  remove(id: string): void;
  toggle(id: string): void;
}

const KEY = 'journey-studio.samples';
const MAX_SHOWN = 3;
const EVENTS = 20;

const load = (): Pick<SamplesState, 'samples' | 'shown'> => {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Pick<SamplesState, 'samples' | 'shown'> | null;
    if (stored && Array.isArray(stored.samples) && Array.isArray(stored.shown)) return stored;
  } catch {
    // Unreadable storage: start empty.
  }
  return { samples: [], shown: [] };
};

/** The label of a picked profile: its name, else its first identity, else its number. */
export const profileLabel = (row: Pick<ProfileRow, 'id' | 'name' | 'primaryIdentity'>) => row.name || row.primaryIdentity?.value || `Profile #${row.id}`;

const profileJson = (attributes: Record<string, unknown>, event: ExperienceEvent | undefined) => JSON.stringify({ profile: attributes, event: eventScope(event) });

export const useSamples = create<SamplesState>()((set, get) => {
  const persist = () => {
    try {
      const samples = get().samples.map(({ id, name, json, profileId, eventId }) => (profileId ? { id, name, json: '', profileId, eventId } : { id, name, json }));
      localStorage.setItem(KEY, JSON.stringify({ samples, shown: get().shown }));
    } catch {
      // Storage full or disabled: samples last for this session only.
    }
  };
  const patch = (id: string, changes: Partial<Sample>) => set((s) => ({ samples: s.samples.map((x) => (x.id === id ? { ...x, ...changes } : x)) }));
  const attributes = new Map<string, Record<string, unknown>>();

  const read = async (sample: Sample) => {
    const profileId = sample.profileId!;
    patch(sample.id, { loading: true, error: undefined });
    try {
      const [detail, events] = await Promise.all([studio.api['profiles.get']({ id: profileId }), studio.api['profiles.events']({ id: profileId, limit: EVENTS })]);
      attributes.set(sample.id, detail.attributes);
      const current = get().samples.find((x) => x.id === sample.id);
      if (!current) return;
      // The newest event is the sample entry event until another is chosen.
      const eventId = current.eventId === undefined ? (events.items[0]?.id ?? null) : current.eventId;
      const event = events.items.find((e) => e.id === eventId);
      patch(sample.id, { json: profileJson(detail.attributes, event), events: events.items, registrations: detail.registrations, eventId: event ? event.id : null, loading: false });
      persist();
    } catch (error) {
      patch(sample.id, { loading: false, json: '', error: error instanceof Error ? error.message : String(error) });
    }
  };

  return {
    ...(typeof localStorage === 'undefined' ? { samples: [], shown: [] } : load()),
    add(name, json) {
      const sample = { id: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name, json };
      set((s) => ({ samples: [...s.samples, sample], shown: [...s.shown.slice(1 - MAX_SHOWN), sample.id] }));
      persist();
      return sample;
    },
    async addProfile(row) {
      const id = `p${row.id}`;
      const existing = get().samples.find((x) => x.id === id);
      const sample: Sample = existing ?? { id, name: profileLabel(row), json: '', profileId: row.id };
      set((s) => ({
        samples: existing ? s.samples : [...s.samples, sample],
        shown: s.shown.includes(id) ? s.shown : [...s.shown.slice(1 - MAX_SHOWN), id],
      }));
      persist();
      await read(sample);
    },
    async refreshProfiles() {
      await Promise.all(get().samples.filter((x) => x.profileId && !x.json && !x.loading).map(read));
    },
    setEvent(id, eventId) {
      const sample = get().samples.find((x) => x.id === id);
      if (!sample?.profileId) return;
      const event = sample.events?.find((e) => e.id === eventId);
      patch(id, { eventId: event ? event.id : null, json: profileJson(attributes.get(id) ?? {}, event) });
      persist();
    },
    update(id, changes) {
      patch(id, changes);
      persist();
    },
    remove(id) {
      set((s) => ({ samples: s.samples.filter((x) => x.id !== id), shown: s.shown.filter((x) => x !== id) }));
      attributes.delete(id);
      persist();
    },
    toggle(id) {
      set((s) => ({ shown: s.shown.includes(id) ? s.shown.filter((x) => x !== id) : [...s.shown.slice(1 - MAX_SHOWN), id] }));
      persist();
    },
  };
});

export function scopeOf(sample: Sample | undefined): TemplateScope {
  if (!sample) return {};
  const parsed = parseSample(sample.json);
  return 'scope' in parsed ? parsed.scope : {};
}

/** Attribute paths seen in every sample: the insert-field picker and autocomplete offer these. */
export function knownPaths(samples: Sample[]): string[] {
  const paths = new Set<string>();
  for (const sample of samples) {
    const scope = scopeOf(sample);
    attributePaths('profile', scope.profile, paths);
    attributePaths('event', scope.event, paths);
  }
  return [...paths].sort();
}
