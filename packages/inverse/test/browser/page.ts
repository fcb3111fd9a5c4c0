// The page of test/browser.test.ts: @cannon/inverse in a browser, on the wasm backend. It aims with the shipped
// aimers (embedded in the bundle: no file to fetch), aims a batch, trains a small aimer for a few steps, and
// aims a batch on two Web Workers, and puts what it found on window.inverseResult.
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '@cannon/physics/tensor';
import { aim, aimAtBatch, aimBatch, fieldDomain, sampleConditions } from '../../src/index.js';
import { createAimPool } from '../../src/pool-index.js';
import { createRandom } from '@cannon/random';
import { trainAimer } from '../../src/tensor/index.js';

export interface InversePageResult {
  ok: true;
  backend: string;
  single: { speed: number; angle: number; landing: number; error: number; aimer: string };
  batch: { speed: number; angle: number; error: number }[];
  training: { firstLoss: number; lastLoss: number; steps: number };
  numTensorsBefore: number;
  numTensorsAfter: number;
  pool: { workers: number; aims: number; sameAsOneThread: boolean; columnsSame: boolean; first: { speed: number; angle: number; error: number }[]; failure: string };
  /** 3D batches through a pool, in shared memory (the page is cross-origin isolated) and posted in slices. */
  pool3d: { isolated: boolean; aims: number; sharedSame: boolean; slicedSame: boolean; columnsSame: boolean; refusal: string };
}

declare global {
  interface Window {
    inverseResult?: InversePageResult | { ok: false; error: string };
  }
}

async function run(): Promise<InversePageResult> {
  const info = await initializeBackend({ wasmPaths: '/', threads: 2 });
  const numTensorsBefore = tf.memory().numTensors;
  const single = aim(5, { wind: 2, drag: 0.02, heightDifference: 0.3 });
  const batch = aimBatch([2, 4, 6, 8], { wind: -3 }).map(({ speed, angle, error }) => ({ speed, angle, error }));
  const losses: number[] = [];
  await trainAimer({ domain: 'vacuum', steps: 60, hiddenLayers: [8], progressEvery: 20, onProgress: ({ loss }) => void losses.push(loss) });
  return {
    ok: true,
    pool: await aimOnWorkers(),
    pool3d: await aim3dOnWorkers(),
    backend: info.backend,
    single: { speed: single.speed, angle: single.angle, landing: single.landing, error: single.error, aimer: single.aimer },
    batch,
    training: { firstLoss: losses[0], lastLoss: losses.at(-1)!, steps: losses.length * 20 },
    numTensorsBefore,
    numTensorsAfter: tf.memory().numTensors,
  };
}

/** A batch through an aim pool of two Web Workers (aim-worker.js beside the page), against aimBatch on this thread. */
async function aimOnWorkers(): Promise<InversePageResult['pool']> {
  const sample = sampleConditions(fieldDomain, 3000, createRandom(5));
  const targets = Array.from(sample.target);
  const conditions = targets.map((_, i) => ({ wind: sample.wind[i], drag: sample.drag[i], heightDifference: sample.heightDifference[i] }));
  const pool = await createAimPool({ workers: 2 });
  const results = await pool.aimBatch(targets, conditions);
  const columns = await pool.aimColumns({ target: sample.target, wind: sample.wind, drag: sample.drag, heightDifference: sample.heightDifference });
  await pool.terminate();
  const failure = await createAimPool({ workers: 2, workerUrl: '/missing-worker.js' }).then(
    () => 'started',
    (error: Error) => `${error.name}: ${error.message}`,
  );
  return {
    workers: pool.workers,
    aims: results.length,
    sameAsOneThread: JSON.stringify(results) === JSON.stringify(aimBatch(targets, conditions)),
    columnsSame: results.every((r, i) => r.speed === columns.speed[i] && r.angle === columns.angle[i] && r.aimer === columns.names[columns.aimer[i]]),
    first: results.slice(0, 5).map(({ speed, angle, error }) => ({ speed, angle, error })),
    failure,
  };
}

/** A 3D batch through pools of two Web Workers, in shared memory and in slices, against aimAtBatch on this thread. */
async function aim3dOnWorkers(): Promise<InversePageResult['pool3d']> {
  const random = createRandom(6);
  const targets = Array.from({ length: 700 }, (_, i) => {
    const [range, bearing] = [2 + 50 * random.uniform(), Math.PI * (2 * random.uniform() - 1)];
    return { x: range * Math.cos(bearing), y: range * Math.sin(bearing), height: 4 * random.uniform() - 2, velocity: [i % 2 ? 3 * random.uniform() : 0, 0, 0] as [number, number, number] };
  });
  const world = { drag: 0.01, wind: [2, -1] as [number, number] };
  const expected = JSON.stringify(aimAtBatch(targets, world));
  const shared = await createAimPool({ workers: 2 });
  const sharedResults = await shared.aimAtBatch(targets, world);
  const columns = await shared.aimAtColumns({ x: targets.map((t) => t.x), y: targets.map((t) => t.y), height: targets.map((t) => t.height), vx: targets.map((t) => t.velocity[0]) }, world);
  await shared.terminate();
  const sliced = await createAimPool({ workers: 2, sharedMemory: false });
  const slicedResults = await sliced.aimAtBatch(targets, world);
  await sliced.terminate();
  return {
    isolated: globalThis.crossOriginIsolated,
    aims: sharedResults.length,
    sharedSame: JSON.stringify(sharedResults) === expected,
    slicedSame: JSON.stringify(slicedResults) === expected,
    columnsSame: sharedResults.every((r, i) => r.speed === columns.speed[i] && r.azimuth === columns.azimuth[i] && r.aimer === columns.names[columns.aimer[i]]),
    refusal: await createAimPool({ workers: 1, sharedMemory: 'yes' as never }).then(
      () => 'started',
      (error: Error) => `${error.name}: ${error.message}`,
    ),
  };
}

run().then(
  (result) => (window.inverseResult = result),
  (error: Error) => (window.inverseResult = { ok: false, error: error.stack ?? String(error) }),
);
