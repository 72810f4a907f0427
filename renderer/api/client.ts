import { type ChannelName, type StudioApi, channelNames } from '../../shared/contract';
import { findPreloadBridge, electronTransport } from './electron-transport';
import type { Transport } from './transport';
import { websocketTransport } from './websocket-transport';

/** Builds the typed API (one function per contract channel) over whichever transport is present. */
export function createApi(transport: Transport): StudioApi {
  return Object.fromEntries(
    channelNames.map((channel: ChannelName) => [channel, (input: unknown) => transport.call(channel, input)]),
  ) as StudioApi;
}

/** Electron's preload when it is there, else the headless host's WebSocket. */
export function chooseTransport(): Transport {
  const bridge = findPreloadBridge();
  return bridge ? electronTransport(bridge) : websocketTransport();
}
