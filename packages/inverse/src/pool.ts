import { BackendError, checkInteger, InvalidInputError, isNumberColumn } from '@cannon/errors';
import { checkBatchShape, checkObject, checkSettings, checkTargets, type AimOptions, type AimResult } from './aim.js';
import type { Aimer } from './aimer.js';
import type { Conditions } from './conditions.js';
import { emptyColumns, nameIndex, resultsOf, type AimColumns } from './columns.js';
import { receivedError, type AimRequest, type SentError, type WorkerReply } from './pool-protocol.js';

export interface AimPoolOptions {
  /** Worker threads to start. Default: the cores (os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser). */
  workers?: number;
  /**
   * Where the worker's module is, for a bundler that does not follow `new URL('./aim-worker.js', import.meta.url)`
   * (Vite and webpack 5 do): the URL of a copy of @cannon/inverse's dist/aim-worker.js, bundled.
   */
  workerUrl?: string | URL;
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

export type { AimColumns };

/** A worker thread, Node's or the browser's, as the pool drives it. */
interface Thread {
  post(request: AimRequest, transfer: ArrayBuffer[]): void;
  /** Keeps a Node process alive while the thread has work (idle workers do not hold it open). */
  busy(busy: boolean): void;
  terminate(): Promise<void>;
}

interface Task {
  batch: Batch;
  start: number;
  request: AimRequest;
}

interface Batch {
  /** Takes a slice's answers, its first row at `start` of the batch. */
  write(columns: AimColumns, start: number): void;
  left: number;
  /** The error of the earliest slice that failed, as `aimBatch` would throw the first one. */
  failure: { start: number; error: Error } | null;
  /** Settles the batch with what its slices wrote. */
  finish(): void;
  reject(error: Error): void;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
// Under a name a browser bundler does not try to resolve: a browser never imports it.
const WORKER_THREADS = 'node:worker_threads';
const OS = 'node:os';

/** Slices per worker in a batch: enough that a worker slowed by other work leaves its share to the others. */
const SLICES_PER_WORKER = 4;

/**
 * Starts `workers` worker threads (worker_threads in Node, module Web Workers in a browser) that aim batches
 * as `aimBatch` does, each on a slice. They are started once, load the kernels and the shipped aimers, and
 * are reused by every batch until `terminate()`. Rejects with a BackendError, leaving nothing running, when a
 * worker cannot start.
 */
export async function createAimPool({ workers, workerUrl }: AimPoolOptions = {}): Promise<AimPool> {
  const count = workers === undefined ? await defaultWorkers() : checkInteger('workers', workers, { min: 1, max: 256 });
  if (workerUrl !== undefined && typeof workerUrl !== 'string' && !(workerUrl instanceof URL)) throw new InvalidInputError('workerUrl', 'a string or a URL', workerUrl);
  const queue: Task[] = [];
  const idle: Thread[] = [];
  const running = new Map<Thread, Task>();
  const batches = new Set<Batch>();
  const sentAimers = new Map<Thread, Set<number>>();
  const aimerKeys = new WeakMap<Aimer, number>();
  let nextId = 0;
  let stopped: Error | null = null;
  let threads: Thread[] = [];

  const stop = async (reason: Error) => {
    if (stopped) return;
    stopped = reason;
    queue.length = 0;
    for (const batch of batches) batch.reject(reason);
    batches.clear();
    await Promise.all(threads.map((thread) => thread.terminate().catch(() => {})));
  };

  const dispatch = () => {
    while (!stopped && idle.length > 0 && queue.length > 0) {
      const thread = idle.pop()!;
      const task = queue.shift()!;
      running.set(thread, task);
      thread.busy(true);
      const { request } = task;
      // An aimer's parameters go to each worker once; later slices name it by its key.
      const sent = sentAimers.get(thread)!;
      const post = request.aimer && sent.has(request.aimer.key) ? { ...request, aimer: { key: request.aimer.key } } : request;
      if (request.aimer) sent.add(request.aimer.key);
      thread.post(post, [post.targets, post.wind, post.drag, post.heightDifference].map((column) => column.buffer as ArrayBuffer));
    }
  };

  const received = (thread: Thread, reply: WorkerReply) => {
    if ('ready' in reply) return;
    const task = running.get(thread);
    if (!task || task.request.id !== reply.id) return;
    running.delete(thread);
    thread.busy(false);
    idle.push(thread);
    const { batch } = task;
    if (!batches.has(batch)) return dispatch();
    if (reply.ok) batch.write(reply.columns, task.start);
    else if (!batch.failure || task.start < batch.failure.start) batch.failure = { start: task.start, error: receivedError(reply.error) };
    if (--batch.left === 0) {
      batches.delete(batch);
      if (batch.failure) batch.reject(batch.failure.error);
      else batch.finish();
    }
    dispatch();
  };

  const failed = (thread: Thread, why: string) => {
    void stop(new BackendError(`a worker of the aim pool failed (${why}); the pool is terminated: create another`));
  };

  const url = workerUrl ?? null;
  const started = await Promise.allSettled(Array.from({ length: count }, () => startThread(url, received, failed)));
  threads = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const refusal = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (refusal) {
    await Promise.all(threads.map((thread) => thread.terminate().catch(() => {})));
    throw refusal.reason;
  }
  for (const thread of threads) {
    sentAimers.set(thread, new Set());
    idle.push(thread);
  }

  /**
   * Aims a batch of n targets in slices: `request` checks and builds each slice's request (throwing withdraws
   * the batch, before any answer), `handler` takes the answers and settles with the whole.
   */
  const run = <T>(
    n: number,
    options: AimOptions,
    handler: (resolve: (value: T) => void) => Pick<Batch, 'write' | 'finish'>,
    request: (start: number, end: number, settings: AimRequest['options'], aimer: AimRequest['aimer'], id: number) => AimRequest,
  ): Promise<T> => {
    const { aimer, ...settings } = options;
    let aimerMessage: AimRequest['aimer'];
    if (aimer && typeof aimer === 'object' && aimer.metadata && aimer.parameters) {
      let key = aimerKeys.get(aimer);
      if (key === undefined) aimerKeys.set(aimer, (key = nextId++));
      aimerMessage = { key, metadata: aimer.metadata, parameters: aimer.parameters };
    }
    const size = Math.ceil(n / (count * SLICES_PER_WORKER));
    let batch!: Batch;
    const answered = new Promise<T>((resolve, reject) => (batch = { ...handler(resolve), left: Math.ceil(n / size), failure: null, reject }));
    // Each slice goes to a worker once checked, so that the workers aim while the rest is checked; an
    // invalid target withdraws the batch, as aimBatch throws before aiming.
    batches.add(batch);
    try {
      for (let start = 0; start < n; start += size) {
        const end = Math.min(n, start + size);
        queue.push({ batch, start, request: request(start, end, settings, aimerMessage, nextId++) });
        dispatch();
      }
    } catch (error) {
      batches.delete(batch);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i].batch === batch) queue.splice(i, 1);
      throw error;
    }
    return answered;
  };

