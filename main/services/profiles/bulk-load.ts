import type { Db } from '../workspace/database.js';
import type { ProfileRecord } from './normalize.js';
import { TOKEN_INDEX_SQL } from './schema.js';

/**
 * The first import into an empty store, loaded without paying for the token index row by row.
 *
 * Push tokens are random: inserting two million of them one at a time into any index on them
 * dirties a different page for almost every row, and each batch's commit writes those pages to the
 * WAL again (it was two thirds of the bulk-load floor). When the store holds no profile at all,
 * the import instead drops the token index and its uniqueness triggers, writes rows without
 * looking anything up, and builds the index once at the end (one sort). What the lookups were for
 * is kept in memory: a set of 32-bit fingerprints of every identity and token written. A record
 * none of whose identities and tokens has been seen is certainly new and is written straight away;
 * one that hits (a duplicate in the file, or a rare fingerprint collision) is set aside and upserted
 * the ordinary way after the index is back, in file order. Its keys join the set when it is set
 * aside, so a later record that shares any of them waits too: the result is the same as upserting
 * every record in file order.
 *
 * Durability is the workspace's usual (WAL, synchronous NORMAL): no pragma is relaxed. If the
 * process dies mid-load, the batches already committed are whole profiles; the token index is
 * missing until the store is next opened, which recreates it (createProfileStore). The import can
 * then be run again: rows already imported are updated, not duplicated.
 */

/**
 * A 32-bit fingerprint of a string, never 0: cyrb53's two lanes (each code unit mixed into both),
 * folded. FNV-1a collided twenty times more often than chance on keys that differ in a few digits.
 */
export function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0 || 1;
}

/** A set of 32-bit fingerprints in one typed array (linear probing, at most 3/4 full): 32 MB at 5M keys. */
export class FingerprintSet {
  private table = new Uint32Array(1 << 20);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the fingerprint; true if it was already there. */
  add(fp: number): boolean {
    let mask = this.table.length - 1;
    let i = fp & mask;
    for (;;) {
      const slot = this.table[i]!;
      if (slot === 0) break;
      if (slot === fp) return true;
      i = (i + 1) & mask;
    }
    this.table[i] = fp;
    this.count += 1;
    if (this.count * 4 > this.table.length * 3) {
      const old = this.table;
      this.table = new Uint32Array(old.length * 2);
      mask = this.table.length - 1;
      for (const v of old) {
        if (v === 0) continue;
        let j = v & mask;
        while (this.table[j] !== 0) j = (j + 1) & mask;
        this.table[j] = v;
      }
    }
    return false;
  }
}

const identityKey = (namespace: string, value: string) => fingerprint(`i\u0000${namespace}\u0000${value}`);
const tokenKey = (appId: string, token: string) => fingerprint(`t\u0000${appId}\u0000${token}`);

/** Bulk loads running on a connection: ordinary writes to it (a simulated device syncing) add their keys too. */
const running = new WeakMap<Db, FingerprintSet>();

export function noteRegistrationWritten(db: Db, appId: string, token: string): void {
  running.get(db)?.add(tokenKey(appId, token));
}

export function noteIdentityWritten(db: Db, namespace: string, value: string): void {
  running.get(db)?.add(identityKey(namespace, value));
}

/** Recreates the token index and its triggers if a bulk load was cut short (idempotent; not while one runs). */
export function ensureTokenIndex(db: Db): void {
  if (!running.has(db)) db.exec(TOKEN_INDEX_SQL);
}

export interface BulkLoad {
  /** Writes a record that is certainly new and answers its profile id; undefined: set it aside for the ordinary upsert. */
  tryInsert(record: ProfileRecord, at: string): number | undefined;
  /** Builds the token index (and its uniqueness triggers) again; the bulk load is over. */
  finish(): void;
}

/** Starts a bulk load if the store holds no profile at all (else undefined: upsert as usual). */
export function beginBulkLoad(db: Db): BulkLoad | undefined {
  if (running.has(db) || db.prepare('SELECT 1 FROM profiles LIMIT 1').get()) return undefined;
  db.exec(`DROP TRIGGER IF EXISTS push_registrations_unique_token;
    DROP TRIGGER IF EXISTS push_registrations_unique_token_update;
    DROP INDEX IF EXISTS push_registrations_by_token;`);
  const seen = new FingerprintSet();
  running.set(db, seen);
  const s = {
    profile: db.prepare<[string, number, string, string]>('INSERT INTO profiles (attributes, is_test, created_at, updated_at) VALUES (jsonb(?), ?, ?, ?)'),
    identity: db.prepare<[string, string, number]>('INSERT INTO profile_identities (namespace, value, profile_id) VALUES (?, ?, ?)'),
    registration: db.prepare(
      `INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at)
       VALUES (@profileId, @appId, @platform, @token, @ecid, @registeredAt, @status, @reason, @registeredAt)`,
    ),
  };
  let finished = false;
  return {
    tryInsert(record, at) {
      let hit = false;
      // Every key joins the set, hit or not: a later record that shares one must wait too.
      for (const i of record.identities) if (seen.add(identityKey(i.namespace, i.value))) hit = true;
      for (const r of record.registrations) if (seen.add(tokenKey(r.appId, r.token))) hit = true;
      if (hit) return undefined;
      const profileId = Number(s.profile.run(JSON.stringify(record.attributes), record.isTest ? 1 : 0, at, at).lastInsertRowid);
      for (const i of record.identities) s.identity.run(i.namespace, i.value, profileId);
      for (const r of record.registrations) {
        s.registration.run({ profileId, appId: r.appId, platform: r.platform, token: r.token, ecid: r.ecid, registeredAt: r.registeredAt ?? at, status: r.status, reason: r.reason });
      }
      return profileId;
    },
    finish() {
      if (finished) return;
      finished = true;
      running.delete(db);
      ensureTokenIndex(db);
    },
  };
}
