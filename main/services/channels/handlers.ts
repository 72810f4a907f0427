import type { HandlersFor } from '../../../shared/contract.js';
import type { channelChannels } from '../../../shared/contracts/channels.js';
import type { CoreContext } from '../../context.js';
import type { ChannelsService } from './channels-service.js';
import type { ConnectionTester } from './connection-test.js';
import { inspectCredential } from './credentials/inspect.js';

export function channelHandlers(
  { events, clock }: CoreContext,
  channels: ChannelsService,
  tester: ConnectionTester,
): HandlersFor<keyof typeof channelChannels> {
  return {
    'channels.list': () => channels.list(),
    'channels.get': ({ id }) => channels.get(id),
    'channels.inspectCredential': ({ kind, file, passphrase }) => inspectCredential(kind, file, passphrase, clock),
    'channels.create': (input) => {
      const channel = channels.create(input);
      events.emit('channels.changed', { change: 'created', id: channel.id });
      return channel;
    },
    'channels.update': (input) => {
      const channel = channels.update(input);
      events.emit('channels.changed', { change: 'updated', id: channel.id });
      return channel;
    },
    'channels.delete': ({ id }) => {
      channels.remove(id);
      events.emit('channels.changed', { change: 'deleted', id });
      return { id };
    },
    'channels.test': async ({ id }) => {
      const checks = await tester.test(channels.credentials(id));
      return { channelId: id, ok: checks.length > 0 && checks.every((c) => c.ok), testedAt: clock.now().toISOString(), checks };
    },
  };
}
