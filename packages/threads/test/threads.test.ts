// The pool's workers are the fixtures, which load the built package (dist/), so this file tests the built package.
import { existsSync, readdirSync } from 'node:fs';
import { BackendError, InvalidInputError, NoLandingError, UnreachableTargetError } from '@cannon/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreadPool, ownRows, receivedError, sentError, type ThreadPool } from '../dist/index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const source = (name: string) => ({ node: () => fixture(name), web: () => new Worker(fixture(name), { type: 'module' }) });
/** The threads of this process (Linux): a worker left running is one more. */
const threads = () => readdirSync('/proc/self/task').length;

interface Request {
  numbers: number[];
  fail?: 'invalid' | 'plain' | 'value';
  wait?: number;
}
interface Reply {
  doubled: Float64Array;
  tasks: number;
}

describe('createThreadPool', () => {
  let pool: ThreadPool<Request, Reply>;

  beforeAll(async () => {
    pool = await createThreadPool<Request, Reply>({ name: 'test pool', source: source('echo-worker.mjs'), workers: 2 });
  });

  afterAll(async () => {
    await pool?.terminate();
  });

  it('runs each task on a worker and resolves with its reply', async () => {
    expect(pool.workers).toBe(2);
    const { doubled } = await pool.run(() => ({ request: { numbers: [1, 2.5, -3] } }));
    expect(Array.from(doubled)).toEqual([2, 5, -6]);
  });

  it('builds each message when a worker takes it, naming the worker, and queues tasks while every worker is busy', async () => {
    const takers: number[] = [];
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.run((worker) => {
          takers.push(worker);
          return { request: { numbers: [i], wait: 20 } };
        }),
      ),
    );
    expect(replies.map((reply) => reply.doubled[0])).toEqual([0, 2, 4, 6, 8, 10]);
    expect(takers).toHaveLength(6);
    expect(new Set(takers)).toEqual(new Set([0, 1]));
  });

  it('posts a worker its next task while it works on one, so that it does not wait for the calling thread between them', async () => {
    const one = await createThreadPool<Request, Reply>({ name: 'test pool', source: source('echo-worker.mjs'), workers: 1 });
    let built = 0;
    const runs = Array.from({ length: 3 }, (_, i) => one.run(() => ((built += 1), { request: { numbers: [i], wait: 30 } })));
    // Two are posted at once; the third waits on this side until the first is answered.
    expect(built).toBe(2);
    const replies = await Promise.all(runs);
    expect(replies.map((reply) => [reply.doubled[0], reply.tasks])).toEqual([[0, 1], [2, 2], [4, 3]]);
    expect(built).toBe(3);
    await one.terminate();
  });

  it('hands over the buffers it is told to transfer', async () => {
    const numbers = new Float64Array([4, 5]);
    const reply = await pool.run(() => ({ request: { numbers: Array.from(numbers) }, transfer: [numbers.buffer] }));
    expect(numbers.byteLength).toBe(0);
    expect(Array.from(reply.doubled)).toEqual([8, 10]);
  });

  it('rejects with the error the worker threw: the same class, fields and message', async () => {
    const invalid = await pool.run(() => ({ request: { numbers: [], fail: 'invalid' } })).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(InvalidInputError);
    expect(invalid).toMatchObject({ field: 'numbers[3]', allowed: 'a finite number', message: 'numbers[3] must be a finite number; received NaN' });
    const plain = await pool.run(() => ({ request: { numbers: [], fail: 'plain' } })).catch((error: unknown) => error);
    expect(plain).toMatchObject({ name: 'RangeError', message: 'out of range' });
    await expect(pool.run(() => ({ request: { numbers: [], fail: 'value' } }))).rejects.toThrow('a string');
    expect(Array.from((await pool.run(() => ({ request: { numbers: [1] } }))).doubled)).toEqual([2]);
  });

  it('does not run a task withdrawn before its turn, nor one whose message cannot be built', async () => {
    const busy = [pool.run(() => ({ request: { numbers: [1], wait: 50 } })), pool.run(() => ({ request: { numbers: [1], wait: 50 } }))];
    let built = false;
    void pool.run(
      () => ((built = true), { request: { numbers: [1] } }),
      () => true,
    );
    const refused = pool
      .run(() => {
        throw new RangeError('no message');
      })
      .catch((error: unknown) => error);
    await Promise.all(busy);
    expect(await refused).toMatchObject({ name: 'RangeError', message: 'no message' });
    expect(built).toBe(false);
  });

  it('refuses a number of workers that is not a whole number from 1', async () => {
    await expect(createThreadPool({ name: 'test pool', source: source('echo-worker.mjs'), workers: 0 })).rejects.toThrow(/^workers must be a whole number in \[1, 256\]/);
  });
});

