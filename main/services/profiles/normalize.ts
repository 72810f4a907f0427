import { ISO_DATE } from '../../../shared/domain/audience.js';
import { type Identity, type Platform, type RegistrationStatus, platforms, registrationStatuses } from '../../../shared/domain/profile.js';

/**
 * Turning the rows of an import file into profile records, or into a rejection that says which
 * field is wrong and why. Pure functions: no store, no I/O, so every bad-input case is tested here.
 */

export interface RegistrationInput {
  appId: string;
  platform: Platform;
  token: string;
  ecid: string | null;
  registeredAt: string | null;
  status: RegistrationStatus;
  reason: string | null;
}

export interface ProfileRecord {
  identities: Identity[];
  attributes: Record<string, unknown>;
  /** The attributes as JSON, when already written out (normalising measures their size that way): written as is. */
  attributesJson?: string;
  registrations: RegistrationInput[];
  isTest: boolean | null;
}

export interface EventRecord {
  identity: Identity;
  type: string;
  timestamp: string;
  attributes: Record<string, unknown>;
}

export interface RowProblem {
  field: string;
  reason: string;
}

export type Normalized<T> = { ok: true; record: T } | ({ ok: false } & RowProblem);

export const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ATTRIBUTE_BYTES = 64 * 1024;
const MAX_DEPTH = 16;

const fail = (field: string, reason: string): { ok: false } & RowProblem => ({ ok: false, field, reason });

/** Well-known namespaces are matched whatever their case (XDM says Email, CSV files say email). */
const CANONICAL_NAMESPACES: Record<string, string> = { ecid: 'ECID', email: 'email', phone: 'phone', crmid: 'crmId' };

export function canonicalNamespace(namespace: string): string {
  return CANONICAL_NAMESPACES[namespace.toLowerCase()] ?? namespace;
}

