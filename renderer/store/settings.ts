import { create } from 'zustand';
import type { Theme, WorkspaceInfo } from '../../shared/domain/workspace';
import { studio } from '../api/instance';
import { showError } from './toasts';

interface SettingsState {
  theme: Theme;
  workspace?: WorkspaceInfo;
  load(): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
}

export const useSettings = create<SettingsState>()((set) => ({
  theme: 'system',
  async load() {
    try {
      const [settings, workspace] = await Promise.all([studio.api['settings.get']({}), studio.api['app.info']({})]);
      set({ theme: settings.theme, workspace });
    } catch (error) {
      showError(error);
    }
  },
  async setTheme(theme) {
    set({ theme });
    try {
      await studio.api['settings.update']({ theme });
    } catch (error) {
      showError(error);
    }
  },
}));
