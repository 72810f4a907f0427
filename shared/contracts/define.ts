import type { z } from 'zod';

/** One operation of the contract: what it does, what it takes, what it gives back. */
export interface ChannelDef {
  readonly summary: string;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

export type ChannelGroup = Record<string, ChannelDef>;
export type EventGroup = Record<string, z.ZodType>;