const NAMESPACE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export function normalizeIdentityValue(namespace: string, value: string): string {
  const trimmed = value.trim();
  return namespace === 'email' ? trimmed.toLowerCase() : trimmed;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Why an identity value can't be one, or undefined when it can. */
export function identityProblem(namespace: string, value: string): string | undefined {
  if (value.length > 512) return 'identity is longer than 512 characters';
  if (namespace === 'email' && !EMAIL.test(value)) return `"${value.slice(0, 60)}" is not an email address`;
  return undefined;
}

/** A timestamp as text (ISO 8601) or epoch milliseconds, to ISO 8601 UTC; undefined when it is not one. */
export function toIsoTime(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{10,13}$/.test(text)) return toIsoTime(Number(text.length === 10 ? Number(text) * 1000 : text));
  if (!ISO_DATE.test(text)) return undefined;
  const withZone = /T/.test(text) && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : text;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const HEX = /^[0-9a-fA-F]+$/;
const FCM_TOKEN = /^[A-Za-z0-9_:.-]+$/;

export function normalizeRegistration(raw: Record<string, unknown>, field: string): Normalized<RegistrationInput> {
  const appId = typeof raw.appId === 'string' ? raw.appId.trim() : '';
  if (!appId) return fail(`${field}.appId`, 'app id is empty (the bundle id or package name the token is for)');
  const platform = typeof raw.platform === 'string' ? raw.platform.trim() : '';
  if (!(platforms as readonly string[]).includes(platform)) {
    return fail(`${field}.platform`, `unknown platform "${String(raw.platform ?? '').slice(0, 40)}" (use apns, apnsSandbox or fcm)`);
  }
  const token = typeof raw.token === 'string' ? raw.token.trim() : '';
  if (!token) return fail(`${field}.token`, 'token is empty');
  if (token.length > 4096) return fail(`${field}.token`, 'token is longer than 4096 characters');
  if (platform !== 'fcm' && !HEX.test(token)) return fail(`${field}.token`, 'an APNs token must be hexadecimal');
  if (platform === 'fcm' && !FCM_TOKEN.test(token)) return fail(`${field}.token`, 'an FCM token holds only letters, digits and _ : . -');
  const ecid = typeof raw.ecid === 'string' && raw.ecid.trim() ? raw.ecid.trim() : null;
  let registeredAt: string | null = null;
  if (raw.registeredAt !== undefined && raw.registeredAt !== null && raw.registeredAt !== '') {
    registeredAt = toIsoTime(raw.registeredAt) ?? null;
    if (!registeredAt) return fail(`${field}.registeredAt`, 'not a date (use ISO 8601 like 2025-03-01T10:00:00Z)');
  }
  let status: RegistrationStatus = 'valid';
  if (raw.status !== undefined && raw.status !== null && raw.status !== '') {
    if (!(registrationStatuses as readonly unknown[]).includes(raw.status)) {
      return fail(`${field}.status`, `unknown status "${String(raw.status).slice(0, 40)}" (use valid, invalid or denylisted)`);
    }
    status = raw.status as RegistrationStatus;
  }
  const reason = typeof raw.reason === 'string' && raw.reason.trim() ? raw.reason.trim().slice(0, 500) : null;
  return {
    ok: true,
    record: { appId, platform: platform as Platform, token: platform === 'fcm' ? token : token.toLowerCase(), ecid, registeredAt, status, reason },
  };
}

/** Attributes must be a plain object of JSON values, no reserved keys, at most 16 deep and 64 KB. */
export function checkAttributes(value: unknown, field = 'attributes'): RowProblem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { field, reason: 'must be an object' };
  const walk = (node: unknown, path: string, depth: number): RowProblem | undefined => {
    if (depth > MAX_DEPTH) return { field: path, reason: `nested more than ${MAX_DEPTH} levels deep` };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) {
        const problem = walk(node[i], `${path}[${i}]`, depth + 1);
        if (problem) return problem;
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        if (RESERVED_KEYS.has(key)) return { field: `${path}.${key}`, reason: `"${key}" is a reserved name: rename the attribute` };
        const problem = walk((node as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return walk(value, field, 0);
}

function identitiesFrom(raw: unknown, field: string): Normalized<Identity[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(field, 'must be an object of namespace → value (or list of values)');
  const out: Identity[] = [];
  for (const [ns, values] of Object.entries(raw)) {
    if (!NAMESPACE.test(ns)) return fail(`${field}.${ns}`, 'not a namespace name (letters, digits, _ . -, starting with a letter)');
    const namespace = canonicalNamespace(ns);
    for (const v of Array.isArray(values) ? values : [values]) {
      if (typeof v !== 'string' && typeof v !== 'number') return fail(`${field}.${ns}`, 'identity values must be text');
      const value = normalizeIdentityValue(namespace, String(v));
      if (!value) continue;
      const problem = identityProblem(namespace, value);
      if (problem) return fail(`${field}.${ns}`, problem);
      out.push({ namespace, value });
    }
  }
  return { ok: true, record: dedupeIdentities(out) };
}

export function dedupeIdentities(list: Identity[]): Identity[] {
  // A record has a handful of identities: comparing pairs costs less than building keys for a set.
  const out: Identity[] = [];
  for (const i of list) if (!out.some((o) => o.value === i.value && o.namespace === i.namespace)) out.push(i);
  return out.length === list.length ? list : out;
}

function finish(record: ProfileRecord): Normalized<ProfileRecord> {
  // Each registration's ECID is an identity of the profile too.
  for (const r of record.registrations) if (r.ecid) record.identities.push({ namespace: 'ECID', value: r.ecid });
  record.identities = dedupeIdentities(record.identities);
  if (record.identities.length === 0) return fail('identities', 'the profile has no identity (email, ECID, phone, CRM id...)');
  const json = JSON.stringify(record.attributes);
  if (json.length > MAX_ATTRIBUTE_BYTES) return fail('attributes', `attributes are ${json.length} bytes; at most 64 KB`);
  record.attributesJson = json;
  return { ok: true, record };
}

const JSON_KEYS = new Set(['identities', 'attributes', 'pushRegistrations', 'test']);

/** The studio's own JSON shape: {identities, attributes, pushRegistrations, test}. */
export function normalizeJsonProfile(raw: unknown): Normalized<ProfileRecord> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(record)', 'each record must be a JSON object');
  if ('identityMap' in raw) return normalizeXdmProfile(raw);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!JSON_KEYS.has(key)) return fail(key, 'unknown field (expected identities, attributes, pushRegistrations, test)');
  }
  const ids = identitiesFrom(obj.identities ?? {}, 'identities');
  if (!ids.ok) return ids;
  const attributes = (obj.attributes ?? {}) as Record<string, unknown>;
  const problem = checkAttributes(attributes);
  if (problem) return fail(problem.field, problem.reason);
  const registrations: RegistrationInput[] = [];
  const regs = obj.pushRegistrations ?? [];
  if (!Array.isArray(regs)) return fail('pushRegistrations', 'must be a list');
  for (let i = 0; i < regs.length; i += 1) {
    const reg = regs[i];
    if (typeof reg !== 'object' || reg === null) return fail(`pushRegistrations[${i}]`, 'must be an object');
    const r = normalizeRegistration(reg as Record<string, unknown>, `pushRegistrations[${i}]`);
    if (!r.ok) return r;
    registrations.push(r.record);
  }
  if (obj.test !== undefined && typeof obj.test !== 'boolean') return fail('test', 'must be true or false');
  return finish({ identities: ids.record, attributes, registrations, isTest: (obj.test as boolean | undefined) ?? null });
}

