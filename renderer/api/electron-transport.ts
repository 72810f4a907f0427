import type { ChannelName, StudioEvent } from '../../shared/contract';
import { StudioError, type StudioErrorShape } from '../../shared/errors';
import type { PickedFile, Transport } from './transport';

type Envelope = { ok: true; output: unknown } | { ok: false; error: StudioErrorShape };

/** What main/app/preload.ts exposes on window. */
export interface PreloadBridge {
  invoke: Record<ChannelName, (input: unknown) => Promise<Envelope>>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  pickFile?(): Promise<Envelope>;
  /** Saves a report export through the desktop's save dialog. */
  saveExport?(request: unknown): Promise<Envelope>;
  /** The folder dialog for workspaces. */
  pickFolder?(purpose: 'open' | 'create'): Promise<Envelope>;
}

export function findPreloadBridge(): PreloadBridge | undefined {
  return (window as unknown as { journeyStudio?: PreloadBridge }).journeyStudio;
}

/** The main process answers envelopes (Electron keeps only the message of a thrown error). */
async function unwrap<T>(answer: Promise<Envelope>): Promise<T> {
  const envelope = await answer;
  if (!envelope.ok) throw StudioError.from(envelope.error);
  return envelope.output as T;
}

export function electronTransport(bridge: PreloadBridge): Transport {
  const { pickFile, pickFolder } = bridge;
  return {
    kind: 'electron',
    call(channel, input) {
      const fn = bridge.invoke[channel as ChannelName];
      if (!fn) return Promise.reject(new StudioError('unknown_channel', `There is no operation called "${channel}".`));
      return unwrap(fn(input));
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
    ...(pickFile ? { pickFile: () => unwrap<PickedFile | null>(pickFile()) } : {}),
    ...(pickFolder ? { pickFolder: (purpose: 'open' | 'create') => unwrap<string | null>(pickFolder(purpose)) } : {}),
  };
}
