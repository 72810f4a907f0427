import type { HandlersFor } from '../../../shared/contract.js';
import type { messageChannels } from '../../../shared/contracts/messages.js';
import type { CoreContext } from '../../context.js';
import { createAssetStore } from './assets.js';
import { personalisationFields } from './fields.js';
import { createMessagesService } from './messages-service.js';

export function messageHandlers({ workspace, events, clock }: CoreContext): HandlersFor<keyof typeof messageChannels> {
  const messages = createMessagesService(workspace.db, clock);
  const assets = createAssetStore(workspace.dir);
  const changed = <T extends { id: string }>(change: 'created' | 'updated' | 'duplicated' | 'deleted' | 'restored' | 'imported', result: T): T => {
    events.emit('messages.changed', { change, id: result.id });
    return result;
  };
  return {
    'messages.list': () => messages.list(),
    'messages.get': ({ id }) => messages.get(id),
    'messages.create': (input) => changed('created', messages.create(input)),
    'messages.update': ({ id, ...changes }) => changed('updated', messages.update(id, changes)),
    'messages.duplicate': ({ id }) => changed('duplicated', messages.duplicate(id)),
    'messages.delete': ({ id }) => changed('deleted', messages.delete(id)),
    'messages.restore': ({ id }) => changed('restored', messages.restore(id)),
    'messages.import': ({ message }) => changed('imported', messages.import(message)),
    'messages.fields': () => personalisationFields(workspace.db),
    'assets.list': () => assets.list(),
    'assets.add': ({ name, contentBase64 }) => assets.add(name, contentBase64),
    'assets.get': ({ name }) => assets.read(name),
  };
}
