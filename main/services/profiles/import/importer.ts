import type { ImportFormat, ImportReport, Rejection } from '../../../../shared/domain/profile.js';
import type { ProfileRecord } from '../normalize.js';
import { type BulkLoad, beginBulkLoad } from '../bulk-load.js';
import { type ProfileStore, type WriteOutcome, bulkLoadSettings } from '../profile-store.js';
import { type RecordSource, openRecordSource } from './record-source.js';
import { FileRejected } from './sources.js';
import { ProfileWireReader, type WireBatch } from './wire.js';

export interface ImportOptions {
  jobId: string;
  file: string;
  /** The name to show (the uploaded file's name). */
  fileName: string;
  kind: 'profiles' | 'events';
  format?: ImportFormat;
  /** Upsert profiles by this namespace only; by default any matching identity is the profile. */
  idNamespace?: string;
  signal?: AbortSignal;
  onProgress?(report: ImportReport): void;
  batchSize?: number;
  progressEveryMs?: number;
  /** Read the file in a worker thread; by default when it is large (record-source.ts). */
  inWorker?: boolean;
}

const MAX_KEPT_REJECTIONS = 1000;
/** Records a bulk load sets aside (duplicates) before it ends early and the rest is upserted as usual. */
const MAX_DEFERRED = 50_000;

/** "unknown platform "x" (use ...)" → "unknown platform … (use ...)": reasons grouped without their values. */
function reasonClass(field: string, reason: string): string {
  const general = reason.replace(/"[^"]*"/g, '…').replace(/#\d+/g, '#…').replace(/\b\d+\b/g, 'N');
  return `${field.replace(/\[\d+\]/g, '[N]').replace(/^push\.\d+/, 'push.N')}: ${general}`;
}

type Deferred = { line: number; record: ProfileRecord };

/** What one transaction wrote, counted once it committed. */
interface Tally {
  imported: number;
  updated: number;
  rejections: Rejection[];
}

/** Two lists of rejections in line order, as one. */
function byLine(a: Rejection[], b: Rejection[]): Rejection[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Rejection[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.line <= b[j]!.line) ? a[i++]! : b[j++]!);
  return out;
}

/** A report at the start of an import, before a row is read (also what the job list shows at once). */
export function newImportReport(input: {
  jobId: string;
  kind: ImportReport['kind'];
  fileName: string;
  format?: ImportFormat | undefined;
  idNamespace?: string | undefined;
  totalBytes: number;
  startedAt: Date;
}): ImportReport {
  return {
    jobId: input.jobId,
    kind: input.kind,
    file: input.fileName,
    format: input.format ?? 'csv',
    idNamespace: input.idNamespace ?? null,
    state: 'running',
    error: null,
    rows: 0,
    imported: 0,
    updated: 0,
    rejected: 0,
    rejections: [],
    reasons: [],
    bytesRead: 0,
    totalBytes: input.totalBytes,
    rowsPerSecond: 0,
    startedAt: input.startedAt.toISOString(),
    finishedAt: null,
  };
}

/**
 * One import: the file is read, parsed and normalised into batches (in a worker thread for a large
 * file: record-source.ts), and this thread writes each batch in one transaction, rows rejected with
 * their line, field and reason. Between batches the event loop answers the UI. Cancelling drops the
 * batch not yet written; batches written stay.
 */
