import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AttemptResult } from './classify.js';
import { type PackedResults, type PackedRows, packRows, unpackResults } from './send-wire.js';
import { APNS_BATCH, APNS_CONCURRENCY, type ApnsSenderOptions, FCM_BATCH, FCM_CONCURRENCY, type FcmSenderOptions, type Sender, createApnsSender, createFcmSender } from './senders.js';

/** A sender as plain data: what a sending thread needs to make it (credentials included, never logged). */
export type SenderSpec = { kind: 'apns'; options: ApnsSenderOptions } | { kind: 'fcm'; options: FcmSenderOptions };

/** Makes the sender a spec describes (in the sending thread). */
export function makeSender(spec: SenderSpec): Sender {
  if (spec.kind === 'fcm') return createFcmSender(spec.options);
  const auth = spec.options.auth;
  // A Buffer crosses threads as a plain Uint8Array.
  if ('certificate' in auth) return createApnsSender({ ...spec.options, auth: { certificate: { ...auth.certificate, pfx: Buffer.from(auth.certificate.pfx) } } });
  return createApnsSender(spec.options);
}

export type ToSendingThread = { type: 'send'; id: number; rows: PackedRows } | { type: 'close'; id: number };
export type FromSendingThread = { id: number; results?: PackedResults; error?: string };

const here = import.meta.url;


/**
 * A sending thread allocates fast (a stream, promises and an answer per push) and holds what is in
 * flight across many collections: a larger young generation lets that die young instead of being
 * copied and promoted (about 50 MB more at full speed, 8% less CPU per push in the benchmark).
 */
const options = (spec: SenderSpec) => ({ workerData: spec, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
function spawn(spec: SenderSpec): Worker {
  if (here.endsWith('.ts')) {
    // Running from the sources (tests, benchmarks, through tsx): the thread registers tsx before
    // loading the TypeScript entry (hooks registered in this thread don't reach a new one on Node
    // 20). tsx's ESM API (index.mjs) sits beside the CommonJS one that require resolves.
    const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL('./send-worker.ts', here).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, ...options(spec) });
  }
  // Built: scripts/build.mjs writes send-worker.mjs beside the bundle that holds this code.
  return new Worker(new URL('./send-worker.mjs', here), options(spec));
}

/**
 * A sender whose HTTP/2 and HTTPS work (node-apn, firebase-admin, TLS, parsing the answers) runs
 * in a thread of its own, so that sending uses a core the dispatcher's database work doesn't.
 * Only the rows' id, platform, token and request cross over, and the results come back. If the
 * thread dies, the batches it held fail (the dispatcher retries them as dropped connections) and
 * the next send starts a new thread. The thread keeps the process alive only while it has work.
 */
export function createThreadedSender(spec: SenderSpec): Sender {
  let worker: Worker | undefined;
  let nextId = 0;
  const calls = new Map<number, { resolve(results: AttemptResult[]): void; reject(error: Error): void }>();

  const failAll = (from: Worker, error: Error) => {
    if (worker !== from) return;
    worker = undefined;
    for (const call of calls.values()) call.reject(error);
    calls.clear();
  };
  const start = (): Worker => {
    const w = spawn(spec);
    w.on('message', (m: FromSendingThread) => {
      const call = calls.get(m.id);
      if (!call) return;
      calls.delete(m.id);
      if (!calls.size) w.unref();
      if (m.error !== undefined) call.reject(new Error(m.error));
      else call.resolve(unpackResults(m.results ?? []));
    });
    w.on('error', (error) => failAll(w, error));
    w.on('exit', (code) => failAll(w, new Error(`The sending thread stopped (exit code ${code}).`)));
    w.unref();
    return w;
  };
  const call = (message: { type: 'send'; rows: PackedRows } | { type: 'close' }, on = (worker ??= start())) =>
    new Promise<AttemptResult[]>((resolve, reject) => {
      const id = nextId++;
      if (!calls.size) on.ref();
      calls.set(id, { resolve, reject });
      on.postMessage({ ...message, id } satisfies ToSendingThread);
    });

  // Started now: loading the libraries in the thread overlaps whatever the caller does next.
  worker = start();
  return {
    kind: spec.kind,
    batchSize: spec.kind === 'apns' ? APNS_BATCH : FCM_BATCH,
    concurrency: spec.kind === 'apns' ? APNS_CONCURRENCY : FCM_CONCURRENCY,
    // Only what a sender reads crosses over, not the whole outbox row.
    send: (rows) => call({ type: 'send', rows: packRows(rows) }),
    async close() {
      const w = worker;
      if (!w) return;
      await call({ type: 'close' }, w).catch(() => undefined);
      worker = undefined;
      await w.terminate();
    },
  };
}
