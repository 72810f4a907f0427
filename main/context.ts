import type { WorkspaceInfo } from '../shared/domain/workspace.js';
import type { EventBus } from './events.js';
import type { Clock } from './services/clock.js';
import type { Logger } from './services/log.js';
import type { Vault } from './services/vault/vault.js';
import type { Workspace } from './services/workspace/workspace.js';

/** What every service area gets from the composition root. */
export interface CoreContext {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly host: WorkspaceInfo['host'];
  readonly vault: Vault;
}
