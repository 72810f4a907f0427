import type { StudioEvent } from '../../shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'lost';

/** How the renderer reaches the core: Electron IPC (desktop) or WebSocket (headless host). */
export interface Transport {
  readonly kind: 'electron' | 'websocket';
  call(channel: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Desktop only: the system's Open dialog; the chosen file comes back staged (null if cancelled). */
  pickFile?(): Promise<PickedFile | null>;
  /** Desktop only: the system's folder dialog, to open a workspace or place a new one (null if cancelled). */
  pickFolder?(purpose: 'open' | 'create'): Promise<string | null>;
}

export interface PickedFile {
  uploadId: string;
  name: string;
  size: number;
}
