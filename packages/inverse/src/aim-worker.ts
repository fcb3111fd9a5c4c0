// A worker of an aim pool (src/pool.ts), in Node (worker_threads) or a browser (a module Web Worker): it
// aims the slices of batches it is sent as `aimBatch` does on the calling thread, column by column.
import { serveThread } from '@cannon/threads';
import { aimBatch, aimColumns } from './aim.js';
import { createAimer, type Aimer } from './aimer.js';
import { transfersOf, type AimColumns } from './columns.js';
import type { AimRequest } from './pool-protocol.js';
import { shippedAimer } from './shipped.js';

/** The aimers the pool has sent, by the key it gave them. */
const aimers = new Map<number, Aimer>();

serveThread<AimRequest, AimColumns>({
  name: 'aim pool (createAimPool)',
  prepare() {
    // Compile both kernels and build the shipped aimers now, so that the first slice does not wait for them.
    shippedAimer('vacuum');
    shippedAimer('field');
    aimBatch([5, 6], [{}, { wind: 1, drag: 0.01 }]);
  },
  answer(request) {
    const { targets, wind, drag, heightDifference, options } = request;
    if (request.aimer?.metadata && request.aimer.parameters) aimers.set(request.aimer.key, createAimer(request.aimer.metadata, request.aimer.parameters));
    const aimer = request.aimer ? aimers.get(request.aimer.key) : undefined;
    // The pool has checked the batch as aimBatch does: what is left is aiming it.
    const columns = aimColumns(targets, wind, drag, heightDifference, aimer ? { ...options, aimer } : options);
    return { reply: columns, transfer: transfersOf(columns) };
  },
});
