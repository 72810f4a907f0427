import type { Rule } from '../../../shared/domain/audience.js';
import type { Identity, Platform, ProfileDetail, ProfileFilter, ProfileRow, Registration, RegistrationStatus } from '../../../shared/domain/profile.js';
import { StudioError } from '../../../shared/errors.js';
import { compileRule } from '../audiences/compile.js';
import { ensureTokenIndex, noteIdentityWritten, noteRegistrationWritten } from './bulk-load.js';
import type { Db } from '../workspace/database.js';
import type { EventRecord, ProfileRecord, RegistrationInput, RowProblem } from './normalize.js';

/**
 * The profile store: writes (upsert of profile records, events, live registration sync, status
 * changes) and the queries the Profiles screens, audiences and delivery use. Every statement is
 * prepared once with bound values; nothing is built from user text.
 */

export type WriteOutcome = { outcome: 'imported' | 'updated'; profileId: number } | ({ outcome: 'rejected' } & RowProblem);

export interface ReachableDevice {
  registrationId: number;
  profileId: number;
  appId: string;
  platform: Platform;
  token: string;
  ecid: string | null;
}

export interface SyncDeviceInput {
  appId: string;
  platform: Platform;
  token: string;
  /** The ECID the SDK has; a fresh install has none and gets a new one. */
  ecid?: string;
  /** An identity the app already knows (a login email): the profile to attach the device to. */
  profileHint?: Identity;
  /** The profile to attach the device to, when the caller knows it (a simulated device installed for a profile). */
  profileId?: number;
}

export interface SyncDeviceResult {
  profileId: number;
  ecid: string;
  registrationId: number;
  created: boolean;
}

interface RegistrationRow {
  id: number;
  profile_id: number;
  app_id: string;
  platform: Platform;
  token: string;
  ecid: string | null;
  registered_at: string;
  status: RegistrationStatus;
  status_reason: string | null;
  status_at: string;
}

/** 64 MB of 4 KB pages. */
const IMPORT_CHECKPOINT_PAGES = 16384;

/**
 * Settings for an import on this connection, restored by the function it returns:
 * - a 32 MB page cache (the default is 2 MB), so that the pages being filled and the upper levels
 *   of the indexes stay in memory between batches. 64 MB measured no faster, for a first import of
 *   1M profiles or for 100k upserted into 300k, and cost the memory.
 * - the WAL checkpointed every 64 MB instead of every 4 MB. Each checkpoint waits on two fsyncs
 *   (the WAL, then the database), and the thread that writes waits with it: for 300k profiles,
 *   197 checkpoints spent 1.1 s in fsync, 20 of them 0.4 s (strace). The WAL grows to 64 MB at
 *   most; restoring checkpoints what is left of it, so that the import pays for its own writes
 *   (not the user's next action).
 * Durability is unchanged (synchronous stays NORMAL, the journal WAL).
 */
