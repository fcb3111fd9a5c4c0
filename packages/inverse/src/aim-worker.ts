// A worker of an aim pool (src/pool.ts), in Node (worker_threads) or a browser (a module Web Worker): it
// aims the slices of batches it is sent as `aimBatch` (or, in three dimensions, `aimAtBatch`) does on the calling
// thread, column by column.
import { sentError, serveThread } from '@cannon/threads';
import { aimBatch, aimColumns } from './aim.js';
import { aimAtBatch, aimAtColumnsChecked } from './aim3d.js';
import { createAimer, type Aimer } from './aimer.js';
import { createAimer3d, type Aimer3d } from './aimer3d.js';
import { transfersOf } from './columns.js';
import { sharedAnswers, sharedTargets, targetsOf, transfersOf3d } from './columns3d.js';
import type { AimAtOptions } from './aim3d.js';
import type { AimAtRequest, PoolReply, PoolRequest, SharedAimAtReply, SharedAimAtRequest } from './pool-protocol.js';
import { shippedAimer, shippedAimer3d } from './shipped.js';

/** The aimers the pool has sent, by the key it gave them. */
const aimers = new Map<number, Aimer>();
const aimers3d = new Map<number, Aimer3d>();

/**
 * Rows a worker takes at a time from a shared batch: enough to aim them together (the network's guesses and the
 * flights in batches), few enough that the workers finish the batch close together.
 */
const SHARED_ROWS = 256;

/** A 3D request's options, with the aimer it names (null: the physics alone; left out: the shipped one). */
function optionsOf({ aimer, options }: Pick<AimAtRequest, 'aimer' | 'options'>): AimAtOptions {
  if (aimer?.metadata && aimer.parameters) aimers3d.set(aimer.key, createAimer3d(aimer.metadata, aimer.parameters));
  return aimer === null ? { ...options, aimer: null } : aimer ? { ...options, aimer: aimers3d.get(aimer.key) } : options;
}

/** A slice of a 3D batch, aimed as `aimAtBatch` aims it (its targets checked by the pool before they were sent). */
function answerAimAt(request: AimAtRequest): { reply: PoolReply; transfer: ArrayBuffer[] } {
  const columns = aimAtColumnsChecked(targetsOf(request.targets), request.world, optionsOf(request));
  return { reply: columns, transfer: transfersOf3d(columns) };
}

/**
 * A 3D batch in shared memory, aimed with the other workers: the next SHARED_ROWS rows until none is left, each block
 * as `aimAtBatch` aims it, its answers written in place. A block that fails is remembered (the earliest of this
 * worker's: it takes its rows in order) and marks the batch failed from its first row, so that no worker aims a later
 * one; the pool rejects with the earliest block's error, as `aimAtBatch` throws the first target's.
 */
function answerAimAtShared(request: SharedAimAtRequest): { reply: PoolReply } {
  const { batch, world } = request;
  const options = optionsOf(request);
  const aimer = options.aimer === null ? null : (options.aimer ?? shippedAimer3d());
  // The names the answers' aimer column indexes: every worker's the same.
  const names = aimer ? ['physics', aimer.metadata.name] : ['physics'];
  const next = new Int32Array(batch.next);
  const reply: SharedAimAtReply = { names };
  for (let start = Atomics.add(next, 0, SHARED_ROWS); start < batch.n; start = Atomics.add(next, 0, SHARED_ROWS)) {
    if (start > Atomics.load(next, 1)) continue;
    const end = Math.min(batch.n, start + SHARED_ROWS);
    try {
      aimAtColumnsChecked(targetsOf(sharedTargets(batch, start, end)), world, options, sharedAnswers(batch, start, end, names));
    } catch (error) {
      reply.failed ??= { row: start, error: sentError(error) };
      for (let first = Atomics.load(next, 1); start < first; first = Atomics.load(next, 1)) Atomics.compareExchange(next, 1, first, start);
    }
  }
  if (names.length > (aimer ? 2 : 1)) throw new Error(`aim pool: an answer named the aimer ${names.at(-1)}, which the batch was not sent`);
  return { reply };
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
    if (request.kind === 'aimAtShared') return answerAimAtShared(request);
    const { targets, wind, drag, heightDifference, options } = request;
    if (request.aimer?.metadata && request.aimer.parameters) aimers.set(request.aimer.key, createAimer(request.aimer.metadata, request.aimer.parameters));
    const aimer = request.aimer ? aimers.get(request.aimer.key) : undefined;
    // The pool has checked the batch as aimBatch does: what is left is aiming it.
    const columns = aimColumns(targets, wind, drag, heightDifference, aimer ? { ...options, aimer } : options);
    return { reply: columns as PoolReply, transfer: transfersOf(columns) };
  },
});