const XDM_SKIP = new Set(['_id', 'identityMap', 'pushNotificationDetails', '_repo', 'timestamp']);

/** Experience Platform's XDM profile export: identityMap, pushNotificationDetails, other fields are attributes. */
export function normalizeXdmProfile(raw: unknown): Normalized<ProfileRecord> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(record)', 'each record must be a JSON object');
  const obj = raw as Record<string, unknown>;
  const map = obj.identityMap;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return fail('identityMap', 'missing: an XDM profile has an identityMap');
  const identities: Identity[] = [];
  for (const [ns, entries] of Object.entries(map)) {
    if (!NAMESPACE.test(ns)) return fail(`identityMap.${ns}`, 'not a namespace name');
    if (!Array.isArray(entries)) return fail(`identityMap.${ns}`, 'must be a list of {id}');
    for (const entry of entries) {
      const id = (entry as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return fail(`identityMap.${ns}`, 'each entry needs an id');
      const namespace = canonicalNamespace(ns);
      const value = normalizeIdentityValue(namespace, id);
      const problem = value ? identityProblem(namespace, value) : undefined;
      if (problem) return fail(`identityMap.${ns}`, problem);
      if (value) identities.push({ namespace, value });
    }
  }
  const registrations: RegistrationInput[] = [];
  const details = obj.pushNotificationDetails ?? [];
  if (!Array.isArray(details)) return fail('pushNotificationDetails', 'must be a list');
  for (let i = 0; i < details.length; i += 1) {
    const d = details[i] as Record<string, unknown> | null;
    const field = `pushNotificationDetails[${i}]`;
    if (typeof d !== 'object' || d === null) return fail(field, 'must be an object');
    const identity = d.identity as { namespace?: { code?: unknown }; xid?: unknown } | undefined;
    const ecid = identity && String(identity.namespace?.code ?? '').toUpperCase() === 'ECID' && typeof identity.xid === 'string' ? identity.xid : null;
    const r = normalizeRegistration(
      {
        appId: d.appID,
        platform: d.platform,
        token: d.token,
        ecid,
        status: d.denylisted === true ? 'denylisted' : 'valid',
        reason: d.denylisted === true ? 'denylisted in the Experience Platform export' : undefined,
      },
      field,
    );
    if (!r.ok) return r;
    registrations.push(r.record);
  }
  const attributes: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (XDM_SKIP.has(key)) continue;
    if (RESERVED_KEYS.has(key)) return fail(key, `"${key}" is a reserved name: rename the attribute`);
    attributes[key] = obj[key];
  }
  const problem = checkAttributes(attributes);
  if (problem) return fail(problem.field, problem.reason);
  return finish({ identities, attributes, registrations, isTest: null });
}

