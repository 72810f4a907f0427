import type { z } from 'zod';
import { appChannels, appEvents } from './contracts/app.js';
import { channelChannels, channelEvents } from './contracts/channels.js';
import type { ChannelGroup, EventGroup } from './contracts/define.js';
import { deviceChannels, deviceEvents } from './contracts/devices.js';
import { journeyChannels, journeyEvents } from './contracts/journeys.js';
import { quickStartChannels, quickStartEvents } from './contracts/quickstart.js';
import { audienceChannels, audienceEvents } from './contracts/audiences.js';
import { profileChannels, profileEvents } from './contracts/profiles.js';
import { messageChannels, messageEvents } from './contracts/messages.js';
import { engineChannels, engineEvents } from './contracts/engine.js';
import { deliveryChannels, deliveryEvents } from './contracts/delivery.js';
import { reportChannels, reportEvents } from './contracts/reports.js';
import { type WorkspaceChannelName, workspaceChannels, workspaceEvents } from './contracts/workspaces.js';

/**
 * The one contract between the renderer and the core. Every channel is named once (grouped by
 * area in shared/contracts/) with the schema of its input and of its output; both hosts (Electron
 * IPC, headless HTTP/WebSocket) serve exactly these channels and validate every input with these
 * schemas, and the renderer derives its types from them. There is deliberately no generic
 * "invoke anything" channel.
 */
export const channels = {
  ...appChannels,
  ...journeyChannels,
  ...quickStartChannels,
  ...channelChannels,
  ...profileChannels,
  ...audienceChannels,
  ...messageChannels,
  ...engineChannels,
  ...deviceChannels,
  ...deliveryChannels,
  ...reportChannels,
  ...workspaceChannels,
} as const satisfies ChannelGroup;

/** Events pushed from the core to every connected renderer. */
export const events = {
  ...appEvents,
  ...journeyEvents,
  ...quickStartEvents,
  ...channelEvents,
  ...profileEvents,
  ...audienceEvents,
  ...messageEvents,
  ...engineEvents,
  ...deviceEvents,
  ...deliveryEvents,
  ...reportEvents,
  ...workspaceEvents,
} as const satisfies EventGroup;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

/** What a caller sends (before defaults and trimming are applied). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives (after validation). */
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The core's side: one handler per channel. */
export type ContractHandlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** Handlers for a subset of channels, as each service area provides them. */
export type HandlersFor<K extends ChannelName> = Pick<ContractHandlers, K>;

/** What a core answers: everything but switching workspaces, which the host's session does. */
export type CoreChannelName = Exclude<ChannelName, WorkspaceChannelName>;
export type CoreHandlers = HandlersFor<CoreChannelName>;
export type { WorkspaceChannelName };

/** The renderer's side: one async function per channel. */
export type StudioApi = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

export type StudioEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
