import type { Identity, Platform, Rejection, RegistrationStatus } from '../../../../shared/domain/profile.js';
import { identityKey, tokenKey } from '../fingerprints.js';
import type { EventRecord, Normalized, ProfileRecord, RegistrationInput } from '../normalize.js';

/**
 * A batch of normalised rows as it crosses from the reading worker to the thread that writes:
 * compact, so that receiving it costs the writer little. Profile records travel as columns: every
 * text field end to end in one string with its end offsets, counts and fingerprints in typed arrays
 * (moved, not copied). Materialising a record as objects is left to the few the writer upserts.
 * Events are few and travel as objects.
 */

interface WireCommon {
  /** Rows read, rejected ones included. */
  rows: number;
  /** Bytes of the file read when the batch was cut (for the progress bar). */
  bytesRead: number;
  /** Rows rejected while reading, in file order. */
  rejections: Rejection[];
}

export interface ProfileWire extends WireCommon {
  kind: 'profiles';
  /** Line of each record. */
  lines: Int32Array;
  /** Per record: test flag (-1 unset, 0, 1), number of identities, number of registrations. */
  shape: Int32Array;
  /** Per record: the fingerprints of its identities, then of its (app, token) pairs. */
  keys: Uint32Array;
  /** Per record: attributes as JSON; per identity: namespace, value; per registration: REGISTRATION_FIELDS. */
  text: string;
  /** Where each text field ends in `text`. */
  ends: Uint32Array;
  /**
   * Every identity of the batch as (record, index of its namespace field), sorted by namespace and
   * value: written in this order, they fill the identity index one region at a time.
   */
  identityOrder: Uint32Array;
}

export interface EventWire extends WireCommon {
  kind: 'events';
  lines: number[];
  records: EventRecord[];
}

export type WireBatch = ProfileWire | EventWire;

/** A registration's text fields in order; an optional one that is unset travels as ''. */
const REGISTRATION_FIELDS = 7;

/** A typed array that grows as numbers are pushed (rows of a batch, without a JS array per field). */
class Column<T extends Int32Array | Uint32Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed, in an array of their own (its buffer can be transferred); the column starts over. */
  take(): T {
    const out = this.data.slice(0, this.length) as T;
    this.length = 0;
    return out;
  }
}

/** Gathers the rows of one batch on the reading side. */
export class WireWriter {
  private rows = 0;
  private rejections: Rejection[] = [];
  private readonly lines = new Column((n) => new Int32Array(n));
  private readonly shape = new Column((n) => new Int32Array(n));
  private readonly keys = new Column((n) => new Uint32Array(n));
  private readonly ends = new Column((n) => new Uint32Array(n));
  private parts: string[] = [];
  private length = 0;
  /** (record, namespace field) of each identity, in record order. */
  private readonly identities = new Column((n) => new Uint32Array(n));
  private events: EventRecord[] = [];
  private eventLines: number[] = [];

  constructor(private readonly kind: 'profiles' | 'events') {}

  get size(): number {
    return this.rows;
  }

  add(line: number, result: Normalized<ProfileRecord | EventRecord>): void {
    this.rows += 1;
    if (!result.ok) {
      this.rejections.push({ line, field: result.field, reason: result.reason });
      return;
    }
    if (this.kind === 'events') {
      this.eventLines.push(line);
      this.events.push(result.record as EventRecord);
      return;
    }
    const record = result.record as ProfileRecord;
    const k = this.lines.length;
    this.lines.push(line);
    this.shape.push(record.isTest === null ? -1 : record.isTest ? 1 : 0);
    this.shape.push(record.identities.length);
    this.shape.push(record.registrations.length);
    this.field(record.attributesJson ?? JSON.stringify(record.attributes));
    for (const i of record.identities) {
      this.keys.push(identityKey(i.namespace, i.value));
      this.identities.push(k);
      this.identities.push(this.parts.length);
      this.field(i.namespace);
      this.field(i.value);
    }
    for (const r of record.registrations) {
      this.keys.push(tokenKey(r.appId, r.token));
      this.field(r.appId);
      this.field(r.platform);
      this.field(r.token);
      this.field(r.ecid ?? '');
      this.field(r.registeredAt ?? '');
      this.field(r.status);
      this.field(r.reason ?? '');
    }
  }

  /** The batch gathered so far (the writer starts a new one), and the buffers to transfer with it. */
  take(bytesRead: number): { batch: WireBatch; transfer: ArrayBuffer[] } {
    const common = { rows: this.rows, bytesRead, rejections: this.rejections };
    this.rows = 0;
    this.rejections = [];
    if (this.kind === 'events') {
      const batch: EventWire = { kind: 'events', ...common, lines: this.eventLines, records: this.events };
      this.eventLines = [];
      this.events = [];
      return { batch, transfer: [] };
    }
    const batch: ProfileWire = {
      kind: 'profiles',
      ...common,
      lines: this.lines.take(),
      shape: this.shape.take(),
      keys: this.keys.take(),
      text: this.parts.join(''),
      ends: this.ends.take(),
      identityOrder: this.sortedIdentities(),
    };
    this.parts = [];
    this.length = 0;
    return { batch, transfer: [batch.lines.buffer, batch.shape.buffer, batch.keys.buffer, batch.ends.buffer, batch.identityOrder.buffer] as ArrayBuffer[] };
  }

