import { create } from 'zustand';
import type { JourneySummary } from '../../shared/domain/journey';
import { studio } from '../api/instance';
import { type LibraryState, libraryStore } from './library';

/**
 * The Journeys list: what the core says, plus the edits made here. Every edit records how to undo
 * it (Ctrl+Z) in the shared history; delete is a soft delete so undo restores the very journey.
 */
export const useJourneys = create<LibraryState<JourneySummary>>()((set, get) => {
  const api = () => studio.api;
  return libraryStore(set, get, {
    noun: 'journey',
    list: () => api()['journeys.list']({}),
    create: (name) => api()['journeys.create']({ name }),
    rename: (id, name) => api()['journeys.rename']({ id, name }),
    duplicate: (id) => api()['journeys.duplicate']({ id }),
    remove: (id) => api()['journeys.delete']({ id }),
    restore: (id) => api()['journeys.restore']({ id }),
  }).state;
});
