import { Readable } from 'node:stream';
import { namedAttemptColumns, shortToken } from '../delivery/log-store.js';
import { createStepNames } from '../journeys/step-names.js';
import type { Db } from '../workspace/database.js';

export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what needs it; a leading =, +, - or @ is prefixed so spreadsheets never run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const NEEDS_CARE = /[",\r\n]|^[=+\-@\t]/;
/** One CSV line; numbers and plain text take the fast path (the raw log writes a million of these). */
export const csvLine = (cells: readonly unknown[]) => {
  let line = '';
  for (let i = 0; i < cells.length; i += 1) {
    const v = cells[i];
    if (i) line += ',';
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') line += v;
    else {
      const text = String(v);
      line += NEEDS_CARE.test(text) ? csvCell(text) : text;
    }
  }
  return `${line}\r\n`;
};

/** The raw log's columns: no full token, no provider answer body, never a credential. Names beside ids, for a spreadsheet. */
export const logColumns = [
  'id',
  'at',
  'outbox_id',
  'run_id',
  'journey_id',
  'journey_name',
  'node_id',
  'step_name',
  'message_id',
  'message_name',
  'channel_id',
  'profile_id',
  'device',
  'platform',
  'app_id',
  'outcome',
  'reason',
  'status',
  'attempt',
  'latency_ms',
  'provider_id',
  'possibly_duplicated',
  'final',
] as const;
const col = (name: (typeof logColumns)[number]) => logColumns.indexOf(name);
const [JOURNEY, NODE, STEP, DEVICE, DUPLICATED, FINAL] = [col('journey_id'), col('node_id'), col('step_name'), col('device'), col('possibly_duplicated'), col('final')];

// In the columns' order: version_id stands where the step's name goes (it is resolved from it), the token where the device goes.
const logSql = (where: string) => `SELECT id, at, outbox_id, run_id, journey_id, journey_name, node_id, version_id, message_id, message_name, channel_id, profile_id, token,
                       platform, app_id, outcome, reason, status, attempt, latency_ms, provider_id, possibly_duplicated, final
                FROM (SELECT delivery_attempts.*, ${namedAttemptColumns} FROM delivery_attempts WHERE ${where} ORDER BY id LIMIT @limit)`;

/**
 * The delivery log rows of the scope and period, streamed: rows are read from SQLite a page at a
 * time (keyset on the id) only when the consumer asks for more, so memory stays flat whatever the
 * size, and a slow download never holds a read transaction open.
 */
export function logStream(db: Db, query: { journeyId?: string | undefined; from?: string | undefined; to?: string | undefined }, format: 'csv' | 'json'): Readable {
  const where = ['id > @after'];
  const params: Record<string, unknown> = { after: 0, limit: 1000 };
  if (query.journeyId) {
    where.push('journey_id = @journeyId');
    params.journeyId = query.journeyId;
  }
  if (query.from) {
    where.push('at >= @from');
    params.from = query.from;
  }
  if (query.to) {
    where.push('at < @to');
    params.to = query.to;
  }
  const page = db.prepare(logSql(where.join(' AND '))).raw(true);
  const steps = createStepNames(db);
  let started = false;
  let first = true;
  let done = false;
  return new Readable({
    highWaterMark: 1 << 18,
    read() {
      if (done) return;
      const parts: string[] = [];
      if (!started) {
        started = true;
        parts.push(format === 'csv' ? csvLine(logColumns) : '[\n');
      }
      const rows = page.all(params) as unknown[][];
      const stepName = steps.batch();
      for (const r of rows) {
        r[STEP] = stepName(r[JOURNEY] as string | null, r[STEP] as string | null, r[NODE] as string | null);
        r[DEVICE] = shortToken(r[DEVICE] as string);
        if (format === 'csv') parts.push(csvLine(r));
        else {
          const o: Record<string, unknown> = {};
          for (let i = 0; i < logColumns.length; i += 1) o[logColumns[i]!] = r[i];
          o.possibly_duplicated = r[DUPLICATED] === 1;
          o.final = r[FINAL] === 1;
          parts.push(`${first ? '' : ',\n'}${JSON.stringify(o)}`);
          first = false;
        }
      }
      if (rows.length) params.after = rows.at(-1)![0];
      if (rows.length < (params.limit as number)) {
        done = true;
        if (format === 'json') parts.push('\n]\n');
        this.push(parts.join(''));
        this.push(null);
        return;
      }
      this.push(parts.join(''));
    },
  });
}

