import { type ChannelName, type ContractHandlers, channels, isChannelName } from '../shared/contract.js';
import { StudioError, invalidInput } from '../shared/errors.js';

export type Dispatch = (channel: string, rawInput: unknown) => Promise<unknown>;

export interface DispatchLogger {
  error(message: string, error: unknown): void;
}

/**
 * The single gate every host goes through (a core's channels, and the session's workspaces.*): the channel must exist, the input must match its schema,
 * and the output is checked against its schema before it leaves (so nothing the contract doesn't
 * name, a secret included, can ride along). Unexpected failures are logged and reported without
 * their internals.
 */
export function createDispatch(handlers: Partial<ContractHandlers>, logger: DispatchLogger): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannelName(channel)) {
      throw new StudioError('unknown_channel', `There is no operation called "${String(channel).slice(0, 100)}".`);
    }
    // A core alone (the CLI, tests) has no workspace session to answer workspaces.*.
    if (!handlers[channel]) throw new StudioError('unknown_channel', `"${channel}" is answered by the studio's hosts, not here.`);
    const def = channels[channel];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw invalidInput(parsed.error, `input for ${channel}`);
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const output = await handler(parsed.data);
      return def.output.parse(output);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      logger.error(`${channel} failed`, error);
      throw new StudioError('internal', `Journey Studio could not complete "${channel}". The details are in the studio log.`);
    }
  };
}

export type { ChannelName };
