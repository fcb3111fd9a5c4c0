import { InvalidInputError, isNumberColumn } from '@cannon/errors';
import { createThreadPool, ownRows, receivedError } from '@cannon/threads';
import { checkBatchShape, checkObject, checkSettings, checkTargets, type AimOptions, type AimResult } from './aim.js';
import type { Conditions } from './conditions.js';
import { emptyColumns, nameIndex, resultsOf, type AimColumns } from './columns.js';
import { checkShared3d, checkTargetColumns3d, checkTargets3d, type AimAtOptions, type AimAtResult, type Target3d, type TargetColumnsInput } from './aim3d.js';
import type { AimWorld } from './aim3d-world.js';
import { copyAimAtColumns, emptyAimAtColumns, resultsOfColumns, sharedAnswers, sharedBatch, sharedTargets, targetColumns, targetFields, transfersOf3d, type AimAtColumns, type TargetColumns3d } from './columns3d.js';
import type { AimAtRequest, AimRequest, PoolReply, PoolRequest, SharedAimAtReply, SharedAimAtRequest } from './pool-protocol.js';

export interface AimPoolOptions {
  /** Worker threads to start. Default: the cores (os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser). */
  workers?: number;
  /**
   * Where the worker's module is, for a bundler that does not follow `new URL('./aim-worker.js', import.meta.url)`
   * (Vite and webpack 5 do): the URL of a copy of @cannon/inverse's dist/aim-worker.js, bundled.
   */
  workerUrl?: string | URL;
  /**
   * Whether a 3D batch is put in memory the workers share (SharedArrayBuffer), each worker taking the next rows as soon
   * as it is free, rather than posted to them in slices. Default: where the platform allows it (Node, and a browser
   * page that is cross-origin isolated); `true` where it does not is refused.
   */
  sharedMemory?: boolean;
}

/** Worker threads that aim batches together; made by `createAimPool`. */
export interface AimPool {
  /** How many workers it runs. */
  readonly workers: number;
  /**
   * `aimBatch` spread over the workers: the same results, in the same order, and the same errors. Invalid input
   * rejects before any aiming; a worker that fails rejects with a BackendError and terminates the pool.
   */
  aimBatch(targets: readonly number[], conditions?: Partial<Conditions> | readonly Partial<Conditions>[], options?: AimOptions): Promise<AimResult[]>;
  /**
   * The same aiming with the batch as columns, in and out: no object per target on the calling thread, which
   * then has little to do but hand slices out (the fastest way to aim a large batch). `target` holds the
   * distances; `wind`, `drag` and `heightDifference` each hold one value per target, or are left out (0).
   * The answer holds, per target, what `aimBatch`'s result does (`aimer` indexes `names`; `refined` is 1 or 0).
   * A bad value rejects before any aiming, naming its column and index (`wind[17]`).
   */
  aimColumns(columns: TargetColumns, options?: AimOptions): Promise<AimColumns>;
  /**
   * `aimAtBatch` spread over the workers: the same results, in the same order, and the same errors (the first target's
   * in the batch that fails). Invalid input rejects before any aiming.
   */
  aimAtBatch(targets: readonly Target3d[], world?: AimWorld, options?: AimAtOptions): Promise<AimAtResult[]>;
  /**
   * The same aiming with the targets and the answers as columns: no object per target on the calling thread, which
   * then has little to do but hand slices out (the fastest way to aim a large 3D batch). The answer holds, per target,
   * what `aimAtBatch`'s result does, `intercept` and `landing` as `interceptX`… `landingY` (`aimer` indexes `names`;
   * `refined` is 1 or 0). A bad value rejects before any aiming, naming its column and row (`height[17]`).
   */
  aimAtColumns(targets: TargetColumnsInput, world?: AimWorld, options?: AimAtOptions): Promise<AimAtColumns>;
  /** Stops every worker; batches still aiming reject. Resolves once all have stopped. */
  terminate(): Promise<void>;
}

/** A batch as columns: the targets, and the conditions of each target (a column left out is 0 for every target). */
export interface TargetColumns {
  target: ArrayLike<number>;
  wind?: ArrayLike<number>;
  drag?: ArrayLike<number>;
  heightDifference?: ArrayLike<number>;
}

