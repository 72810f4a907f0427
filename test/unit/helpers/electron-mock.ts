import { createFakeElectron } from './fake-electron';

/**
 * One fake electron per test file, as the module `electron` resolves to there:
 * `vi.mock('electron', () => import('./helpers/electron-mock'))`, then `fake` from this module
 * (the same instance) says what the app asked of it.
 */
export const fake = createFakeElectron();
export const { app, BrowserWindow, ipcMain, protocol, session, safeStorage, dialog, shell } = fake.module;
