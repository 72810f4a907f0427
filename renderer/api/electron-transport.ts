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
}

export function findPreloadBridge(): PreloadBridge | undefined {
  return (window as unknown as { journeyStudio?: PreloadBridge }).journeyStudio;
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    async call(channel, input) {
      const fn = bridge.invoke[channel as ChannelName];
      if (!fn) throw new StudioError('unknown_channel', `There is no operation called "${channel}".`);
      const envelope = await fn(input);
      if (!envelope.ok) throw StudioError.from(envelope.error);
      return envelope.output;
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('open');
      return () => {};
    },
    ...(bridge.pickFile
      ? {
          async pickFile() {
            const envelope = await bridge.pickFile!();
            if (!envelope.ok) throw StudioError.from(envelope.error);
            return envelope.output as PickedFile | null;
          },
        }
      : {}),
  };
}
