import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a workspace lives when none is named: $JOURNEY_STUDIO_WORKSPACE, else the user's data folder. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.JOURNEY_STUDIO_WORKSPACE) return path.resolve(env.JOURNEY_STUDIO_WORKSPACE);
  const home = os.homedir();
  const base =
    platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
        : (env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'));
  return path.join(base, 'Journey Studio', 'workspaces', 'default');
}

/** The built renderer sits beside the built CLI: dist/host/cli.mjs -> dist/renderer. */
export function builtRendererDir(moduleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..', 'renderer');
}
