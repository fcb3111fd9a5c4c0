// The pool's workers load the built worker module (dist/aim-worker.js), so this file tests the built package.
import { existsSync, readdirSync } from 'node:fs';
import { BackendError, InvalidInputError, UnreachableTargetError } from '@cannon/errors';
import { initialParameters } from '@cannon/network';
import { createRandom } from '@cannon/random';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aimAtBatch, aimBatch, aimerNetworkSpec, createAimer, fieldDomain, sampleConditions, shippedAimer } from '../dist/index.js';
import { createAimPool, type AimPool } from '../dist/pool.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
/** The threads of this process (Linux): a worker left running is one more. */
const threads = () => readdirSync('/proc/self/task').length;

/** Targets over the field box, with some in calm air (the vacuum aimer's) and some outside the box (the physics'). */
function mixedBatch(n: number, seed: number) {
  const sample = sampleConditions(fieldDomain, n, createRandom(seed));
  const targets = Array.from(sample.target);
  const conditions = targets.map((_, i) => ({ wind: sample.wind[i], drag: sample.drag[i], heightDifference: sample.heightDifference[i] }));
  for (let i = 0; i < n; i += 7) conditions[i] = { wind: 0, drag: 0, heightDifference: 0 };
  for (let i = 3; i < n; i += 50) if (i % 7 !== 0) targets[i] = 8.2 + 0.3 * (i % 3);
  return { targets, conditions };
}

