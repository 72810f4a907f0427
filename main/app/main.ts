import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Conf from 'conf';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session as electronSession, shell } from 'electron';
import type { SecretCipher } from '../services/vault/cipher.js';
import { type Core, createCore } from '../core.js';
import { seedDemoWorkspace } from '../services/demo/seed-demo.js';
import { consoleLogger } from '../services/log.js';
import { openRecentWorkspaces, startWorkspace } from '../services/workspace/recent-workspaces.js';
import { type WorkspaceSession, createWorkspaceSession } from '../session/workspace-session.js';
import { APP_INDEX_URL, APP_ORIGIN, appSchemePrivileges, registerAppProtocol } from './app-protocol.js';
import { EVENT_CHANNEL, registerContractHandlers, registerExportHandler, registerFilePicker, registerFolderPicker } from './ipc.js';
import { openExternalSafely } from './open-external.js';
import { WeakKeychainError, safeStorageCipher } from './secrets.js';
import { mainWindowOptions } from './window.js';

export interface DesktopPaths {
  /** dist/app: where main.mjs and preload.cjs are. */
  appDir: string;
  rendererDir: string;
  /** The app's own settings (preferences, recent workspaces): Electron's user-data folder. */
  configDir: string;
  /** A workspace named at launch (--workspace DIR, $JOURNEY_STUDIO_WORKSPACE); else the last used one opens. */
  workspaceDir?: string;
}

export interface DesktopOptions extends DesktopPaths {
  /**
   * `--virtual-time`, as `journey-studio serve --virtual-time`: the studio's clock can be moved on
   * (Skip 1 hour / 1 day). The host's mode: every workspace it opens, by a switch too, gets it.
   */
  virtualTime: boolean;
}

/** `--workspace DIR` and `--virtual-time` on the command line (Chromium's own switches may be there too). */
function launchArguments(argv: string[]): { workspace?: string; virtualTime: boolean } {
  const { values } = parseArgs({
    args: argv.slice(1),
    options: { workspace: { type: 'string' }, 'virtual-time': { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  return {
    ...(typeof values.workspace === 'string' ? { workspace: path.resolve(values.workspace) } : {}),
    virtualTime: values['virtual-time'] === true,
  };
}

function defaultOptions(): DesktopOptions {
  const appDir = path.dirname(fileURLToPath(import.meta.url));
  const launch = launchArguments(process.argv);
  const named = launch.workspace ?? (process.env.JOURNEY_STUDIO_WORKSPACE ? path.resolve(process.env.JOURNEY_STUDIO_WORKSPACE) : undefined);
  return {
    appDir,
    rendererDir: path.resolve(appDir, '..', 'renderer'),
    configDir: app.getPath('userData'),
    ...(named ? { workspaceDir: named } : {}),
    virtualTime: launch.virtualTime,
  };
}

/**
 * The vault's cipher for the desktop app: safeStorage, and on Linux without a keyring only with the
 * user's explicit consent, remembered in the app's preferences.
 */
function desktopCipher(configDir: string): SecretCipher {
  const preferences = new Conf<{ acceptBasicTextSecrets: boolean }>({
    cwd: configDir,
    configName: 'preferences',
    projectName: 'journey-studio',
    projectSuffix: '',
  });
  try {
    return safeStorageCipher(safeStorage, { acceptBasicText: preferences.get('acceptBasicTextSecrets', false) });
  } catch (error) {
    if (!(error instanceof WeakKeychainError)) {
      dialog.showErrorBox('Journey Studio cannot protect credentials', (error as Error).message);
      throw error;
    }
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      title: 'No system keyring',
      message: 'Journey Studio found no system keyring to protect your push credentials.',
      detail: `${error.message}\n\nInstall and unlock GNOME Keyring or KWallet, then restart Journey Studio. Or continue with weak protection: anyone who can read your files could recover the keys.`,
      buttons: ['Quit', 'Continue with weak protection'],
      defaultId: 0,
      cancelId: 0,
    });
    if (choice !== 1) throw error;
    preferences.set('acceptBasicTextSecrets', true);
    return safeStorageCipher(safeStorage, { acceptBasicText: true });
  }
}

/** Locks down every web contents the app ever creates: no navigation away, no new windows, no webviews. */
function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url, (safe) => shell.openExternal(safe));
      return { action: 'deny' };
    });
  });
}

/**
 * The Electron host: app lifecycle, the app:// protocol, one secure window, IPC for the contract.
 * This folder is the only place that imports electron; the core below it is plain Node.
 */
export async function startDesktopApp(overrides: Partial<DesktopOptions> = {}): Promise<{ session: WorkspaceSession; readonly core: Core; window: BrowserWindow }> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    throw new Error('Journey Studio is already running.');
  }
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  hardenWebContents();
  await app.whenReady();

  const options = { ...defaultOptions(), ...overrides };
  electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerAppProtocol(protocol, options.rendererDir);

  let secretCipher: SecretCipher;
  try {
    secretCipher = desktopCipher(options.configDir);
  } catch (error) {
    app.quit();
    throw error;
  }
  const recent = openRecentWorkspaces(options.configDir);
  const workspacesDir = path.join(options.configDir, 'workspaces');
  const start = options.workspaceDir ? { dir: options.workspaceDir } : startWorkspace(recent, path.join(workspacesDir, 'default'));
  if (start.note) console.error(start.note);
  const openCore = (dir: string) => createCore({ workspaceDir: dir, host: 'electron', secretCipher, virtualTime: options.virtualTime });
  const started = (core: Core) => {
    core.sandbox.start().catch((error: Error) => console.error(error.message));
    core.delivery.dispatcher.start();
    return core;
  };
  const first = openCore(start.dir);
  first.sandbox.start().catch((error: Error) => console.error(error.message));
  // The first start in the default workspace makes the demo workspace before the window opens.
  if (first.workspace.created && !options.workspaceDir) {
    await seedDemoWorkspace(first, { onProgress: (step) => console.log(step) }).catch((error: Error) =>
      console.error(`The demo workspace could not be made: ${error.message}`),
    );
  }
  first.delivery.dispatcher.start();
  const session = createWorkspaceSession({
    initial: first,
    openCore: (dir) => started(openCore(dir)),
    recent,
    newWorkspaceParent: workspacesDir,
    logger: consoleLogger,
  });
  registerContractHandlers(ipcMain, session.dispatch);

  const window = new BrowserWindow(mainWindowOptions(path.join(options.appDir, 'preload.cjs')));
  registerExportHandler(ipcMain, dialog, session, () => window);
  const stopEvents = session.events.on((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });
  registerFilePicker(
    ipcMain,
    async () => {
      const picked = await dialog.showOpenDialog(window, {
        title: 'Import profiles or events',
        properties: ['openFile'],
        filters: [
          { name: 'Profiles and events', extensions: ['csv', 'tsv', 'json', 'ndjson', 'jsonl'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    { stagePath: (file) => session.core.staged.stagePath(file) },
  );
  registerFolderPicker(ipcMain, async (purpose) => {
    const picked = await dialog.showOpenDialog(window, {
      title: purpose === 'open' ? 'Open a workspace folder' : 'Choose where to keep the new workspace',
      buttonLabel: purpose === 'open' ? 'Open' : 'Choose',
      properties: ['openDirectory', 'createDirectory'],
    });
    return picked.canceled ? undefined : picked.filePaths[0];
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', stopEvents);
  await window.loadURL(APP_INDEX_URL);

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void session.close());
  return {
    session,
    get core() {
      return session.core;
    },
    window,
  };
}