export function bulkLoadSettings(db: Db, cacheKb = 32768): () => void {
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const checkpointBefore = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`cache_size = ${-cacheKb}`);
  db.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
  return () => {
    db.pragma(`cache_size = ${cacheBefore}`);
    db.pragma(`wal_autocheckpoint = ${checkpointBefore}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  };
}

/** The table's filters, and any audience rule on top (the browse filters' condition row). */
export type BrowseFilter = ProfileFilter & { rule?: Rule };

const PRIMARY_ORDER = ['email', 'phone', 'crmId', 'ECID'];

/** An event that reached a profile, as the journey engine hears of it. */
export interface StoredProfileEvent {
  id: number;
  type: string;
  timestamp: string;
  attributes: Record<string, unknown>;
}

/**
 * `onEvent` is the core's onProfileEvent hook (the journey engine): called for every event written
 * to a profile, imported or recorded live. It must not write (it may run inside an import batch).
 */
export function createProfileStore(db: Db, newEcid: () => string, onEvent?: (profileId: number, event: StoredProfileEvent) => void) {
  // A bulk load cut short (the process died) left the token index out: put it back.
  ensureTokenIndex(db);
  const s = {
    owner: db.prepare<[string, string], { profile_id: number }>('SELECT profile_id FROM profile_identities WHERE namespace = ? AND value = ?'),
    insertProfile: db.prepare<[string, number, string, string]>(
      'INSERT INTO profiles (attributes, is_test, created_at, updated_at) VALUES (jsonb(?), ?, ?, ?)',
    ),
    patchProfile: db.prepare<[string, string, number]>('UPDATE profiles SET attributes = jsonb_patch(attributes, jsonb(?)), updated_at = ? WHERE id = ?'),
    touchProfile: db.prepare<[string, number]>('UPDATE profiles SET updated_at = ? WHERE id = ?'),
    setTest: db.prepare<[{ isTest: number; at: string; id: number }]>('UPDATE profiles SET is_test = @isTest, updated_at = @at WHERE id = @id AND is_test != @isTest'),
    insertIdentity: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO profile_identities (namespace, value, profile_id) VALUES (?, ?, ?)'),
    insertRegistration: db.prepare(
      `INSERT INTO push_registrations (profile_id, app_id, platform, token, ecid, registered_at, status, status_reason, status_at)
       VALUES (@profileId, @appId, @platform, @token, @ecid, @registeredAt, @status, @reason, @registeredAt)`,
    ),
    // Through the index on the token's last 16 characters (schema version 5); the expression must stay the same to use it.
    registrationByTokenStmt: db.prepare<[string, string, string], RegistrationRow>(
      'SELECT * FROM push_registrations WHERE substr(token, -16) = substr(?, -16) AND app_id = ? AND token = ?',
    ),
    moveRegistration: db.prepare(
      `UPDATE push_registrations SET profile_id = @profileId, platform = @platform, ecid = @ecid, registered_at = @registeredAt WHERE id = @id`,
    ),
    setStatus: db.prepare('UPDATE push_registrations SET status = @status, status_reason = @reason, status_at = @at WHERE id = @id'),
    history: db.prepare('INSERT INTO registration_status_history (registration_id, status, reason, at) VALUES (@id, @status, @reason, @at)'),
    insertEvent: db.prepare<[number, string, string, string]>('INSERT INTO experience_events (profile_id, type, timestamp, attributes) VALUES (?, ?, ?, ?)'),
    profile: db.prepare<[number], { id: number; attributes: string; is_test: number; created_at: string; updated_at: string }>(
      'SELECT id, json(attributes) AS attributes, is_test, created_at, updated_at FROM profiles WHERE id = ?',
    ),
    identitiesOf: db.prepare<[number], Identity>('SELECT namespace, value FROM profile_identities WHERE profile_id = ? ORDER BY namespace, value'),
    registrationsOf: db.prepare<[number], RegistrationRow>('SELECT * FROM push_registrations WHERE profile_id = ? ORDER BY registered_at DESC, id DESC'),
    historyOf: db.prepare<[number], { status: RegistrationStatus; reason: string | null; at: string }>(
      'SELECT status, reason, at FROM registration_status_history WHERE registration_id = ? ORDER BY rowid',
    ),
    eventCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM experience_events WHERE profile_id = ?'),
    reachable: db.prepare<[number, string], ReachableDevice>(
      `SELECT id AS registrationId, profile_id AS profileId, app_id AS appId, platform, token, ecid
       FROM push_registrations WHERE profile_id = ? AND app_id = ? AND status = 'valid' ORDER BY id`,
    ),
    namespaces: db.prepare<[], { namespace: string }>(
      // Distinct namespaces by skipping through the primary key, not by scanning every identity.
      `WITH RECURSIVE ns(n) AS (SELECT min(namespace) FROM profile_identities
         UNION ALL SELECT (SELECT min(namespace) FROM profile_identities WHERE namespace > ns.n) FROM ns WHERE ns.n IS NOT NULL)
       SELECT n AS namespace FROM ns WHERE n IS NOT NULL`,
    ),
  };

  const now = () => new Date().toISOString();
  const registrationByToken = (appId: string, token: string) => s.registrationByTokenStmt.get(token, appId, token);

  function changeStatus(reg: { id: number; status: RegistrationStatus }, status: RegistrationStatus, reason: string | null, at: string): boolean {
    if (reg.status === status) return false;
    s.setStatus.run({ id: reg.id, status, reason, at });
    s.history.run({ id: reg.id, status, reason, at });
    return true;
  }

  function writeRegistration(profileId: number, r: RegistrationInput, at: string): number {
    const registeredAt = r.registeredAt ?? at;
    const existing = registrationByToken(r.appId, r.token);
    if (!existing) {
      noteRegistrationWritten(db, r.appId, r.token);
      const info = s.insertRegistration.run({ profileId, appId: r.appId, platform: r.platform, token: r.token, ecid: r.ecid, registeredAt, status: r.status, reason: r.reason });
      return Number(info.lastInsertRowid);
    }
    if (existing.profile_id !== profileId) {
      // The token now belongs to this profile: the device changed hands or signed in as someone else.
      s.moveRegistration.run({ id: existing.id, profileId, platform: r.platform, ecid: r.ecid ?? existing.ecid, registeredAt });
      s.history.run({ id: existing.id, status: r.status, reason: `moved from profile #${existing.profile_id}`, at });
      s.setStatus.run({ id: existing.id, status: r.status, reason: r.reason, at });
    } else {
      if (r.ecid && r.ecid !== existing.ecid) s.moveRegistration.run({ id: existing.id, profileId, platform: r.platform, ecid: r.ecid, registeredAt: existing.registered_at });
      changeStatus(existing, r.status, r.reason ?? (r.status === 'valid' ? 're-registered' : null), at);
    }
    return existing.id;
  }

  /** Insert or merge one profile record, matched by its identities in `idNamespace` (or by any of them). */
  function upsertProfile(record: ProfileRecord, idNamespace: string | null, at: string): WriteOutcome {
    const keys = idNamespace ? record.identities.filter((i) => i.namespace === idNamespace) : record.identities;
    if (keys.length === 0) {
      return { outcome: 'rejected', field: `identity.${idNamespace}`, reason: `no ${idNamespace} identity to match the profile by` };
    }
    let target: number | undefined;
    const owned = new Set<string>();
    for (const identity of record.identities) {
      const row = s.owner.get(identity.namespace, identity.value);
      if (!row) continue;
      owned.add(`${identity.namespace}\u0000${identity.value}`);
      const isKey = !idNamespace || identity.namespace === idNamespace;
      if (isKey) {
        if (target !== undefined && target !== row.profile_id) {
          return { outcome: 'rejected', field: `identity.${identity.namespace}`, reason: `${identity.namespace} ${identity.value} belongs to profile #${row.profile_id}, another identity of the row to profile #${target}` };
        }
        target = row.profile_id;
      }
    }
    // A non-key identity owned by a different profile would merge two people: refuse the row.
    if (idNamespace && owned.size > 0) {
      for (const identity of record.identities) {
        if (identity.namespace === idNamespace || !owned.has(`${identity.namespace}\u0000${identity.value}`)) continue;
        const row = s.owner.get(identity.namespace, identity.value)!;
        if (row.profile_id !== target) {
          return { outcome: 'rejected', field: `identity.${identity.namespace}`, reason: `${identity.namespace} ${identity.value} already belongs to profile #${row.profile_id}` };
        }
      }
    }
    const attributes = record.attributesJson ?? JSON.stringify(record.attributes);
    let outcome: 'imported' | 'updated';
    if (target === undefined) {
      target = Number(s.insertProfile.run(attributes, record.isTest ? 1 : 0, at, at).lastInsertRowid);
      outcome = 'imported';
    } else {
      if (attributes !== '{}') s.patchProfile.run(attributes, at, target);
      else s.touchProfile.run(at, target);
      if (record.isTest !== null) s.setTest.run({ isTest: record.isTest ? 1 : 0, at, id: target });
      outcome = 'updated';
    }
    for (const identity of record.identities) {
      if (owned.has(`${identity.namespace}\u0000${identity.value}`)) continue;
      s.insertIdentity.run(identity.namespace, identity.value, target);
      noteIdentityWritten(db, identity.namespace, identity.value);
    }
    for (const registration of record.registrations) writeRegistration(target, registration, at);
    return { outcome, profileId: target };
  }

  function addEvent(record: EventRecord): WriteOutcome {
    const owner = s.owner.get(record.identity.namespace, record.identity.value);
    if (!owner) {
      return { outcome: 'rejected', field: `identity.${record.identity.namespace}`, reason: `no profile has ${record.identity.namespace} ${record.identity.value}: import the profile first` };
    }
    const info = s.insertEvent.run(owner.profile_id, record.type, record.timestamp, JSON.stringify(record.attributes));
    onEvent?.(owner.profile_id, { id: Number(info.lastInsertRowid), type: record.type, timestamp: record.timestamp, attributes: record.attributes });
    return { outcome: 'imported', profileId: owner.profile_id };
  }

  /** An event recorded for a known profile (a simulated device, test mode's "fire event"). */
  function recordEvent(profileId: number, type: string, timestamp: string, attributes: Record<string, unknown> = {}): StoredProfileEvent {
    if (!s.profile.get(profileId)) throw new StudioError('not_found', `There is no profile #${profileId}.`);
    const info = s.insertEvent.run(profileId, type, timestamp, JSON.stringify(attributes));
    const event = { id: Number(info.lastInsertRowid), type, timestamp, attributes };
    onEvent?.(profileId, event);
    return event;
  }

  const toRegistration = (row: RegistrationRow): Registration => ({
    id: row.id,
    appId: row.app_id,
    platform: row.platform,
    token: row.token,
    ecid: row.ecid,
    registeredAt: row.registered_at,
    status: row.status,
    statusReason: row.status_reason,
    statusAt: row.status_at,
    history: s.historyOf.all(row.id),
  });

  const rowSql = `
    SELECT p.id, p.is_test, p.updated_at,
      coalesce(p.attributes ->> '$.name', nullif(trim(coalesce(p.attributes ->> '$.firstName', '') || ' ' || coalesce(p.attributes ->> '$.lastName', '')), ''),
               nullif(trim(coalesce(p.attributes ->> '$.person.name.firstName', '') || ' ' || coalesce(p.attributes ->> '$.person.name.lastName', '')), ''),
               nullif(trim(coalesce(p.attributes ->> '$.person.firstName', '') || ' ' || coalesce(p.attributes ->> '$.person.lastName', '')), '')) AS name,
      (SELECT json_group_array(json_array(namespace, value)) FROM profile_identities i WHERE i.profile_id = p.id) AS identities,
      (SELECT count(*) FROM push_registrations r WHERE r.profile_id = p.id) AS devices,
      (SELECT count(*) FROM push_registrations r WHERE r.profile_id = p.id AND r.status = 'valid') AS valid_devices
    FROM profiles p`;

  interface RawRow {
    id: number;
    is_test: number;
    updated_at: string;
    name: string | null;
    identities: string;
    devices: number;
    valid_devices: number;
  }

  const toRow = (r: RawRow): ProfileRow => {
    const ids = (JSON.parse(r.identities) as [string, string][]).map(([namespace, value]) => ({ namespace, value }));
    ids.sort((a, b) => rank(a.namespace) - rank(b.namespace));
    return {
      id: r.id,
      primaryIdentity: ids[0] ?? null,
      identityCount: ids.length,
      name: r.name && r.name.trim() ? r.name.trim() : null,
      validDevices: r.valid_devices,
      devices: r.devices,
      isTest: r.is_test === 1,
      updatedAt: r.updated_at,
    };
  };
  const rank = (ns: string) => {
    const i = PRIMARY_ORDER.indexOf(ns);
    return i < 0 ? PRIMARY_ORDER.length - 1 : i;
  };

  // Not cached: one index seek per namespace is cheaper than a list gone stale (a search right after
  // the first import found nothing while an empty list from before it was still kept).
  function namespaces(): string[] {
    return s.namespaces.all().map((r) => r.namespace);
  }

  /** WHERE clause of a filter, with its bound values. Identifiers come from constants only. */
  function filterSql(filter: BrowseFilter): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const search = filter.search?.trim();
    if (search) {
      const list = namespaces();
      if (list.length === 0) where.push('0');
      else {
        // Exact or prefix match on any namespace, through the (namespace, value) primary key.
        const lower = search.toLowerCase();
        const parts = list.map(() => '(namespace = ? AND value >= ? AND value < ?)').join(' OR ');
        where.push(`p.id IN (SELECT profile_id FROM profile_identities WHERE ${parts})`);
        for (const ns of list) {
          const v = ns === 'email' ? lower : search;
          params.push(ns, v, `${v}\uffff`);
        }
        if (/^\d+$/.test(search) && Number(search) <= Number.MAX_SAFE_INTEGER) {
          where[where.length - 1] = `(${where[where.length - 1]} OR p.id = ?)`;
          params.push(Number(search));
        }
      }
    }
    if (filter.attribute) {
      const path = `$.${filter.attribute.path.split('.').map((seg) => `"${seg}"`).join('.')}`;
      if (filter.attribute.value === undefined || filter.attribute.value === '') {
        where.push("coalesce(json_type(p.attributes, ?) NOT IN ('null'), 0)");
        params.push(path);
      } else {
        where.push("json_type(p.attributes, ?) IN ('text', 'integer', 'real', 'true', 'false') AND CAST(CASE json_type(p.attributes, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE p.attributes ->> ? END AS TEXT) = ?");
        params.push(path, path, path, filter.attribute.value);
      }
    }
    if (filter.reachable) {
      where.push(
        `p.id IN (SELECT profile_id FROM push_registrations WHERE app_id = ? AND status = 'valid'${filter.reachable.platform ? ' AND platform = ?' : ''})`,
      );
      params.push(filter.reachable.appId);
      if (filter.reachable.platform) params.push(filter.reachable.platform);
    }
    if (filter.testOnly) where.push('p.is_test = 1');
    if (filter.rule) {
      const compiled = compileRule(filter.rule, new Date());
      where.push(compiled.where);
      params.push(...compiled.params);
    }
    return { where, params };
  }

  return {
    db,
    upsertProfile,
    addEvent,
    recordEvent,
    /** Runs `fn` in one transaction: what a batch of an import writes lands whole or not at all. */
    batch<T>(fn: () => T): T {
      return db.transaction(fn)();
    },

    page(filter: BrowseFilter, { offset, limit, afterId, withTotal }: { offset: number; limit: number; afterId?: number; withTotal: boolean }) {
      const { where, params } = filterSql(filter);
      const pageWhere = afterId !== undefined ? [...where, 'p.id > ?'] : where;
      const pageParams = afterId !== undefined ? [...params, afterId] : params;
      const clause = pageWhere.length ? ` WHERE ${pageWhere.join(' AND ')}` : '';
      const rows = db
        .prepare<unknown[], RawRow>(`${rowSql}${clause} ORDER BY p.id LIMIT ? OFFSET ?`)
        .all(...pageParams, limit, afterId !== undefined ? 0 : offset);
      let total: number | null = null;
      if (withTotal) {
        const countClause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
        total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM profiles p${countClause}`).get(...params)!.n;
      }
      return { items: rows.map(toRow), total };
    },

    /** Attribute paths (leaves, not array items) seen on the newest profiles, with their JSON types. */
    attributePaths(sample = 2000): { path: string; types: string[] }[] {
      const rows = db
        .prepare<[number], { fullkey: string; type: string }>(
          `SELECT DISTINCT t.fullkey, t.type FROM (SELECT attributes FROM profiles ORDER BY id DESC LIMIT ?) p, json_tree(p.attributes) t
           WHERE t.type != 'object' AND t.fullkey NOT LIKE '%[%' LIMIT 5000`,
        )
        .all(sample);
      const paths = new Map<string, Set<string>>();
      for (const row of rows) {
        // $.loyalty.tier; keys json_tree quotes ($."odd key") are not rule paths.
        const path = row.fullkey.replace(/^\$\.?/, '');
        if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path)) continue;
        const type = row.type === 'true' || row.type === 'false' ? 'boolean' : row.type === 'integer' || row.type === 'real' ? 'number' : row.type;
        if (!paths.has(path)) paths.set(path, new Set());
        paths.get(path)!.add(type);
      }
      return [...paths].map(([path, types]) => ({ path, types: [...types].sort() })).sort((a, b) => a.path.localeCompare(b.path));
    },

    rowsByIds(ids: number[]): ProfileRow[] {
      if (ids.length === 0) return [];
      const rows = db.prepare<unknown[], RawRow>(`${rowSql} WHERE p.id IN (${ids.map(() => '?').join(',')}) ORDER BY p.id`).all(...ids);
      return rows.map(toRow);
    },

    get(id: number): ProfileDetail {
      const p = s.profile.get(id);
      if (!p) throw new StudioError('not_found', `There is no profile #${id}. It may not have been imported into this workspace.`);
      return {
        id: p.id,
        identities: s.identitiesOf.all(id),
        attributes: JSON.parse(p.attributes) as Record<string, unknown>,
        registrations: s.registrationsOf.all(id).map(toRegistration),
        isTest: p.is_test === 1,
        createdAt: p.created_at,
        updatedAt: p.updated_at,
        eventCount: s.eventCount.get(id)!.n,
      };
    },

    /** Newest first by timestamp (then id); `beforeId` pages on from that event, in the same order. */
    events(id: number, beforeId: number | undefined, limit: number) {
      const after = beforeId ? db.prepare<[number, number], { timestamp: string }>('SELECT timestamp FROM experience_events WHERE id = ? AND profile_id = ?').get(beforeId, id) : undefined;
      if (beforeId && !after) return { items: [], more: false };
      const rows = db
        .prepare<unknown[], { id: number; type: string; timestamp: string; attributes: string }>(
          `SELECT id, type, timestamp, attributes FROM experience_events WHERE profile_id = ?${after ? ' AND (timestamp < ? OR (timestamp = ? AND id < ?))' : ''} ORDER BY timestamp DESC, id DESC LIMIT ?`,
        )
        .all(...(after ? [id, after.timestamp, after.timestamp, beforeId, limit + 1] : [id, limit + 1]));
      return {
        items: rows.slice(0, limit).map((r) => ({ ...r, attributes: JSON.parse(r.attributes) as Record<string, unknown> })),
        more: rows.length > limit,
      };
    },

    setTest(ids: number[], isTest: boolean): number[] {
      const at = now();
      return db.transaction(() => ids.filter((id) => s.setTest.run({ isTest: isTest ? 1 : 0, at, id }).changes === 1))();
    },

    stats() {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return {
        profiles: one('SELECT count(*) AS n FROM profiles'),
        registrations: one('SELECT count(*) AS n FROM push_registrations'),
        events: one('SELECT count(*) AS n FROM experience_events'),
        testProfiles: one('SELECT count(*) AS n FROM profiles WHERE is_test = 1'),
        namespaces: namespaces(),
        apps: db
          .prepare<[], { appId: string; platform: Platform; valid: number }>(
            `SELECT app_id AS appId, platform, count(*) AS valid FROM push_registrations WHERE status = 'valid' GROUP BY app_id, platform ORDER BY app_id, platform`,
          )
          .all(),
        eventTypes: db
          .prepare<[], { type: string }>(
            `WITH RECURSIVE t(n) AS (SELECT min(type) FROM experience_events
               UNION ALL SELECT (SELECT min(type) FROM experience_events WHERE type > t.n) FROM t WHERE t.n IS NOT NULL)
             SELECT n AS type FROM t WHERE n IS NOT NULL LIMIT 200`,
          )
          .all()
          .map((r) => r.type),
      };
    },

    /** Every valid device of a profile for an app, across all of its ECIDs: whom a push to the profile reaches. */
    reachableDevices(profileId: number, appId: string, platform?: Platform): ReachableDevice[] {
      return s.reachable.all(profileId, appId).filter((d) => !platform || d.platform === platform);
    },

    /** A provider said the token is dead (or it was denylisted): record the change and why. */
    setRegistrationStatus(appId: string, token: string, status: RegistrationStatus, reason: string, at = now()): boolean {
      const reg = registrationByToken(appId, token);
      if (!reg) return false;
      return db.transaction(() => changeStatus(reg, status, reason, at))();
    },

    /**
     * What the mobile SDK does when the app starts on a device: the token from APNs/FCM is synced to
     * a profile under the device's ECID. A fresh install has no ECID: it gets a new one, on the
     * profile of `profileHint` when the app knows who is signed in, else on a new profile.
     * A reinstall is a fresh install: a new token under a new ECID, on the same profile when the app
     * knows the user. The old registration stays valid here, as it does at the providers for a while:
     * on Android the old token later answers UNREGISTERED and on iOS it is not reliably invalidated,
     * so it is the delivery feedback (setRegistrationStatus) that marks it invalid, never a guess.
     */
    syncDeviceRegistration(input: SyncDeviceInput): SyncDeviceResult {
      const at = now();
      return db.transaction((): SyncDeviceResult => {
        const ecid = input.ecid ?? newEcid();
        let profileId = s.owner.get('ECID', ecid)?.profile_id;
        if (profileId === undefined && input.profileId !== undefined) {
          if (!s.profile.get(input.profileId)) throw new StudioError('not_found', `There is no profile #${input.profileId}.`);
          profileId = input.profileId;
        }
        if (profileId === undefined && input.profileHint) profileId = s.owner.get(input.profileHint.namespace, input.profileHint.value)?.profile_id;
        let created = false;
        if (profileId === undefined) {
          profileId = Number(s.insertProfile.run('{}', 0, at, at).lastInsertRowid);
          created = true;
          if (input.profileHint) {
            s.insertIdentity.run(input.profileHint.namespace, input.profileHint.value, profileId);
            noteIdentityWritten(db, input.profileHint.namespace, input.profileHint.value);
          }
        } else s.touchProfile.run(at, profileId);
        s.insertIdentity.run('ECID', ecid, profileId);
        noteIdentityWritten(db, 'ECID', ecid);
        const registrationId = writeRegistration(
          profileId,
          { appId: input.appId, platform: input.platform, token: input.token, ecid, registeredAt: at, status: 'valid', reason: null },
          at,
        );
        return { profileId, ecid, registrationId, created };
      })();
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
