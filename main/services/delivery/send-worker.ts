// A sending thread (see threaded-sender.ts): makes one sender from the spec it was started with,
// then sends the batches it is given and answers with their results, in any order, by id.
import { parentPort, workerData } from 'node:worker_threads';
import { type FromSendingThread, type SenderSpec, type ToSendingThread, makeSender } from './threaded-sender.js';

const port = parentPort!;
const sender = makeSender(workerData as SenderSpec);
const answer = (message: FromSendingThread) => port.postMessage(message);

port.on('message', (m: ToSendingThread) => {
  if (m.type === 'send') {
    sender.send(m.rows).then(
      (results) => answer({ id: m.id, results }),
      (error: Error) => answer({ id: m.id, error: error.message }),
    );
  } else {
    sender.close().then(
      () => answer({ id: m.id, results: [] }),
      (error: Error) => answer({ id: m.id, error: error.message }),
    );
  }
});
