import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { studioConfigDir, userDir } from '../services/platform-dirs.js';
import { type RecentWorkspaces, openRecentWorkspaces, startWorkspace } from '../services/workspace/recent-workspaces.js';

/** Where the headless host keeps workspaces it makes: the user's data folder. */
export function userWorkspacesDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(userDir('data', env, platform), 'Journey Studio', 'workspaces');
}

/** The workspace of a first start: $JOURNEY_STUDIO_WORKSPACE, else one in the user's data folder. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JOURNEY_STUDIO_WORKSPACE) return path.resolve(env.JOURNEY_STUDIO_WORKSPACE);
  return path.join(userWorkspacesDir(env, platform), 'default');
}

/** The recent workspaces of the headless host and the CLI, in the studio's config folder. */
export function headlessRecentWorkspaces(env: NodeJS.ProcessEnv): RecentWorkspaces {
  return openRecentWorkspaces(studioConfigDir(env));
}

/**
 * The workspace a command works in: --workspace DIR, else $JOURNEY_STUDIO_WORKSPACE, else the one
 * used last (in the studio or with serve), else the default. `note` says why the last one was not.
 */
export function chooseWorkspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv, recent?: RecentWorkspaces): { dir: string; note?: string } {
  if (flag !== undefined) return { dir: path.resolve(flag) };
  if (env.JOURNEY_STUDIO_WORKSPACE) return { dir: path.resolve(env.JOURNEY_STUDIO_WORKSPACE) };
  return startWorkspace(recent ?? headlessRecentWorkspaces(env), defaultWorkspaceDir(env));
}

/** The built renderer sits beside the built CLI: dist/host/cli.mjs -> dist/renderer. */
export function builtRendererDir(moduleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', 'renderer');
}
