// aimAtBatch's verified aims per second with the shipped 3D aimer, on one thread and through an aim pool on both cores
// (objects, and columns through pool.aimAtColumns; the batch in shared memory, and for comparison posted in slices),
// still and moving: in a process of its own, so that what the one-at-a-time figures (aim3d.mjs) leave in the heap and
// the compiler does not weigh on the batches.
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { aimAt, aimAtBatch, UnreachableTargetError } from '../dist/index.js';
import { createAimPool } from '../dist/pool.js';
import { shippedBox3dCase } from './box3d.mjs';

/**
 * aimAtBatch's verified aims per second, on one thread and through an aim pool on every core (objects, and columns
 * through pool.aimAtColumns), over 4096 targets in the box that a 40 m/s shot reaches, in one world of the box's middle
 * (drag 0.025 1/m, a 7.1 m/s wind), drawn from a stream of their own.
 */
const batchWorld = { drag: 0.025, wind: [5, -5] };
async function batchThroughput(name, moving) {
  const world = batchWorld;
  const stream = createRandom(23);
  const targets = [];
  while (targets.length < 4096) {
    const { target } = shippedBox3dCase(moving, () => stream.uniform());
    try {
      if (aimAt(target, world, { maxSpeed: 40 }).aimer !== 'physics') targets.push(target);
    } catch (error) {
      // Out of reach: not timed.
      if (!(error instanceof UnreachableTargetError)) throw error;
    }
  }
  // Each is timed over 48 batches in a row, the first 16 a warm-up: one thread, then the pool, with objects and with
  // columns.
  const BATCHES = 48;
  const rates = { one: [], all: [], columns: [], sliced: [] };
  const check = (shots) => {
    if (!shots.every((shot) => shot.error <= 0.001)) throw new Error('aimAtBatch: an answer beyond its tolerance');
  };
  for (let round = 0; round < BATCHES; round++) {
    const start = performance.now();
    const shots = aimAtBatch(targets, world, { maxSpeed: 40 });
    rates.one.push(targets.length / ((performance.now() - start) / 1000));
    check(shots);
  }
  for (let round = 0; round < BATCHES; round++) {
    const start = performance.now();
    const shots = await pool.aimAtBatch(targets, world, { maxSpeed: 40 });
    rates.all.push(targets.length / ((performance.now() - start) / 1000));
    check(shots);
  }
  const column = (read) => Float64Array.from(targets, read);
  const columns = { x: column((t) => t.x), y: column((t) => t.y), height: column((t) => t.height), vx: column((t) => t.velocity?.[0] ?? 0), vy: column((t) => t.velocity?.[1] ?? 0) };
  for (let round = 0; round < BATCHES; round++) {
    const start = performance.now();
    const shots = await pool.aimAtColumns(columns, world, { maxSpeed: 40 });
    rates.columns.push(targets.length / ((performance.now() - start) / 1000));
    if (!shots.error.every((error) => error <= 0.001)) throw new Error('aimAtColumns: an answer beyond its tolerance');
  }
  for (let round = 0; round < BATCHES; round++) {
    const start = performance.now();
    const shots = await slicedPool.aimAtColumns(columns, world, { maxSpeed: 40 });
    rates.sliced.push(targets.length / ((performance.now() - start) / 1000));
    if (!shots.error.every((error) => error <= 0.001)) throw new Error('aimAtColumns: an answer beyond its tolerance');
  }
  const median = (values) => quantile(Float64Array.from(values.slice(16)).sort(), 0.5);
  const details = { targets: targets.length, world, on: 'the median of 32 batches in a row after sixteen' };
  printFigure(`inverse.aimAtBatch.${name}.aimsPerSecond`, median(rates.one), 'aims/s', { ...details, threads: 1 });
  printFigure(`inverse.aimAtBatch.${name}.aimsPerSecondAllCores`, median(rates.all), 'aims/s', { ...details, workers: pool.workers });
  printFigure(`inverse.aimAtColumns.${name}.aimsPerSecondAllCores`, median(rates.columns), 'aims/s', { ...details, workers: pool.workers, as: 'columns in and out (pool.aimAtColumns)', batch: 'in shared memory' });
  printFigure(`inverse.aimAtColumns.${name}.slicedAimsPerSecondAllCores`, median(rates.sliced), 'aims/s', { ...details, workers: slicedPool.workers, as: 'columns in and out (pool.aimAtColumns)', batch: 'posted in slices (sharedMemory: false)' });
}

const pool = await createAimPool();
const slicedPool = await createAimPool({ sharedMemory: false });
await batchThroughput('shippedBox.still', false);
await batchThroughput('shippedBox.moving', true);
await pool.terminate();
await slicedPool.terminate();
