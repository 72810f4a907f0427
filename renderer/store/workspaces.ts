import { create } from 'zustand';
import type { FolderInspection, WorkspaceSwitch, WorkspacesList } from '../../shared/domain/workspace';
import { studio } from '../api/instance';
import { useNavigation } from './navigation';
import { showError, useToasts } from './toasts';

/** Which workspace dialog is open, and what it starts from. */
export type WorkspaceDialog =
  | { kind: 'new'; parent?: string; folder?: string }
  | { kind: 'open'; path?: string; inspection?: FolderInspection };

interface WorkspacesState {
  list?: WorkspacesList;
  dialog?: WorkspaceDialog;
  /** The switch in progress, as the host reports it (every window sees it). */
  switching?: WorkspaceSwitch;
  refresh(): Promise<void>;
  show(dialog: WorkspaceDialog | undefined): void;
  /** "Open folder…": the system's folder dialog on the desktop, a path field in the browser. */
  openFolder(): Promise<void>;
  /** Opens a recent workspace. */
  switchTo(path: string): Promise<void>;
  forget(path: string): Promise<void>;
  /** The host's progress events; when the switch is done the page starts again on the new workspace. */
  onSwitch(event: WorkspaceSwitch): void;
}

/** A new page load is the honest way to drop every store's state from the old workspace (ids included). */
function reloadOnto(section: string): void {
  history.replaceState(null, '', `#/${section}`);
  location.reload();
}

export const useWorkspaces = create<WorkspacesState>()((set, get) => ({
  async refresh() {
    try {
      set({ list: await studio.api['workspaces.list']({}) });
    } catch (error) {
      showError(error);
    }
  },
  show: (dialog) => set({ dialog }),
  async openFolder() {
    const pick = studio.transport.pickFolder;
    if (!pick) return set({ dialog: { kind: 'open' } });
    try {
      const path = await pick('open');
      if (!path) return;
      const inspection = await studio.api['workspaces.inspect']({ path });
      // A workspace opens at once; anything else is explained in the dialog, with what can be done.
      if (inspection.state === 'workspace') await studio.api['workspaces.open']({ path });
      else set({ dialog: { kind: 'open', path, inspection } });
    } catch (error) {
      showError(error);
    }
  },
  async switchTo(path) {
    try {
      await studio.api['workspaces.open']({ path });
    } catch (error) {
      showError(error);
      void get().refresh();
    }
  },
  async forget(path) {
    try {
      set({ list: await studio.api['workspaces.forget']({ path }) });
    } catch (error) {
      showError(error);
    }
  },
  onSwitch(event) {
    if (event.state === 'done') {
      set({ switching: event });
      reloadOnto(useNavigation.getState().route.section);
      return;
    }
    if (event.state === 'failed') {
      // The host went back to the workspace that was open: say why, and carry on there.
      set({ switching: undefined });
      useToasts.getState().show({ tone: 'error', message: event.message ?? `“${event.name}” could not be opened.` });
      return;
    }
    set({ switching: event, dialog: undefined });
  },
}));
