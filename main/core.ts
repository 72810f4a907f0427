import type { CoreHandlers } from '../shared/contract.js';
import type { WorkspaceInfo } from '../shared/domain/workspace.js';
import type { CoreContext } from './context.js';
import { type Dispatch, createDispatch } from './dispatch.js';
import { EventBus } from './events.js';
import { type AdjustableClock, type Clock, createAdjustableClock, systemClock } from './services/clock.js';
import { createChannelsService } from './services/channels/channels-service.js';
import type { ConnectionTester } from './services/channels/connection-test.js';
import { channelHandlers } from './services/channels/handlers.js';
import { createChannelStore } from './services/channels/store.js';
import { audienceHandlers } from './services/audiences/handlers.js';
import { type DeliveryService, type DeliveryTuning, createDeliveryService } from './services/delivery/delivery-service.js';
import { deliveryHandlers } from './services/delivery/handlers.js';
import { reportHandlers } from './services/reports/handlers.js';
import { type ReportService, createReportService } from './services/reports/report-service.js';
import { type Exports, createExports } from './services/reports/exports.js';
import { createTrackingService, sandboxDevices } from './services/tracking/tracking-service.js';
import { journeyHandlers } from './services/journeys/handlers.js';
import { type QuickStartService, createQuickStart } from './services/quickstart/quickstart.js';
import { messageHandlers } from './services/messages/handlers.js';
import { createConnectionTester } from './services/providers/connection-tester.js';
import { createSandboxRegistry } from './services/sandbox/registry.js';
import { type SandboxService, type SandboxTuning, createSandboxService } from './services/sandbox/sandbox-service.js';
import { deviceHandlers } from './services/sandbox/handlers.js';
import { seedSandboxChannel } from './services/sandbox/seed.js';
import { type Logger, consoleLogger } from './services/log.js';
import { profileHandlers } from './services/profiles/handlers.js';
import { type StagedFiles, createStagedFiles } from './services/staging/staged-files.js';
import { appHandlers } from './services/workspace/handlers.js';
import { type Engine, createEngine } from './services/engine/engine.js';
import { clockHandlers } from './services/engine/clock-handlers.js';
import { createClockStore } from './services/engine/clock-store.js';
import { engineHandlers } from './services/engine/handlers.js';
import { createVersionsService } from './services/journeys/versions-service.js';
import { createMessagesService } from './services/messages/messages-service.js';
import { createOutbox } from './services/outbox/outbox.js';
import { createProfileStore } from './services/profiles/profile-store.js';
import { newId } from './services/ids.js';
import type { SecretCipher } from './services/vault/cipher.js';
import { createVault } from './services/vault/vault.js';
import { type Workspace, openWorkspace } from './services/workspace/workspace.js';

export interface CoreOptions {
  workspaceDir: string;
  host: WorkspaceInfo['host'];
  /** How the vault seals secrets: safeStorage in the desktop app, AES-GCM in the headless host. */
  secretCipher: SecretCipher;
  /** Tests may replace how connections are tested; the product tests against APNs/FCM or the sandbox. */
  connectionTester?: ConnectionTester;
  /** Tests may tune the provider sandbox (a skewed clock, faults, fixed ports). */
  sandbox?: SandboxTuning;
  /** A new workspace gets the "Sandbox app" channel wired to the simulators (default: true). */
  seedSandboxChannel?: boolean;
  clock?: Clock;
  /** Virtual time: real time that the user can move on (`serve --virtual-time`); ignored when `clock` is given. */
  virtualTime?: boolean;
  logger?: Logger;
  /** The journey engine: its scheduler starts with the core unless autoStart is false (tests tick it). */
  engine?: { autoStart?: boolean; testWaitMs?: number };
  /** Tests may tune the dispatcher (in-flight window, backoff, polling). */
  delivery?: DeliveryTuning;
}

export interface Core {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly staged: StagedFiles;
  /** Validated entry point used by both hosts. */
  readonly dispatch: Dispatch;
  /** The quick-start checklist (the demo seeder resets it after making the demo data). */
  readonly quickStart: QuickStartService;
  /** The in-process APNs/FCM simulators; hosts start them at launch, everything else on first need. */
  readonly sandbox: SandboxService;
  /** The journey engine (tests drive its tick with a virtual clock). */
  readonly engine: Engine;
  /** The dispatcher and the delivery log; hosts start the dispatcher at launch. */
  readonly delivery: DeliveryService;
  /** Journey and push reports (the exports and the CLI read them too). */
  readonly reports: ReportService;
  /** Report and delivery-log exports as streamed files (the download endpoint, the save dialog, the CLI). */
  readonly exports: Exports;
  close(): Promise<void>;
}

/**
 * The composition root: opens the workspace and wires every service area's handlers into the
 * contract. Plain Node: no electron here or below.
 */
