// A worker of an aim pool (src/pool.ts), in Node (worker_threads) or a browser (a module Web Worker): it
// aims the slices of batches it is sent as `aimBatch` (or, in three dimensions, `aimAtBatch`) does on the calling
// thread, column by column.
import { serveThread } from '@cannon/threads';
import { aimBatch, aimColumns } from './aim.js';
import { aimAtBatch, aimAtColumnsChecked } from './aim3d.js';
import { createAimer, type Aimer } from './aimer.js';
import { createAimer3d, type Aimer3d } from './aimer3d.js';
import { transfersOf } from './columns.js';
import { targetsOf, transfersOf3d } from './columns3d.js';
import type { AimAtRequest, PoolReply, PoolRequest } from './pool-protocol.js';
import { shippedAimer, shippedAimer3d } from './shipped.js';

/** The aimers the pool has sent, by the key it gave them. */
const aimers = new Map<number, Aimer>();
const aimers3d = new Map<number, Aimer3d>();

/** A slice of a 3D batch, aimed as `aimAtBatch` aims it (its targets checked by the pool before they were sent). */
function answerAimAt(request: AimAtRequest): { reply: PoolReply; transfer: ArrayBuffer[] } {
  const { aimer } = request;
  if (aimer?.metadata && aimer.parameters) aimers3d.set(aimer.key, createAimer3d(aimer.metadata, aimer.parameters));
  const options = aimer === null ? { ...request.options, aimer: null } : aimer ? { ...request.options, aimer: aimers3d.get(aimer.key) } : request.options;
  const columns = aimAtColumnsChecked(targetsOf(request.targets), request.world, options);
  return { reply: columns, transfer: transfersOf3d(columns) };
}

serveThread<PoolRequest, PoolReply>({
  name: 'aim pool (createAimPool)',
  prepare() {
    // Compile both kernels and build the shipped aimers now, so that the first slice does not wait for them.
    shippedAimer('vacuum');
    shippedAimer('field');
    shippedAimer3d();
    aimBatch([5, 6], [{}, { wind: 1, drag: 0.01 }]);
    aimAtBatch([{ x: 20, y: 5 }], { drag: 0.01 });
  },
  answer(request) {
    if (request.kind === 'aimAt') return answerAimAt(request);
    const { targets, wind, drag, heightDifference, options } = request;
    if (request.aimer?.metadata && request.aimer.parameters) aimers.set(request.aimer.key, createAimer(request.aimer.metadata, request.aimer.parameters));
    const aimer = request.aimer ? aimers.get(request.aimer.key) : undefined;
    // The pool has checked the batch as aimBatch does: what is left is aiming it.
    const columns = aimColumns(targets, wind, drag, heightDifference, aimer ? { ...options, aimer } : options);
    return { reply: columns as PoolReply, transfer: transfersOf(columns) };
  },
});
