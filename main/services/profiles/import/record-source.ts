import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type ReadOptions, type SourceMessage, readAndReport } from './read-records.js';

/**
 * Where an import's batches come from. A large file is read in a worker thread (parse-worker.ts),
 * so that parsing and normalising run on the other core while this thread writes to SQLite; a small
 * one is read here, where starting a thread would cost more than it saves. Either way the writer
 * sees the same messages and acknowledges each batch by asking for the next one.
 */

/** From this size a file is read in a worker (a few thousand rows: the thread starts in ~50 ms). */
export const WORKER_FROM_BYTES = 1 << 20;

export interface RecordSource extends AsyncIterable<SourceMessage> {
  /** Stops reading (the rest of the file is not read) and frees the worker. */
  close(): Promise<void>;
}

export function openRecordSource(options: ReadOptions, inWorker = statSync(options.file).size >= WORKER_FROM_BYTES): RecordSource {
  return inWorker ? workerSource(options) : localSource(options);
}

/** Messages as they arrive, waiting when there are none yet. */
class Inbox {
  private queue: SourceMessage[] = [];
  private waiting: ((m: SourceMessage) => void) | undefined;

  put(message: SourceMessage): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(message);
    } else this.queue.push(message);
  }

  next(): Promise<SourceMessage> {
    const message = this.queue.shift();
    return message ? Promise.resolve(message) : new Promise((resolve) => (this.waiting = resolve));
  }
}

/** Yields messages until the end or an error; `ack` once a batch is taken care of (the writer asks for the next message). */
async function* drain(inbox: Inbox, ack: () => void): AsyncGenerator<SourceMessage> {
  for (;;) {
    const message = await inbox.next();
    yield message;
    if (message.type === 'batch') ack();
    if (message.type === 'end' || message.type === 'error') return;
  }
}

function workerSource(options: ReadOptions): RecordSource {
  const { url, execArgv } = workerScript();
  const worker = new Worker(url, { workerData: options, ...(execArgv ? { execArgv } : {}) });
  const inbox = new Inbox();
  worker.on('message', (message: SourceMessage) => inbox.put(message));
  worker.on('error', (error) => inbox.put({ type: 'error', rejected: false, message: error.message }));
  worker.on('exit', (code) => inbox.put({ type: 'error', rejected: false, message: `the reading thread stopped (exit code ${code})` }));
  return {
    [Symbol.asyncIterator]: () => drain(inbox, () => worker.postMessage('ack')),
    close: async () => void (await worker.terminate()),
  };
}

function localSource(options: ReadOptions): RecordSource {
  const inbox = new Inbox();
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let closed = false;
  const reading = readAndReport(options, {
    send(message) {
      if (message.type === 'batch') inFlight += 1;
      inbox.put(message);
    },
    // One batch ahead is enough here: reading and writing share this thread.
    ready: () => (inFlight < 1 || closed ? undefined : new Promise<void>((resolve) => (wake = resolve))),
    closed: () => closed,
  });
  const ack = () => {
    inFlight -= 1;
    wake?.();
    wake = undefined;
  };
  return {
    [Symbol.asyncIterator]: () => drain(inbox, ack),
    async close() {
      closed = true;
      wake?.();
      await reading;
    },
  };
}

/**
 * The worker's script: beside the bundle when built (`npm run build` writes import-worker.mjs next
 * to the host's and the app's entry), the TypeScript source in development and tests, loaded
 * through tsx (a worker does not inherit the parent's loader).
 */
function workerScript(): { url: URL; execArgv?: string[] } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { url: new URL('./import-worker.mjs', here) };
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
    register();
    await import(${JSON.stringify(new URL('./parse-worker.ts', here).href)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(boot)}`) };
}