export function createCore(options: CoreOptions): Core {
  const workspace = openWorkspace(options.workspaceDir);
  // Real time plus where this workspace's clock was left (virtual time moves it on; it never goes back).
  const clockStore = createClockStore(workspace.db);
  const running: AdjustableClock | undefined = options.clock ? undefined : createAdjustableClock(systemClock, clockStore.aheadMs());
  const clock = options.clock ?? running ?? systemClock;
  const closeHooks: (() => Promise<void>)[] = [];
  // The engine is made below, after the services it needs; events that come before it are dropped.
  const late: { engine?: Engine } = {};
  const context: CoreContext = {
    workspace,
    events: new EventBus(),
    clock,
    logger: options.logger ?? consoleLogger,
    host: options.host,
    vault: createVault(workspace.db, options.secretCipher, clock),
    staged: createStagedFiles(workspace.dir),
    onProfileEvent: (profileId, event) => late.engine?.onProfileEvent(profileId, event),
    onClose: (hook) => closeHooks.push(hook),
  };
  const quickStart = createQuickStart(workspace.db, clock, (state) => context.events.emit('quickstart.changed', state));
  const channels = createChannelsService(createChannelStore(workspace.db), context.vault, clock);
  const sandbox = createSandboxService(context.vault, createSandboxRegistry(workspace.db, clock), context.logger, { deviceClock: clock, ...options.sandbox });
  if (workspace.created && (options.seedSandboxChannel ?? true)) seedSandboxChannel(channels, sandbox);
  const delivery = createDeliveryService(context, channels, sandbox, options.delivery);

  const store = createProfileStore(workspace.db, () => newId('ecid'), context.onProfileEvent);
  const versions = createVersionsService(workspace.db, clock);
  const liveEngine = createEngine({
    db: workspace.db,
    clock,
    logger: context.logger,
    versions,
    messages: createMessagesService(workspace.db, clock),
    channels,
    store,
    outbox: createOutbox(workspace.db, clock),
    onChange: (versionId, mode) => context.events.emit('engine.changed', { versionId, mode }),
    testWaitMs: options.engine?.testWaitMs,
  });
  late.engine = liveEngine;
  // Publishing schedules a version's entries; stopping it lets its waiting profiles go.
  context.events.on((event) => {
    if (event.name !== 'journeys.changed' || (event.payload.change !== 'published' && event.payload.change !== 'stopped')) return;
    const wanted = event.payload.change === 'published' ? 'live' : 'stopped';
    const version = versions.list(event.payload.id).find((v) => v.status === wanted);
    if (version) liveEngine.versionChanged(version.id);
  });
  if (options.engine?.autoStart ?? true) liveEngine.start();
  const reports = createReportService(workspace.db, versions, clock);
  const tracking = createTrackingService(context, store, createMessagesService(workspace.db, clock), sandboxDevices(sandbox));
  closeHooks.push(async () => {
    liveEngine.stop();
    await liveEngine.idle();
  });

  // Each area provides the handlers of its own channels; the type below fails to compile if a
  // channel of the contract has no handler (workspaces.* are the host's session's, not a core's).
  const handlers: CoreHandlers = {
    ...appHandlers(context),
    ...journeyHandlers(context),
    ...channelHandlers(context, channels, options.connectionTester ?? createConnectionTester(sandbox)),
    ...profileHandlers(context),
    ...audienceHandlers(context),
    ...messageHandlers(context),
    ...engineHandlers(liveEngine, store, () => clock.now()),
    ...clockHandlers(clock, running, options.virtualTime === true, {
      saved: (aheadMs) => clockStore.save(aheadMs),
      runDue: async () => {
        await liveEngine.tick();
        delivery.dispatcher.wake();
      },
      told: (state) => context.events.emit('engine.clock.changed', state),
    }),
    ...deviceHandlers(context, sandbox, channels),
    'quickstart.get': () => quickStart.state(),
    'quickstart.dismiss': ({ dismissed }) => quickStart.dismiss(dismissed),
    ...deliveryHandlers(context, delivery),
    ...reportHandlers(reports, tracking),
  };
  const dispatchContract = createDispatch(handlers, context.logger);

  let closed: Promise<void> | undefined;
  return {
    workspace,
    events: context.events,
    staged: context.staged,
    // Every successful call may complete a quick-start step.
    dispatch: async (channel, input) => {
      const output = await dispatchContract(channel, input);
      quickStart.note(channel, output);
      return output;
    },
    quickStart,
    sandbox,
    engine: liveEngine,
    delivery,
    reports,
    exports: createExports(workspace.db, reports),
    close: () => {
      closed ??= Promise.all(closeHooks.map((hook) => hook()))
        .then(() => delivery.close())
        .then(() => sandbox.close())
        .finally(() => workspace.close());
      return closed;
    },
  };
}
