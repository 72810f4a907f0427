import type { HandlersFor } from '../../../shared/contract.js';
import type { engineChannels } from '../../../shared/contracts/engine.js';
import { StudioError } from '../../../shared/errors.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { Engine } from './engine.js';

/** The engine's channels but its clock's (clock-handlers.ts). */
export function engineHandlers(engine: Engine, store: ProfileStore, now: () => Date): HandlersFor<Exclude<keyof typeof engineChannels, 'engine.clock.get' | 'engine.clock.advance'>> {
  const testState = (versionId: string) => ({ active: engine.test.active(versionId), counts: engine.counts(versionId, 'test'), entries: engine.test.entries(versionId) });
  return {
    'engine.settings.get': ({ journeyId }) => engine.settings(journeyId),
    'engine.settings.save': ({ journeyId, settings }) => engine.saveSettings(journeyId, settings),
    'engine.dryRun': ({ versionId, now: at, days }) => engine.dryRun(versionId, { now: at ? new Date(at) : undefined, days }),
    'engine.counts': ({ versionId, mode }) => engine.counts(versionId, mode),
    'engine.test.start': async ({ versionId }) => {
      await engine.test.start(versionId);
      return testState(versionId);
    },
    'engine.test.state': ({ versionId }) => testState(versionId),
    'engine.test.stop': ({ versionId }) => {
      engine.test.stop(versionId);
      return testState(versionId);
    },
    'engine.test.fireEvent': async ({ versionId, profileId, type, attributes }) => {
      if (!engine.test.active(versionId)) throw new StudioError('conflict', 'Start test mode first.');
      const profile = store.get(profileId);
      if (!profile.isTest) throw new StudioError('invalid_input', `Profile #${profileId} is not a test profile: mark it as one in Profiles first.`);
      store.recordEvent(profileId, type, now().toISOString(), attributes);
      await engine.idle();
      return testState(versionId);
    },
    'campaigns.list': () => engine.campaigns.list(),
    'campaigns.create': async (input) => {
      const campaign = engine.campaigns.create(input);
      await engine.tick();
      return engine.campaigns.get(campaign.id);
    },
    'campaigns.cancel': ({ id }) => engine.campaigns.cancel(id),
  };
}
