import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userDir } from '../services/platform-dirs.js';

/** Where a workspace lives when none is named: $JOURNEY_STUDIO_WORKSPACE, else the user's data folder. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JOURNEY_STUDIO_WORKSPACE) return path.resolve(env.JOURNEY_STUDIO_WORKSPACE);
  return path.join(userDir('data', env, platform), 'Journey Studio', 'workspaces', 'default');
}

/** The built renderer sits beside the built CLI: dist/host/cli.mjs -> dist/renderer. */
export function builtRendererDir(moduleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', 'renderer');
}
