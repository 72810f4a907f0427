import type { HandlersFor } from '../../../shared/contract.js';
import type { journeyChannels } from '../../../shared/contracts/journeys.js';
import type { CoreContext } from '../../context.js';
import { createJourneysService } from './journeys-service.js';

export function journeyHandlers({ workspace, events, clock }: CoreContext): HandlersFor<keyof typeof journeyChannels> {
  const journeys = createJourneysService(workspace.db, clock);
  return {
    'journeys.list': () => journeys.list(),
    'journeys.get': ({ id }) => journeys.get(id),
    'journeys.create': ({ name }) => {
      const journey = journeys.create(name);
      events.emit('journeys.changed', { change: 'created', id: journey.id });
      return journey;
    },
    'journeys.rename': ({ id, name }) => {
      const journey = journeys.rename(id, name);
      events.emit('journeys.changed', { change: 'renamed', id });
      return journey;
    },
    'journeys.duplicate': ({ id, name }) => {
      const journey = journeys.duplicate(id, name);
      events.emit('journeys.changed', { change: 'duplicated', id: journey.id });
      return journey;
    },
    'journeys.delete': ({ id }) => {
      const result = journeys.delete(id);
      events.emit('journeys.changed', { change: 'deleted', id });
      return result;
    },
    'journeys.restore': ({ id }) => {
      const journey = journeys.restore(id);
      events.emit('journeys.changed', { change: 'restored', id });
      return journey;
    },
  };
}