describe.skipIf(!existsSync('/proc/self/task'))('a pool whose workers cannot start', () => {
  it("rejects with a BackendError naming the error the worker's preparation threw, and leaves no worker running", async () => {
    const before = threads();
    const creation = createThreadPool({ name: 'test pool', source: source('unprepared-worker.mjs'), workers: 2 });
    await expect(creation).rejects.toBeInstanceOf(BackendError);
    await expect(creation).rejects.toThrow('a worker of the test pool could not start (Error: the kernel could not be compiled)');
    await expect.poll(threads).toBe(before);
  });

  it('rejects the tasks still running when it is terminated, and every task after', async () => {
    const before = threads();
    const pool = await createThreadPool<Request, Reply>({ name: 'test pool', source: source('echo-worker.mjs'), workers: 1 });
    const running = pool.run(() => ({ request: { numbers: [1], wait: 200 } })).catch((error: Error) => error);
    const queued = pool.run(() => ({ request: { numbers: [2] } })).catch((error: Error) => error);
    await pool.terminate();
    for (const task of [running, queued]) expect(String(await task)).toBe('BackendError: the test pool was terminated');
    await expect(pool.run(() => ({ request: { numbers: [3] } }))).rejects.toThrow('the test pool was terminated');
    await expect.poll(threads).toBe(before);
  });
});

describe('sentError and receivedError', () => {
  it('rebuild each @cannon error with its class, fields and message', () => {
    const errors = [
      new InvalidInputError('wind[2]', 'a finite number', Infinity),
      new UnreachableTargetError(60, 12.5, { wind: 1, drag: 0.01, heightDifference: 0 }),
      new NoLandingError('the shot never comes down'),
      new BackendError('the kernel could not be compiled'),
    ];
    for (const error of errors) {
      const rebuilt = receivedError(structuredClone(sentError(error)));
      expect(rebuilt).toBeInstanceOf(error.constructor);
      expect(rebuilt).toEqual(error);
      expect(rebuilt.message).toBe(error.message);
      expect(rebuilt.stack).toBe(error.stack);
    }
  });

  it('keep the name and message of any error, and the text of a thrown value that is not one', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (message, name) => {
        const error = Object.assign(new Error(message), { name });
        const rebuilt = receivedError(structuredClone(sentError(error)));
        expect([rebuilt.name, rebuilt.message]).toEqual(name === 'InvalidInputError' || name === 'UnreachableTargetError' || name === 'NoLandingError' || name === 'BackendError' ? [rebuilt.name, message] : [name, message]);
      }),
    );
    expect(receivedError(sentError(42))).toMatchObject({ name: 'Error', message: '42' });
  });
});

describe('ownRows', () => {
  it('copies the rows of any column of numbers into a Float64Array of its own', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 50 }), fc.nat(), fc.nat(), (values, a, b) => {
        const [start, end] = [Math.min(a, b) % (values.length + 1), Math.max(a, b) % (values.length + 1)].sort((x, y) => x - y);
        for (const column of [values, Float64Array.from(values), Float32Array.from(values)]) {
          const rows = ownRows(column, start, end);
          expect(rows).toBeInstanceOf(Float64Array);
          expect(Array.from(rows)).toEqual(Array.from(column).slice(start, end));
          expect(rows.buffer).not.toBe((column as Float64Array).buffer);
        }
      }),
    );
  });
});