  /**
   * The batch's identities sorted by namespace, then value (done here, on the reading thread, where
   * there is time to spare). Grouped by namespace first, each group keeps file order, which is often
   * nearly sorted already (numbered ids): the sort then runs in about linear time.
   */
  private sortedIdentities(): Uint32Array {
    const pairs = this.identities.take();
    const parts = this.parts;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < pairs.length; i += 2) {
      const namespace = parts[pairs[i + 1]!]!;
      const group = groups.get(namespace);
      if (group) group.push(i);
      else groups.set(namespace, [i]);
    }
    const out = new Uint32Array(pairs.length);
    let j = 0;
    for (const namespace of [...groups.keys()].sort()) {
      const group = groups.get(namespace)!;
      const value = (i: number) => parts[pairs[i + 1]! + 1]!;
      group.sort((a, b) => {
        const va = value(a);
        const vb = value(b);
        return va < vb ? -1 : va > vb ? 1 : 0;
      });
      for (const i of group) {
        out[j++] = pairs[i]!;
        out[j++] = pairs[i + 1]!;
      }
    }
    return out;
  }

  private field(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    this.ends.push(this.length);
  }
}

/**
 * Reads the records of a profile batch in place. `at(k)` moves to record k (in order or not); the
 * accessors then read that record's fields without building objects.
 */
export class ProfileWireReader {
  readonly count: number;
  /** Per record: index of its first text field, and of its first key. */
  private readonly firstField: Uint32Array;
  private readonly firstKey: Uint32Array;
  private field0 = 0;
  private k = 0;

  constructor(readonly wire: ProfileWire) {
    this.count = wire.lines.length;
    this.firstField = new Uint32Array(this.count + 1);
    this.firstKey = new Uint32Array(this.count + 1);
    let f = 0;
    let key = 0;
    for (let k = 0; k < this.count; k += 1) {
      this.firstField[k] = f;
      this.firstKey[k] = key;
      const ids = wire.shape[k * 3 + 1]!;
      const regs = wire.shape[k * 3 + 2]!;
      f += 1 + ids * 2 + regs * REGISTRATION_FIELDS;
      key += ids + regs;
    }
    this.firstField[this.count] = f;
    this.firstKey[this.count] = key;
  }

  at(k: number): this {
    this.k = k;
    this.field0 = this.firstField[k]!;
    return this;
  }

  line(): number {
    return this.wire.lines[this.k]!;
  }

  isTest(): boolean | null {
    const t = this.wire.shape[this.k * 3]!;
    return t < 0 ? null : t === 1;
  }

  identityCount(): number {
    return this.wire.shape[this.k * 3 + 1]!;
  }

  registrationCount(): number {
    return this.wire.shape[this.k * 3 + 2]!;
  }

  /** The record's fingerprints (identities, then tokens), as a view on the batch's array. */
  keys(): Uint32Array {
    return this.wire.keys.subarray(this.firstKey[this.k], this.firstKey[this.k + 1]);
  }

  attributesJson(): string {
    return this.text(this.field0);
  }

  namespace(i: number): string {
    return this.text(this.field0 + 1 + i * 2);
  }

  identityValue(i: number): string {
    return this.text(this.field0 + 2 + i * 2);
  }

  /** Field `f` (0–6: appId, platform, token, ecid, registeredAt, status, reason) of registration `r`; '' when unset. */
  registration(r: number, f: number): string {
    return this.text(this.field0 + 1 + this.identityCount() * 2 + r * REGISTRATION_FIELDS + f);
  }

  /** Text field `f` of the batch (the identity order names its namespace field; the value is the next one). */
  field(f: number): string {
    return this.text(f);
  }

  /** The record as objects, for the ordinary upsert. */
  record(): ProfileRecord {
    const identities: Identity[] = [];
    for (let i = 0; i < this.identityCount(); i += 1) identities.push({ namespace: this.namespace(i), value: this.identityValue(i) });
    const registrations: RegistrationInput[] = [];
    for (let r = 0; r < this.registrationCount(); r += 1) {
      registrations.push({
        appId: this.registration(r, 0),
        platform: this.registration(r, 1) as Platform,
        token: this.registration(r, 2),
        ecid: this.registration(r, 3) || null,
        registeredAt: this.registration(r, 4) || null,
        status: this.registration(r, 5) as RegistrationStatus,
        reason: this.registration(r, 6) || null,
      });
    }
    const attributesJson = this.attributesJson();
    return { identities, attributes: JSON.parse(attributesJson) as Record<string, unknown>, attributesJson, registrations, isTest: this.isTest() };
  }

  private text(f: number): string {
    return this.wire.text.slice(f === 0 ? 0 : this.wire.ends[f - 1], this.wire.ends[f]);
  }
}
