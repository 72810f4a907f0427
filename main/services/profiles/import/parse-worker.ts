import { parentPort, workerData } from 'node:worker_threads';
import { type ReadOptions, type SourceMessage, readAndReport } from './read-records.js';

/**
 * The reading worker of an import (record-source.ts starts it): reads, parses and normalises the
 * file into batches and posts them to the writer, which acknowledges each once written. At most
 * MAX_IN_FLIGHT batches wait unacknowledged; reading pauses until the writer catches up, so memory
 * stays bounded whatever the file's size. The writer cancels by terminating this thread.
 */
const MAX_IN_FLIGHT = 3;

const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (message: 'ack') => {
  if (message !== 'ack') return;
  inFlight -= 1;
  wake?.();
  wake = undefined;
});

await readAndReport(workerData as ReadOptions, {
  send(message: SourceMessage, transfer?: ArrayBuffer[]) {
    if (message.type === 'batch') inFlight += 1;
    port.postMessage(message, transfer ?? []);
  },
  ready: () => (inFlight < MAX_IN_FLIGHT ? undefined : new Promise<void>((resolve) => (wake = resolve))),
  closed: () => false,
});
