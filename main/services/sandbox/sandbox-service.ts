import { createPrivateKey, createPublicKey } from 'node:crypto';
import { StudioError } from '../../../shared/errors.js';
import { SANDBOX_BUNDLE_ID, type SandboxCredentials, generateSandboxCredentials, sandboxCredentialsSchema } from '../../simulators/credentials.js';
import { GOOGLE_TOKEN_URL } from '../../simulators/fcm/oauth.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../simulators/sandbox.js';
import { publicKeyFingerprint } from '../channels/credentials/fingerprint.js';
import type { ServiceAccount } from '../channels/credentials/service-account.js';
import type { Logger } from '../log.js';
import type { ApnsTarget } from '../providers/apns-provider.js';
import type { FcmTarget } from '../providers/fcm-messaging.js';
import type { Vault } from '../vault/vault.js';
import type { SandboxRegistry } from './registry.js';

export const SANDBOX_CREDENTIALS_SECRET = 'sandbox.credentials';

export type SandboxTuning = Pick<SandboxOptions, 'clock' | 'deviceClock' | 'faults' | 'ports'>;

export interface SandboxService {
  /** Starts the simulators once, with the workspace's sandbox credentials and every key the sandbox trusts. */
  start(): Promise<Sandbox>;
  running(): Sandbox | undefined;
  /** Called with the started sandbox (at once when it is already running): how the core follows its simulated devices. */
  onStart(listener: (sandbox: Sandbox) => void): void;
  /** The workspace's own sandbox credentials (made and sealed on first use). */
  credentials(): SandboxCredentials;
  /** Where a sandbox channel's iOS pushes go; its key is registered the first time it is used. */
  apnsTarget(key: { keyPem: string; keyId: string; teamId: string; bundleId: string }, environment: 'sandbox' | 'production'): Promise<ApnsTarget>;
  fcmTarget(account: ServiceAccount): Promise<FcmTarget>;
  close(): Promise<void>;
}

const publicPem = (privatePem: string) => createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();

/**
 * The provider sandbox as the core runs it: the APNs and FCM simulators in this process, started
 * on first need (both hosts start it at launch), trusting the keys in the sandbox registry.
 */
export function createSandboxService(vault: Vault, registry: SandboxRegistry, logger: Logger, tuning: SandboxTuning = {}): SandboxService {
  let starting: Promise<Sandbox> | undefined;
  let sandbox: Sandbox | undefined;
  const startListeners: ((sandbox: Sandbox) => void)[] = [];

  const credentials = (): SandboxCredentials => {
    if (vault.has(SANDBOX_CREDENTIALS_SECRET)) {
      return sandboxCredentialsSchema.parse(JSON.parse(vault.reveal(SANDBOX_CREDENTIALS_SECRET).toString('utf8')));
    }
    // Google's token URL, not a port of this run: every sandbox connection goes to the simulator anyway.
    const made = generateSandboxCredentials({ tokenUri: GOOGLE_TOKEN_URL, bundleId: SANDBOX_BUNDLE_ID });
    vault.store(JSON.stringify(made), SANDBOX_CREDENTIALS_SECRET);
    registry.addApnsKey({
      fingerprint: publicKeyFingerprint(createPrivateKey(made.apns.privateKeyPem)),
      keyId: made.apns.keyId,
      teamId: made.apns.teamId,
      topics: made.apns.bundleIds,
      publicKeyPem: publicPem(made.apns.privateKeyPem),
    });
    registry.addFcmAccount({
      fingerprint: publicKeyFingerprint(createPrivateKey(made.fcm.private_key)),
      clientEmail: made.fcm.client_email,
      projectId: made.fcm.project_id,
      publicKeyPem: publicPem(made.fcm.private_key),
    });
    return made;
  };

  const start = (): Promise<Sandbox> => {
    starting ??= (async () => {
      const started = await startSandbox({ ...tuning, credentials: credentials() });
      for (const key of registry.apnsKeys()) {
        started.apns.keys.register({ keyId: key.keyId, teamId: key.teamId, key: key.publicKeyPem, topics: key.topics });
      }
      for (const account of registry.fcmAccounts()) {
        started.fcm.oauth.register({ client_email: account.clientEmail, project_id: account.projectId, private_key: account.publicKeyPem });
      }
      sandbox = started;
      for (const listener of startListeners) listener(started);
      logger.info(`Provider sandbox: APNs on 127.0.0.1:${started.apns.sandbox.port} (sandbox) and :${started.apns.production.port} (production), FCM on :${started.fcm.port}`);
      return started;
    })().catch((error: unknown) => {
      starting = undefined;
      throw new StudioError('internal', `The provider sandbox could not start: ${(error as Error).message}`);
    });
    return starting;
  };

  return {
    start,
    running: () => sandbox,
    onStart(listener) {
      startListeners.push(listener);
      if (sandbox) listener(sandbox);
    },
    credentials,
    async apnsTarget(key, environment) {
      const started = await start();
      const record = {
        fingerprint: publicKeyFingerprint(createPrivateKey(key.keyPem)),
        keyId: key.keyId,
        teamId: key.teamId,
        topics: [key.bundleId],
        publicKeyPem: publicPem(key.keyPem),
      };
      // First use registers the key as given; afterwards the sandbox holds the key to what it was told then.
      if (registry.addApnsKey(record)) started.apns.keys.register({ keyId: record.keyId, teamId: record.teamId, key: record.publicKeyPem, topics: record.topics });
      const endpoint = started.apns[environment];
      return { host: endpoint.host, port: endpoint.port, caPem: started.caPem };
    },
    async fcmTarget(account) {
      const started = await start();
      const record = {
        fingerprint: publicKeyFingerprint(createPrivateKey(account.privateKeyPem)),
        clientEmail: account.clientEmail,
        projectId: account.projectId,
        publicKeyPem: publicPem(account.privateKeyPem),
      };
      if (registry.addFcmAccount(record)) started.fcm.oauth.register({ client_email: record.clientEmail, project_id: record.projectId, private_key: record.publicKeyPem });
      return { host: started.fcm.host, port: started.fcm.port, caPem: started.caPem };
    },
    async close() {
      const running = starting;
      starting = undefined;
      sandbox = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
