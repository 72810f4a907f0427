import { EventEmitter } from 'node:events';

/**
 * A stand-in for the parts of `electron` the desktop host uses, recording what it is asked to do.
 * Electron's binary can't be downloaded on our build machines; this lets the wiring (channels
 * registered, window options, sender checks, navigation rules) be tested for real anyway.
 */
export function createFakeElectron() {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const windows: FakeWindow[] = [];
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    quit: () => {},
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => `/fake/${name}`,
  });
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const opened: string[] = [];
  const keychain = { available: true, backend: 'gnome_libsecret', dialogAnswer: 0, dialogs: [] as string[] };
  /** What the next Open dialog answers: the chosen paths, or nothing (cancelled). */
  const openDialog = { answer: [] as string[], shown: [] as unknown[] };
  /** What the save dialog answers (a path, or undefined: cancelled), and what it was asked. */
  const saveDialog = { answer: undefined as string | undefined, asked: [] as { defaultPath?: string }[] };
  let permissionHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;

  class FakeWebContents extends EventEmitter {
    sent: { channel: string; payload: unknown }[] = [];
    windowOpenHandler?: (details: { url: string }) => { action: string };
    send(channel: string, payload: unknown) {
      this.sent.push({ channel, payload });
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl?: string;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
    show() {}
  }

  const module = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof permissionHandler) => (permissionHandler = handler),
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => keychain.available,
      getSelectedStorageBackend: () => keychain.backend,
      // Reversible but not plaintext, so a test can tell sealed bytes from the secret.
      encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().slice('sealed:'.length), 'hex').toString(),
    },
    dialog: {
      showMessageBoxSync: (options: { message: string }) => {
        keychain.dialogs.push(options.message);
        return keychain.dialogAnswer;
      },
      showErrorBox: (title: string) => keychain.dialogs.push(title),
      showOpenDialog: (_window: unknown, options: unknown) => {
        openDialog.shown.push(options);
        return Promise.resolve({ canceled: openDialog.answer.length === 0, filePaths: openDialog.answer });
      },
      showSaveDialog: (...args: unknown[]) => {
        saveDialog.asked.push(args.at(-1) as { defaultPath?: string });
        return Promise.resolve(saveDialog.answer ? { canceled: false, filePath: saveDialog.answer } : { canceled: true, filePath: '' });
      },
    },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
    },
  };

  return {
    module,
    keychain,
    openDialog,
    saveDialog,
    handlers,
    windows,
    privileged,
    protocolHandlers,
    opened,
    permission: (permission: string) =>
      new Promise<boolean>((resolve) => permissionHandler?.({}, permission, resolve)),
    /** Simulates Electron creating a web contents (a window, a devtools page...). */
    createdWebContents: () => {
      const contents = new FakeWebContents();
      app.emit('web-contents-created', {}, contents);
      return contents;
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
