import type { KeyObject } from 'node:crypto';
import { publicKeyFromPem } from '../credentials.js';
import type { ApnsEnvironment } from '../devices.js';

export interface ApnsKeyRegistration {
  keyId: string;
  teamId: string;
  /** The public key (SPKI PEM) or the .p8 private key itself; only the public half is kept. */
  key: string;
  /** Bundle ids the key may send to (topics with a push-type suffix derive from them). */
  topics: string[];
  /** Environments the key works in; both by default (Apple's newer keys can be scoped to one). */
  environments?: ApnsEnvironment[];
}

export interface RegisteredApnsKey {
  keyId: string;
  teamId: string;
  publicKey: KeyObject;
  topics: ReadonlySet<string>;
  environments: ReadonlySet<ApnsEnvironment>;
}

/** The keys the APNs simulator trusts, as Apple's developer account would hold them. */
export class ApnsKeyRegistry {
  private readonly keys = new Map<string, RegisteredApnsKey>();

  /** Parses the key once here, so no request ever parses a PEM. Replaces a key with the same id. */
  register(registration: ApnsKeyRegistration): RegisteredApnsKey {
    const entry: RegisteredApnsKey = {
      keyId: registration.keyId,
      teamId: registration.teamId,
      publicKey: publicKeyFromPem(registration.key),
      topics: new Set(registration.topics),
      environments: new Set(registration.environments ?? ['sandbox', 'production']),
    };
    if (entry.publicKey.asymmetricKeyType !== 'ec') throw new Error('An APNs key must be an EC P-256 key.');
    this.keys.set(entry.keyId, entry);
    return entry;
  }

  /** Revokes a key: tokens signed with it answer InvalidProviderToken from now on. */
  revoke(keyId: string): void {
    this.keys.delete(keyId);
  }

  get(keyId: string): RegisteredApnsKey | undefined {
    return this.keys.get(keyId);
  }
}