export type { AimColumns, AimAtColumns, TargetColumnsInput };

/** Slices per worker in a batch: enough that a worker slowed by other work leaves its share to the others. */
const SLICES_PER_WORKER = 4;

/**
 * Starts `workers` worker threads (worker_threads in Node, module Web Workers in a browser) that aim batches
 * as `aimBatch` does, each on a slice. They are started once, load the kernels and the shipped aimers, and
 * are reused by every batch until `terminate()`. Rejects with a BackendError, leaving nothing running, when a
 * worker cannot start.
 */
export async function createAimPool({ workers, workerUrl, sharedMemory }: AimPoolOptions = {}): Promise<AimPool> {
  if (workerUrl !== undefined && typeof workerUrl !== 'string' && !(workerUrl instanceof URL)) throw new InvalidInputError('workerUrl', 'a string or a URL', workerUrl);
  const canShare = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
  if (sharedMemory !== undefined && typeof sharedMemory !== 'boolean') throw new InvalidInputError('sharedMemory', 'true or false', sharedMemory);
  if (sharedMemory && !canShare) throw new InvalidInputError('sharedMemory', 'false here: SharedArrayBuffer needs Node or a cross-origin isolated page', sharedMemory);
  const shared = sharedMemory ?? canShare;
  const pool = await createThreadPool<PoolRequest, PoolReply>({
    name: 'aim pool',
    workers,
    source: {
      node: () => workerUrl ?? new URL('./aim-worker.js', import.meta.url),
      // The literal `new Worker(new URL(...), { type: 'module' })` is what bundlers look for to bundle the worker.
      web: () => (workerUrl === undefined ? new Worker(new URL('./aim-worker.js', import.meta.url), { type: 'module' }) : new Worker(workerUrl, { type: 'module' })),
    },
  });
  const count = pool.workers;
  /** The keys of the aimers each worker has been sent. */
  const sentAimers = Array.from({ length: count }, () => new Set<number>());
  const aimerKeys = new WeakMap<object, number>();
  let nextKey = 0;

  /** The message of an aimer the caller gave (its parameters, sent to each worker once), keyed. */
  const aimerMessage = <M>(aimer: { metadata: M; parameters: Float32Array }) => {
    let key = aimerKeys.get(aimer);
    if (key === undefined) aimerKeys.set(aimer, (key = nextKey++));
    return { key, metadata: aimer.metadata, parameters: aimer.parameters };
  };

  /** A request as it is posted to `worker`: an aimer's parameters go to each worker once; later requests name it by its key. */
  const postedTo = <Request extends PoolRequest>(worker: number, message: Request): Request => {
    const sent = sentAimers[worker];
    const post = message.aimer && sent.has(message.aimer.key) ? { ...message, aimer: { key: message.aimer.key } } : message;
    if (message.aimer) sent.add(message.aimer.key);
    return post;
  };

  /**
   * Aims a batch of n targets in slices: `request` checks and builds each slice's request (throwing withdraws
   * the batch, before any answer), `write` takes each slice's answers, and the batch settles with `result()`
   * or with the error of the earliest slice that failed, as aimBatch throws the first one.
   */
  const run = async <Request extends PoolRequest, Reply extends PoolReply, T>(n: number, write: (columns: Reply, start: number) => void, result: () => T, request: (start: number, end: number) => Request, transfers: (request: Request) => ArrayBuffer[]): Promise<T> => {
    const size = Math.ceil(n / (count * SLICES_PER_WORKER));
    let withdrawn = false;
    const slices: Promise<Error | null>[] = [];
    // Each slice goes to a worker once checked, so that the workers aim while the rest is checked; an
    // invalid target withdraws the batch, as aimBatch throws before aiming.
    try {
      for (let start = 0; start < n; start += size) {
        const message = request(start, Math.min(n, start + size));
        const answer = pool.run(
          (worker) => {
            const post = postedTo(worker, message);
            return { request: post, transfer: transfers(post) };
          },
          () => withdrawn,
        );
        slices.push(answer.then((columns) => (withdrawn ? null : (write(columns as Reply, start), null)), (error: Error) => error));
      }
    } catch (error) {
      withdrawn = true;
      throw error;
    }
    for (const failure of await Promise.all(slices)) if (failure) throw failure;
    return result();
  };
  /**
   * Aims a checked 3D batch of n targets in shared memory (`fill` writes them): a task for each worker, which takes the
   * next rows until none is left and writes their answers in place. Resolves with views of the answers; rejects with
   * the error of the earliest block of rows that failed, as aimAtBatch throws the first target's.
   */
  const runShared = async (n: number, fill: (targets: TargetColumns3d) => void, world: AimWorld, options: AimAtRequest['options'], aimer: AimAtRequest['aimer']): Promise<AimAtColumns> => {
    const batch = sharedBatch(n);
    fill(sharedTargets(batch, 0, n));
    const message: SharedAimAtRequest = { kind: 'aimAtShared', batch, world, options, aimer };
    const replies = (await Promise.all(Array.from({ length: count }, () => pool.run((worker) => ({ request: postedTo(worker, message) }))))) as SharedAimAtReply[];
    const failures = replies.flatMap(({ failed }) => (failed ? [failed] : []));
    if (failures.length > 0) throw receivedError(failures.reduce((first, failed) => (failed.row < first.row ? failed : first)).error);
    return sharedAnswers(batch, 0, n, replies[0].names);
  };

  /** The 2D aims' run: the aimer of the options sent by key. */
  const run2d = <T>(n: number, options: AimOptions, write: (columns: AimColumns, start: number) => void, result: () => T, request: (start: number, end: number, settings: AimRequest['options'], aimer: AimRequest['aimer']) => AimRequest): Promise<T> => {
    const { aimer, ...settings } = options;
    const message = aimer && typeof aimer === 'object' && aimer.metadata && aimer.parameters ? aimerMessage(aimer) : undefined;
    const transfers = (post: AimRequest) => [post.targets, post.wind, post.drag, post.heightDifference].map((column) => column.buffer as ArrayBuffer);
    return run(n, write, result, (start, end) => request(start, end, settings, message as AimRequest['aimer']), transfers);
  };

  return {
    workers: count,
    async aimBatch(targets, conditions = {}, options = {}) {
      checkBatchShape(targets, conditions, options);
      const n = targets.length;
      if (n === 0) return [];
      const resolved: Conditions[] = new Array(n);
      const results: AimResult[] = new Array(n);
      const write = (columns: AimColumns, start: number) => resultsOf(columns, targets, resolved, start, results);
      return run2d(n, options, write, () => results, (start, end, settings, aimerMessage) => {
        checkTargets(targets, conditions, options, start, end, resolved);
        return requestOf(targets, resolved, start, end, settings, aimerMessage);
      });
    },
    async aimColumns(columns, options = {}) {
      const n = checkColumns(columns);
      checkObject('options', options);
      checkSettings(options);
      const out = emptyColumns(n);
      if (n === 0) return out;
      const write = (answers: AimColumns, start: number) => {
        const names = answers.names.map((name) => nameIndex(out, name));
        for (const field of COPIED) out[field].set(answers[field], start);
        for (let k = 0; k < answers.aimer.length; k++) out.aimer[start + k] = names[answers.aimer[k]];
      };
      return run2d(n, options, write, () => out, (start, end, settings, aimerMessage) => ({
        targets: slice(columns.target, start, end),
        wind: slice(columns.wind, start, end),
        drag: slice(columns.drag, start, end),
        heightDifference: slice(columns.heightDifference, start, end),
        options: settings,
        aimer: aimerMessage,
      }));
    },
    async aimAtBatch(targets, world = {}, options = {}) {
      checkShared3d(world, options);
      const resolved = checkTargets3d(targets);
      const n = resolved.length;
      if (n === 0) return [];
      const { aimer, ...settings } = options;
      const message = aimer === null ? null : aimer === undefined ? undefined : aimerMessage(aimer);
      const results: AimAtResult[] = new Array(n);
      if (shared) {
        resultsOfColumns(await runShared(n, (into) => targetColumns(resolved, 0, n, into), world, settings, message), 0, results);
        return results;
      }
      const request = (start: number, end: number): AimAtRequest => ({ kind: 'aimAt', targets: targetColumns(resolved, start, end), world, options: settings, aimer: message });
      return run<AimAtRequest, AimAtColumns, AimAtResult[]>(n, (columns, start) => resultsOfColumns(columns, start, results), () => results, request, (post) => transfersOf3d(post.targets));
    },
    async aimAtColumns(targets, world = {}, options = {}) {
      checkShared3d(world, options);
      const n = checkTargetColumns3d(targets);
      const out = emptyAimAtColumns(n);
      if (n === 0) return out;
      const { aimer, ...settings } = options;
      const message = aimer === null ? null : aimer === undefined ? undefined : aimerMessage(aimer);
      if (shared) {
        const fill = (into: TargetColumns3d) => {
          for (const key of targetFields) if (targets[key] !== undefined) into[key].set(targets[key]);
        };
        copyAimAtColumns(await runShared(n, fill, world, settings, message), out, 0);
        return out;
      }
      const request = (start: number, end: number): AimAtRequest => ({
        kind: 'aimAt',
        targets: { x: slice(targets.x, start, end), y: slice(targets.y, start, end), height: slice(targets.height, start, end), vx: slice(targets.vx, start, end), vy: slice(targets.vy, start, end), vz: slice(targets.vz, start, end) },
        world,
        options: settings,
        aimer: message,
      });
      return run<AimAtRequest, AimAtColumns, AimAtColumns>(n, (answers, start) => copyAimAtColumns(answers, out, start), () => out, request, (post) => transfersOf3d(post.targets));
    },
    terminate: () => pool.terminate(),
  };
}

