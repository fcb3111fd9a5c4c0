import * as tf from '@tensorflow/tfjs';
import { checkInteger, InvalidInputError } from '@cannon/errors';
import { createRandom, type Random } from '@cannon/random';
import { checkTraining, runTraining, type TrainingOptions } from './schedule.js';
import { createTrainer, Network } from '@cannon/network/tensor';
import { defaultWorld, simulateImpacts } from '@cannon/physics';
import { summarize } from '@cannon/stats';
import {
  AIMER3D_FORMAT,
  AIMER3D_VERSION,
  aim3dDomain,
  aimer3dNetworkSpec,
  checkAimer3dDomain,
  createAimer3d,
  frameFields,
  frameInputs,
  frameScalings,
  framedShots,
  type Aimer3d,
  type Aimer3dDomain,
  type Aimer3dMetadata,
  type Frame,
} from '../aimer3d.js';

const GRAVITY = defaultWorld.gravity;

export type Frames = Record<keyof Frame, Float64Array>;

export interface TrainAimer3dOptions extends TrainingOptions {
  /** The box: the shipped one (`aim3dDomain`) by default, or one of your own. */
  domain?: Aimer3dDomain;
  /** Targets drawn (and kept where the fastest shot reaches them) before training; each step draws its batch from them. */
  poolSize?: number;
  /** Called every `progressEvery` steps and at the last; return false to stop early. */
  onProgress?: (progress: { step: number; steps: number; loss: number; seconds: number; aimer: Aimer3d }) => void | boolean;
}

export const defaultAimer3dTraining = Object.freeze({
  hiddenLayers: Object.freeze([32, 32, 32]) as readonly number[],
  batchSize: 256,
  steps: 20000,
  learningRate: 0.005,
  seed: 0,
  poolSize: 100_000,
  speedPenalty: 1e-6,
  ridgePull: 0.02,
  progressEvery: 1000,
});

/**
 * Trains a 3D aimer end to end through the differentiable physics, in the target's frame (see `aimer3d.ts`): targets
 * drawn from the domain (the range log-uniformly, the rest denser towards their ends), kept where the fastest shot
 * reaches them, go through the network to shots and through the 3D physics (`simulateImpacts`, with the impact's exact
 * derivatives) to impacts; the loss is the miss relative to the range (see `aimingLoss3d`). Seeded, so the same options
 * train the same aimer.
 */
export async function trainAimer3d(options: TrainAimer3dOptions = {}): Promise<Aimer3d> {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object', options);
  const domain = checkAimer3dDomain(options.domain ?? aim3dDomain);
  const { hiddenLayers, batchSize, steps, learningRate, seed, speedPenalty, ridgePull, progressEvery } = checkTraining(options, defaultAimer3dTraining);
  const poolSize = checkInteger('poolSize', options.poolSize ?? defaultAimer3dTraining.poolSize, { min: 1, max: 10_000_000 });

  const random = createRandom(seed);
  const pool = reachableFrames(domain, poolSize, random);
  if (pool.range.length === 0) throw new InvalidInputError('domain', `a box with targets a shot of at most ${domain.maxSpeed} m/s reaches`, domain);
  const metadata: Aimer3dMetadata = {
    format: AIMER3D_FORMAT,
    version: AIMER3D_VERSION,
    name: options.name ?? 'custom',
    domain: { ...domain },
    hiddenLayers: [...hiddenLayers],
    activation: 'tanh',
    training: { steps: 0, batchSize, learningRate, seed, speedPenalty, ridgePull, finalLoss: NaN, seconds: 0 },
  };
  const network = new Network({ ...aimer3dNetworkSpec(metadata), seed });
  const trainer = createTrainer(network, { learningRate });
  const scalings = frameScalings(domain);
  const inputs = frameFields.length;
  const x = new Float32Array(batchSize * inputs);
  const batch = Object.fromEntries(frameFields.map((field) => [field, new Float64Array(batchSize)])) as Frames;
  let run: ReturnType<typeof runTraining>;
  try {
    run = runTraining({
      trainer,
      steps,
      learningRate,
      progressEvery,
      batch: () => {
        for (let i = 0; i < batchSize; i++) {
          const k = Math.floor(random.uniform() * pool.range.length);
          for (const field of frameFields) batch[field][i] = pool[field][k];
          frameInputs(scalings, batch.range[i], batch.height[i], batch.alongWind[i], batch.crossWind[i], batch.drag[i], x, i * inputs);
        }
        return { x, shape: [batchSize, inputs], lossOf: (raw) => aimingLoss3d(raw, batch, domain.maxSpeed, speedPenalty, ridgePull) };
      },
      progress: options.onProgress && ((step, loss, seconds) => options.onProgress!({ step, steps, loss, seconds, aimer: createAimer3d(metadata, network.parameterValues) })),
    });
  } finally {
    network.dispose();
  }
  Object.assign(metadata.training, { steps: run.steps, finalLoss: run.loss, seconds: run.seconds });
  const aimer = createAimer3d(metadata, network.parameterValues);
  const misses = unrefinedMisses3d(aimer, reachableFrames(domain, 2000, createRandom(seed + 12345)));
  const { p50, p95, max } = summarize(misses);
  metadata.accuracy = { p50, p95, max };
  return aimer;
}

