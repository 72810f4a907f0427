// A sending thread (see threaded-sender.ts): makes one sender from the spec it was started with,
// then sends the batches it is given, at most the sender's concurrency in pushes at once (the rest
// wait here, in order), and answers with their results, in any order, by id.
import { parentPort, workerData } from 'node:worker_threads';
import { packResults, unpackRows } from './send-wire.js';
import type { SendItem } from './senders.js';
import { type FromSendingThread, type SenderSpec, type ToSendingThread, makeSender } from './threaded-sender.js';

const port = parentPort!;
const sender = makeSender(workerData as SenderSpec);
const answer = (message: FromSendingThread) => port.postMessage(message);

const waiting: { id: number; rows: readonly SendItem[] }[] = [];
let sending = 0;
function next(): void {
  // A batch starts while fewer than `concurrency` pushes are out (a batch is never split).
  while (waiting.length && sending < sender.concurrency) {
    const { id, rows } = waiting.shift()!;
    sending += rows.length;
    const done = (message: FromSendingThread) => {
      sending -= rows.length;
      answer(message);
      next();
    };
    sender.send(rows).then(
      // Serialised here, in parallel with the dispatcher, which only stores them.
      (results) => done({ id, results: packResults(results) }),
      (error: Error) => done({ id, error: error.message }),
    );
  }
}

port.on('message', (m: ToSendingThread) => {
  if (m.type === 'send') {
    waiting.push({ id: m.id, rows: unpackRows(m.rows) });
    next();
  } else {
    sender.close().then(
      () => answer({ id: m.id, results: [] }),
      (error: Error) => answer({ id: m.id, error: error.message }),
    );
  }
});