// ---- CSV --------------------------------------------------------------------------------------

type ColumnType = 'auto' | 'string' | 'number' | 'boolean' | 'date';
type Column =
  | { kind: 'identity'; namespace: string; name: string }
  | { kind: 'push'; index: number; field: string; name: string }
  | { kind: 'test'; name: string }
  | { kind: 'attribute'; path: string[]; type: ColumnType; name: string }
  | { kind: 'event'; field: 'type' | 'timestamp'; name: string };

export interface CsvLayout {
  columns: Column[];
  /** Each push slot in order, with the column of each of PUSH_FIELD_LIST's fields (-1: no such column). */
  pushSlots: { field: string; columns: number[] }[];
  /** The columns of `test`, `type` and `timestamp` (-1: none). */
  test: number;
  type: number;
  timestamp: number;
}

const PUSH_FIELD_LIST = ['appId', 'platform', 'token', 'ecid', 'registeredAt', 'status', 'reason'] as const;
const PUSH_FIELDS = new Set<string>(PUSH_FIELD_LIST);
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Reads the header row. Throws a message (the file is refused whole) when it cannot be a profile CSV. */
export function csvLayout(header: string[], kind: 'profiles' | 'events'): CsvLayout {
  const columns: Column[] = [];
  const seen = new Set<string>();
  const slots = new Set<number>();
  for (const rawName of header) {
    const name = rawName.trim();
    if (!name) throw new Error('The header row has an empty column name: name every column.');
    if (seen.has(name)) throw new Error(`The header row names "${name}" twice: each column must be unique.`);
    seen.add(name);
    const parts = name.split('.');
    if (parts[0] === 'identity' && parts.length === 2) {
      if (!NAMESPACE.test(parts[1]!)) throw new Error(`Column "${name}": "${parts[1]}" is not a namespace name.`);
      columns.push({ kind: 'identity', namespace: canonicalNamespace(parts[1]!), name });
      continue;
    }
    if (kind === 'profiles' && parts[0] === 'push' && parts.length === 3 && /^\d{1,2}$/.test(parts[1]!) && PUSH_FIELDS.has(parts[2]!)) {
      slots.add(Number(parts[1]));
      columns.push({ kind: 'push', index: Number(parts[1]), field: parts[2]!, name });
      continue;
    }
    if (kind === 'profiles' && name === 'test') {
      columns.push({ kind: 'test', name });
      continue;
    }
    if (kind === 'events' && (name === 'type' || name === 'timestamp')) {
      columns.push({ kind: 'event', field: name, name });
      continue;
    }
    const [pathText, typeText] = name.split(':') as [string, string | undefined];
    const type = (typeText ?? 'auto') as ColumnType;
    if (!['auto', 'string', 'number', 'boolean', 'date'].includes(type)) {
      throw new Error(`Column "${name}": unknown type "${typeText}" (use :string, :number, :boolean or :date).`);
    }
    const path = pathText.split('.');
    for (const segment of path) {
      if (RESERVED_KEYS.has(segment)) throw new Error(`Column "${name}": "${segment}" is a reserved name. Rename the column.`);
      if (!SEGMENT.test(segment)) throw new Error(`Column "${name}" is not an attribute name (letters, digits, _ and -, dotted for nesting).`);
    }
    columns.push({ kind: 'attribute', path: kind === 'events' && path[0] === 'attributes' && path.length > 1 ? path.slice(1) : path, type, name });
  }
  if (!columns.some((c) => c.kind === 'identity')) {
    throw new Error(
      'This is not a profile CSV: the header row has no identity column (identity.email, identity.ECID, identity.phone, ...). See docs/profile-import.md.',
    );
  }
  if (kind === 'events' && !columns.some((c) => c.kind === 'event' && c.field === 'type')) {
    throw new Error('This is not an events CSV: the header row has no "type" column. See docs/profile-import.md.');
  }
  // Where each row's cells are, worked out once per file rather than looked up by name per row.
  const at = (match: (c: Column) => boolean) => columns.findIndex(match);
  const pushSlots = [...slots]
    .sort((a, b) => a - b)
    .map((slot) => ({ field: `push.${slot}`, columns: PUSH_FIELD_LIST.map((f) => at((c) => c.kind === 'push' && c.index === slot && c.field === f)) }));
  const event = (field: string) => at((c) => c.kind === 'event' && c.field === field);
  return { columns, pushSlots, test: at((c) => c.kind === 'test'), type: event('type'), timestamp: event('timestamp') };
}