describe('createAimPool', () => {
  let pool: AimPool;

  beforeAll(async () => {
    pool = await createAimPool({ workers: 2 });
  });

  afterAll(async () => {
    await pool?.terminate();
  });

  it('answers a batch exactly as aimBatch does: every field of every result, in order', async () => {
    const { targets, conditions } = mixedBatch(3000, 1);
    const results = await pool.aimBatch(targets, conditions);
    expect(results).toEqual(aimBatch(targets, conditions));
    expect(new Set(results.map((r) => r.aimer))).toEqual(new Set(['field', 'vacuum', 'physics']));
  });

  it('answers with shared conditions, a tolerance, a wished speed and an aimer of the caller as aimBatch does', async () => {
    const targets = Array.from({ length: 200 }, (_, i) => 1 + (7 * i) / 199);
    expect(await pool.aimBatch(targets, { wind: -2, drag: 0.03 }, { tolerance: 0.001 })).toEqual(aimBatch(targets, { wind: -2, drag: 0.03 }, { tolerance: 0.001 }));
    expect(await pool.aimBatch(targets.slice(0, 20), { wind: 1 }, { speed: 12, arc: 'high' })).toEqual(aimBatch(targets.slice(0, 20), { wind: 1 }, { speed: 12, arc: 'high' }));
    const field = shippedAimer('field');
    const untrained = createAimer({ ...field.metadata, name: 'untrained' }, initialParameters(aimerNetworkSpec(field.metadata)));
    const mine = await pool.aimBatch(targets, { wind: 3, heightDifference: 0.5 }, { aimer: untrained });
    expect(mine).toEqual(aimBatch(targets, { wind: 3, heightDifference: 0.5 }, { aimer: untrained }));
    expect(mine.every((r) => r.aimer === 'untrained')).toBe(true);
  });

  it('is reused: batches one after another and side by side, an empty one too', async () => {
    const a = mixedBatch(500, 2);
    const b = mixedBatch(700, 3);
    const [first, second, empty] = await Promise.all([pool.aimBatch(a.targets, a.conditions), pool.aimBatch(b.targets, b.conditions), pool.aimBatch([])]);
    expect(first).toEqual(aimBatch(a.targets, a.conditions));
    expect(second).toEqual(aimBatch(b.targets, b.conditions));
    expect(empty).toEqual([]);
    expect(await pool.aimBatch(a.targets, a.conditions)).toEqual(first);
  });

  it('rejects invalid input as aimBatch throws it, naming the target, before any aiming', async () => {
    await expect(pool.aimBatch([3, -1, 4])).rejects.toThrow(new InvalidInputError('targets[1]', 'a finite number > 0', -1).message);
    await expect(pool.aimBatch([3], [{ wind: 'x' as never }])).rejects.toBeInstanceOf(InvalidInputError);
    await expect(pool.aimBatch([3], {}, { tolerance: 0 })).rejects.toThrow(/tolerance/);
  });

  it('aims columns as aimBatch aims objects: the same answers, row by row, with the aimer named', async () => {
    const n = 3000;
    const s = sampleConditions(fieldDomain, n, createRandom(5));
    const targets = Array.from(s.target);
    const expected = aimBatch(targets, targets.map((_, i) => ({ wind: s.wind[i], drag: s.drag[i], heightDifference: s.heightDifference[i] })));
    const columns = await pool.aimColumns({ target: s.target, wind: s.wind, drag: s.drag, heightDifference: Array.from(s.heightDifference) });
    expect(columns.speed.length).toBe(n);
    expected.forEach((r, i) => {
      const row = {
        speed: columns.speed[i], angle: columns.angle[i], landing: columns.landing[i], error: columns.error[i], iterations: columns.iterations[i],
        refined: columns.refined[i] === 1, predicted: { speed: columns.predictedSpeed[i], angle: columns.predictedAngle[i] }, aimer: columns.names[columns.aimer[i]],
      };
      expect(row).toEqual({ speed: r.speed, angle: r.angle, landing: r.landing, error: r.error, iterations: r.iterations, refined: r.refined, predicted: r.predicted, aimer: r.aimer });
    });
    // Columns left out are calm: the vacuum aimer answers, as aimBatch without conditions.
    const calm = await pool.aimColumns({ target: [2, 3] });
    expect(Array.from(calm.speed)).toEqual(aimBatch([2, 3]).map((r) => r.speed));
    expect((await pool.aimColumns({ target: new Float64Array(0) })).speed.length).toBe(0);
  });

  it('refuses a bad column value before any aiming, naming its column and index', async () => {
    await expect(pool.aimColumns({ target: [3, 4], wind: [0, NaN] })).rejects.toThrow(new InvalidInputError('wind[1]', 'a finite number', NaN).message);
    await expect(pool.aimColumns({ target: [3, -4] })).rejects.toThrow(/target\[1\] must be a finite number > 0/);
    await expect(pool.aimColumns({ target: [3, 4], drag: [0.1] })).rejects.toThrow(/drag must be a column of 2 values, one per target/);
    await expect(pool.aimColumns({ target: [3], speed: [1] } as never)).rejects.toThrow(/columns\.speed must be one of target, wind, drag, heightDifference/);
    await expect(pool.aimColumns({ target: [3] }, { tolerence: 1 } as never)).rejects.toThrow(/options\.tolerence/);
    await expect(pool.aimColumns(null as never)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('withdraws a batch whose bad target comes after slices already sent, and answers the next batch whole', async () => {
    const targets = Array.from({ length: 20_000 }, (_, i) => 2 + (i % 7));
    targets[19_999] = NaN;
    await expect(pool.aimBatch(targets)).rejects.toThrow(new InvalidInputError('targets[19999]', 'a finite number > 0', NaN).message);
    const next = targets.slice(0, 5000);
    expect(await pool.aimBatch(next)).toEqual(aimBatch(next));
  });

  it('rejects with the UnreachableTargetError aimBatch throws for the first target it cannot reach, and goes on aiming', async () => {
    const targets = [...Array.from({ length: 400 }, (_, i) => 2 + (i % 5)), 60, 2, 80];
    const thrown = thrownBy(() => aimBatch(targets, { wind: 1 }));
    const rejection = await pool.aimBatch(targets, { wind: 1 }).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(UnreachableTargetError);
    expect(rejection).toEqual(thrown);
    expect((rejection as UnreachableTargetError).message).toBe((thrown as UnreachableTargetError).message);
    expect(await pool.aimBatch([5], { wind: 1 })).toEqual(aimBatch([5], { wind: 1 }));
  });

  it('aims in three dimensions as aimAtBatch does: still and moving targets, the learned aimer, the physics alone, a wish', async () => {
    const random = createRandom(8);
    const uniform = (low: number, high: number) => low + (high - low) * random.uniform();
    const targets = Array.from({ length: 600 }, (_, i) => {
      const [range, bearing] = [uniform(2, 60), uniform(-Math.PI, Math.PI)];
      return { x: range * Math.cos(bearing), y: range * Math.sin(bearing), height: uniform(-3, 3), ...(i % 3 === 0 ? { velocity: [uniform(-4, 4), uniform(-4, 4)] as [number, number] } : {}) };
    });
    const world = { drag: 0.01, wind: [2, -3] as [number, number] };
    const results = await pool.aimAtBatch(targets, world);
    expect(results).toEqual(aimAtBatch(targets, world));
    expect(new Set(results.map((r) => r.aimer))).toContain('aim3d');
    const few = targets.filter((target) => !('velocity' in target)).slice(0, 30);
    expect(await pool.aimAtBatch(few, world, { aimer: null })).toEqual(aimAtBatch(few, world, { aimer: null }));
    expect(await pool.aimAtBatch(few, world, { speed: 40, arc: 'high' })).toEqual(aimAtBatch(few, world, { speed: 40, arc: 'high' }));
    expect(await pool.aimAtBatch([])).toEqual([]);
  });

  it('rejects a bad 3D target before any aiming, naming it, and the first unreachable one as aimAtBatch throws it', async () => {
    await expect(pool.aimAtBatch([{ x: 10, y: 0 }, { x: 0, y: 0 }])).rejects.toThrow(/targets\[1\]/);
    await expect(pool.aimAtBatch([{ x: 10, y: 0 }], {}, { aimer: {} as never })).rejects.toThrow(/options\.aimer/);
    const far = [{ x: 10, y: 0 }, { x: 5000, y: 0 }, { x: 20, y: 0 }];
    await expect(pool.aimAtBatch(far, { drag: 0.01 }, { maxSpeed: 40 })).rejects.toBeInstanceOf(UnreachableTargetError);
    expect(await pool.aimAtBatch([{ x: 10, y: 0 }], { drag: 0.01 })).toEqual(aimAtBatch([{ x: 10, y: 0 }], { drag: 0.01 }));
  });

  it('aims 3D columns as aimAtBatch aims objects: the same answers, row by row, with the aimer named', async () => {
    const random = createRandom(9);
    const uniform = (low: number, high: number) => low + (high - low) * random.uniform();
    const targets = Array.from({ length: 400 }, (_, i) => {
      const [range, bearing] = [uniform(2, 60), uniform(-Math.PI, Math.PI)];
      return { x: range * Math.cos(bearing), y: range * Math.sin(bearing), height: uniform(-3, 3), velocity: (i % 3 === 0 ? [uniform(-4, 4), uniform(-4, 4), uniform(-1, 1)] : [0, 0, 0]) as [number, number, number] };
    });
    const world = { drag: 0.01, wind: [2, -3] as [number, number] };
    const columns = { x: targets.map((t) => t.x), y: targets.map((t) => t.y), height: Float64Array.from(targets, (t) => t.height), vx: targets.map((t) => t.velocity[0]), vy: targets.map((t) => t.velocity[1]), vz: targets.map((t) => t.velocity[2]) };
    const answers = await pool.aimAtColumns(columns, world);
    const expected = aimAtBatch(targets, world);
    expected.forEach((r, i) => {
      const row = {
        speed: answers.speed[i], angle: answers.angle[i], azimuth: answers.azimuth[i], flightTime: answers.flightTime[i],
        intercept: { x: answers.interceptX[i], y: answers.interceptY[i], z: answers.interceptZ[i] }, landing: { x: answers.landingX[i], y: answers.landingY[i] },
        error: answers.error[i], iterations: answers.iterations[i], refined: answers.refined[i] === 1, aimer: answers.names[answers.aimer[i]],
      };
      expect(row).toEqual(r);
    });
    expect(answers.names).toContain('aim3d');
    // Columns left out are 0: still targets at the muzzle's height.
    const still = await pool.aimAtColumns({ x: [10, 20], y: [5, -5] }, world, { aimer: null });
    expect(Array.from(still.speed)).toEqual(aimAtBatch([{ x: 10, y: 5 }, { x: 20, y: -5 }], world, { aimer: null }).map((r) => r.speed));
    expect((await pool.aimAtColumns({ x: [], y: [] })).speed).toHaveLength(0);
  });

  it('refuses a bad 3D column before any aiming, naming its column and row', async () => {
    await expect(pool.aimAtColumns({ x: [10, 0], y: [1, 0] })).rejects.toThrow(/x\[1\]/);
    await expect(pool.aimAtColumns({ x: [10, 20], y: [1, 2], height: [0, 1e6] })).rejects.toThrow(/height\[1\]/);
    await expect(pool.aimAtColumns({ x: [10, 20], y: [1, 2], vz: [0, Number.NaN] })).rejects.toThrow(/vz\[1\]/);
    await expect(pool.aimAtColumns({ x: [10, 20], y: [1] })).rejects.toThrow(/^.*\by\b/);
    await expect(pool.aimAtColumns({ x: [10], y: [1], colour: [2] } as never)).rejects.toThrow(/targets\.colour/);
    await expect(pool.aimAtColumns({ x: [10], y: [1] }, {}, { tolerance: -1 })).rejects.toThrow(/tolerance/);
    const far = { x: [10, 5000, 20], y: [0, 0, 0] };
    await expect(pool.aimAtColumns(far, { drag: 0.01 }, { maxSpeed: 40 })).rejects.toBeInstanceOf(UnreachableTargetError);
  });

  it('refuses any hostile value in any 3D column with an InvalidInputError naming its column and row, and aims nothing', async () => {
    const hostile = fc.oneof(fc.constant(Number.NaN), fc.constant(Infinity), fc.constant(-Infinity), fc.constant('3'), fc.constant(null), fc.constant(undefined), fc.constant(1e9), fc.constant(-1e9));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('x', 'y', 'height', 'vx', 'vy', 'vz'), fc.nat(5), hostile, async (column, row, value) => {
        const columns: Record<string, unknown[]> = { x: [5, 6, 7, 8, 9, 10], y: [1, 1, 1, 1, 1, 1], height: [0, 0, 0, 0, 0, 0], vx: [0, 0, 0, 0, 0, 0], vy: [0, 0, 0, 0, 0, 0], vz: [0, 0, 0, 0, 0, 0] };
        columns[column][row] = value;
        // A finite x or y is any place on the ground: only the other values are hostile there.
        if ((column === 'x' || column === 'y') && typeof value === 'number' && Number.isFinite(value)) return;
        const error = await pool.aimAtColumns(columns as never, { drag: 0.01 }).then(() => null, (thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).field).toBe(`${column}[${row}]`);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a 3D batch in shared memory with the error aimAtBatch throws for its first target out of reach, whichever worker met it first', async () => {
    // Blocks of rows far apart, each with a target out of reach: the later one is likely met first, by the other worker.
    const targets = Array.from({ length: 3000 }, (_, i) => ({ x: 5 + (i % 40), y: (i % 7) - 3 }));
    targets[2900] = { x: 9000, y: 0 };
    targets[700] = { x: 0, y: 6000 };
    targets[701] = { x: 7000, y: 0 };
    const world = { drag: 0.01, wind: [1, 2] as [number, number] };
    for (const batch of [targets, targets.slice().reverse()]) {
      const expected = thrownBy(() => aimAtBatch(batch, world, { maxSpeed: 40 }));
      expect(expected).toBeInstanceOf(UnreachableTargetError);
      const rejection = await pool.aimAtBatch(batch, world, { maxSpeed: 40 }).catch((error: unknown) => error);
      expect(rejection).toBeInstanceOf(UnreachableTargetError);
      expect((rejection as Error).message).toBe((expected as Error).message);
      const columns = { x: batch.map((t) => t.x), y: batch.map((t) => t.y) };
      expect(((await pool.aimAtColumns(columns, world, { maxSpeed: 40 }).catch((error: unknown) => error)) as Error).message).toBe((expected as Error).message);
    }
    expect(await pool.aimAtBatch(targets.slice(0, 600), world)).toEqual(aimAtBatch(targets.slice(0, 600), world));
  });

  it('aims 3D batches posted in slices, where shared memory is turned off, as aimAtBatch does', async () => {
    const sliced = await createAimPool({ workers: 2, sharedMemory: false });
    try {
      const random = createRandom(10);
      const targets = Array.from({ length: 500 }, (_, i) => ({ x: 3 + 50 * random.uniform(), y: 20 * random.uniform() - 10, height: 2 * random.uniform() - 1, velocity: [i % 2 ? 2 : 0, 0] as [number, number] }));
      const world = { drag: 0.02, wind: [-2, 1] as [number, number] };
      const expected = aimAtBatch(targets, world);
      expect(await sliced.aimAtBatch(targets, world)).toEqual(expected);
      const columns = await sliced.aimAtColumns({ x: targets.map((t) => t.x), y: targets.map((t) => t.y), height: targets.map((t) => t.height), vx: targets.map((t) => t.velocity[0]) }, world);
      expect(Array.from(columns.speed)).toEqual(expected.map((r) => r.speed));
      expect(Array.from(columns.aimer, (k) => columns.names[k])).toEqual(expected.map((r) => r.aimer));
      await expect(sliced.aimAtBatch([{ x: 10, y: 0 }, { x: 8000, y: 0 }], world, { maxSpeed: 40 })).rejects.toBeInstanceOf(UnreachableTargetError);
    } finally {
      await sliced.terminate();
    }
  });

  it('refuses a sharedMemory that is not true or false, naming it', async () => {
    await expect(createAimPool({ workers: 1, sharedMemory: 'yes' as never })).rejects.toThrow(new InvalidInputError('sharedMemory', 'true or false', 'yes').message);
  });

  it('refuses a number of workers that is not a whole number from 1', async () => {
    await expect(createAimPool({ workers: 0 })).rejects.toThrow(/workers must be/);
    await expect(createAimPool({ workers: 1.5 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe.skipIf(!existsSync('/proc/self/task'))('a pool whose workers fail', () => {
  it('rejects creation with a BackendError naming why a worker could not start, and leaves no worker running', async () => {
    const before = threads();
    const creation = createAimPool({ workers: 2, workerUrl: fixture('worker-that-cannot-start.mjs') });
    await expect(creation).rejects.toBeInstanceOf(BackendError);
    await expect(creation).rejects.toThrow(/could not start \(this worker cannot start\)/);
    await expect.poll(threads).toBe(before);
  });

  it('rejects the batch of a worker that dies with a BackendError, stops the others, and refuses later batches', async () => {
    const before = threads();
    const pool = await createAimPool({ workers: 2, workerUrl: fixture('worker-that-dies.mjs') });
    expect(threads()).toBeGreaterThan(before);
    await expect(pool.aimBatch([2, 3, 4, 5])).rejects.toThrow(/a worker of the aim pool failed \(it exited with code 3\)/);
    await expect.poll(threads).toBe(before);
    await expect(pool.aimBatch([2])).rejects.toBeInstanceOf(BackendError);
    await pool.terminate();
  });

  it('rejects the batches still aiming when it is terminated, and leaves no worker running', async () => {
    const before = threads();
    const pool = await createAimPool({ workers: 2 });
    const { targets, conditions } = mixedBatch(20_000, 4);
    const batch = pool.aimBatch(targets, conditions).catch((error: Error) => error);
    await pool.terminate();
    expect(await batch).toBeInstanceOf(BackendError);
    expect(String(await batch)).toMatch(/the aim pool was terminated/);
    await expect(pool.aimBatch([2])).rejects.toThrow(/terminated/);
    await expect.poll(threads).toBe(before);
  });
});

/** What `run` throws (undefined when it returns). */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
