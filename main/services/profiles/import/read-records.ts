import type { ImportFormat } from '../../../../shared/domain/profile.js';
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
import { FileRejected, firstChar, guessFormat, openText, readCsv, readJsonArray, readNdjson, verifyJson } from './sources.js';
import { WireWriter, type WireBatch } from './wire.js';

/**
 * Reading an import file into batches of normalised rows: the part of an import that needs no
 * database, run in a worker thread beside the writer (record-source.ts). Every format and encoding
 * goes through here; a file that is not the format at all fails before the first batch.
 */

export interface ReadOptions {
  file: string;
  /** The name to show (the uploaded file's name): its extension says the format when none is given. */
  fileName: string;
  kind: 'profiles' | 'events';
  format?: ImportFormat | undefined;
  /** Rows per batch: the writer writes each batch in one transaction. */
  batchSize: number;
}

export type SourceMessage =
  | { type: 'start'; format: ImportFormat; totalBytes: number }
  | { type: 'batch'; batch: WireBatch }
  | { type: 'end' }
  | { type: 'error'; rejected: boolean; message: string };

export interface BatchSink {
  /** Sends a message on (batches with the buffers they move). */
  send(message: SourceMessage, transfer?: ArrayBuffer[]): void;
  /** A promise while the writer is behind: reading waits for it, so batches in flight stay few. */
  ready(): Promise<void> | undefined;
  /** The writer stopped listening (the import was cancelled): read no further. */
  closed(): boolean;
}

export async function readRecords(options: ReadOptions, sink: BatchSink): Promise<void> {
  const source = openText(options.file);
  const format = options.format ?? guessFormat(options.fileName, await firstChar(source));
  sink.send({ type: 'start', format, totalBytes: source.totalBytes });
  const writer = new WireWriter(options.kind);
  const cut = () => {
    const { batch, transfer } = writer.take(source.bytesRead());
    sink.send({ type: 'batch', batch }, transfer);
  };
  const add = (line: number, result: Normalized<ProfileRecord | EventRecord>) => {
    writer.add(line, result);
    if (writer.size >= options.batchSize) cut();
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
        add(line, problem ? { ok: false, field: '(row)', reason: problem } : normalize(layout!, cells));
      },
      aborted: () => sink.closed(),
      ready: () => sink.ready(),
    });
  } else {
    // An XDM export comes as a JSON array or as one record a line.
    const array = format === 'json' || (format === 'xdm' && (await firstChar(source)) === '[');
    if (array) await verifyJson(source);
    const rows = array ? readJsonArray(source) : readNdjson(source);
    const normalize = options.kind === 'events' ? normalizeJsonEvent : format === 'xdm' ? normalizeXdmProfile : normalizeJsonProfile;
    let first = true;
    for await (const row of rows) {
      if (sink.closed()) {
        await rows.return(undefined);
        return;
      }
      if (first && !array) {
        // The first record decides whether this is the format at all.
        if (!row.value.ok || typeof row.value.value !== 'object' || row.value.value === null || Array.isArray(row.value.value)) {
          await rows.return(undefined);
          throw new FileRejected(`This is not ${format === 'xdm' ? 'an XDM export' : 'NDJSON'}: line ${row.line} is not a JSON object. Nothing was imported.`);
        }
      }
      first = false;
      add(row.line, row.value.ok ? normalize(row.value.value) : { ok: false, field: '(line)', reason: row.value.reason });
      const wait = sink.ready();
      if (wait) await wait;
    }
  }
  if (writer.size > 0 && !sink.closed()) cut();
}

/** Runs a read to the end, telling the sink how it ended (the worker's body, or the same in-process). */
export async function readAndReport(options: ReadOptions, sink: BatchSink): Promise<void> {
  try {
    await readRecords(options, sink);
    sink.send({ type: 'end' });
  } catch (error) {
    sink.send({ type: 'error', rejected: error instanceof FileRejected, message: (error as Error).message });
  }
}
