import type { Statement } from 'better-sqlite3';
import type { Db } from '../workspace/database.js';
import { FingerprintSet, identityKey, tokenKey } from './fingerprints.js';
import type { ProfileWireReader } from './import/wire.js';
import { TOKEN_INDEX_SQL } from './schema.js';

/**
 * The first import into an empty store, loaded without paying for the token index row by row.
 *
 * Push tokens are random: inserting two million of them one at a time into any index on them
 * dirties a different page for almost every row, and each batch's commit writes those pages to the
 * WAL again (it was two thirds of the bulk-load floor). When the store holds no profile at all,
 * the import instead drops the token index and its uniqueness triggers, writes rows without
 * looking anything up, and builds the index once at the end (one sort). What the lookups were for
 * is kept in memory: a set of 32-bit fingerprints (fingerprints.ts) of every identity and token
 * written; the reading worker computes each record's, this thread only looks them up. A record
 * none of whose identities and tokens has been seen is certainly new and is written straight away;
 * one that hits (a duplicate in the file, or a rare fingerprint collision) is set aside and upserted
 * the ordinary way after the index is back, in file order. Its keys join the set when it is set
 * aside, so a later record that shares any of them waits too: the result is the same as upserting
 * every record in file order.
 *
 * Durability is the workspace's usual (WAL, synchronous NORMAL); only the foreign key checks are
 * off while a batch of it is written, for rows that satisfy them by construction (`batch`). If the
 * process dies mid-load, the batches already committed are whole profiles; the token index is
 * missing until the store is next opened, which recreates it (createProfileStore). The import can
 * then be run again: rows already imported are updated, not duplicated.
 */

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
  /**
   * Runs `fn` (a batch) in one transaction, with foreign key checks off for it: every row the bulk
   * load writes refers to a profile it wrote earlier in the same transaction under a number it gave
   * (a failed statement rolls the whole batch back), so the check could only look the profile up
   * and find it, once per identity and registration (an eighth of the load's SQL time). Nothing
   * else writes in it: records the bulk load doesn't take are set aside or rejected by the caller.
   * The checks are back on when it returns, whatever happens.
   */
  batch<T>(fn: () => T): T;
  /**
   * Writes the records of a batch that are certainly new, straight from the batch (no objects
   * built), inside the caller's `batch` transaction; answers which were written (1) and which are set aside
   * (0) for the ordinary upsert. `eligible`: whether the record the reader is at may be loaded so.
   */
  write(batch: ProfileWireReader, at: string, eligible?: (record: ProfileWireReader) => boolean): Uint8Array;
  /** Builds the token index (and its uniqueness triggers) again; the bulk load is over. */
  finish(): void;
}

/** Rows bound to one INSERT statement: the per-statement costs (a call, a step, AUTOINCREMENT's bookkeeping) are paid once for as many. */
const ROWS_PER_STATEMENT = 64;

/**
 * An INSERT for many rows at once: values gathered row by row, then written as statements of
 * ROWS_PER_STATEMENT rows, the remainder one row at a time. `@at` (the batch's time) is bound once
 * per statement, however many rows use it. The statements are INSERT OR FAIL: a statement of many
 * rows that could stop halfway (the default, ABORT) makes SQLite copy every page it changes to a
 * statement journal first, to undo the statement alone (a temporary file: as many page writes as
 * the WAL's, for nothing). Here any error ends the whole batch, whose transaction rolls back.
 */
class MultiRowInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly width: number;
  private readonly timed: boolean;
  values: unknown[] = [];

  constructor(db: Db, head: string, row: string) {
    // The anonymous parameters only: `@at` is named.
    this.width = row.split('?').length - 1;
    this.timed = row.includes('@at');
    this.many = db.prepare(`${head} VALUES ${Array<string>(ROWS_PER_STATEMENT).fill(row).join(', ')}`);
    this.one = db.prepare(`${head} VALUES ${row}`);
  }

  flush(at: string): void {
    const values = this.values;
    this.values = [];
    const named = this.timed ? [{ at }] : [];
    const group = this.width * ROWS_PER_STATEMENT;
    let i = 0;
    for (; i + group <= values.length; i += group) this.many.run(values.slice(i, i + group), ...named);
    for (; i < values.length; i += this.width) this.one.run(values.slice(i, i + this.width), ...named);
  }
}

