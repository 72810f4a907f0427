import type { z } from 'zod';
import type {
  ChannelSummary,
  CredentialFile,
  androidChannelInputSchema,
  iosChannelInputSchema,
} from '../../../shared/domain/channel.js';
import { StudioError } from '../../../shared/errors.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { Vault } from '../vault/vault.js';
import { EXPIRY_WARNING_DAYS, checkP12AgainstChannel, parseP12 } from './credentials/p12.js';
import { fileBytes } from './credentials/inspect.js';
import { parseP8 } from './credentials/p8.js';
import { type ServiceAccount, parseServiceAccount } from './credentials/service-account.js';
import type { ChannelStore, StoredAndroid, StoredChannel, StoredIos } from './store.js';

type IosInput = z.output<typeof iosChannelInputSchema>;
type AndroidInput = z.output<typeof androidChannelInputSchema>;

export interface CreateChannelInput {
  name: string;
  target: StoredChannel['target'];
  ios?: IosInput;
  android?: AndroidInput;
}

export interface UpdateChannelInput {
  id: string;
  name?: string;
  target?: StoredChannel['target'];
  ios?: IosInput | null;
  android?: AndroidInput | null;
}

/** Decrypted credentials for the senders. Lives only inside the core, for the moment it's needed. */
export interface ChannelCredentials {
  channel: StoredChannel;
  ios?:
    | { kind: 'p8'; bundleId: string; environment: 'sandbox' | 'production'; keyPem: string; keyId: string; teamId: string }
    | { kind: 'p12'; bundleId: string; environment: 'sandbox' | 'production'; pfx: Buffer; passphrase: string };
  android?: ServiceAccount;
}

/** Another area's reason to keep a channel (e.g. "used by the live journey Welcome"). */
export type ChannelUsageGuard = (channelId: string) => string | undefined;

export interface ChannelsService {
  list(): ChannelSummary[];
  get(id: string): ChannelSummary;
  create(input: CreateChannelInput, options?: { id?: string }): ChannelSummary;
  update(input: UpdateChannelInput): ChannelSummary;
  remove(id: string): void;
  credentials(id: string): ChannelCredentials;
  addUsageGuard(guard: ChannelUsageGuard): void;
}

const DAY = 86_400_000;

/** Notes the secrets a step sealed, so that a later failure can remove them again. */
function take<T extends { sealed: string[] }>(result: T, into: string[]): T {
  into.push(...result.sealed);
  return result;
}

