import type { ContractHandlers } from '../shared/contract.js';
import type { WorkspaceInfo } from '../shared/domain/workspace.js';
import type { CoreContext } from './context.js';
import { type Dispatch, createDispatch } from './dispatch.js';
import { EventBus } from './events.js';
import { type Clock, systemClock } from './services/clock.js';
import { audienceHandlers } from './services/audiences/handlers.js';
import { journeyHandlers } from './services/journeys/handlers.js';
import { type Logger, consoleLogger } from './services/log.js';
import { profileHandlers } from './services/profiles/handlers.js';
import { type StagedFiles, createStagedFiles } from './services/staging/staged-files.js';
import { appHandlers } from './services/workspace/handlers.js';
import { type Workspace, openWorkspace } from './services/workspace/workspace.js';

export interface CoreOptions {
  workspaceDir: string;
  host: WorkspaceInfo['host'];
  clock?: Clock;
  logger?: Logger;
}

export interface Core {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly staged: StagedFiles;
  /** Validated entry point used by both hosts. */
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

/**
 * The composition root: opens the workspace and wires every service area's handlers into the
 * contract. Plain Node: no electron here or below.
 */
export function createCore(options: CoreOptions): Core {
  const workspace = openWorkspace(options.workspaceDir);
  const closeHooks: (() => Promise<void>)[] = [];
  const context: CoreContext = {
    workspace,
    events: new EventBus(),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? consoleLogger,
    host: options.host,
    staged: createStagedFiles(workspace.dir),
    onClose: (hook) => closeHooks.push(hook),
  };

  // Each area provides the handlers of its own channels; the type below fails to compile if a
  // channel of the contract has no handler.
  const handlers: ContractHandlers = {
    ...appHandlers(context),
    ...journeyHandlers(context),
    ...profileHandlers(context),
    ...audienceHandlers(context),
  };

  let closed: Promise<void> | undefined;
  return {
    workspace,
    events: context.events,
    staged: context.staged,
    dispatch: createDispatch(handlers, context.logger),
    close: () => {
      closed ??= Promise.all(closeHooks.map((hook) => hook())).then(() => workspace.close());
      return closed;
    },
  };
}
