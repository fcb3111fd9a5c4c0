// The pool's workers load the built worker module (dist/landing-worker.js), so this file tests the built package.
import { existsSync, readdirSync } from 'node:fs';
import { BackendError, InvalidInputError } from '@cannon/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shotFields, simulateLandings, supportedRanges, type Landings, type ShotColumns, type ShotField } from '../dist/index.js';
import { createLandingPool, type LandingPool } from '../dist/pool.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
/** The threads of this process (Linux): a worker left running is one more. */
const threads = () => readdirSync('/proc/self/task').length;

/** A batch of shots that spans the model: short and long flights, strong drag, shots that never come down, one out of steps. */
function mixedBatch(n: number): ShotColumns {
  const column = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const columns: ShotColumns = {
    speed: column((i) => 1 + ((i * 7.31) % 400)),
    angle: column((i) => 0.05 + ((i * 0.6180339887) % 1.45)),
    gravity: column(() => 9.81),
    drag: column((i) => (i % 5 === 0 ? 0 : (i * 0.0137) % 0.2)),
    wind: column((i) => ((i * 3.7) % 20) - 10),
    launchHeight: column((i) => (i % 3) * 0.5),
    targetHeight: column((i) => ((i * 1.3) % 6) - 2),
  };
  // One the simulator cannot follow (the fastest shot into the thickest air under the weakest gravity), and one
  // aimed too low to reach its height.
  (columns.speed as Float64Array)[n - 2] = supportedRanges.speed[1];
  (columns.drag as Float64Array)[n - 2] = supportedRanges.drag[1];
  (columns.gravity as Float64Array)[n - 2] = supportedRanges.gravity[0];
  (columns.angle as Float64Array)[n - 1] = 0.01;
  (columns.targetHeight as Float64Array)[n - 1] = 50;
  return columns;
}

/** Whether two batches' answers are the same numbers, to the bit. */
function expectSame(actual: Landings, expected: Landings, fields: readonly ShotField[]): void {
  const bits = (values: ArrayLike<number>) => Array.from(values, (value) => (Object.is(value, -0) ? '-0' : String(value)));
  expect(bits(actual.distance)).toEqual(bits(expected.distance));
  expect(bits(actual.flightTime)).toEqual(bits(expected.flightTime));
  expect(Array.from(actual.unresolved)).toEqual(Array.from(expected.unresolved));
  expect(Object.keys(actual.partials).sort()).toEqual([...new Set(fields)].sort());
  for (const field of fields) expect(bits(actual.partials[field]!)).toEqual(bits(expected.partials[field]!));
}