export function createChannelsService(store: ChannelStore, vault: Vault, clock: Clock): ChannelsService {
  const guards: ChannelUsageGuard[] = [];

  const summary = (channel: StoredChannel): ChannelSummary => {
    const warnings: string[] = [];
    let ios: ChannelSummary['ios'];
    if (channel.ios) {
      const { auth } = channel.ios;
      if (auth.kind === 'p12') {
        const daysLeft = Math.floor((Date.parse(auth.expiresAt) - clock.now().getTime()) / DAY);
        if (daysLeft < 0) warnings.push(`The APNs certificate expired on ${auth.expiresAt.slice(0, 10)}: iOS pushes will fail until you import a new one.`);
        else if (daysLeft < EXPIRY_WARNING_DAYS) warnings.push(`The APNs certificate expires in ${daysLeft} days (${auth.expiresAt.slice(0, 10)}).`);
      }
      ios = {
        bundleId: channel.ios.bundleId,
        environment: channel.ios.environment,
        auth:
          auth.kind === 'p8'
            ? { kind: 'p8', keyId: auth.keyId, teamId: auth.teamId, fingerprint: auth.fingerprint }
            : {
                kind: 'p12',
                fingerprint: auth.fingerprint,
                subject: auth.subject,
                ...(auth.topic ? { topic: auth.topic } : {}),
                certificateEnvironment: auth.certificateEnvironment,
                expiresAt: auth.expiresAt,
              },
      };
    }
    return {
      id: channel.id,
      name: channel.name,
      target: channel.target,
      ...(ios ? { ios } : {}),
      ...(channel.android
        ? {
            android: {
              ...(channel.android.packageName ? { packageName: channel.android.packageName } : {}),
              projectId: channel.android.projectId,
              clientEmail: channel.android.clientEmail,
              fingerprint: channel.android.fingerprint,
            },
          }
        : {}),
      warnings,
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
    };
  };

  const stored = (id: string): StoredChannel => {
    const channel = store.get(id);
    if (!channel) throw new StudioError('not_found', 'That channel no longer exists. It may have been deleted in another window.');
    return channel;
  };

  /** Parses and checks first, seals second: a bad file stores nothing. Returns the secrets it sealed. */
  const sealIos = (input: IosInput, previous: StoredIos | undefined): { ios: StoredIos; sealed: string[] } => {
    if (!input.auth) {
      if (!previous) throw new StudioError('invalid_input', 'Add the APNs key (.p8) or certificate (.p12) for the iOS app.');
      if (previous.auth.kind === 'p12') {
        checkP12AgainstChannel(
          { kind: 'p12', fingerprint: previous.auth.fingerprint, subject: previous.auth.subject, environment: previous.auth.certificateEnvironment, expiresAt: previous.auth.expiresAt, warnings: [], ...(previous.auth.topic ? { topic: previous.auth.topic } : {}) },
          input.bundleId,
          input.environment,
        );
      }
      return { ios: { ...previous, bundleId: input.bundleId, environment: input.environment }, sealed: [] };
    }
    const { auth } = input;
    if (auth.kind === 'p8') {
      const parsed = parseP8(fileBytes(auth.file), auth.file.fileName);
      const secretId = vault.store(parsed.pem);
      return {
        ios: { bundleId: input.bundleId, environment: input.environment, auth: { kind: 'p8', keyId: auth.keyId, teamId: auth.teamId, fingerprint: parsed.inspection.fingerprint, secretId } },
        sealed: [secretId],
      };
    }
    const bytes = fileBytes(auth.file);
    const parsed = parseP12(bytes, auth.passphrase, clock);
    checkP12AgainstChannel(parsed.inspection, input.bundleId, input.environment);
    const secretId = vault.store(bytes);
    const passphraseSecretId = vault.store(auth.passphrase);
    return {
      ios: {
        bundleId: input.bundleId,
        environment: input.environment,
        auth: {
          kind: 'p12',
          fingerprint: parsed.inspection.fingerprint,
          subject: parsed.inspection.subject,
          ...(parsed.inspection.topic ? { topic: parsed.inspection.topic } : {}),
          certificateEnvironment: parsed.inspection.environment,
          expiresAt: parsed.inspection.expiresAt,
          secretId,
          passphraseSecretId,
        },
      },
      sealed: [secretId, passphraseSecretId],
    };
  };

  const sealAndroid = (input: AndroidInput, previous: StoredAndroid | undefined): { android: StoredAndroid; sealed: string[] } => {
    const file: CredentialFile | undefined = input.serviceAccount;
    const packageName = input.packageName ?? previous?.packageName;
    if (!file) {
      if (!previous) throw new StudioError('invalid_input', 'Add the Firebase service account file (.json) for the Android app.');
      const { packageName: _old, ...rest } = previous;
      return { android: { ...rest, ...(packageName ? { packageName } : {}) }, sealed: [] };
    }
    const parsed = parseServiceAccount(fileBytes(file), file.fileName);
    const secretId = vault.store(parsed.json);
    return {
      android: {
        ...(packageName ? { packageName } : {}),
        projectId: parsed.account.projectId,
        clientEmail: parsed.account.clientEmail,
        fingerprint: parsed.inspection.fingerprint,
        secretId,
      },
      sealed: [secretId],
    };
  };

  const secretIdsOf = (channel: Pick<StoredChannel, 'ios' | 'android'>): string[] => [
    ...(channel.ios ? [channel.ios.auth.secretId, ...(channel.ios.auth.kind === 'p12' ? [channel.ios.auth.passphraseSecretId] : [])] : []),
    ...(channel.android ? [channel.android.secretId] : []),
  ];

  /** Seals new secrets, saves, then drops the secrets nothing refers to any more. */
  const commit = (build: () => { channel: StoredChannel; sealed: string[] }, previous?: StoredChannel): StoredChannel => {
    const sealed: string[] = [];
    try {
      const result = build();
      sealed.push(...result.sealed);
      store.save(result.channel);
      const keep = new Set(secretIdsOf(result.channel));
      for (const id of previous ? secretIdsOf(previous) : []) if (!keep.has(id)) vault.remove(id);
      return result.channel;
    } catch (error) {
      for (const id of sealed) vault.remove(id);
      throw error;
    }
  };

  return {
    list: () => store.list().map(summary),
    get: (id) => summary(stored(id)),
    create(input, options = {}) {
      const now = clock.now().toISOString();
      const channel = commit(() => {
        const sealed: string[] = [];
        let ios: StoredIos | undefined;
        let android: StoredAndroid | undefined;
        try {
          if (input.ios) ios = take(sealIos(input.ios, undefined), sealed).ios;
          if (input.android) android = take(sealAndroid(input.android, undefined), sealed).android;
        } catch (error) {
          for (const id of sealed) vault.remove(id);
          throw error;
        }
        return {
          channel: { id: options.id ?? newId('chn'), name: input.name, target: input.target, ...(ios ? { ios } : {}), ...(android ? { android } : {}), createdAt: now, updatedAt: now },
          sealed,
        };
      });
      return summary(channel);
    },
    update(input) {
      const previous = stored(input.id);
      const channel = commit(() => {
        const sealed: string[] = [];
        let ios = previous.ios;
        let android = previous.android;
        try {
          if (input.ios === null) ios = undefined;
          else if (input.ios) ios = take(sealIos(input.ios, previous.ios), sealed).ios;
          if (input.android === null) android = undefined;
          else if (input.android) android = take(sealAndroid(input.android, previous.android), sealed).android;
          if (!ios && !android) throw new StudioError('invalid_input', 'A channel needs an iOS app, an Android app, or both.');
        } catch (error) {
          for (const id of sealed) vault.remove(id);
          throw error;
        }
        const { ios: _i, android: _a, ...rest } = previous;
        return {
          channel: {
            ...rest,
            name: input.name ?? previous.name,
            target: input.target ?? previous.target,
            ...(ios ? { ios } : {}),
            ...(android ? { android } : {}),
            updatedAt: clock.now().toISOString(),
          },
          sealed,
        };
      }, previous);
      return summary(channel);
    },
    remove(id) {
      const channel = stored(id);
      for (const guard of guards) {
        const reason = guard(id);
        if (reason) throw new StudioError('conflict', `“${channel.name}” can’t be deleted: ${reason}`);
      }
      store.remove(id);
      for (const secretId of secretIdsOf(channel)) vault.remove(secretId);
    },
    credentials(id) {
      const channel = stored(id);
      const result: ChannelCredentials = { channel };
      if (channel.ios) {
        const { auth, bundleId, environment } = channel.ios;
        result.ios =
          auth.kind === 'p8'
            ? { kind: 'p8', bundleId, environment, keyPem: vault.reveal(auth.secretId).toString('utf8'), keyId: auth.keyId, teamId: auth.teamId }
            : { kind: 'p12', bundleId, environment, pfx: vault.reveal(auth.secretId), passphrase: vault.reveal(auth.passphraseSecretId).toString('utf8') };
      }
      if (channel.android) {
        result.android = parseServiceAccount(vault.reveal(channel.android.secretId), 'the stored service account').account;
      }
      return result;
    },
    addUsageGuard: (guard) => void guards.push(guard),
  };
}
