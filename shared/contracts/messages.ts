import { z } from 'zod';
import { channelIdSchema } from '../domain/channel.js';
import {
  ASSET_MAX_BYTES,
  assetNameSchema,
  assetSchema,
  messageContentSchema,
  messageFileSchema,
  messageIdSchema,
  messageNameSchema,
  messageSchema,
} from '../domain/message.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

const byMessageId = z.strictObject({ id: messageIdSchema });

export const messageChannels = {
  'messages.list': {
    summary: 'Every push message of the workspace that is not deleted, most recently changed first.',
    input: noInput,
    output: z.array(messageSchema),
  },
  'messages.get': {
    summary: 'One message by id, with its content.',
    input: byMessageId,
    output: messageSchema,
  },
  'messages.create': {
    summary: 'Create a message (empty unless content is given), optionally tied to a channel configuration.',
    input: z.strictObject({ name: messageNameSchema, channelId: channelIdSchema.nullable().optional(), content: messageContentSchema.optional() }),
    output: messageSchema,
  },
  'messages.update': {
    summary: 'Change a message: its name, channel or content (the composer autosaves through this).',
    input: z.strictObject({
      id: messageIdSchema,
      name: messageNameSchema.optional(),
      channelId: channelIdSchema.nullable().optional(),
      content: messageContentSchema.optional(),
    }),
    output: messageSchema,
  },
  'messages.duplicate': {
    summary: 'Copy a message; the copy is named "<name> (copy)".',
    input: byMessageId,
    output: messageSchema,
  },
  'messages.delete': {
    summary: 'Move a message to the bin; messages.restore brings it back (undo).',
    input: byMessageId,
    output: z.object({ id: messageIdSchema, deletedAt: z.string() }),
  },
  'messages.restore': {
    summary: 'Bring a deleted message back.',
    input: byMessageId,
    output: messageSchema,
  },
  'messages.import': {
    summary: 'Add a message from a message file (the shape messages.get returns); a name or id already taken gets a fresh one.',
    input: z.strictObject({ message: messageFileSchema }),
    output: messageSchema,
  },
  'messages.fields': {
    summary: 'Attribute paths seen on the newest profiles and events of the workspace (profile.…, event.…): the insert-field picker and autocomplete offer them.',
    input: noInput,
    output: z.object({ profile: z.array(z.string()), event: z.array(z.string()) }),
  },
  'assets.list': {
    summary: "The images in the workspace's assets folder.",
    input: noInput,
    output: z.array(assetSchema),
  },
  'assets.add': {
    summary: `Store an image (PNG, JPEG, GIF or WebP, at most ${ASSET_MAX_BYTES / 1024} KB) in the assets folder; a file of that name is replaced.`,
    input: z.strictObject({
      name: assetNameSchema,
      contentBase64: z
        .string()
        .max(Math.ceil((ASSET_MAX_BYTES * 4) / 3) + 4, { error: `An image is at most ${ASSET_MAX_BYTES / 1024} KB` })
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'File content must be base64' }),
    }),
    output: assetSchema,
  },
  'assets.get': {
    summary: 'One image of the assets folder, base64, for the preview.',
    input: z.strictObject({ name: assetNameSchema }),
    output: z.object({ asset: assetSchema, contentBase64: z.string() }),
  },
} as const satisfies ChannelGroup;

export const messageEvents = {
  'messages.changed': z.object({
    change: z.enum(['created', 'updated', 'duplicated', 'deleted', 'restored', 'imported']),
    id: messageIdSchema,
  }),
} as const satisfies EventGroup;
