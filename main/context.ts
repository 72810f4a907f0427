import type { WorkspaceInfo } from '../shared/domain/workspace.js';
import type { EventBus } from './events.js';
import type { Clock } from './services/clock.js';
import type { Logger } from './services/log.js';
import type { Vault } from './services/vault/vault.js';
import type { StagedFiles } from './services/staging/staged-files.js';
import type { Workspace } from './services/workspace/workspace.js';

/** What every service area gets from the composition root. */
export interface CoreContext {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly host: WorkspaceInfo['host'];
  readonly vault: Vault;
  /** Files handed to the core (uploads, files picked by path), by upload id. */
  readonly staged: StagedFiles;
  /**
   * The journey engine's hook: every event that reaches a profile (imported, from a simulated
   * device, fired in test mode) is told here, so event entries and waits for events react.
   */
  onProfileEvent(profileId: number, event: { id?: number; type: string; timestamp: string; attributes?: Record<string, unknown> }): void;
  /** Work to finish before the workspace closes (a running import). */
  onClose(hook: () => Promise<void>): void;
}