const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

/** A cell that is not of its column's type (coerce answers this, and `uncoercible` says why). */
const UNCOERCIBLE = Symbol('uncoercible');

/** A cell's value as its column's type says (without an object per cell: a file has millions). */
function coerce(text: string, type: ColumnType): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'number': {
      const n = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(n) ? n : UNCOERCIBLE;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true' || t === 'yes' || t === '1') return true;
      if (t === 'false' || t === 'no' || t === '0') return false;
      return UNCOERCIBLE;
    }
    case 'date':
      return toIsoTime(text) ?? UNCOERCIBLE;
    default:
      if (NUMBER.test(text)) return Number(text);
      if (text === 'true') return true;
      if (text === 'false') return false;
      return text;
  }
}

function uncoercible(text: string, type: ColumnType): string {
  const shown = `"${text.slice(0, 40)}"`;
  if (type === 'number') return `${shown} is not a number`;
  if (type === 'boolean') return `${shown} is not true or false`;
  return `${shown} is not a date (use ISO 8601)`;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): boolean {
  let node = target;
  for (let i = 0; i < path.length - 1; i += 1) {
    const key = path[i]!;
    const next = node[key];
    if (next === undefined) node = node[key] = {} as Record<string, unknown>;
    else if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else return false;
  }
  const last = path[path.length - 1]!;
  if (typeof node[last] === 'object' && node[last] !== null) return false;
  node[last] = value;
  return true;
}

/** The identities and attributes of a row (the cells of other columns are read by their callers). */
function csvCommon(layout: CsvLayout, row: string[]): Normalized<{ identities: Identity[]; attributes: Record<string, unknown> }> {
  if (row.length !== layout.columns.length) {
    return fail('(row)', `has ${row.length} columns; the header has ${layout.columns.length}`);
  }
  const identities: Identity[] = [];
  const attributes: Record<string, unknown> = {};
  for (let i = 0; i < row.length; i += 1) {
    const column = layout.columns[i]!;
    const text = row[i]!;
    if (column.kind === 'identity') {
      for (const part of text.includes('|') ? text.split('|') : [text]) {
        const value = normalizeIdentityValue(column.namespace, part);
        const problem = value ? identityProblem(column.namespace, value) : undefined;
        if (problem) return fail(column.name, problem);
        if (value) identities.push({ namespace: column.namespace, value });
      }
    } else if (column.kind === 'attribute') {
      if (text === '') continue;
      const value = coerce(text, column.type);
      if (value === UNCOERCIBLE) return fail(column.name, uncoercible(text, column.type));
      if (!setPath(attributes, column.path, value)) return fail(column.name, 'conflicts with another column that sets the same attribute');
    }
  }
  return { ok: true, record: { identities, attributes } };
}

/** A cell with something in it, or undefined (no such column, or blank). */
const filled = (row: string[], column: number): string | undefined => {
  const text = column < 0 ? undefined : row[column];
  return text === undefined || text === '' || text.trim() === '' ? undefined : text;
};

