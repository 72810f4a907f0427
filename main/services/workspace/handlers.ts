import type { HandlersFor } from '../../../shared/contract.js';
import type { CoreContext } from '../../context.js';
import { APP_VERSION } from '../../version.js';

export function appHandlers({ workspace, events, host }: CoreContext): HandlersFor<'app.info' | 'settings.get' | 'settings.update'> {
  return {
    'app.info': () => ({
      name: workspace.name,
      path: workspace.dir,
      schemaVersion: workspace.schemaVersion(),
      appVersion: APP_VERSION,
      host,
    }),
    'settings.get': () => workspace.settings.get(),
    'settings.update': (patch) => {
      const next = workspace.settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
  };
}
