import { isWorkspaceChannel } from '../../shared/contracts/workspaces.js';
import { StudioError } from '../../shared/errors.js';
import type { Core } from '../core.js';
import { type Dispatch, createDispatch } from '../dispatch.js';
import { EventBus } from '../events.js';
import type { Logger } from '../services/log.js';
import type { RecentWorkspaces } from '../services/workspace/recent-workspaces.js';
import { workspaceHandlers } from './workspace-handlers.js';

export interface WorkspaceSessionOptions {
  /** The core the host opened at start (the demo may already be in it). */
  initial: Core;
  /** Opens and starts a core as this host does (its cipher, the engine, sandbox and dispatcher). */
  openCore(dir: string): Core | Promise<Core>;
  recent: RecentWorkspaces;
  /** Where "New workspace…" proposes new folders. */
  newWorkspaceParent: string;
  logger: Logger;
  /** How long a switch waits for calls still running in the old workspace (default 60 s). */
  drainMs?: number;
  /** Told after every switch (the headless host prints the new folder). */
  onSwitched?(core: Core): void;
}

/**
 * What a host serves: the open workspace's core, behind one event bus and one dispatch that stay
 * the same while workspaces come and go. A renderer stays connected (the headless host's token and
 * socket stay valid) and reloads its state when told that the switch is done.
 */
export interface WorkspaceSession {
  /** The open workspace's core. Read it for each use: it changes on a switch. */
  readonly core: Core;
  readonly events: EventBus;
  /** Every contract channel: workspaces.* here, the rest to the open core. */
  readonly dispatch: Dispatch;
  /** Runs work against the open core; a switch waits for it, and it waits for a switch. */
  withCore<T>(use: (core: Core) => T | Promise<T>): Promise<T>;
  /**
   * Closes the open workspace cleanly and opens the one in `dir` (a folder already checked).
   * `prepare` (making a new workspace's folder) runs once the switch is sure to go ahead.
   */
  switchTo(dir: string, name: string, prepare?: () => void): Promise<Core>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

export function createWorkspaceSession(options: WorkspaceSessionOptions): WorkspaceSession {
  const events = new EventBus();
  let current = options.initial;
  let detach = current.events.on((event) => events.publish(event));
  let switching: Promise<unknown> | undefined;
  let closing: Promise<void> | undefined;
  const inFlight = new Set<Promise<unknown>>();
  options.recent.remember({ name: current.workspace.name, path: current.workspace.dir });

  const attach = (core: Core) => {
    current = core;
    detach = core.events.on((event) => events.publish(event));
  };

  /** Lets what the old workspace is doing for callers finish, for a bounded time. */
  const drain = async () => {
    if (inFlight.size === 0) return;
    const settled = Promise.allSettled([...inFlight]).then(() => true);
    const finished = await Promise.race([settled, sleep(options.drainMs ?? 60_000).then(() => false)]);
    if (!finished) options.logger.error(`Switching workspaces: ${inFlight.size} call(s) still running in ${current.workspace.dir} were cut short.`);
  };

  const session: WorkspaceSession = {
    get core() {
      return current;
    },
    events,
    dispatch: (channel, input) => (isWorkspaceChannel(channel) ? own(channel, input) : session.withCore((core) => core.dispatch(channel, input))),
    async withCore(use) {
      while (switching) await switching.catch(() => undefined);
      if (closing) throw new StudioError('conflict', 'Journey Studio is closing.');
      const call = Promise.resolve().then(() => use(current));
      inFlight.add(call);
      void call.then(
        () => inFlight.delete(call),
        () => inFlight.delete(call),
      );
      return call;
    },
    async switchTo(dir, name, prepare) {
      if (closing) throw new StudioError('conflict', 'Journey Studio is closing.');
      if (switching) throw new StudioError('conflict', 'Journey Studio is already switching workspaces. Try again when it is done.');
      if (dir === current.workspace.dir) return current;
      prepare?.();
      const run = (async () => {
        const old = current;
        const target = { name, path: dir };
        events.emit('workspaces.switch', { state: 'closing', ...target, waitingFor: inFlight.size });
        await drain();
        // Imports stop at a batch boundary, the engine finishes its move, deliveries in flight
        // get their answers written: core.close() waits for all of it, and what it says on the
        // way (an import cancelled) still reaches the renderers.
        await old.close().catch((error: unknown) => options.logger.error(`Closing ${old.workspace.dir} failed`, error));
        detach();
        events.emit('workspaces.switch', { state: 'opening', ...target });
        let next: Core;
        try {
          next = await options.openCore(dir);
        } catch (error) {
          // Back to where the user was, so the studio is never left with no workspace.
          attach(await options.openCore(old.workspace.dir));
          const reason = error instanceof StudioError ? error : new StudioError('internal', `The workspace could not be opened: ${(error as Error).message}`);
          events.emit('workspaces.switch', { state: 'failed', ...target, message: reason.message });
          throw reason;
        }
        attach(next);
        options.recent.remember({ name: next.workspace.name, path: next.workspace.dir });
        events.emit('workspaces.switch', { state: 'done', name: next.workspace.name, path: next.workspace.dir });
        options.onSwitched?.(next);
        return next;
      })();
      switching = run;
      try {
        return await run;
      } finally {
        switching = undefined;
      }
    },
    close() {
      closing ??= (async () => {
        while (switching) await switching.catch(() => undefined);
        await drain();
        await current.close();
        detach();
      })();
      return closing;
    },
  };
  const own: Dispatch = createDispatch(workspaceHandlers(session, options), options.logger);
  return session;
}

/** What a host needs to serve the studio: one event stream, one dispatch, work run against a core. */
export type ServedWorkspace = Pick<WorkspaceSession, 'events' | 'dispatch' | 'withCore'>;

/** A host serving one core that never switches (tests and benches that build a core themselves). */
export function servingOneCore(core: Core): ServedWorkspace {
  return { events: core.events, dispatch: core.dispatch, withCore: async (use) => use(core) };
}