  return {
    workers: count,
    async aimBatch(targets, conditions = {}, options = {}) {
      if (stopped) throw stopped;
      checkBatchShape(targets, conditions, options);
      const n = targets.length;
      if (n === 0) return [];
      const resolved: Conditions[] = new Array(n);
      const results: AimResult[] = new Array(n);
      return run(n, options, (resolve) => ({ write: (columns, start) => resultsOf(columns, targets, resolved, start, results), finish: () => resolve(results) }), (start, end, settings, aimerMessage, id) => {
        checkTargets(targets, conditions, options, start, end, resolved);
        return requestOf(targets, resolved, start, end, settings, aimerMessage, id);
      });
    },
    async aimColumns(columns, options = {}) {
      if (stopped) throw stopped;
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
      return run(n, options, (resolve) => ({ write, finish: () => resolve(out) }), (start, end, settings, aimerMessage, id) => ({
        id,
        targets: slice(columns.target, start, end),
        wind: slice(columns.wind, start, end),
        drag: slice(columns.drag, start, end),
        heightDifference: slice(columns.heightDifference, start, end),
        options: settings,
        aimer: aimerMessage,
      }));
    },
    async terminate() {
      await stop(new BackendError('the aim pool was terminated'));
    },
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
  if (column === undefined) return new Float64Array(end - start);
  if (column instanceof Float64Array) return column.slice(start, end);
  const values = new Float64Array(end - start);
  for (let i = start; i < end; i++) values[i - start] = column[i];
  return values;
}

/** The request of a slice: its targets and resolved conditions as columns. */
function requestOf(targets: readonly number[], resolved: Conditions[], start: number, end: number, options: AimRequest['options'], aimer: AimRequest['aimer'], id: number): AimRequest {
  const request: AimRequest = { id, targets: new Float64Array(end - start), wind: new Float64Array(end - start), drag: new Float64Array(end - start), heightDifference: new Float64Array(end - start), options, aimer };
  for (let i = start; i < end; i++) {
    request.targets[i - start] = targets[i];
    request.wind[i - start] = resolved[i].wind;
    request.drag[i - start] = resolved[i].drag;
    request.heightDifference[i - start] = resolved[i].heightDifference;
  }
  return request;
}

async function defaultWorkers(): Promise<number> {
  if (isNode) {
    const os = (await import(/* @vite-ignore */ OS)) as typeof import('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  return Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);
}

/** Starts a worker and resolves once it has loaded the kernels and the aimers (it says it is ready). */
function startThread(url: string | URL | null, received: (thread: Thread, reply: WorkerReply) => void, failed: (thread: Thread, why: string) => void): Promise<Thread> {
  return new Promise<Thread>((resolve, reject) => {
    let ready = false;
    let ending = false;
    const refused = (why: string) => reject(new BackendError(`a worker of the aim pool could not start (${why})`));
    const onReply = (thread: Thread, reply: WorkerReply) => {
      if ('ready' in reply && !ready) {
        if (reply.ready) {
          ready = true;
          resolve(thread);
        } else {
          ending = true;
          void thread.terminate();
          refused(describeSent(reply.error));
        }
      } else received(thread, reply);
    };
    const onFailure = (thread: Thread, why: string) => {
      if (ending) return;
      ending = true;
      if (!ready) {
        void thread.terminate();
        refused(why);
      } else failed(thread, why);
    };
    if (isNode) startNodeThread(url, onReply, onFailure, () => (ending = true)).catch((error: Error) => refused(error.message));
    else startWebThread(url, onReply, onFailure, () => (ending = true));
  });
}

const describeSent = (error: SentError) => `${error.name}: ${error.message}`;

async function startNodeThread(url: string | URL | null, onReply: (thread: Thread, reply: WorkerReply) => void, onFailure: (thread: Thread, why: string) => void, ending: () => void): Promise<void> {
  const { Worker } = (await import(/* @vite-ignore */ WORKER_THREADS)) as typeof import('node:worker_threads');
  const worker = new Worker(url ?? new URL('./aim-worker.js', import.meta.url));
  const thread: Thread = {
    post: (request, transfer) => worker.postMessage(request, transfer),
    busy: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: async () => {
      ending();
      await worker.terminate();
    },
  };
  worker.on('message', (reply: WorkerReply) => onReply(thread, reply));
  worker.on('error', (error) => onFailure(thread, error.message));
  worker.on('messageerror', (error) => onFailure(thread, `a message could not be read: ${error.message}`));
  worker.on('exit', (code) => onFailure(thread, `it exited with code ${code}`));
}

function startWebThread(url: string | URL | null, onReply: (thread: Thread, reply: WorkerReply) => void, onFailure: (thread: Thread, why: string) => void, ending: () => void): void {
  // The literal `new Worker(new URL(...), { type: 'module' })` is what bundlers look for to bundle the worker.
  const worker = url === null ? new Worker(new URL('./aim-worker.js', import.meta.url), { type: 'module' }) : new Worker(url, { type: 'module' });
  const thread: Thread = {
    post: (request, transfer) => worker.postMessage(request, transfer),
    busy: () => {},
    terminate: async () => {
      ending();
      worker.terminate();
    },
  };
  worker.onmessage = (event: MessageEvent<WorkerReply>) => onReply(thread, event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    onFailure(thread, event.message || 'its module could not be loaded');
  };
  worker.onmessageerror = () => onFailure(thread, 'a message could not be read');
}