/** Starts a bulk load if the store holds no profile at all (else undefined: upsert as usual). */
export function beginBulkLoad(db: Db): BulkLoad | undefined {
  if (running.has(db) || db.prepare('SELECT 1 FROM profiles LIMIT 1').get()) return undefined;
  db.exec(`DROP TRIGGER IF EXISTS push_registrations_unique_token;
    DROP TRIGGER IF EXISTS push_registrations_unique_token_update;
    DROP INDEX IF EXISTS push_registrations_by_token;`);
  const seen = new FingerprintSet();
  running.set(db, seen);
  // Profiles get their numbers here, so that their identities and registrations can be written in
  // statements of their own: the number AUTOINCREMENT would give (above any ever used), read once a batch.
  const nextId = db.prepare<[], number>(
    `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'profiles'), 0), coalesce((SELECT max(id) FROM profiles), 0)) + 1`,
  ).pluck();
  const profiles = new MultiRowInsert(db, 'INSERT OR FAIL INTO profiles (id, attributes, is_test, created_at, updated_at)', '(?, jsonb(?), ?, @at, @at)');
  const identities = new MultiRowInsert(db, 'INSERT OR FAIL INTO profile_identities (namespace, value, profile_id)', '(?, ?, ?)');
  const registrations = new MultiRowInsert(
    db,
    'INSERT OR FAIL INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at)',
    // registered_at and status_at: the file's time of registration, else the batch's.
    '(?, ?, ?, ?, ?, coalesce(?, @at), ?, ?, coalesce(?, @at))',
  );
  let finished = false;
  return {
    batch(fn) {
      // A no-op inside a transaction: switched around it. (It acts when compiled: a prepared one would not do it again.)
      db.exec('PRAGMA foreign_keys = OFF');
      try {
        return db.transaction(fn)();
      } finally {
        db.exec('PRAGMA foreign_keys = ON');
      }
    },
    write(batch, at, eligible) {
      const written = new Uint8Array(batch.count);
      const ids = new Float64Array(batch.count);
      let next = nextId.get()!;
      for (let k = 0; k < batch.count; k += 1) {
        batch.at(k);
        if (eligible && !eligible(batch)) continue;
        let hit = false;
        // Every key joins the set, hit or not: a later record that shares one must wait too.
        const keys = batch.keys();
        for (let i = 0; i < keys.length; i += 1) if (seen.add(keys[i]!)) hit = true;
        if (hit) continue;
        const profileId = next++;
        written[k] = 1;
        ids[k] = profileId;
        profiles.values.push(profileId, batch.attributesJson(), batch.isTest() ? 1 : 0);
        for (let r = 0; r < batch.registrationCount(); r += 1) {
          const registeredAt = batch.registration(r, 4) || null;
          registrations.values.push(
            profileId,
            batch.registration(r, 0),
            batch.registration(r, 1),
            batch.registration(r, 2),
            batch.registration(r, 3) || null,
            registeredAt,
            batch.registration(r, 5),
            batch.registration(r, 6) || null,
            registeredAt,
          );
        }
      }
      // In the order the reader sorted them: the identity index filled one region at a time.
      const order = batch.wire.identityOrder;
      for (let j = 0; j < order.length; j += 2) {
        const k = order[j]!;
        if (written[k]) identities.values.push(batch.field(order[j + 1]!), batch.field(order[j + 1]! + 1), ids[k]);
      }
      try {
        // A table at a time (profiles first: the others refer to them), each B-tree's pages warm while it is written.
        profiles.flush(at);
        identities.flush(at);
        registrations.flush(at);
      } finally {
        // A failed statement rolls the batch back: none of its rows may be written with the next one.
        profiles.values = [];
        identities.values = [];
        registrations.values = [];
      }
      return written;
    },
    finish() {
      if (finished) return;
      finished = true;
      running.delete(db);
      ensureTokenIndex(db);
    },
  };
}
