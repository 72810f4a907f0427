import Conf from 'conf';
import { type WorkspaceSettings, workspaceSettingsSchema } from '../../../shared/domain/workspace.js';

const defaults: WorkspaceSettings = { theme: 'system' };

export interface SettingsStore {
  get(): WorkspaceSettings;
  update(patch: Partial<WorkspaceSettings>): WorkspaceSettings;
}

/**
 * The workspace's settings.json, kept by `conf` (atomic writes). What is read back is validated: a
 * hand-edited file with a bad value falls back to the default for that key instead of breaking the
 * studio.
 */
export function openSettings(dir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'settings',
    projectName: 'journey-studio',
    projectSuffix: '',
    clearInvalidConfig: true,
  });
  const read = (): WorkspaceSettings => {
    const merged = { ...defaults } as Record<string, unknown>;
    for (const key of Object.keys(defaults) as (keyof WorkspaceSettings)[]) {
      const value = workspaceSettingsSchema.shape[key].safeParse(conf.get(key));
      if (value.success) merged[key] = value.data;
    }
    return workspaceSettingsSchema.parse(merged);
  };
  return {
    get: read,
    update(patch) {
      const next = workspaceSettingsSchema.parse({ ...read(), ...patch });
      conf.set(next);
      return next;
    },
  };
}
