import { createPrivateKey } from 'node:crypto';
import type { DeliveryDetail } from '../../../shared/domain/delivery.js';
import type { OutboxItem } from '../../../shared/domain/outbox.js';
import { StudioError } from '../../../shared/errors.js';
import { renderMessage } from '../../../shared/render/render-message.js';
import type { CoreContext } from '../../context.js';
import { toRenderChannel } from '../../host/commands/message.js';
import type { ChannelsService } from '../channels/channels-service.js';
import { newId } from '../ids.js';
import { createMessagesService } from '../messages/messages-service.js';
import { type Outbox, createOutbox } from '../outbox/outbox.js';
import { createProfileStore } from '../profiles/profile-store.js';
import type { SandboxService } from '../sandbox/sandbox-service.js';
import type { BackoffPolicy } from './classify.js';
import { Dispatcher, type SenderFactory, type TokenRegistry } from './dispatcher.js';
import { createDeliveryLog, shortToken } from './log-store.js';
import type { Sender, SenderKind } from './senders.js';
import { createThreadedSender } from './threaded-sender.js';

export interface DeliveryTuning {
  maxInFlight?: number;
  backoff?: BackoffPolicy;
  pollMs?: number;
}

/**
 * Senders of the workspace's channels: credentials are read from the vault and checked before the
 * first send (a channel without the platform's credentials, a key that does not parse, a .p12 on
 * the sandbox are refused here, not by a provider); sandbox channels go to the simulators.
 */
export function createChannelSenders(channels: ChannelsService, sandbox: SandboxService): SenderFactory {
  const cache = new Map<string, Promise<Sender>>();
  const make = async (channelId: string, kind: SenderKind): Promise<Sender> => {
    let credentials;
    try {
      credentials = channels.credentials(channelId);
    } catch (error) {
      throw new StudioError('invalid_input', `The channel can't be used: ${(error as Error).message}`);
    }
    const onSandbox = credentials.channel.target === 'sandbox';
    if (kind === 'apns') {
      const ios = credentials.ios;
      if (!ios) throw new StudioError('invalid_input', `“${credentials.channel.name}” has no iOS (APNs) credentials.`);
      if (ios.kind === 'p8') {
        try {
          createPrivateKey(ios.keyPem);
        } catch {
          throw new StudioError('invalid_input', `The .p8 key of “${credentials.channel.name}” does not parse: import it again.`);
        }
        const target = onSandbox ? await sandbox.apnsTarget({ keyPem: ios.keyPem, keyId: ios.keyId, teamId: ios.teamId, bundleId: ios.bundleId }, ios.environment) : undefined;
        return createThreadedSender({ kind, options: { auth: { key: { privateKeyPem: ios.keyPem, keyId: ios.keyId, teamId: ios.teamId } }, environment: ios.environment, ...(target ? { target } : {}) } });
      }
      if (onSandbox) throw new StudioError('invalid_input', 'The sandbox simulators accept .p8 keys only.');
      return createThreadedSender({ kind, options: { auth: { certificate: { pfx: ios.pfx, passphrase: ios.passphrase } }, environment: ios.environment } });
    }
    const account = credentials.android;
    if (!account) throw new StudioError('invalid_input', `“${credentials.channel.name}” has no Android (FCM) service account.`);
    const target = onSandbox ? await sandbox.fcmTarget(account) : undefined;
    return createThreadedSender({ kind, options: { serviceAccount: account, ...(target ? { target } : {}) } });
  };
  return {
    get(channelId, kind) {
      const key = `${channelId}:${kind}`;
      let sender = cache.get(key);
      if (!sender) {
        sender = make(channelId, kind);
        cache.set(key, sender);
        sender.catch(() => cache.delete(key));
      }
      return sender;
    },
    async closeAll() {
      const all = [...cache.values()];
      cache.clear();
      await Promise.all(all.map((s) => s.then((x) => x.close()).catch(() => undefined)));
    },
  };
}