export function normalizeCsvProfile(layout: CsvLayout, row: string[]): Normalized<ProfileRecord> {
  const common = csvCommon(layout, row);
  if (!common.ok) return common;
  const { identities, attributes } = common.record;
  const registrations: RegistrationInput[] = [];
  for (const slot of layout.pushSlots) {
    let raw: Record<string, unknown> | undefined;
    for (let f = 0; f < PUSH_FIELD_LIST.length; f += 1) {
      const text = filled(row, slot.columns[f]!);
      if (text !== undefined) (raw ??= {})[PUSH_FIELD_LIST[f]!] = text;
    }
    if (!raw) continue;
    const r = normalizeRegistration(raw, slot.field);
    if (!r.ok) return r;
    registrations.push(r.record);
  }
  let isTest: boolean | null = null;
  const test = filled(row, layout.test);
  if (test !== undefined) {
    const value = coerce(test, 'boolean');
    if (value === UNCOERCIBLE) return fail('test', uncoercible(test, 'boolean'));
    isTest = value as boolean;
  }
  return finish({ identities, attributes, registrations, isTest });
}

function eventFrom(identities: Identity[], type: unknown, timestamp: unknown, attributes: Record<string, unknown>, field: string): Normalized<EventRecord> {
  if (identities.length === 0) return fail(field, 'the event has no identity of its profile (email, ECID...)');
  const t = typeof type === 'string' ? type.trim() : '';
  if (!t) return fail('type', 'the event has no type (application.launch, pushTracking.applicationOpened, ...)');
  if (t.length > 200) return fail('type', 'type is longer than 200 characters');
  const ts = toIsoTime(timestamp);
  if (!ts) return fail('timestamp', 'not a date (use ISO 8601 like 2025-03-01T10:00:00Z or epoch milliseconds)');
  return { ok: true, record: { identity: identities[0]!, type: t, timestamp: ts, attributes } };
}

export function normalizeCsvEvent(layout: CsvLayout, row: string[]): Normalized<EventRecord> {
  const common = csvCommon(layout, row);
  if (!common.ok) return common;
  const { identities, attributes } = common.record;
  return eventFrom(identities, layout.type < 0 ? undefined : row[layout.type], layout.timestamp < 0 ? undefined : row[layout.timestamp], attributes, 'identity');
}

/** {identity: {ECID: "..."}, type, timestamp, attributes} or an XDM ExperienceEvent {identityMap, eventType, timestamp, ...}. */
export function normalizeJsonEvent(raw: unknown): Normalized<EventRecord> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(record)', 'each event must be a JSON object');
  const obj = raw as Record<string, unknown>;
  if ('identityMap' in obj) {
    const ids = identitiesFrom(
      Object.fromEntries(
        Object.entries((obj.identityMap ?? {}) as Record<string, unknown>).map(([ns, list]) => [
          ns,
          Array.isArray(list) ? list.map((e) => (e as { id?: unknown } | null)?.id).filter((v) => typeof v === 'string') : [],
        ]),
      ),
      'identityMap',
    );
    if (!ids.ok) return ids;
    const attributes: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) if (!['identityMap', 'eventType', 'timestamp', '_id'].includes(key)) attributes[key] = obj[key];
    const problem = checkAttributes(attributes);
    if (problem) return fail(problem.field, problem.reason);
    return eventFrom(ids.record, obj.eventType, obj.timestamp, attributes, 'identityMap');
  }
  for (const key of Object.keys(obj)) {
    if (!['identity', 'type', 'timestamp', 'attributes'].includes(key)) return fail(key, 'unknown field (expected identity, type, timestamp, attributes)');
  }
  const ids = identitiesFrom(obj.identity ?? {}, 'identity');
  if (!ids.ok) return ids;
  const attributes = (obj.attributes ?? {}) as Record<string, unknown>;
  const problem = checkAttributes(attributes);
  if (problem) return fail(problem.field, problem.reason);
  return eventFrom(ids.record, obj.type, obj.timestamp, attributes, 'identity');
}
