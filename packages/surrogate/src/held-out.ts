import * as tf from '@tensorflow/tfjs';
import { fire, InvalidInputError } from '@cannon/physics';
import type { Surrogate } from './surrogate.js';

/** Absolute errors in metres: the median, the 95th percentile, the largest and the mean. */
export interface HeldOutError {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * How far the surrogate's landings are from the true physics (`landing` of @cannon/physics, no noise, in the
 * surrogate's world) on fresh shots drawn uniformly from its domain with their own seed. Percentiles
 * interpolate linearly between the sorted errors.
 */
export function heldOutError(surrogate: Surrogate, { shots = 1000, seed = 12345 }: { shots?: number; seed?: number } = {}): HeldOutError {
  if (!(Number.isInteger(shots) && shots >= 1)) throw new InvalidInputError('shots', 'an integer ≥ 1', shots);
  if (!Number.isFinite(seed)) throw new InvalidInputError('seed', 'a finite number', seed);
  const { speedRange, angleRange, world } = surrogate.metadata;
  const truth = fire({ shots, speedRange, angleRange, seed, world }).filter((shot) => shot.distance !== null);
  if (truth.length === 0) throw new InvalidInputError('shots', 'enough shots that at least one lands', shots);
  const predicted = tf.tidy(() =>
    surrogate.forward(tf.tensor1d(truth.map((shot) => shot.speed)), tf.tensor1d(truth.map((shot) => shot.angle))),
  );
  const values = predicted.dataSync();
  predicted.dispose();
  const errors = truth.map((shot, i) => Math.abs(values[i] - (shot.distance as number))).sort((a, b) => a - b);
  return {
    p50: percentile(errors, 0.5),
    p95: percentile(errors, 0.95),
    max: errors[errors.length - 1],
    mean: errors.reduce((sum, e) => sum + e, 0) / errors.length,
  };
}

function percentile(sorted: number[], q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}