const COPIED = ['speed', 'angle', 'landing', 'error', 'iterations', 'refined', 'predictedSpeed', 'predictedAngle'] as const;

/** Checks a batch of columns, naming the column and the index of a bad value. Returns the number of targets. */
function checkColumns(columns: TargetColumns): number {
  if (columns === null || typeof columns !== 'object') throw new InvalidInputError('columns', 'an object { target, wind?, drag?, heightDifference? } of columns', columns);
  for (const key of Object.keys(columns)) {
    if (!['target', 'wind', 'drag', 'heightDifference'].includes(key)) throw new InvalidInputError(`columns.${key}`, 'one of target, wind, drag, heightDifference', key);
  }
  if (!isNumberColumn(columns.target)) throw new InvalidInputError('target', 'a column of distances (an array or a typed array)', columns.target);
  const n = columns.target.length;
  const check = (field: 'target' | 'wind' | 'drag' | 'heightDifference', ok: (value: number) => boolean, allowed: string) => {
    const column = columns[field];
    if (column === undefined && field !== 'target') return;
    if (!isNumberColumn(column) || column.length !== n) throw new InvalidInputError(field, `a column of ${n} values, one per target`, column);
    for (let i = 0; i < n; i++) {
      const value = column[i];
      if (!(typeof value === 'number' && ok(value))) throw new InvalidInputError(`${field}[${i}]`, allowed, value);
    }
  };
  check('target', (v) => v > 0 && v < Infinity, 'a finite number > 0');
  check('wind', Number.isFinite, 'a finite number');
  check('drag', (v) => v >= 0 && v < Infinity, 'a finite number ≥ 0');
  check('heightDifference', Number.isFinite, 'a finite number');
  return n;
}

/** Rows start to end of a column as a Float64Array of their own (to transfer), zeros for a column left out. */
function slice(column: ArrayLike<number> | undefined, start: number, end: number): Float64Array {
  return column === undefined ? new Float64Array(end - start) : ownRows(column, start, end);
}

/** The request of a slice: its targets and resolved conditions as columns. */
function requestOf(targets: readonly number[], resolved: Conditions[], start: number, end: number, options: AimRequest['options'], aimer: AimRequest['aimer']): AimRequest {
  const request: AimRequest = { targets: new Float64Array(end - start), wind: new Float64Array(end - start), drag: new Float64Array(end - start), heightDifference: new Float64Array(end - start), options, aimer };
  for (let i = start; i < end; i++) {
    request.targets[i - start] = targets[i];
    request.wind[i - start] = resolved[i].wind;
    request.drag[i - start] = resolved[i].drag;
    request.heightDifference[i - start] = resolved[i].heightDifference;
  }
  return request;
}
