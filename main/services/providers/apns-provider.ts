import apn from '@parse/node-apn';
import type { ApnsTokenKey } from '../../simulators/credentials.js';

/** Where to send instead of Apple: the APNs simulator's listener for one environment. */
export interface ApnsTarget {
  host: string;
  port: number;
  /** The simulator's certificate, trusted for this connection only. */
  caPem: string;
}

export interface ApnsProviderOptions {
  key: Pick<ApnsTokenKey, 'keyId' | 'teamId' | 'privateKeyPem'>;
  /** api.push.apple.com when true, api.sandbox.push.apple.com otherwise. */
  production: boolean;
  /** Omit for Apple itself. */
  target?: ApnsTarget;
}

/**
 * The @parse/node-apn Provider the delivery code sends with. Against Apple it gets nothing but the
 * key and the environment; against the simulator, its address, port and certificate. Nothing else
 * differs, so the simulator exercises the very code that talks to Apple.
 */
export function createApnsProvider(options: ApnsProviderOptions): apn.Provider {
  const token = { key: options.key.privateKeyPem, keyId: options.key.keyId, teamId: options.key.teamId };
  if (!options.target) return new apn.Provider({ token, production: options.production });
  return new apn.Provider({
    token,
    production: options.production,
    address: options.target.host,
    port: options.target.port,
    ca: [options.target.caPem],
  });
}
