import type { HandlersFor } from '../../../shared/contract.js';
import type { profileChannels } from '../../../shared/contracts/profiles.js';
import type { CoreContext } from '../../context.js';
import { newId } from '../ids.js';
import { createImportsService } from './imports-service.js';
import { createProfileStore } from './profile-store.js';

export function profileHandlers({ workspace, events, staged, onClose, onProfileEvent }: CoreContext): HandlersFor<keyof typeof profileChannels> {
  const store = createProfileStore(workspace.db, () => newId('ecid'), onProfileEvent);
  const imports = createImportsService(store, staged, (report) => {
    events.emit('profiles.import.progress', report);
    if (report.state !== 'running' && report.imported + report.updated > 0) events.emit('profiles.changed', { change: 'imported' });
  });
  onClose(() => imports.idle());
  return {
    'profiles.stats': () => store.stats(),
    'profiles.attributes': () => store.attributePaths(),
    'profiles.page': ({ filter, offset, limit, afterId, withTotal }) => store.page(filter, { offset, limit, afterId, withTotal }),
    'profiles.get': ({ id }) => store.get(id),
    'profiles.events': ({ id, beforeId, limit }) => store.events(id, beforeId, limit),
    'profiles.setTest': ({ ids, isTest }) => {
      const changed = store.setTest(ids, isTest);
      if (changed.length) events.emit('profiles.changed', { change: 'test', ids: changed });
      return { changed };
    },
    'profiles.import.start': (input) => imports.start(input).report,
    'profiles.import.get': ({ jobId }) => imports.get(jobId),
    'profiles.import.cancel': ({ jobId }) => imports.cancel(jobId),
  };
}
