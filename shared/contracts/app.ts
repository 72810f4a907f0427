import { z } from 'zod';
import { workspaceInfoSchema, workspaceSettingsSchema } from '../domain/workspace.js';
import type { ChannelGroup, EventGroup } from './define.js';

export const noInput = z.strictObject({});

export const appChannels = {
  'app.info': {
    summary: 'Which workspace is open, its schema version, the app version and the host kind.',
    input: noInput,
    output: workspaceInfoSchema,
  },
  'settings.get': {
    summary: "The open workspace's settings.",
    input: noInput,
    output: workspaceSettingsSchema,
  },
  'settings.update': {
    summary: 'Change some settings of the open workspace; returns all of them.',
    input: workspaceSettingsSchema.partial().strict(),
    output: workspaceSettingsSchema,
  },
} as const satisfies ChannelGroup;

export const appEvents = {
  'settings.changed': workspaceSettingsSchema,
} as const satisfies EventGroup;