/** Elevations a candidate target is tried at, at the fastest speed, to tell whether it is in reach. */
const REACH_ELEVATIONS = 24;
/** A target is kept when it lies within this share of the farthest impact found along the line to it. */
const REACH_MARGIN = 0.98;

/**
 * Up to `count` targets drawn from the domain that a shot at its fastest speed reaches: each candidate is flown at that
 * speed at REACH_ELEVATIONS elevations straight at the target, and kept when its range is within REACH_MARGIN of the
 * farthest of them (a crosswind's drift, which a turn of the azimuth takes back, is ignored: near the edge, a
 * conservative test).
 */
export function reachableFrames(domain: Aimer3dDomain, count: number, random: Random): Frames {
  const candidates = drawFrames(domain, count, random);
  const shots = count * REACH_ELEVATIONS;
  const elevation = new Float64Array(shots);
  const column = (field: keyof Frame) => Float64Array.from({ length: shots }, (_, j) => candidates[field][Math.floor(j / REACH_ELEVATIONS)]);
  for (let j = 0; j < shots; j++) elevation[j] = 0.02 + (1.5 * (j % REACH_ELEVATIONS)) / (REACH_ELEVATIONS - 1);
  const impacts = simulateImpacts({ speed: [domain.maxSpeed], elevation, azimuth: [0], gravity: [GRAVITY], drag: column('drag'), windX: column('alongWind'), windY: column('crossWind'), launchHeight: [0], targetHeight: column('height') }, shots);
  const kept: number[] = [];
  for (let i = 0; i < count; i++) {
    let farthest = -Infinity;
    for (let j = i * REACH_ELEVATIONS; j < (i + 1) * REACH_ELEVATIONS; j++) if (impacts.x[j] > farthest) farthest = impacts.x[j];
    if (candidates.range[i] <= REACH_MARGIN * farthest) kept.push(i);
  }
  return Object.fromEntries(frameFields.map((field) => [field, Float64Array.from(kept, (i) => candidates[field][i])])) as Frames;
}

/** Targets drawn from the domain: the range log-uniformly, the others by the arcsine law (denser towards each end). */
function drawFrames(domain: Aimer3dDomain, count: number, random: Random): Frames {
  const arcsine = ([low, high]: readonly [number, number]) => low + ((high - low) * (1 - Math.cos(Math.PI * random.uniform()))) / 2;
  const frames = Object.fromEntries(frameFields.map((field) => [field, new Float64Array(count)])) as Frames;
  const [near, far] = domain.range;
  for (let i = 0; i < count; i++) {
    frames.range[i] = near * (far / near) ** random.uniform();
    frames.height[i] = arcsine(domain.height);
    frames.alongWind[i] = arcsine(domain.alongWind);
    frames.crossWind[i] = arcsine(domain.crossWind);
    frames.drag[i] = arcsine(domain.drag);
  }
  return frames;
}

/** Flies each frame's shot straight in its frame: the columns `simulateImpacts` takes. */
function frameColumns(frames: Frames, shots: Record<'speed' | 'elevation' | 'turn', ArrayLike<number>>) {
  return { speed: shots.speed, elevation: shots.elevation, azimuth: shots.turn, gravity: [GRAVITY], drag: frames.drag, windX: frames.alongWind, windY: frames.crossWind, launchHeight: [0], targetHeight: frames.height };
}

/** How far the physics lands each of the aimer's own shots from its target, m; Infinity where it never lands. */
export function unrefinedMisses3d(aimer: Aimer3d, frames: Frames): Float64Array {
  const n = frames.range.length;
  const shots = aimer.predictBatch(frames, n);
  const { x, y } = simulateImpacts(frameColumns(frames, shots), n);
  return Float64Array.from({ length: n }, (_, i) => (Number.isNaN(x[i]) ? Infinity : Math.hypot(x[i] - frames.range[i], y[i])));
}

