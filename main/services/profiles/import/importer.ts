import type { ImportFormat, ImportReport, Rejection } from '../../../../shared/domain/profile.js';
import {
  type EventRecord,
  type Normalized,
  type ProfileRecord,
  csvLayout,
  normalizeCsvEvent,
  normalizeCsvProfile,
  normalizeJsonEvent,
  normalizeJsonProfile,
  normalizeXdmProfile,
} from '../normalize.js';
import { type BulkLoad, beginBulkLoad } from '../bulk-load.js';
import { type ProfileStore, bulkLoadSettings } from '../profile-store.js';
import { FileRejected, firstChar, guessFormat, openText, readCsv, readJsonArray, readNdjson, verifyJson } from './sources.js';

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
}

const MAX_KEPT_REJECTIONS = 1000;
/** Records a bulk load sets aside (duplicates) before it ends early and the rest is upserted as usual. */
const MAX_DEFERRED = 50_000;

/** "unknown platform "x" (use ...)" → "unknown platform … (use ...)": reasons grouped without their values. */
function reasonClass(field: string, reason: string): string {
  const general = reason.replace(/"[^"]*"/g, '…').replace(/#\d+/g, '#…').replace(/\b\d+\b/g, 'N');
  return `${field.replace(/\[\d+\]/g, '[N]').replace(/^push\.\d+/, 'push.N')}: ${general}`;
}

type Item = { line: number; result: Normalized<ProfileRecord | EventRecord> };