/** Token feedback on the profiles' registrations. */
export function createTokenRegistry(context: Pick<CoreContext, 'workspace'>): TokenRegistry {
  const db = context.workspace.db;
  const store = createProfileStore(db, () => newId('ecid'));
  // Through the index on the token's last 16 characters (there is none on app_id, token): without
  // it every push scanned all registrations.
  const lookup = db.prepare<{ appId: string; token: string }, { status: string; registered_at: string }>(
    'SELECT status, registered_at FROM push_registrations WHERE substr(token, -16) = substr(@token, -16) AND app_id = @appId AND token = @token',
  );
  // The tokens of a claimed batch as a JSON array: one statement, each token found through the index
  // (CROSS JOIN keeps the tokens the outer loop whatever the planner's statistics say).
  const statuses = db
    .prepare<[string, string], [string, string]>(
      `SELECT r.token, r.status FROM json_each(?) AS t CROSS JOIN push_registrations AS r ON substr(r.token, -16) = substr(t.value, -16) AND r.token = t.value
       WHERE r.app_id = ?`,
    )
    .raw(true);
  return {
    statuses: (appId, tokens) => new Map(statuses.all(JSON.stringify(tokens), appId)),
    invalidate(appId, token, reason, at, goneAt) {
      const reg = lookup.get({ appId, token });
      if (!reg || reg.status !== 'valid') return false;
      // A registration newer than the moment Apple learned the token was dead wins.
      if (goneAt && reg.registered_at > goneAt) return false;
      return store.setRegistrationStatus(appId, token, 'invalid', reason, at);
    },
  };
}

export interface DeliveryService {
  readonly outbox: Outbox;
  readonly dispatcher: Dispatcher;
  readonly log: ReturnType<typeof createDeliveryLog>;
  detail(id: number): DeliveryDetail;
  testSend(input: { messageId: string; profileIds: number[]; deviceIds: string[] }): Promise<{ runId: string; queued: number; skipped: string[] }>;
  close(): Promise<void>;
}

