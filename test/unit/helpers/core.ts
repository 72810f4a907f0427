import { randomBytes } from 'node:crypto';
import { type Core, type CoreOptions, createCore } from '../../../main/core';
import { silentLogger } from '../../../main/services/log';
import { aesGcmCipher } from '../../../main/services/vault/cipher';
import { tempDir } from './temp-workspace';

/** One throw-away vault key per test run, so a workspace can be closed and opened again. */
const TEST_KEY = randomBytes(32);

/** A core on a fresh workspace with a throw-away vault key, as the headless host would open it. */
export function openTestCore(options: Partial<CoreOptions> = {}): Core {
  return createCore({
    workspaceDir: tempDir(),
    host: 'headless',
    secretCipher: aesGcmCipher(TEST_KEY),
    logger: silentLogger,
    // Most tests want an empty workspace; those about the sandbox channel ask for it.
    seedSandboxChannel: false,
    ...options,
  } as CoreOptions);
}
