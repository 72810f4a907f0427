import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { z } from 'zod';
import { exportRequestSchema } from '../../shared/domain/report.js';
import type { ServedWorkspace } from '../session/workspace-session.js';
import { channelNames } from '../../shared/contract.js';
import { StudioError } from '../../shared/errors.js';
import type { Dispatch } from '../dispatch.js';
import type { StagedFiles } from '../services/staging/staged-files.js';
import { APP_ORIGIN } from './app-protocol.js';

export const EVENT_CHANNEL = 'studio:event';
/** The desktop's download: a save dialog, then the export streamed to the chosen file. */
export const SAVE_EXPORT_CHANNEL = 'studio:saveExport';

export type IpcEnvelope = { ok: true; output: unknown } | { ok: false; error: ReturnType<StudioError['toJSON']> };

/** Only the studio's own top-level page may call the contract: not an iframe, not a navigated-away page. */
export function isTrustedFrame(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    // Compare scheme and host: for a custom scheme Node's URL reports the origin as "null".
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The answer to any page but the studio's own. */
const NOT_ALLOWED: IpcEnvelope = { ok: false, error: new StudioError('unauthorized', 'This page is not allowed to use Journey Studio.').toJSON() };

/**
 * One ipcMain handler per contract channel. Answers are envelopes rather than thrown errors because
 * Electron strips everything but the message from errors that cross IPC.
 */
export function registerContractHandlers(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcEnvelope> => {
      if (!isTrustedFrame(event.senderFrame)) return NOT_ALLOWED;
      try {
        return { ok: true, output: await dispatch(channel, input) };
      } catch (error) {
        const studioError = error instanceof StudioError ? error : new StudioError('internal', 'Journey Studio hit an unexpected problem.');
        return { ok: false, error: studioError.toJSON() };
      }
    });
  }
}

export const PICK_FILE_CHANNEL = 'studio:pick-file';

/**
 * The desktop's way to hand a file to the core: the user picks it in the system's Open dialog,
 * shown by the main process, and the core stages it by path (no copy, as the CLI does). The page
 * gets an upload id, never a path, and cannot name a path itself: only a file the user chose in
 * the dialog is ever staged. Answers `null` when the user cancels.
 */
export function registerFilePicker(ipcMain: Pick<IpcMain, 'handle'>, choose: () => Promise<string | undefined>, staged: Pick<StagedFiles, 'stagePath'>): void {
  ipcMain.handle(PICK_FILE_CHANNEL, async (event: IpcMainInvokeEvent): Promise<IpcEnvelope> => {
    if (!isTrustedFrame(event.senderFrame)) return NOT_ALLOWED;
    try {
      const file = await choose();
      if (!file) return { ok: true, output: null };
      const { uploadId, name, size } = staged.stagePath(file);
      return { ok: true, output: { uploadId, name, size } };
    } catch (error) {
      const studioError = error instanceof StudioError ? error : new StudioError('internal', 'The file could not be opened.');
      return { ok: false, error: studioError.toJSON() };
    }
  });
}

/**
 * Exports in the desktop app: the renderer asks (through the preload's saveExport), the main
 * process shows a save dialog and streams the file there. The renderer never names a path. The
 * export runs against one workspace: a switch waits for it.
 */
export function registerExportHandler(ipcMain: Pick<IpcMain, 'handle'>, dialog: Pick<Dialog, 'showSaveDialog'>, served: Pick<ServedWorkspace, 'withCore'>, window: () => BrowserWindow | undefined): void {
  ipcMain.handle(SAVE_EXPORT_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcEnvelope> => {
    if (!isTrustedFrame(event.senderFrame)) return NOT_ALLOWED;
    const parsed = exportRequestSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: new StudioError('invalid_input', 'Not an export request.').toJSON() };
    try {
      return await served.withCore(async (core): Promise<IpcEnvelope> => {
        const file = core.exports.file(parsed.data);
        const owner = window();
        const options = { defaultPath: file.fileName, filters: [{ name: file.fileName.split('.').pop()!.toUpperCase(), extensions: [file.fileName.split('.').pop()!] }] };
        const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
        if (choice.canceled || !choice.filePath) return { ok: true, output: { saved: false } };
        await pipeline(file.open(), createWriteStream(choice.filePath));
        return { ok: true, output: { saved: true, fileName: file.fileName } };
      });
    } catch (error) {
      const studioError = error instanceof StudioError ? error : new StudioError('internal', `The export could not be saved: ${(error as Error).message}`);
      return { ok: false, error: studioError.toJSON() };
    }
  });
}

export const PICK_FOLDER_CHANNEL = 'studio:pick-folder';
const folderPurposeSchema = z.enum(['open', 'create']);

/**
 * The desktop's folder dialog for workspaces: "Open folder…" (a workspace to open) or, in "New
 * workspace…", where to keep the new one. Answers the chosen folder's path, or null when the user
 * cancels; the page then asks workspaces.inspect / open / create, which look at the folder here in
 * the main process before using it.
 */
export function registerFolderPicker(ipcMain: Pick<IpcMain, 'handle'>, choose: (purpose: z.infer<typeof folderPurposeSchema>) => Promise<string | undefined>): void {
  ipcMain.handle(PICK_FOLDER_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcEnvelope> => {
    if (!isTrustedFrame(event.senderFrame)) return NOT_ALLOWED;
    const purpose = folderPurposeSchema.safeParse(input);
    if (!purpose.success) return { ok: false, error: new StudioError('invalid_input', 'Ask for a folder to open or for a new workspace.').toJSON() };
    try {
      return { ok: true, output: (await choose(purpose.data)) ?? null };
    } catch (error) {
      return { ok: false, error: new StudioError('internal', `The folder dialog failed: ${(error as Error).message}`).toJSON() };
    }
  });
}
