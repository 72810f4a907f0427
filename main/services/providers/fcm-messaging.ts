import { randomUUID } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { type App, cert, deleteApp, initializeApp } from 'firebase-admin/app';
import { type Messaging, getMessaging } from 'firebase-admin/messaging';
import type { ServiceAccountJson } from '../../simulators/credentials.js';
import { SIMULATOR_SERVERNAME } from '../../simulators/tls.js';
import { ServiceAccountTokenCredential } from './service-account-credential.js';

/** Where to send instead of Google: the FCM simulator. */
export interface FcmTarget {
  host: string;
  port: number;
  /** The simulator's certificate, trusted by this app's connections only. */
  caPem: string;
}

export interface FcmMessagingOptions {
  serviceAccount: ServiceAccountJson;
  /** Omit for Google itself. */
  target?: FcmTarget;
  /** firebase-admin keeps apps in a global registry by name; a unique one by default. */
  appName?: string;
}

export interface FcmMessaging {
  app: App;
  messaging: Messaging;
  close(): Promise<void>;
}

/**
 * An https.Agent whose every connection goes to the simulator, whatever host the request names
 * (fcm.googleapis.com, oauth2.googleapis.com), checked against the simulator's certificate. The
 * requests themselves are unchanged, so firebase-admin builds exactly what it sends to Google.
 */
export class SimulatorAgent extends https.Agent {
  constructor(private readonly target: FcmTarget) {
    super({ keepAlive: true, maxSockets: 64 });
  }

  override createConnection(options: tls.ConnectionOptions): tls.TLSSocket {
    return tls.connect({ ...options, host: this.target.host, port: this.target.port, servername: SIMULATOR_SERVERNAME, ca: this.target.caPem });
  }
}

/**
 * The firebase-admin 13 app and messaging the delivery code sends with. Against Google: the
 * service account through `cert()` and nothing else (HTTP/2 transport). Against the simulator:
 * a credential doing the same OAuth exchange over a SimulatorAgent (see
 * ServiceAccountTokenCredential for why not `cert()`), sends over that agent too, and the legacy
 * HTTP/1.1 transport, because the HTTP/2 one always dials fcm.googleapis.com itself.
 */
export function createFcmMessaging(options: FcmMessagingOptions): FcmMessaging {
  const name = options.appName ?? `journey-studio-${randomUUID()}`;
  const account = { projectId: options.serviceAccount.project_id, clientEmail: options.serviceAccount.client_email, privateKey: options.serviceAccount.private_key };
  const agent = options.target ? new SimulatorAgent(options.target) : undefined;
  const app = initializeApp(
    agent
      ? { credential: new ServiceAccountTokenCredential(options.serviceAccount, agent), httpAgent: agent, projectId: account.projectId }
      : { credential: cert(account), projectId: account.projectId },
    name,
  );
  const messaging = getMessaging(app);
  if (agent) messaging.enableLegacyHttpTransport();
  let closing: Promise<void> | undefined;
  return {
    app,
    messaging,
    close: () => {
      closing ??= deleteApp(app).finally(() => agent?.destroy());
      return closing;
    },
  };
}
