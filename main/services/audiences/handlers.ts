import type { HandlersFor } from '../../../shared/contract.js';
import type { audienceChannels } from '../../../shared/contracts/audiences.js';
import type { CoreContext } from '../../context.js';
import { newId } from '../ids.js';
import { createProfileStore } from '../profiles/profile-store.js';
import { createAudiencesService } from './audiences-service.js';

export function audienceHandlers({ workspace, events, clock }: CoreContext): HandlersFor<keyof typeof audienceChannels> {
  const audiences = createAudiencesService(workspace.db, createProfileStore(workspace.db, () => newId('ecid')), clock);
  return {
    'audiences.list': () => audiences.list(),
    'audiences.save': (input) => {
      const audience = audiences.save(input);
      events.emit('audiences.changed', { change: 'saved', id: audience.id });
      return audience;
    },
    'audiences.delete': ({ id }) => {
      const result = audiences.delete(id);
      events.emit('audiences.changed', { change: 'deleted', id });
      return result;
    },
    'audiences.restore': ({ id }) => {
      const audience = audiences.restore(id);
      events.emit('audiences.changed', { change: 'restored', id });
      return audience;
    },
    'audiences.preview': ({ rule, sample }) => audiences.preview(rule, sample),
  };
}
