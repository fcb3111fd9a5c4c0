// The page test/browser.test.ts bundles (with esbuild, from the package's source) and opens in Chromium.
// It starts the wasm backend the way a bundled app does, computes landings and their gradients through the
// tensor path and the plain-number path, and leaves everything on window.physicsResult for the test to check.
// Only this file runs in the browser: the test itself compares the numbers.
import * as tf from '@tensorflow/tfjs';
import { landing, simulateLandings, type Landing, type ShotField, type World } from '../../src/index.js';
import { createLandingPool } from '../../src/pool-index.js';
import { initializeBackend, landingTensor, type BackendInfo } from '../../src/tensor/index.js';

/** The inputs a gradient is taken with respect to, per shot. */
export const gradientFields = ['speed', 'angle', 'drag', 'wind'] as const;
export type GradientField = (typeof gradientFields)[number];

export interface PageResult {
  ok: true;
  info: BackendInfo;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  hardwareConcurrency: number;
  tfVersion: string;
  activeBackend: string;
  /** Emscripten pthreads (Web Workers) running for the wasm backend's thread pool; null if not exposed. */
  pthreadWorkers: number | null;
  /** tf.memory().numTensors after the backend started, and after every computation was disposed. */
  numTensorsBefore: number;
  numTensorsAfter: number;
  /** Shots with a world shared by all (numbers): tensor path (float32) and landing() (float64). */
  forward: { speeds: number[]; angles: number[]; world: Partial<World>; tensor: number[]; plain: (Landing | null)[] };
  /** Shots with a per-shot drag and wind (tensors): tf.grads of the landing distances, and central differences. */
  gradients: {
    inputs: Record<GradientField, number[]>;
    world: Partial<World>;
    distances: number[];
    tensor: Record<GradientField, number[]>;
    finiteDifference: Record<GradientField, number[]>;
  };
  /** A batch through a landing pool of two Web Workers (landing-worker.js beside the page), against simulateLandings on this thread. */
  pool: { workers: number; shots: number; sameAsOneThread: boolean; landed: number; failure: string };
  /** Milliseconds the backend took to start, and the computations after it. */
  timings: { initialize: number; compute: number };
}

export interface PageFailure {
  ok: false;
  error: string;
}

declare global {
  interface Window {
    physicsResult: Promise<PageResult | PageFailure>;
  }
}

/** Values as a float32 tensor holds them, back in float64. */
const asFloat32 = (values: number[]): number[] => Array.from(Float32Array.from(values));