describe('createLandingPool', () => {
  let pool: LandingPool;

  beforeAll(async () => {
    pool = await createLandingPool({ workers: 2 });
  });

  afterAll(async () => {
    await pool?.terminate();
  });

  it('lands a batch exactly as simulateLandings does, with every derivative, an unresolved shot and one that never lands', async () => {
    const columns = mixedBatch(3001);
    const expected = simulateLandings(columns, 3001, shotFields);
    expectSame(await pool.simulateLandings(columns, 3001, shotFields), expected, shotFields);
    expect(expected.unresolved[2999]).toBe(1);
    expect(expected.distance[3000]).toBeNaN();
    expect(expected.distance.filter(Number.isFinite).length).toBeGreaterThan(2500);
  });

  it('takes plain arrays, shared columns, no derivatives, a field asked twice, one shot and none', async () => {
    const columns = mixedBatch(700);
    const plain = Object.fromEntries(Object.entries(columns).map(([field, values]) => [field, Array.from(values as ArrayLike<number>)])) as unknown as ShotColumns;
    expectSame(await pool.simulateLandings(plain, 700), simulateLandings(columns, 700), []);
    expectSame(await pool.simulateLandings(columns, 700, ['wind', 'angle', 'wind']), simulateLandings(columns, 700, ['wind', 'angle']), ['wind', 'angle']);
    const one: ShotColumns = { speed: [30], angle: [0.6], gravity: [9.81], drag: [0.01], wind: [2], launchHeight: [0], targetHeight: [0] };
    expectSame(await pool.simulateLandings(one, 1, ['speed']), simulateLandings(one, 1, ['speed']), ['speed']);
    expectSame(await pool.simulateLandings(one, 0), simulateLandings(one, 0), []);
  });

  it('answers batches side by side, each its own', async () => {
    const a = mixedBatch(900);
    const b = { ...mixedBatch(1300), wind: [3], gravity: [9.81] };
    const [first, second] = await Promise.all([pool.simulateLandings(a, 900, ['speed']), pool.simulateLandings(b, 1300, ['drag'])]);
    expectSame(first, simulateLandings(a, 900, ['speed']), ['speed']);
    expectSame(second, simulateLandings(b, 1300, ['drag']), ['drag']);
  });

  it('lands any batch as simulateLandings does (property)', async () => {
    const shot = fc.record({
      speed: fc.double({ min: 0, max: 600, noNaN: true }),
      angle: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      drag: fc.double({ min: 0, max: 0.5, noNaN: true }),
      wind: fc.double({ min: -20, max: 20, noNaN: true }),
      targetHeight: fc.double({ min: -5, max: 5, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(shot, { minLength: 1, maxLength: 600 }), async (shots) => {
        const column = (field: keyof (typeof shots)[number]) => shots.map((s) => s[field]);
        const columns: ShotColumns = { speed: column('speed'), angle: column('angle'), drag: column('drag'), wind: column('wind'), targetHeight: column('targetHeight'), gravity: [9.81], launchHeight: [0.5] };
        expectSame(await pool.simulateLandings(columns, shots.length, ['speed', 'angle']), simulateLandings(columns, shots.length, ['speed', 'angle']), ['speed', 'angle']);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a batch it cannot read, naming what is wrong, before any landing', async () => {
    const columns = mixedBatch(10);
    await expect(pool.simulateLandings(columns, -1)).rejects.toThrow(new InvalidInputError('count', 'a whole number in [0, 10000000]', -1).message);
    await expect(pool.simulateLandings({ ...columns, speed: [5], angle: [0.5], drag: [0], wind: [0], targetHeight: [0], launchHeight: [0], gravity: [9.81] }, 1e12)).rejects.toThrow('count must be a whole number in [0, 10000000]; received 1000000000000');
    await expect(pool.simulateLandings({ ...columns, mass: [1] } as never, 10)).rejects.toThrow('columns.mass must be one of speed, angle, gravity, drag, wind, launchHeight, targetHeight; received "mass"');
    await expect(pool.simulateLandings(columns, 2.5)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(pool.simulateLandings(null as never, 10)).rejects.toThrow(/^columns must be an object with a column for each of speed, angle/);
    await expect(pool.simulateLandings({ ...columns, wind: [1, 2] }, 10)).rejects.toThrow(/^columns\.wind must be a column of numbers of length 10 \(one per shot\) or 1 \(shared\)/);
    await expect(pool.simulateLandings({ ...columns, drag: undefined } as never, 10)).rejects.toThrow(/^columns\.drag must be/);
    await expect(pool.simulateLandings(columns, 10, ['mass' as never])).rejects.toThrow(/^partialFields\[0\] must be one of speed, angle, gravity, drag, wind, launchHeight, targetHeight/);
    await expect(pool.simulateLandings(columns, 10, 'speed' as never)).rejects.toThrow(/^partialFields must be an array/);
    expectSame(await pool.simulateLandings(columns, 10), simulateLandings(columns, 10), []);
  });

  it('refuses a number of workers that is not a whole number from 1, and a workerUrl that is not a URL', async () => {
    await expect(createLandingPool({ workers: 0 })).rejects.toThrow(/workers must be/);
    await expect(createLandingPool({ workers: 1.5 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(createLandingPool({ workerUrl: 3 as never })).rejects.toThrow(/workerUrl must be a string or a URL/);
  });
});

describe.skipIf(!existsSync('/proc/self/task'))('a landing pool whose workers fail', () => {
  it('rejects creation with a BackendError naming why a worker could not start, and leaves no worker running', async () => {
    const before = threads();
    const creation = createLandingPool({ workers: 2, workerUrl: fixture('worker-that-cannot-start.mjs') });
    await expect(creation).rejects.toBeInstanceOf(BackendError);
    await expect(creation).rejects.toThrow(/a worker of the landing pool could not start \(this worker cannot start\)/);
    await expect.poll(threads).toBe(before);
  });

  it('rejects the batch of a worker that dies with a BackendError, stops the others, and refuses later batches', async () => {
    const before = threads();
    const pool = await createLandingPool({ workers: 2, workerUrl: fixture('worker-that-dies.mjs') });
    expect(threads()).toBeGreaterThan(before);
    await expect(pool.simulateLandings(mixedBatch(2000), 2000)).rejects.toThrow(/a worker of the landing pool failed \(it exited with code 3\)/);
    await expect.poll(threads).toBe(before);
    await expect(pool.simulateLandings(mixedBatch(10), 10)).rejects.toBeInstanceOf(BackendError);
    await pool.terminate();
  });

  it('rejects the batches still landing when it is terminated, and leaves no worker running', async () => {
    const before = threads();
    const pool = await createLandingPool({ workers: 2 });
    const batch = pool.simulateLandings(mixedBatch(20_000), 20_000, ['speed']).catch((error: Error) => error);
    await pool.terminate();
    expect(await batch).toBeInstanceOf(BackendError);
    expect(String(await batch)).toMatch(/the landing pool was terminated/);
    await expect(pool.simulateLandings(mixedBatch(10), 10)).rejects.toThrow(/terminated/);
    await expect.poll(threads).toBe(before);
  });
});
