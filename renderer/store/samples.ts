import { create } from 'zustand';
import { attributePaths, type TemplateScope } from '../../shared/render/personalise';
import { parseSample } from '../../shared/render/sample';

/**
 * "Preview as": sample data the marketer pasted (a profile's attributes, or {profile, event}). Kept
 * in this browser's storage per workspace path, so it survives reloads without touching the workspace.
 * Profiles from the workspace join this list when the profiles area lands (see PreviewAs).
 */
export interface Sample {
  id: string;
  name: string;
  json: string;
}

interface SamplesState {
  samples: Sample[];
  /** Which samples the preview shows, side by side (one at least when there are samples). */
  shown: string[];
  add(name: string, json: string): Sample;
  update(id: string, changes: Partial<Omit<Sample, 'id'>>): void;
  remove(id: string): void;
  toggle(id: string): void;
}

const KEY = 'journey-studio.samples';
const load = (): Pick<SamplesState, 'samples' | 'shown'> => {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Pick<SamplesState, 'samples' | 'shown'> | null;
    if (stored && Array.isArray(stored.samples) && Array.isArray(stored.shown)) return stored;
  } catch {
    // Unreadable storage: start empty.
  }
  return { samples: [], shown: [] };
};

export const useSamples = create<SamplesState>()((set, get) => {
  const persist = () => {
    try {
      localStorage.setItem(KEY, JSON.stringify({ samples: get().samples, shown: get().shown }));
    } catch {
      // Storage full or disabled: samples last for this session only.
    }
  };
  return {
    ...(typeof localStorage === 'undefined' ? { samples: [], shown: [] } : load()),
    add(name, json) {
      const sample = { id: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name, json };
      set((s) => ({ samples: [...s.samples, sample], shown: [...s.shown.slice(-2), sample.id] }));
      persist();
      return sample;
    },
    update(id, changes) {
      set((s) => ({ samples: s.samples.map((x) => (x.id === id ? { ...x, ...changes } : x)) }));
      persist();
    },
    remove(id) {
      set((s) => ({ samples: s.samples.filter((x) => x.id !== id), shown: s.shown.filter((x) => x !== id) }));
      persist();
    },
    toggle(id) {
      set((s) => ({ shown: s.shown.includes(id) ? s.shown.filter((x) => x !== id) : [...s.shown.slice(-2), id] }));
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
