import { checkInteger, InvalidInputError, isNumberColumn } from '@cannon/errors';
import { maxShots } from './fire.js';
import { createThreadPool, ownRows } from '@cannon/threads';
import { shotFields, type Landings, type ShotColumns, type ShotField } from './simulate.js';

export interface LandingPoolOptions {
  /** Worker threads to start. Default: the cores (os.availableParallelism() in Node, navigator.hardwareConcurrency in a browser). */
  workers?: number;
  /**
   * Where the worker's module is, for a bundler that does not follow `new URL('./landing-worker.js', import.meta.url)`
   * (Vite and webpack 5 do): the URL of a copy of @cannon/physics's dist/landing-worker.js, bundled.
   */
  workerUrl?: string | URL;
}

/** Worker threads that land batches of shots together; made by `createLandingPool`. */
export interface LandingPool {
  /** How many workers it runs. */
  readonly workers: number;
  /**
   * `simulateLandings` spread over the workers, in slices: the same numbers, to the bit, for the same columns.
   * The batch is checked (`count` at most `maxShots`; a column of numbers of length `count` or 1 for each field,
   * and no other; their values are trusted, as
   * `simulateLandings` trusts them); a worker that fails rejects with a BackendError and terminates the pool.
   */
  simulateLandings(columns: ShotColumns, count: number, partialFields?: readonly ShotField[]): Promise<Landings>;
  /** Stops every worker; batches still landing reject. Resolves once all have stopped. */
  terminate(): Promise<void>;
}

/** A slice of a batch, as a worker is sent it. */
export interface LandingRequest {
  columns: ShotColumns;
  count: number;
  partialFields: ShotField[];
}

/** The fewest shots a slice holds: a smaller one costs more in messages than its flight. */
const MIN_SLICE = 256;
/** Slices per worker in a large batch: enough that a worker slowed by other work leaves its share to the others. */
const SLICES_PER_WORKER = 2;

/**
 * Starts `workers` worker threads (worker_threads in Node, module Web Workers in a browser) that land batches
 * as `simulateLandings` does, each a slice. They are started once, compile the kernel, and are reused by every
 * batch until `terminate()`. Rejects with a BackendError, leaving nothing running, when a worker cannot start.
 */
export async function createLandingPool({ workers, workerUrl }: LandingPoolOptions = {}): Promise<LandingPool> {
  if (workerUrl !== undefined && typeof workerUrl !== 'string' && !(workerUrl instanceof URL)) throw new InvalidInputError('workerUrl', 'a string or a URL', workerUrl);
  const pool = await createThreadPool<LandingRequest, Landings>({
    name: 'landing pool',
    workers,
    source: {
      node: () => workerUrl ?? new URL('./landing-worker.js', import.meta.url),
      // The literal `new Worker(new URL(...), { type: 'module' })` is what bundlers look for to bundle the worker.
      web: () => (workerUrl === undefined ? new Worker(new URL('./landing-worker.js', import.meta.url), { type: 'module' }) : new Worker(workerUrl, { type: 'module' })),
    },
  });
  return {
    workers: pool.workers,
    async simulateLandings(columns, count, partialFields = []) {
      checkBatch(columns, count, partialFields);
      const fields = [...new Set(partialFields)];
      const landings: Landings = { distance: new Float64Array(count), flightTime: new Float64Array(count), partials: {}, unresolved: new Uint8Array(count) };
      for (const field of fields) landings.partials[field] = new Float64Array(count);
      const size = Math.max(MIN_SLICE, Math.ceil(count / (pool.workers * SLICES_PER_WORKER)));
      const slices: Promise<void>[] = [];
      for (let start = 0; start < count; start += size) {
        const end = Math.min(count, start + size);
        const request: LandingRequest = { columns: sliceColumns(columns, count, start, end), count: end - start, partialFields: fields };
        const transfer = Object.values(request.columns).map((column) => (column as Float64Array).buffer as ArrayBuffer);
        slices.push(pool.run(() => ({ request, transfer })).then((slice) => write(landings, slice, start)));
      }
      // Every slice settles before the batch does (none is left writing into an answer already given).
      const outcomes = await Promise.allSettled(slices);
      const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failure) throw failure.reason;
      return landings;
    },
    terminate: () => pool.terminate(),
  };
}

/** Copies a slice's answer into the batch's, its first shot at `start`. */
function write(into: Landings, slice: Landings, start: number): void {
  into.distance.set(slice.distance, start);
  into.flightTime.set(slice.flightTime, start);
  into.unresolved.set(slice.unresolved, start);
  for (const [field, values] of Object.entries(slice.partials)) into.partials[field as ShotField]!.set(values!, start);
}

/** Rows start to end of every column, each a Float64Array of its own (to transfer); a shared column stays one value. */
function sliceColumns(columns: ShotColumns, count: number, start: number, end: number): ShotColumns {
  const sliced = {} as Record<ShotField, Float64Array>;
  for (const field of shotFields) {
    const column = columns[field];
    sliced[field] = column.length !== count || count === 1 ? Float64Array.of(column[0]) : ownRows(column, start, end);
  }
  return sliced;
}

/**
 * The checks of a batch: its size (at most `maxShots`, as `fire` takes), a column of numbers per field and no other
 * (of length count, or 1 to share), and the fields to differentiate.
 */
function checkBatch(columns: ShotColumns, count: number, partialFields: readonly ShotField[]): void {
  checkInteger('count', count, { min: 0, max: maxShots });
  if (columns === null || typeof columns !== 'object') throw new InvalidInputError('columns', `an object with a column for each of ${shotFields.join(', ')}`, columns);
  for (const key of Object.keys(columns)) {
    if (!(shotFields as readonly string[]).includes(key)) throw new InvalidInputError(`columns.${key}`, `one of ${shotFields.join(', ')}`, key);
  }
  for (const field of shotFields) {
    const column = columns[field];
    if (!isNumberColumn(column) || (column.length !== count && column.length !== 1)) throw new InvalidInputError(`columns.${field}`, `a column of numbers of length ${count} (one per shot) or 1 (shared)`, column);
  }
  if (!Array.isArray(partialFields)) throw new InvalidInputError('partialFields', `an array of fields among ${shotFields.join(', ')}`, partialFields);
  for (const [i, field] of partialFields.entries()) {
    if (!shotFields.includes(field)) throw new InvalidInputError(`partialFields[${i}]`, `one of ${shotFields.join(', ')}`, field);
  }
}
