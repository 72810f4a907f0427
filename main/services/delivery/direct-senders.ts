import type { SandboxCredentials } from '../../simulators/credentials.js';
import type { SenderFactory } from './dispatcher.js';
import type { Sender } from './senders.js';
import { createThreadedSender } from './threaded-sender.js';

/** Where a running provider sandbox listens, and the credentials it trusts (for benches, tests and child processes). */
export interface SimulatorEndpoints {
  credentials: SandboxCredentials;
  caPem: string;
  apns: { host: string; port: number; environment: 'sandbox' | 'production' };
  fcm: { host: string; port: number };
}

/** Senders for every channel id straight to the given simulators with the sandbox credentials. */
export function createSimulatorSenders(endpoints: SimulatorEndpoints): SenderFactory {
  const cache = new Map<string, Sender>();
  const { credentials, caPem } = endpoints;
  return {
    async get(channelId, kind) {
      const key = `${channelId}:${kind}`;
      let sender = cache.get(key);
      if (!sender) {
        sender =
          kind === 'apns'
            ? createThreadedSender({
                kind,
                options: {
                  auth: { key: { privateKeyPem: credentials.apns.privateKeyPem, keyId: credentials.apns.keyId, teamId: credentials.apns.teamId } },
                  environment: endpoints.apns.environment,
                  target: { host: endpoints.apns.host, port: endpoints.apns.port, caPem },
                },
              })
            : createThreadedSender({
                kind,
                options: {
                  serviceAccount: {
                    projectId: credentials.fcm.project_id,
                    clientEmail: credentials.fcm.client_email,
                    privateKeyPem: credentials.fcm.private_key,
                    tokenUri: credentials.fcm.token_uri,
                    privateKeyId: credentials.fcm.private_key_id,
                  },
                  target: { host: endpoints.fcm.host, port: endpoints.fcm.port, caPem },
                },
              });
        cache.set(key, sender);
      }
      return sender;
    },
    async closeAll() {
      const all = [...cache.values()];
      cache.clear();
      await Promise.all(all.map((s) => s.close()));
    },
  };
}
