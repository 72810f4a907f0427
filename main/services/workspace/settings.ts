import { readFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { type WorkspaceSettings, workspaceNameSchema, workspaceSettingsSchema } from '../../../shared/domain/workspace.js';

const defaults: WorkspaceSettings = { theme: 'system' };
const SETTINGS_FILE = 'settings.json';
/** The workspace's own name, given in "New workspace…"; kept beside the settings, not among them. */
const NAME_KEY = 'workspaceName';

export interface SettingsStore {
  get(): WorkspaceSettings;
  update(patch: Partial<WorkspaceSettings>): WorkspaceSettings;
  /** The name the workspace was given, if any (else the host shows its folder's name). */
  name(): string | undefined;
  setName(name: string): void;
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
    name: () => validName(conf.get(NAME_KEY)),
    setName: (name) => conf.set(NAME_KEY, workspaceNameSchema.parse(name)),
  };
}

function validName(value: unknown): string | undefined {
  const parsed = workspaceNameSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A workspace's name without opening it: the one it was given, else its folder's name. */
export function readWorkspaceName(dir: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join(dir, SETTINGS_FILE), 'utf8')) as Record<string, unknown>;
    return validName(json[NAME_KEY]) ?? path.basename(dir);
  } catch {
    return path.basename(dir);
  }
}
