import apn from '@parse/node-apn';
import type { ApnsTokenKey } from '../../simulators/credentials.js';

/** Where to send instead of Apple: the APNs simulator's listener for one environment. */
export interface ApnsTarget {
  host: string;
  port: number;
  /** The simulator's certificate, trusted for this connection only. */
  caPem: string;
}

export type ApnsAuth =
  | { key: Pick<ApnsTokenKey, 'keyId' | 'teamId' | 'privateKeyPem'> }
  | { certificate: { pfx: Buffer; passphrase: string } };

export type ApnsProviderOptions = ApnsAuth & {
  /** api.push.apple.com when true, api.sandbox.push.apple.com otherwise. */
  production: boolean;
  /** Omit for Apple itself. */
  target?: ApnsTarget;
  /** node-apn's own limits; a connection test wants a quick answer rather than retries. */
  connectionRetryLimit?: number;
  requestTimeout?: number;
};

/**
 * The @parse/node-apn Provider the delivery code sends with. Against Apple it gets nothing but the
 * credentials and the environment; against the simulator, its address, port and certificate.
 * Nothing else differs, so the simulator exercises the very code that talks to Apple.
 */
export function createApnsProvider(options: ApnsProviderOptions): apn.Provider {
  const auth =
    'key' in options
      ? { token: { key: options.key.privateKeyPem, keyId: options.key.keyId, teamId: options.key.teamId } }
      : { pfx: options.certificate.pfx, passphrase: options.certificate.passphrase };
  const limits = {
    ...(options.connectionRetryLimit !== undefined ? { connectionRetryLimit: options.connectionRetryLimit } : {}),
    ...(options.requestTimeout !== undefined ? { requestTimeout: options.requestTimeout } : {}),
  };
  if (!options.target) return new apn.Provider({ ...auth, ...limits, production: options.production });
  return new apn.Provider({
    ...auth,
    ...limits,
    production: options.production,
    address: options.target.host,
    port: options.target.port,
    ca: [options.target.caPem],
  });
}
