import type { HandlersFor } from '../../../shared/contract.js';
import { channelAppIds } from '../../../shared/domain/channel.js';
import { StudioError } from '../../../shared/errors.js';
import type { ChannelsService } from '../channels/channels-service.js';
import type { deviceChannels } from '../../../shared/contracts/devices.js';
import type { CoreContext } from '../../context.js';
import { newId } from '../ids.js';
import { createProfileStore } from '../profiles/profile-store.js';
import type { SandboxService } from './sandbox-service.js';
import { createDevicesStore } from './devices-store.js';
import { type SandboxApp, createSimulatedDevices } from './simulated-devices.js';

/** A channel's app as a simulated phone holds it; only channels that send to the sandbox reach simulated phones. */
function sandboxAppOf(channels: ChannelsService, channelId: string): SandboxApp {
  const channel = channels.get(channelId);
  if (channel.target !== 'sandbox') {
    throw new StudioError('invalid_input', `“${channel.name}” sends to Apple and Google: a simulated phone can only hold the app of a channel that sends to the sandbox.`);
  }
  const fcmApp = channelAppIds(channel).fcm ?? channel.android?.projectId;
  return {
    name: `“${channel.name}”`,
    ...(channel.ios ? { ios: { bundleId: channel.ios.bundleId, environment: channel.ios.environment } } : {}),
    ...(channel.android && fcmApp ? { android: { appId: fcmApp, projectId: channel.android.projectId } } : {}),
  };
}

export function deviceHandlers(
  { workspace, events, logger, onProfileEvent }: CoreContext,
  sandbox: SandboxService,
  channels: ChannelsService,
): HandlersFor<keyof typeof deviceChannels> {
  // Phones receive pushes at the sending rate: their lists are told at most ten times a second.
  const received = new Set<string>();
  let receivedTimer: NodeJS.Timeout | undefined;
  const flushReceived = () => {
    receivedTimer = undefined;
    for (const deviceId of received) events.emit('sandbox.notifications.changed', { deviceId });
    received.clear();
  };
  const devices = createSimulatedDevices(
    sandbox,
    createProfileStore(workspace.db, () => newId('ecid'), onProfileEvent),
    logger,
    {
      onChange(deviceId, profileId) {
        events.emit('sandbox.devices.changed', { deviceId, profileId });
        if (profileId !== null) events.emit('profiles.changed', { change: 'devices', ids: [profileId] });
      },
      onNotification(deviceId) {
        received.add(deviceId);
        receivedTimer ??= setTimeout(flushReceived, 100).unref();
      },
    },
    createDevicesStore(workspace.db),
  );
  return {
    'sandbox.devices.list': ({ profileId }) => devices.list(profileId),
    'sandbox.devices.install': ({ channelId, ...input }) => devices.install({ ...input, ...(channelId ? { app: sandboxAppOf(channels, channelId) } : {}) }),
    'sandbox.devices.uninstall': ({ deviceId }) => devices.uninstall(deviceId),
    'sandbox.devices.reinstall': ({ deviceId }) => devices.reinstall(deviceId),
    'sandbox.devices.clearData': ({ deviceId }) => devices.clearData(deviceId),
  };
}
