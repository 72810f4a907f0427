import { z } from 'zod';
import {
  androidChannelInputSchema,
  channelIdSchema,
  channelNameSchema,
  channelSummarySchema,
  channelTargetSchema,
  connectionTestResultSchema,
  credentialFileSchema,
  credentialInspectionSchema,
  credentialKindSchema,
  iosChannelInputSchema,
} from '../domain/channel.js';
import { noInput } from './app.js';
import type { ChannelGroup, EventGroup } from './define.js';

const byChannelId = z.strictObject({ id: channelIdSchema });

export const channelChannels = {
  'channels.list': {
    summary: 'Every channel configuration (app + APNs/FCM credentials), metadata only.',
    input: noInput,
    output: z.array(channelSummarySchema),
  },
  'channels.get': {
    summary: 'One channel configuration by id, metadata only.',
    input: byChannelId,
    output: channelSummarySchema,
  },
  'channels.inspectCredential': {
    summary: 'Parse and check a .p8, .p12 or service-account file without storing it; says what it is or what is wrong.',
    input: z.strictObject({
      kind: z.union([credentialKindSchema, z.literal('auto')]),
      file: credentialFileSchema,
      passphrase: z.string().max(1024).optional(),
    }),
    output: credentialInspectionSchema,
  },
  'channels.create': {
    summary: 'Create a channel configuration; its key material goes into the vault, sealed.',
    input: z
      .strictObject({
        name: channelNameSchema,
        target: channelTargetSchema,
        ios: iosChannelInputSchema.optional(),
        android: androidChannelInputSchema.optional(),
      })
      .refine((c) => c.ios || c.android, { error: 'Add an iOS app, an Android app, or both' }),
    output: channelSummarySchema,
  },
  'channels.update': {
    summary: 'Change a channel; a platform set to null is removed, a credential left out is kept.',
    input: z.strictObject({
      id: channelIdSchema,
      name: channelNameSchema.optional(),
      target: channelTargetSchema.optional(),
      ios: iosChannelInputSchema.nullable().optional(),
      android: androidChannelInputSchema.nullable().optional(),
    }),
    output: channelSummarySchema,
  },
  'channels.delete': {
    summary: 'Delete a channel and its sealed secrets; refused while a live journey uses it.',
    input: byChannelId,
    output: z.object({ id: channelIdSchema }),
  },
  'channels.test': {
    summary: 'Test connection: APNs auth with a deliberately invalid token, FCM with validate_only; plain-words results.',
    input: byChannelId,
    output: connectionTestResultSchema,
  },
} as const satisfies ChannelGroup;

export const channelEvents = {
  'channels.changed': z.object({ change: z.enum(['created', 'updated', 'deleted']), id: channelIdSchema }),
} as const satisfies EventGroup;