export function createDeliveryService(context: CoreContext, channels: ChannelsService, sandbox: SandboxService, tuning: DeliveryTuning = {}): DeliveryService {
  const { workspace, clock, events, logger } = context;
  const outbox = createOutbox(workspace.db, clock);
  const log = createDeliveryLog(workspace.db);
  const senders = createChannelSenders(channels, sandbox);
  const messages = createMessagesService(workspace.db, clock);
  const profiles = createProfileStore(workspace.db, () => newId('ecid'));
  let logged = 0;
  let closed = false;
  let loggedTimer: NodeJS.Timeout | undefined;
  const lastId = workspace.db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM delivery_attempts');
  const dispatcher = new Dispatcher({
    outbox,
    senders,
    tokens: createTokenRegistry(context),
    clock,
    logger,
    ...tuning,
    onLogged(rows) {
      logged += rows;
      // At most four events a second, whatever the sending rate.
      if (closed) return;
      loggedTimer ??= setTimeout(() => {
        loggedTimer = undefined;
        events.emit('delivery.logged', { rows: logged, lastId: lastId.get()?.id ?? 0 });
        logged = 0;
      }, 250);
    },
  });
  // A changed channel gets fresh senders (new credentials, environment).
  events.on((event) => {
    if (event.name === 'channels.changed') void senders.closeAll();
  });

  // Through the index on the token's last 16 characters (schema version 5), as the profile store does.
  const registrationOf = workspace.db.prepare<[string, string, string], { profile_id: number; status: 'valid' | 'invalid' | 'denylisted'; status_reason: string | null; status_at: string | null }>(
    'SELECT profile_id, status, status_reason, status_at FROM push_registrations WHERE substr(token, -16) = substr(?, -16) AND app_id = ? AND token = ?',
  );

  return {
    outbox,
    dispatcher,
    log,
    detail(id) {
      const found = log.get(id);
      if (!found) throw new StudioError('not_found', `There is no delivery log row #${id}.`);
      const item = outbox.get(found.row.outboxId);
      if (!item) throw new StudioError('not_found', `The push of log row #${id} is no longer in the outbox.`);
      let channel;
      try {
        channel = channels.get(item.channelId);
      } catch {
        channel = undefined;
      }
      const onSandbox = channel?.target === 'sandbox';
      const request: DeliveryDetail['request'] =
        item.request.kind === 'apns'
          ? {
              method: 'POST',
              url: `https://${onSandbox ? 'apns-simulator' : item.platform === 'apnsSandbox' || channel?.ios?.environment === 'sandbox' ? 'api.sandbox.push.apple.com' : 'api.push.apple.com'}/3/device/${item.token}`,
              // The provider token is made per connection and never stored: shown as redacted.
              headers: { authorization: 'bearer <provider token, redacted>', ...item.request.headers },
              body: item.request,
            }
          : {
              method: 'POST',
              url: `https://${onSandbox ? 'fcm-simulator' : 'fcm.googleapis.com'}/v1/projects/${channel?.android?.projectId ?? '<project>'}/messages:send`,
              headers: { authorization: 'Bearer <OAuth access token, redacted>', 'content-type': 'application/json' },
              body: { kind: 'fcm' as const, message: { ...item.request.message, token: item.token } },
            };
      const response = found.response as DeliveryDetail['response'];
      const registration = registrationOf.get(found.token, item.appId, found.token);
      return {
        row: found.row,
        token: found.token,
        request,
        response: response ?? null,
        attempts: found.attempts,
        registration: registration ? { profileId: registration.profile_id, status: registration.status, reason: registration.status_reason, at: registration.status_at } : null,
      };
    },
    async testSend({ messageId, profileIds, deviceIds }) {
      const message = messages.get(messageId);
      if (!message.channelId) throw new StudioError('invalid_input', 'Choose the message’s channel (app) before sending a test.');
      const channel = channels.get(message.channelId);
      const renderChannel = toRenderChannel(channel);
      const runId = newId('run');
      const now = clock.now();
      const items: OutboxItem[] = [];
      const skipped: string[] = [];
      const expiresAt = message.content.ttlSeconds ? new Date(now.getTime() + message.content.ttlSeconds * 1000).toISOString() : undefined;
      const add = (target: { platform: OutboxItem['platform']; appId: string; token: string; profileId?: number; attributes?: Record<string, unknown> }) => {
        const rendered = renderMessage(message.content, { channel: renderChannel, profile: target.attributes ?? {}, now, fcmToken: target.token });
        const request: OutboxItem['request'] =
          target.platform === 'fcm' ? { kind: 'fcm', message: rendered.fcm } : { kind: 'apns', headers: rendered.apns.headers, payload: rendered.apns.payload };
        items.push({
          messageId,
          channelId: channel.id,
          origin: 'test',
          runId,
          ...(target.profileId !== undefined ? { profileId: target.profileId } : {}),
          platform: target.platform,
          appId: target.appId,
          token: target.token,
          request,
          notBefore: now.toISOString(),
          ...(expiresAt ? { expiresAt } : {}),
          dedupeKey: `${runId}:${target.platform}:${target.token}`,
        });
      };
      for (const profileId of profileIds) {
        const profile = profiles.get(profileId);
        const valid = profile.registrations.filter((r) => r.status === 'valid' && (r.platform === 'fcm' ? channel.android : channel.ios));
        if (!valid.length) skipped.push(`Profile #${profileId} has no valid device for “${channel.name}”.`);
        for (const r of valid) add({ platform: r.platform, appId: r.appId, token: r.token, profileId, attributes: profile.attributes });
      }
      if (deviceIds.length) {
        const started = await sandbox.start();
        for (const id of deviceIds) {
          const device = started.devices.get(id);
          if (!device) {
            skipped.push(`There is no simulated device ${id}.`);
            continue;
          }
          if (device.platform === 'ios') {
            if (!channel.ios) skipped.push(`“${channel.name}” has no iOS credentials for ${device.name}.`);
            else add({ platform: device.environment === 'sandbox' ? 'apnsSandbox' : 'apns', appId: device.bundleId, token: device.token });
          } else if (!channel.android) skipped.push(`“${channel.name}” has no Android credentials for ${device.name}.`);
          else add({ platform: 'fcm', appId: device.appId, token: device.token });
        }
      }
      const queued = outbox.enqueue(items);
      if (!dispatcher.running) dispatcher.start();
      dispatcher.wake();
      return { runId, queued, skipped };
    },
    async close() {
      await dispatcher.close();
      closed = true;
      if (loggedTimer) clearTimeout(loggedTimer);
    },
  };
}

export { shortToken };