/**
 * One import: the file is read as a stream of records, each normalised (or rejected with its line,
 * field and reason) and written in batches, each batch in one transaction. Between batches the
 * event loop answers the UI. Cancelling drops the batch being gathered; batches written stay.
 */
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
  let source: ReturnType<typeof openText> | undefined;

  const snapshot = (): ImportReport => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    return {
      ...report,
      rejections: report.rejections.slice(),
      reasons: [...reasonCounts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      bytesRead: source?.bytesRead() ?? 0,
      totalBytes: source?.totalBytes ?? 0,
      rowsPerSecond: Math.round(report.rows / seconds),
    };
  };
  const reject = (line: number, field: string, reason: string) => {
    report.rejected += 1;
    if (report.rejections.length < MAX_KEPT_REJECTIONS) report.rejections.push({ line, field, reason } satisfies Rejection);
    const key = reasonClass(field, reason);
    reasonCounts.set(key, (reasonCounts.get(key) ?? 0) + 1);
  };

  let pending: Item[] = [];
  // The first import into an empty store loads without the token index (bulk-load.ts); duplicates wait in `deferred`.
  let bulk: BulkLoad | undefined = options.kind === 'profiles' ? beginBulkLoad(store.db) : undefined;
  let deferred: Item[] = [];
  const write = (items: Item[], at: string, allowBulk: boolean) => {
    const setAside: Item[] = [];
    // Outcomes are counted after the transaction commits, so that a failed batch counts nothing.
    const outcomes = store.batch(() =>
      items.map((item) => {
        if (!item.result.ok) return { outcome: 'rejected' as const, field: item.result.field, reason: item.result.reason };
        if (options.kind === 'events') return store.addEvent(item.result.record as EventRecord);
        const record = item.result.record as ProfileRecord;
        const ns = options.idNamespace;
        if (allowBulk && bulk && (!ns || record.identities.some((i) => i.namespace === ns))) {
          const profileId = bulk.tryInsert(record, at);
          if (profileId !== undefined) return { outcome: 'imported' as const, profileId };
          setAside.push(item);
          return { outcome: 'deferred' as const };
        }
        return store.upsertProfile(record, ns ?? null, at);
      }),
    );
    outcomes.forEach((o, i) => {
      if (o.outcome === 'imported') report.imported += 1;
      else if (o.outcome === 'updated') report.updated += 1;
      else if (o.outcome === 'rejected') reject(items[i]!.line, o.field, o.reason);
    });
    deferred.push(...setAside);
  };
  const flush = () => {
    const items = pending;
    pending = [];
    write(items, new Date().toISOString(), true);
    if (bulk && deferred.length > MAX_DEFERRED) endBulk();
  };
  /** Builds the token index, then upserts the records set aside, in file order. */
  const endBulk = () => {
    if (!bulk) return;
    bulk.finish();
    bulk = undefined;
    const waiting = deferred;
    deferred = [];
    const at = new Date().toISOString();
    for (let i = 0; i < waiting.length; i += batchSize) write(waiting.slice(i, i + batchSize), at, false);
  };

  let lastProgress = 0;
  const progress = () => {
    const nowMs = Date.now();
    if (nowMs - lastProgress < progressEvery) return;
    lastProgress = nowMs;
    options.onProgress?.(snapshot());
  };

  const restoreSettings = bulkLoadSettings(store.db);
  try {
    source = openText(options.file);
    const format = options.format ?? guessFormat(options.fileName, await firstChar(source));
    report.format = format;
    /** Returns true when a batch was written (the caller then lets the event loop breathe). */
    const add = (item: Item): boolean => {
      report.rows += 1;
      pending.push(item);
      if (pending.length < batchSize) return false;
      if (options.signal?.aborted) throw new CancelledImport();
      flush();
      progress();
      return true;
    };

    if (format === 'csv') {
      let layout: ReturnType<typeof csvLayout> | undefined;
      const normalize = options.kind === 'events' ? normalizeCsvEvent : normalizeCsvProfile;
      await readCsv(source, {
        header(cells) {
          try {
            layout = csvLayout(cells, options.kind);
          } catch (error) {
            throw new FileRejected((error as Error).message);
          }
        },
        row(line, cells, problem) {
          // Parsing is synchronous within a chunk of the file; the event loop runs between chunks.
          add({ line, result: problem ? { ok: false, field: '(row)', reason: problem } : normalize(layout!, cells) });
        },
        aborted: () => options.signal?.aborted === true,
      });
    } else {
      // An XDM export comes as a JSON array or as one record a line.
      const array = format === 'json' || (format === 'xdm' && (await firstChar(source)) === '[');
      if (array) await verifyJson(source);
      const rows = array ? readJsonArray(source) : readNdjson(source);
      const normalize = options.kind === 'events' ? normalizeJsonEvent : format === 'xdm' ? normalizeXdmProfile : normalizeJsonProfile;
      let first = true;
      for await (const row of rows) {
        if (options.signal?.aborted) throw new CancelledImport();
        if (first && !array) {
          // The first record decides whether this is the format at all.
          if (!row.value.ok || typeof row.value.value !== 'object' || row.value.value === null || Array.isArray(row.value.value)) {
            await rows.return(undefined);
            throw new FileRejected(`This is not ${format === 'xdm' ? 'an XDM export' : 'NDJSON'}: line ${row.line} is not a JSON object. Nothing was imported.`);
          }
        }
        first = false;
        const result: Item['result'] = row.value.ok ? normalize(row.value.value) : { ok: false, field: '(line)', reason: row.value.reason };
        // Let the host answer the UI between batches.
        if (add({ line: row.line, result })) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (options.signal?.aborted) throw new CancelledImport();
    if (pending.length) flush();
    endBulk();
    report.state = 'done';
  } catch (error) {
    pending = [];
    // The batches already written stay whole: their records set aside are written too, and the index is back.
    try {
      endBulk();
    } catch {
      bulk?.finish();
    }
    if (error instanceof CancelledImport) report.state = 'cancelled';
    else if (error instanceof FileRejected) {
      report.state = 'failed';
      report.error = error.message;
    } else {
      report.state = 'failed';
      report.error = `The import stopped: ${(error as Error).message}. Batches written before this stay; import the file again to finish (rows already imported are updated, not duplicated).`;
    }
  }
  restoreSettings();
  report.finishedAt = new Date().toISOString();
  const final = snapshot();
  options.onProgress?.(final);
  return final;
}

class CancelledImport extends Error {}