export async function runImport(store: ProfileStore, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const progressEvery = options.progressEveryMs ?? 250;
  const report = newImportReport({
    jobId: options.jobId,
    kind: options.kind,
    fileName: options.fileName,
    format: options.format,
    idNamespace: options.idNamespace,
    totalBytes: 0,
    startedAt: new Date(started),
  });
  const reasonCounts = new Map<string, number>();
  let bytesRead = 0;
  let totalBytes = 0;

  const snapshot = (): ImportReport => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    return {
      ...report,
      rejections: report.rejections.slice(),
      reasons: [...reasonCounts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      bytesRead,
      totalBytes,
      rowsPerSecond: Math.round(report.rows / seconds),
    };
  };
  const count = (tally: Tally) => {
    report.imported += tally.imported;
    report.updated += tally.updated;
    for (const { line, field, reason } of tally.rejections) {
      report.rejected += 1;
      if (report.rejections.length < MAX_KEPT_REJECTIONS) report.rejections.push({ line, field, reason });
      const key = reasonClass(field, reason);
      reasonCounts.set(key, (reasonCounts.get(key) ?? 0) + 1);
    }
  };
  const outcome = (tally: Tally, line: number, o: WriteOutcome) => {
    if (o.outcome === 'rejected') tally.rejections.push({ line, field: o.field, reason: o.reason });
    else if (o.outcome === 'imported') tally.imported += 1;
    else tally.updated += 1;
  };

  // The first import into an empty store loads without the token index (bulk-load.ts); duplicates wait in `deferred`.
  let bulk: BulkLoad | undefined = options.kind === 'profiles' ? beginBulkLoad(store.db) : undefined;
  let deferred: Deferred[] = [];
  const ns = options.idNamespace;

  /** Writes one batch from the reader in one transaction; what it wrote counts once it commits. */
  const write = (batch: WireBatch, at: string) => {
    const setAside: Deferred[] = [];
    // A bulk load runs only for profiles; its batches have the foreign key checks off (bulk-load.ts).
    const tally = (bulk ?? store).batch(() => {
      const t: Tally = { imported: 0, updated: 0, rejections: [] };
      if (batch.kind === 'events') {
        batch.records.forEach((record, i) => outcome(t, batch.lines[i]!, store.addEvent(record)));
        return t;
      }
      const reader = new ProfileWireReader(batch);
      const eligible = ns ? (record: ProfileWireReader) => hasIdentityIn(record, ns) : undefined;
      const written = bulk?.write(reader, at, eligible);
      for (let k = 0; k < reader.count; k += 1) {
        if (written?.[k]) {
          t.imported += 1;
          continue;
        }
        reader.at(k);
        // A copy: the reader's strings are slices of the batch's text, which they would keep alive while set aside.
        if (bulk && (!eligible || eligible(reader))) setAside.push({ line: reader.line(), record: structuredClone(reader.record()) });
        else outcome(t, reader.line(), store.upsertProfile(reader.record(), ns ?? null, at));
      }
      return t;
    });
    count({ ...tally, rejections: byLine(batch.rejections, tally.rejections) });
    deferred.push(...setAside);
  };
  /** Builds the token index, then upserts the records set aside, in file order. */
  const endBulk = () => {
    if (!bulk) return;
    bulk.finish();
    bulk = undefined;
    const waiting = deferred;
    deferred = [];
    const at = new Date().toISOString();
    for (let i = 0; i < waiting.length; i += batchSize) {
      const tally = store.batch(() => {
        const t: Tally = { imported: 0, updated: 0, rejections: [] };
        for (const { line, record } of waiting.slice(i, i + batchSize)) outcome(t, line, store.upsertProfile(record, ns ?? null, at));
        return t;
      });
      count(tally);
    }
  };

  let lastProgress = 0;
  const progress = () => {
    const nowMs = Date.now();
    if (nowMs - lastProgress < progressEvery) return;
    lastProgress = nowMs;
    options.onProgress?.(snapshot());
  };

  const restoreSettings = bulkLoadSettings(store.db);
  let source: RecordSource | undefined;
  try {
    source = openRecordSource({ file: options.file, fileName: options.fileName, kind: options.kind, format: options.format, batchSize }, options.inWorker);
    for await (const message of source) {
      if (message.type === 'start') {
        report.format = message.format;
        totalBytes = message.totalBytes;
      } else if (message.type === 'batch') {
        report.rows += message.batch.rows;
        bytesRead = message.batch.bytesRead;
        if (options.signal?.aborted) throw new CancelledImport();
        write(message.batch, new Date().toISOString());
        if (bulk && deferred.length > MAX_DEFERRED) endBulk();
        progress();
      } else if (message.type === 'error') throw message.rejected ? new FileRejected(message.message) : new Error(message.message);
    }
    if (options.signal?.aborted) throw new CancelledImport();
    endBulk();
    report.state = 'done';
  } catch (error) {
    // The batches already written stay whole: their records set aside are written too, and the index is back.
    try {
      endBulk();
    } catch {
      bulk?.finish();
    }
    // A cancel can end the reader before it sees a header (it then looks like an empty file): the user's cancel wins.
    if (error instanceof CancelledImport || options.signal?.aborted) report.state = 'cancelled';
    else if (error instanceof FileRejected) {
      report.state = 'failed';
      report.error = error.message;
    } else {
      report.state = 'failed';
      report.error = `The import stopped: ${(error as Error).message}. Batches written before this stay; import the file again to finish (rows already imported are updated, not duplicated).`;
    }
  } finally {
    await source?.close();
  }
  restoreSettings();
  report.finishedAt = new Date().toISOString();
  const final = snapshot();
  options.onProgress?.(final);
  return final;
}

function hasIdentityIn(record: ProfileWireReader, namespace: string): boolean {
  for (let i = 0; i < record.identityCount(); i += 1) if (record.namespace(i) === namespace) return true;
  return false;
}

class CancelledImport extends Error {}
