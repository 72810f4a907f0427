// Runs sandboxed in the renderer before the page: exposes one function per contract channel and
// an event subscription, the export save dialog and the workspace folder dialog, nothing else (no ipcRenderer, no generic invoke).
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../shared/contract.js';

const EVENT_CHANNEL = 'studio:event';
const PICK_FILE_CHANNEL = 'studio:pick-file';
const SAVE_EXPORT_CHANNEL = 'studio:saveExport';
const PICK_FOLDER_CHANNEL = 'studio:pick-folder';

const invoke = Object.fromEntries(
  channelNames.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]),
);

contextBridge.exposeInMainWorld('journeyStudio', {
  invoke,
  /** The system's Open dialog, in the main process; answers an upload id envelope, never a path. */
  pickFile: () => ipcRenderer.invoke(PICK_FILE_CHANNEL),
  /** A report export saved through the main process's save dialog (the request is checked there). */
  saveExport: (request: unknown) => ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, request),
  /** The system's folder dialog for workspaces ('open' or 'create'); answers the chosen path or null. */
  pickFolder: (purpose: unknown) => ipcRenderer.invoke(PICK_FOLDER_CHANNEL, purpose),
  onEvent(listener: (event: unknown) => void): () => void {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
});
