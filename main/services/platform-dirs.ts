import os from 'node:os';
import path from 'node:path';

/**
 * The per-user folder where an app keeps data (workspaces) or configuration (the secret key file):
 * ~/Library/Application Support on macOS, %APPDATA% on Windows, XDG folders elsewhere.
 */
export function userDir(kind: 'data' | 'config', env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  return kind === 'data' ? (env.XDG_DATA_HOME ?? path.join(home, '.local', 'share')) : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
}

/**
 * The studio's own settings folder, outside every workspace (the headless host's key file, the
 * recent workspaces): $JOURNEY_STUDIO_CONFIG_DIR, else "Journey Studio" in the user's config folder.
 */
export function studioConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JOURNEY_STUDIO_CONFIG_DIR) return path.resolve(env.JOURNEY_STUDIO_CONFIG_DIR);
  return path.join(userDir('config', env, platform), 'Journey Studio');
}
