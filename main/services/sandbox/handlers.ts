import type { HandlersFor } from '../../../shared/contract.js';
import type { deviceChannels } from '../../../shared/contracts/devices.js';
import type { CoreContext } from '../../context.js';
import { newId } from '../ids.js';
import { createProfileStore } from '../profiles/profile-store.js';
import type { SandboxService } from './sandbox-service.js';
import { createDevicesStore } from './devices-store.js';
import { createSimulatedDevices } from './simulated-devices.js';

export function deviceHandlers({ workspace, events, logger, onProfileEvent }: CoreContext, sandbox: SandboxService): HandlersFor<keyof typeof deviceChannels> {
  const devices = createSimulatedDevices(sandbox, createProfileStore(workspace.db, () => newId('ecid'), onProfileEvent), logger, {
    onChange(deviceId, profileId) {
      events.emit('sandbox.devices.changed', { deviceId, profileId });
      if (profileId !== null) events.emit('profiles.changed', { change: 'devices', ids: [profileId] });
    },
  }, createDevicesStore(workspace.db));
  return {
    'sandbox.devices.list': ({ profileId }) => devices.list(profileId),
    'sandbox.devices.install': (input) => devices.install(input),
    'sandbox.devices.uninstall': ({ deviceId }) => devices.uninstall(deviceId),
    'sandbox.devices.reinstall': ({ deviceId }) => devices.reinstall(deviceId),
    'sandbox.devices.clearData': ({ deviceId }) => devices.clearData(deviceId),
  };
}