/**
 * The training loss of a 3D aimer for the network's raw outputs [n, 4], with its gradient computed in one pass from
 * the physics' exact derivatives (one op, as `aimingLoss`):
 *
 *   mean |impact − target|²/range²  +  ((T − t)/t)²  +  speedPenalty·v²
 *
 * in each target's frame (the target at (range, 0)), t the shot's flight time and T the network's guess of it. As in
 * the plane, the slowest shot is the one on the ridge of the farthest reach, which the miss barely tells: the elevation
 * also climbs the reach at its own speed, its gradient given −ridgePull·R′/range, with R′ the derivative of the range
 * along the line to the target when the azimuth turns to keep the impact on that line,
 * R′ = ∂x/∂e − ∂x/∂a·(∂y/∂e)/(∂y/∂a); it vanishes on the ridge. A shot that never comes down through the target's
 * height is pushed to climb: its apex, as a vertical shot of its vertical speed flies in the drag, to half a metre
 * over the target.
 */
export function aimingLoss3d(raw: tf.Tensor2D, frames: Frames, maxSpeed: number, speedPenalty: number, ridgePull: number): tf.Scalar {
  const op = (outputs: tf.Tensor, save: tf.GradSaveFunc) => {
    const { loss, gradient } = lossAndGradient3d(outputs.dataSync(), frames, maxSpeed, speedPenalty, ridgePull);
    save([tf.tensor2d(gradient, [gradient.length / 4, 4])]);
    return { value: tf.scalar(loss), gradFunc: (dy: tf.Tensor, [perOutput]: tf.Tensor[]) => tf.mul(dy, perOutput) };
  };
  return tf.customGrad(op as unknown as Parameters<typeof tf.customGrad>[0])(raw) as tf.Scalar;
}

function lossAndGradient3d(raw: ArrayLike<number>, frames: Frames, maxSpeed: number, speedPenalty: number, ridgePull: number): { loss: number; gradient: Float32Array } {
  const n = raw.length / 4;
  const shots = framedShots(raw, n, maxSpeed);
  const { x, y, flightTime, partials } = simulateImpacts(frameColumns(frames, shots), n, ['speed', 'elevation', 'azimuth']);
  const [bySpeed, byElevation, byAzimuth] = [partials.speed!, partials.elevation!, partials.azimuth!];
  let loss = 0;
  const gradient = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const [v, e, T] = [shots.speed[i], shots.elevation[i], shots.time[i]];
    let [dv, de, da, dT] = [2 * speedPenalty * v, 0, 0, 0];
    loss += speedPenalty * v * v;
    if (!Number.isNaN(x[i])) {
      const range = frames.range[i];
      const w = 1 / (range * range);
      const [mx, my] = [x[i] - range, y[i]];
      loss += w * (mx * mx + my * my);
      dv += 2 * w * (mx * bySpeed.x[i] + my * bySpeed.y[i]);
      de += 2 * w * (mx * byElevation.x[i] + my * byElevation.y[i]);
      da += 2 * w * (mx * byAzimuth.x[i] + my * byAzimuth.y[i]);
      const turning = byAzimuth.y[i];
      const climb = byElevation.x[i] - (Math.abs(turning) > 1e-9 ? (byAzimuth.x[i] * byElevation.y[i]) / turning : 0);
      de -= (ridgePull * climb) / range;
      const t = flightTime[i];
      loss += ((T - t) / t) ** 2;
      dT = (2 * (T - t)) / (t * t);
    } else {
      // Its apex as a vertical shot of its vertical speed in the drag reaches it, ln(1 + k·vz²/g)/(2k) (vz²/2g without
      // drag): half a metre over the target is the aim.
      const [sin, k] = [Math.sin(e), frames.drag[i]];
      const vz = v * sin;
      const apex = k > 0 ? Math.log1p((k * vz * vz) / GRAVITY) / (2 * k) : (vz * vz) / (2 * GRAVITY);
      const short = Math.max(0, 0.5 + frames.height[i] - apex);
      const perVz = vz / (GRAVITY + k * vz * vz);
      loss += short * short;
      dv -= 2 * short * perVz * sin;
      de -= 2 * short * perVz * v * Math.cos(e);
    }
    // Through the outputs' maps: σ, σ, tanh and exp.
    const s0 = v / maxSpeed;
    const s1 = e / (Math.PI / 2);
    const th = shots.turn[i] / (Math.PI / 2);
    gradient[4 * i] = (dv * maxSpeed * s0 * (1 - s0)) / n;
    gradient[4 * i + 1] = (de * (Math.PI / 2) * s1 * (1 - s1)) / n;
    gradient[4 * i + 2] = (da * (Math.PI / 2) * (1 - th * th)) / n;
    gradient[4 * i + 3] = (dT * T) / n;
  }
  return { loss: loss / n, gradient };
}
