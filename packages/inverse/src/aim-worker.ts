// A worker of an aim pool (src/pool.ts), in Node (worker_threads) or a browser (a module Web Worker): it
// aims the slices of batches it is sent as `aimBatch` does on the calling thread, column by column.
import { aimBatch, aimColumns } from './aim.js';
import { createAimer, type Aimer } from './aimer.js';
import { transfersOf } from './columns.js';
import { sentError, type AimRequest, type WorkerReply } from './pool-protocol.js';
import { shippedAimer } from './shipped.js';

interface Channel {
  send(message: WorkerReply, transfer?: ArrayBuffer[]): void;
  listen(handle: (request: AimRequest) => void): void;
}

/** The aimers the pool has sent, by the key it gave them. */
const aimers = new Map<number, Aimer>();

function answer(request: AimRequest): WorkerReply & { transfer?: ArrayBuffer[] } {
  const { id, targets, wind, drag, heightDifference, options } = request;
  try {
    if (request.aimer?.metadata && request.aimer.parameters) aimers.set(request.aimer.key, createAimer(request.aimer.metadata, request.aimer.parameters));
    const aimer = request.aimer ? aimers.get(request.aimer.key) : undefined;
    // The pool has checked the batch as aimBatch does: what is left is aiming it.
    const columns = aimColumns(targets, wind, drag, heightDifference, aimer ? { ...options, aimer } : options);
    return { id, ok: true, columns, transfer: transfersOf(columns) };
  } catch (error) {
    return { id, ok: false, error: sentError(error) };
  }
}

function serve(channel: Channel): void {
  try {
    // Compile both kernels and build the shipped aimers now, so that the first slice does not wait for them.
    shippedAimer('vacuum');
    shippedAimer('field');
    aimBatch([5, 6], [{}, { wind: 1, drag: 0.01 }]);
  } catch (error) {
    channel.send({ ready: false, error: sentError(error) });
    return;
  }
  channel.listen((request) => {
    const { transfer, ...reply } = answer(request);
    channel.send(reply as WorkerReply, transfer);
  });
  channel.send({ ready: true });
}

// Under a name a browser bundler does not try to resolve: the browser's worker never imports it.
const WORKER_THREADS = 'node:worker_threads';
interface WebWorkerScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: AimRequest }) => void): void;
}
const webScope = (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== undefined ? (globalThis as unknown as WebWorkerScope) : null;

if (webScope) {
  serve({ send: (message, transfer = []) => webScope.postMessage(message, transfer), listen: (handle) => webScope.addEventListener('message', (event) => handle(event.data)) });
} else {
  void (import(/* @vite-ignore */ WORKER_THREADS) as Promise<typeof import('node:worker_threads')>).then(({ parentPort }) => {
    if (!parentPort) throw new Error('@cannon/inverse: the aim worker runs only as a worker of an aim pool (createAimPool)');
    serve({ send: (message, transfer = []) => parentPort.postMessage(message, transfer), listen: (handle) => parentPort.on('message', handle) });
  });
}
