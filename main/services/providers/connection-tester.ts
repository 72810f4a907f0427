import apn from '@parse/node-apn';
import type { ConnectionCheck } from '../../../shared/domain/channel.js';
import type { ChannelCredentials } from '../channels/channels-service.js';
import type { ConnectionTester } from '../channels/connection-test.js';
import { apnsCheck, fcmCheck } from '../channels/connection-words.js';
import type { SandboxService } from '../sandbox/sandbox-service.js';
import { type ApnsTarget, createApnsProvider } from './apns-provider.js';
import { type FcmTarget, createFcmMessaging } from './fcm-messaging.js';

/** A device token no device can have: Apple answers it with BadDeviceToken once the credentials pass. */
const INVALID_DEVICE_TOKEN = '0'.repeat(64);
/** A topic nobody subscribes to: a validate-only send to it checks auth without a device. */
const TEST_TOPIC = 'journey-studio-connection-test';
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|getaddrinfo|timed out|timeout/i;

async function testApns(credentials: ChannelCredentials, sandbox: SandboxService): Promise<ConnectionCheck> {
  const ios = credentials.ios!;
  const onSandbox = credentials.channel.target === 'sandbox';
  if (onSandbox && ios.kind === 'p12') {
    return {
      platform: 'ios',
      ok: false,
      summary: 'The sandbox simulators accept .p8 keys only.',
      fix: 'Use a .p8 key for this sandbox channel, or set the channel to send to Apple and Google.',
    };
  }
  let target: ApnsTarget | undefined;
  if (onSandbox && ios.kind === 'p8') {
    target = await sandbox.apnsTarget({ keyPem: ios.keyPem, keyId: ios.keyId, teamId: ios.teamId, bundleId: ios.bundleId }, ios.environment);
  }
  const host = target ? `the APNs simulator (${target.host}:${target.port})` : ios.environment === 'production' ? 'api.push.apple.com' : 'api.sandbox.push.apple.com';
  const auth = ios.kind === 'p8' ? { key: { privateKeyPem: ios.keyPem, keyId: ios.keyId, teamId: ios.teamId } } : { certificate: { pfx: ios.pfx, passphrase: ios.passphrase } };
  const context = { host, bundleId: ios.bundleId, environment: ios.environment, auth: ios.kind === 'p8' ? { kind: 'p8' as const, keyId: ios.keyId, teamId: ios.teamId } : { kind: 'p12' as const } };
  let provider: apn.Provider | undefined;
  try {
    provider = createApnsProvider({ ...auth, production: ios.environment === 'production', connectionRetryLimit: 1, requestTimeout: 10_000, ...(target ? { target } : {}) });
    const note = new apn.Notification();
    note.topic = ios.bundleId;
    note.pushType = 'alert';
    note.alert = 'Journey Studio connection test';
    const result = await provider.send(note, INVALID_DEVICE_TOKEN);
    if (result.sent.length > 0) return apnsCheck({ status: 200 }, context);
    const failed = result.failed[0] as { status?: number | string; response?: { reason?: string }; error?: Error } | undefined;
    if (failed?.response?.reason) return apnsCheck({ status: Number(failed.status), reason: failed.response.reason }, context);
    const message = failed?.error?.message ?? 'no answer';
    return apnsCheck(NETWORK_ERROR.test(message) ? { networkError: message } : { status: Number(failed?.status) || undefined, reason: message }, context);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (NETWORK_ERROR.test(message)) return apnsCheck({ networkError: message }, context);
    return { platform: 'ios', ok: false, summary: `The iOS credentials could not be used: ${message}`, fix: 'Import the key or certificate again.' };
  } finally {
    provider?.shutdown();
  }
}

async function testFcm(credentials: ChannelCredentials, sandbox: SandboxService): Promise<ConnectionCheck> {
  const account = credentials.android!;
  const target: FcmTarget | undefined = credentials.channel.target === 'sandbox' ? await sandbox.fcmTarget(account) : undefined;
  const host = target ? `the FCM simulator (${target.host}:${target.port})` : 'fcm.googleapis.com';
  const fcm = createFcmMessaging({
    serviceAccount: {
      type: 'service_account',
      project_id: account.projectId,
      private_key_id: account.privateKeyId ?? 'unknown',
      private_key: account.privateKeyPem,
      client_email: account.clientEmail,
      token_uri: account.tokenUri,
    },
    ...(target ? { target } : {}),
  });
  try {
    await fcm.messaging.send({ topic: TEST_TOPIC, notification: { title: 'Journey Studio connection test' } }, true);
    return fcmCheck({ ok: true, projectId: account.projectId });
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const text = message ?? String(error);
    return fcmCheck({ ok: false, ...(code ? { code } : {}), message: text, networkError: NETWORK_ERROR.test(text), host });
  } finally {
    await fcm.close();
  }
}

/**
 * Test connection for a channel: APNs with a deliberately invalid device token (a 400
 * BadDeviceToken proves the credentials pass), FCM with a validate-only send. Sandbox channels go
 * to the simulators, live ones to Apple and Google, through the same sending code.
 */
export function createConnectionTester(sandbox: SandboxService): ConnectionTester {
  return {
    async test(credentials) {
      const checks: ConnectionCheck[] = [];
      if (credentials.ios) checks.push(await testApns(credentials, sandbox));
      if (credentials.android) checks.push(await testFcm(credentials, sandbox));
      return checks;
    },
  };
}
