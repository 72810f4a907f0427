import { type Core, createCore } from '../core.js';
import { headlessCipher } from '../services/vault/master-key.js';

/**
 * The core as the CLI and the headless host open it: secrets sealed under the headless master key.
 * Only a serving host runs the journey engine's scheduler; a one-off CLI command never moves
 * profiles through live journeys behind the user's back.
 */
export function openHeadlessCore(workspaceDir: string, env: NodeJS.ProcessEnv, { runEngine = false, virtualTime = false } = {}): Core {
  return createCore({ workspaceDir, host: 'headless', secretCipher: headlessCipher(env), engine: { autoStart: runEngine }, virtualTime });
}
