import type { Clock } from '../clock.js';
import type { Db } from '../workspace/database.js';

/**
 * The sandbox's "developer accounts": the APNs keys and FCM service accounts the simulators trust,
 * as Apple and Google would hold them. A key is registered the first time a sandbox channel uses
 * it, under the key id, team and bundle id given then; like Apple, the sandbox then remembers them,
 * so a later wrong key id, team or bundle id is refused as Apple would refuse it. Public keys only:
 * nothing here is secret.
 */
export interface ApnsKeyRecord {
  fingerprint: string;
  keyId: string;
  teamId: string;
  topics: string[];
  publicKeyPem: string;
}

export interface FcmAccountRecord {
  fingerprint: string;
  clientEmail: string;
  projectId: string;
  publicKeyPem: string;
}

export function createSandboxRegistry(db: Db, clock: Clock) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO sandbox_registrations (fingerprint, kind, record, created_at) VALUES (?, ?, ?, ?)`,
  );
  const byKind = db.prepare<[string], { record: string }>('SELECT record FROM sandbox_registrations WHERE kind = ? ORDER BY created_at');
  return {
    apnsKeys: (): ApnsKeyRecord[] => byKind.all('apns-key').map((r) => JSON.parse(r.record) as ApnsKeyRecord),
    fcmAccounts: (): FcmAccountRecord[] => byKind.all('fcm-account').map((r) => JSON.parse(r.record) as FcmAccountRecord),
    /**
     * Registers a key on its first use and says whether it did. A key already known, or a key id
     * already given to another key, is left as it is: Apple assigns a key id once.
     */
    addApnsKey(record: ApnsKeyRecord): boolean {
      const taken = byKind.all('apns-key').some((r) => {
        const known = JSON.parse(r.record) as ApnsKeyRecord;
        return known.fingerprint === record.fingerprint || known.keyId === record.keyId;
      });
      return !taken && insert.run(record.fingerprint, 'apns-key', JSON.stringify(record), clock.now().toISOString()).changes > 0;
    },
    /** Likewise for service accounts: one key per client_email, the first one seen. */
    addFcmAccount(record: FcmAccountRecord): boolean {
      const taken = byKind.all('fcm-account').some((r) => {
        const known = JSON.parse(r.record) as FcmAccountRecord;
        return known.fingerprint === record.fingerprint || known.clientEmail === record.clientEmail;
      });
      return !taken && insert.run(record.fingerprint, 'fcm-account', JSON.stringify(record), clock.now().toISOString()).changes > 0;
    },
  };
}

export type SandboxRegistry = ReturnType<typeof createSandboxRegistry>;
