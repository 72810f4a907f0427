import { useHistory } from './history';

/**
 * Undo entries for a library of soft-deleted items (journeys, messages): an item that appeared
 * (created, duplicated, imported) is undone by deleting it and redone by restoring it; a deleted
 * one the other way round. The store says how to talk to the core and how to update its list.
 */
export interface LibraryOps<T extends { id: string }> {
  remove(id: string): Promise<unknown>;
  restore(id: string): Promise<T>;
  put(item: T): void;
  drop(id: string): void;
}

export function recordAppeared<T extends { id: string }>(label: string, id: string, ops: LibraryOps<T>): void {
  useHistory.getState().record({
    label,
    undo: async () => {
      await ops.remove(id);
      ops.drop(id);
    },
    redo: async () => ops.put(await ops.restore(id)),
  });
}

export function recordRemoved<T extends { id: string }>(label: string, id: string, ops: LibraryOps<T>): void {
  useHistory.getState().record({
    label,
    undo: async () => ops.put(await ops.restore(id)),
    redo: async () => {
      await ops.remove(id);
      ops.drop(id);
    },
  });
}
