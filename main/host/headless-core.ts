import { type Core, createCore } from '../core.js';
import { headlessCipher } from '../services/vault/master-key.js';

/** The core as the CLI and the headless host open it: secrets sealed under the headless master key. */
export function openHeadlessCore(workspaceDir: string, env: NodeJS.ProcessEnv): Core {
  return createCore({ workspaceDir, host: 'headless', secretCipher: headlessCipher(env) });
}
