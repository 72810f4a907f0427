import { SANDBOX_ANDROID_PACKAGE } from '../../simulators/credentials.js';
import type { ChannelsService } from '../channels/channels-service.js';
import type { SandboxService } from './sandbox-service.js';

export const SANDBOX_CHANNEL_NAME = 'Sandbox app';

const asFile = (fileName: string, content: string) => ({ fileName, contentBase64: Buffer.from(content).toString('base64') });

/**
 * A new workspace's "Sandbox app" channel: the sandbox's own .p8 key and service account, sending to
 * the simulators, so that everything works offline out of the box.
 */
export function seedSandboxChannel(channels: ChannelsService, sandbox: SandboxService): void {
  const credentials = sandbox.credentials();
  channels.create({
    name: SANDBOX_CHANNEL_NAME,
    target: 'sandbox',
    ios: {
      bundleId: credentials.apns.bundleIds[0]!,
      environment: 'sandbox',
      auth: {
        kind: 'p8',
        file: asFile(`AuthKey_${credentials.apns.keyId}.p8`, credentials.apns.privateKeyPem),
        keyId: credentials.apns.keyId,
        teamId: credentials.apns.teamId,
      },
    },
    android: { packageName: SANDBOX_ANDROID_PACKAGE, serviceAccount: asFile('sandbox-service-account.json', JSON.stringify(credentials.fcm)) },
  });
}
