import { z } from 'zod';
import {
  folderInspectionSchema,
  folderPathSchema,
  workspaceNameSchema,
  workspaceRefSchema,
  workspaceSwitchSchema,
  workspacesListSchema,
} from '../domain/workspace.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

/**
 * Switching workspaces. These are answered by the host's workspace session (it closes one core and
 * opens another), not by a core: a core only ever knows its own workspace.
 */
export const workspaceChannels = {
  'workspaces.list': {
    summary: 'The open workspace and the recently opened ones (missing folders flagged), kept outside any workspace.',
    input: noInput,
    output: workspacesListSchema,
  },
  'workspaces.inspect': {
    summary: 'What a folder is before opening it: a workspace, an empty folder, or why it cannot be opened.',
    input: z.strictObject({ path: folderPathSchema }),
    output: folderInspectionSchema,
  },
  'workspaces.open': {
    summary: 'Close the open workspace and open the one in this folder (create: make one in an empty folder).',
    input: z.strictObject({ path: folderPathSchema, create: z.boolean().default(false) }),
    output: workspaceRefSchema,
  },
  'workspaces.create': {
    summary: 'Make an empty workspace (with the Sandbox app channel) in a new or empty folder and switch to it.',
    input: z.strictObject({ name: workspaceNameSchema, path: folderPathSchema }),
    output: workspaceRefSchema,
  },
  'workspaces.forget': {
    summary: 'Remove a workspace from the recent list (its folder is left alone).',
    input: z.strictObject({ path: folderPathSchema }),
    output: workspacesListSchema,
  },
} as const satisfies ChannelGroup;

export type WorkspaceChannelName = keyof typeof workspaceChannels;

export function isWorkspaceChannel(name: string): name is WorkspaceChannelName {
  return Object.prototype.hasOwnProperty.call(workspaceChannels, name);
}

export const workspaceEvents = {
  'workspaces.switch': workspaceSwitchSchema,
} as const satisfies EventGroup;