async function run(): Promise<PageResult> {
  const started = performance.now();
  // The three .wasm files are served at the site's root, next to page.js.
  const info = await initializeBackend({ wasmPaths: '/', threads: 2 });
  const initialized = performance.now();
  const numTensorsBefore = tf.memory().numTensors;

  // Forward: the tensor path against landing(), at the float32 inputs the tensors hold. The world's values are
  // exact in float32 too (9.8125 = 157/16, 2^-11), so that both paths see the same numbers whether landingTensor
  // keeps a number world in float64 or turns it into float32 scalars: the distances then differ only by the
  // float32 rounding of the result.
  const forwardWorld: Partial<World> = { gravity: 9.8125, drag: 2 ** -11, wind: 4, launchHeight: 2 };
  const speeds = asFloat32([120, 250, 80, 400, 30]);
  const angles = asFloat32([0.25, 0.5, 0.75, 1.0, 1.3]);
  const speedTensor = tf.tensor1d(speeds);
  const angleTensor = tf.tensor1d(angles);
  const distanceTensor = landingTensor(speedTensor, angleTensor, forwardWorld);
  const tensor = Array.from(await distanceTensor.data());
  tf.dispose([speedTensor, angleTensor, distanceTensor]);
  const plain = speeds.map((speed, i) => landing({ speed, angle: angles[i] }, forwardWorld));

  // Gradients with respect to speed, angle, and a per-shot drag and wind.
  const gradientWorld: Partial<World> = { launchHeight: 2, targetHeight: 1 };
  const inputs: Record<GradientField, number[]> = {
    speed: asFloat32([120, 250, 80, 400]),
    angle: asFloat32([0.25, 0.5, 0.75, 1.0]),
    drag: asFloat32([0.0005, 0.0002, 0.001, 0.0001]),
    wind: asFloat32([4, -3, 10, 2]),
  };
  const gradientTensors = gradientFields.map((field) => tf.tensor1d(inputs[field]));
  const distancesOf = (speed: tf.Tensor, angle: tf.Tensor, drag: tf.Tensor, wind: tf.Tensor) =>
    landingTensor(speed, angle, { ...gradientWorld, drag, wind });
  const grads = tf.grads((speed, angle, drag, wind) => distancesOf(speed, angle, drag, wind))(gradientTensors);
  const gradientDistanceTensor = distancesOf(...(gradientTensors as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]));
  const distances = Array.from(await gradientDistanceTensor.data());
  const tensorGradients = {} as Record<GradientField, number[]>;
  for (const [i, field] of gradientFields.entries()) tensorGradients[field] = Array.from(await grads[i].data());
  tf.dispose([...gradientTensors, ...grads, gradientDistanceTensor]);

  // Central differences of landing(), in float64, with a step of 1e-4 relative.
  const distanceAt = (shot: Record<GradientField, number>): number => {
    const hit = landing({ speed: shot.speed, angle: shot.angle }, { ...gradientWorld, drag: shot.drag, wind: shot.wind });
    if (hit === null) throw new Error(`the shot ${JSON.stringify(shot)} does not land`);
    return hit.distance;
  };
  const finiteDifference = {} as Record<GradientField, number[]>;
  for (const field of gradientFields) {
    finiteDifference[field] = inputs[field].map((value, i) => {
      const shot = Object.fromEntries(gradientFields.map((f) => [f, inputs[f][i]])) as Record<GradientField, number>;
      const h = 1e-4 * Math.abs(value);
      return (distanceAt({ ...shot, [field]: value + h }) - distanceAt({ ...shot, [field]: value - h })) / (2 * h);
    });
  }

  const pool = await landOnWorkers();

  // Internal to the Emscripten build of tfjs-backend-wasm 4.22: its pthreads, the workers XNNPACK's pool runs on.
  const wasmModule = (tf.backend() as unknown as { wasm?: { PThread?: { runningWorkers?: unknown[] } } }).wasm;
  const runningWorkers = wasmModule?.PThread?.runningWorkers;

  return {
    ok: true,
    info,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    hardwareConcurrency: navigator.hardwareConcurrency,
    tfVersion: tf.version.tfjs,
    activeBackend: tf.getBackend(),
    pthreadWorkers: Array.isArray(runningWorkers) ? runningWorkers.length : null,
    numTensorsBefore,
    numTensorsAfter: tf.memory().numTensors,
    forward: { speeds, angles, world: forwardWorld, tensor, plain },
    gradients: { inputs, world: gradientWorld, distances, tensor: tensorGradients, finiteDifference },
    pool,
    timings: { initialize: initialized - started, compute: performance.now() - initialized },
  };
}

async function landOnWorkers(): Promise<PageResult['pool']> {
  const shots = 3000;
  const column = (low: number, high: number) => Float64Array.from({ length: shots }, (_, i) => low + ((high - low) * ((i * 0.6180339887) % 1)));
  const columns = { speed: column(4, 60), angle: column(0.1, 1.4), gravity: [9.81], drag: column(0, 0.05), wind: column(-5, 5), launchHeight: [1], targetHeight: column(-1, 2) };
  const fields: ShotField[] = ['speed', 'angle', 'drag', 'wind'];
  const pool = await createLandingPool({ workers: 2 });
  const landings = await pool.simulateLandings(columns, shots, fields);
  await pool.terminate();
  const expected = simulateLandings(columns, shots, fields);
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((value, i) => Object.is(value, b[i]));
  const sameAsOneThread = same(landings.distance, expected.distance) && same(landings.flightTime, expected.flightTime) && fields.every((field) => same(landings.partials[field]!, expected.partials[field]!));
  const failure = await createLandingPool({ workers: 2, workerUrl: '/missing-worker.js' }).then(
    async (refused) => (await refused.terminate(), 'it started'),
    (error: Error) => `${error.name}: ${error.message}`,
  );
  return { workers: pool.workers, shots, sameAsOneThread, landed: landings.distance.filter(Number.isFinite).length, failure };
}

window.physicsResult = run().catch(
  (error: unknown): PageFailure => ({ ok: false, error: error instanceof Error ? `${error.stack ?? error.message}` : JSON.stringify(error) }),
);
