import type { ConnectionCheck } from '../../../shared/domain/channel.js';

/**
 * Provider answers to a connection test, in plain words. The APNs test sends to a deliberately
 * invalid device token: 400 BadDeviceToken means Apple accepted the credentials and only the token
 * was wrong, which is exactly what a working setup answers.
 */
export interface ApnsTestContext {
  host: string;
  bundleId: string;
  environment: 'sandbox' | 'production';
  auth: { kind: 'p8'; keyId: string; teamId: string } | { kind: 'p12' };
}

export function apnsCheck(answer: { status?: number; reason?: string; networkError?: string }, ctx: ApnsTestContext): ConnectionCheck {
  const base = { platform: 'ios' as const };
  if (answer.networkError) {
    return {
      ...base,
      ok: false,
      summary: `Cannot reach ${ctx.host}.`,
      fix: 'Check the network connection, proxy or firewall (APNs uses port 443 over HTTP/2), then test again.',
      providerAnswer: answer.networkError,
    };
  }
  const said = `${answer.status ?? '?'} ${answer.reason ?? ''}`.trim();
  const credential = ctx.auth.kind === 'p8' ? `key ${ctx.auth.keyId} of team ${ctx.auth.teamId}` : 'the certificate';
  const fail = (summary: string, fix: string): ConnectionCheck => ({ ...base, ok: false, summary, fix, providerAnswer: said });
  switch (answer.reason) {
    case 'BadDeviceToken':
      return {
        ...base,
        ok: true,
        summary: `APNs (${ctx.environment}) accepted ${credential} for ${ctx.bundleId}.`,
        providerAnswer: `${said} (expected: the test uses a deliberately invalid device token)`,
      };
    case 'InvalidProviderToken':
      return ctx.auth.kind === 'p8'
        ? fail(
            `Apple refused the key: key ID ${ctx.auth.keyId} or team ID ${ctx.auth.teamId} does not match this .p8 key.`,
            'In Apple Developer, check the Key ID under Certificates, IDs & Profiles → Keys and the Team ID under Membership, then edit the channel.',
          )
        : fail('Apple refused the credentials.', 'Import the certificate again, or use a .p8 key.');
    case 'UnrelatedKeyIdInToken':
      return fail('Apple says the key ID does not belong to this key.', 'Copy the Key ID shown beside the key in Apple Developer → Keys, and edit the channel.');
    case 'ExpiredProviderToken':
      return fail(
        'Apple says the signed token is too old: this computer’s clock is probably wrong.',
        'Set the system clock to update automatically, then test again.',
      );
    case 'MissingProviderToken':
      return fail('Apple received no credentials.', 'Import the .p8 key or the .p12 certificate again.');
    case 'BadCertificate':
      return fail('Apple refused the certificate.', 'Export the APNs certificate with its private key again from Keychain Access, or use a .p8 key.');
    case 'BadCertificateEnvironment':
    case 'BadEnvironmentKeyInToken':
      return fail(
        `The credentials are not valid for the APNs ${ctx.environment} environment.`,
        `Switch the channel’s environment, or use credentials made for ${ctx.environment}.`,
      );
    case 'Forbidden':
      return fail('Apple refused the request as forbidden.', 'Check that the key has the Apple Push Notifications service enabled in Apple Developer → Keys.');
    case 'TopicDisallowed':
    case 'BadTopic':
    case 'DeviceTokenNotForTopic':
    case 'MissingTopic':
      return fail(
        `Apple does not let ${credential} send to the bundle ID ${ctx.bundleId}.`,
        'Check the bundle ID: it must be your app’s identifier in the same team as the key (e.g. com.company.app).',
      );
    case 'TooManyProviderTokenUpdates':
    case 'TooManyRequests':
      return fail('Apple is limiting requests from these credentials right now.', 'Wait a few minutes and test again.');
    case 'InternalServerError':
    case 'ServiceUnavailable':
    case 'Shutdown':
      return fail('APNs is unavailable right now.', 'Test again in a few minutes.');
    default:
      if (answer.status === 200) {
        return { ...base, ok: true, summary: `APNs (${ctx.environment}) accepted ${credential} for ${ctx.bundleId}.`, providerAnswer: said };
      }
      return fail(`APNs answered ${said || 'something unexpected'}.`, 'Check the channel’s credentials and bundle ID; the provider’s answer is shown for your engineer.');
  }
}

export function fcmCheck(answer: { ok: true; projectId: string } | { ok: false; code?: string; message: string; networkError?: boolean; host: string }): ConnectionCheck {
  const base = { platform: 'android' as const };
  if (answer.ok) {
    return { ...base, ok: true, summary: `FCM accepted the service account for project ${answer.projectId} (validate-only send).` };
  }
  const fail = (summary: string, fix: string): ConnectionCheck => ({
    ...base,
    ok: false,
    summary,
    fix,
    providerAnswer: `${answer.code ?? ''} ${answer.message}`.trim(),
  });
  if (answer.networkError) {
    return fail(`Cannot reach ${answer.host}.`, 'Check the network connection, proxy or firewall, then test again.');
  }
  const code = answer.code ?? '';
  if (/invalid_grant|invalid-credential|invalid_client|unauthorized_client|UNAUTHENTICATED/i.test(`${code} ${answer.message}`)) {
    return fail(
      'Google refused the service account key: it may have been deleted, disabled or revoked.',
      'Generate a new private key in Firebase console → Project settings → Service accounts, and import it.',
    );
  }
  if (/mismatched-credential|SENDER_ID_MISMATCH|PERMISSION_DENIED/i.test(code + answer.message)) {
    return fail(
      'The service account may not send messages for this Firebase project.',
      'Use a service account of the same Firebase project, with the Firebase Cloud Messaging API enabled.',
    );
  }
  if (/third-party-auth-error|THIRD_PARTY_AUTH_ERROR/i.test(code)) {
    return fail('FCM could not authenticate with APNs for iOS devices.', 'Upload the APNs key in Firebase console → Cloud Messaging.');
  }
  if (/server-unavailable|internal-error|UNAVAILABLE|INTERNAL/i.test(code)) {
    return fail('FCM is unavailable right now.', 'Test again in a few minutes.');
  }
  if (/message-rate-exceeded|QUOTA_EXCEEDED/i.test(code)) {
    return fail('FCM is limiting requests for this project right now.', 'Wait a few minutes and test again.');
  }
  return fail(`FCM answered: ${answer.message}`, 'Check the service account file; the provider’s answer is shown for your engineer.');
}
