import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import type { SecretCipher } from '../services/vault/cipher.js';
import { type Core, createCore } from '../core.js';
import { seedDemoWorkspace } from '../services/demo/seed-demo.js';
import { APP_INDEX_URL, APP_ORIGIN, appSchemePrivileges, registerAppProtocol } from './app-protocol.js';
import { EVENT_CHANNEL, registerContractHandlers, registerExportHandler, registerFilePicker } from './ipc.js';
import { openExternalSafely } from './open-external.js';
import { WeakKeychainError, safeStorageCipher } from './secrets.js';
import { mainWindowOptions } from './window.js';

export interface DesktopPaths {
  /** dist/app: where main.mjs and preload.cjs are. */
  appDir: string;
  rendererDir: string;
  workspaceDir: string;
}

function defaultPaths(): DesktopPaths {
  const appDir = path.dirname(fileURLToPath(import.meta.url));
  return {
    appDir,
    rendererDir: path.resolve(appDir, '..', 'renderer'),
    workspaceDir: process.env.JOURNEY_STUDIO_WORKSPACE
      ? path.resolve(process.env.JOURNEY_STUDIO_WORKSPACE)
      : path.join(app.getPath('userData'), 'workspaces', 'default'),
  };
}

/**
 * The vault's cipher for the desktop app: safeStorage, and on Linux without a keyring only with the
 * user's explicit consent, remembered in the app's preferences.
 */
function desktopCipher(): SecretCipher {
  const preferences = new Conf<{ acceptBasicTextSecrets: boolean }>({
    cwd: app.getPath('userData'),
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
export async function startDesktopApp(overrides: Partial<DesktopPaths> = {}): Promise<{ core: Core; window: BrowserWindow }> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    throw new Error('Journey Studio is already running.');
  }
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  hardenWebContents();
  await app.whenReady();

  const paths = { ...defaultPaths(), ...overrides };
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerAppProtocol(protocol, paths.rendererDir);

  let secretCipher: SecretCipher;
  try {
    secretCipher = desktopCipher();
  } catch (error) {
    app.quit();
    throw error;
  }
  const core = createCore({ workspaceDir: paths.workspaceDir, host: 'electron', secretCipher });
  registerContractHandlers(ipcMain, core.dispatch);
  core.sandbox.start().catch((error: Error) => console.error(error.message));
  // The first start in the default workspace makes the demo workspace before the window opens.
  if (core.workspace.created && !overrides.workspaceDir && !process.env.JOURNEY_STUDIO_WORKSPACE) {
    await seedDemoWorkspace(core, { onProgress: (step) => console.log(step) }).catch((error: Error) =>
      console.error(`The demo workspace could not be made: ${error.message}`),
    );
  }
  core.delivery.dispatcher.start();

  const window = new BrowserWindow(mainWindowOptions(path.join(paths.appDir, 'preload.cjs')));
  registerExportHandler(ipcMain, dialog, core.exports, () => window);
  const stopEvents = core.events.on((event) => {
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
    core.staged,
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', stopEvents);
  await window.loadURL(APP_INDEX_URL);

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core.close());
  return { core, window };
}
