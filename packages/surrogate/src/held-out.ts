import * as tf from '@tensorflow/tfjs';
import { fire, maxShots } from '@cannon/physics';
import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';
import { summarize, type Summary } from '@cannon/stats';
import type { Surrogate } from './surrogate.js';

/**
 * How far the surrogate's landings are from the true physics (`landing` of @cannon/physics, no noise, in the
 * surrogate's world) on fresh shots drawn uniformly from its domain with their own seed: the summary of
 * the absolute errors, m.
 */
export function heldOutError(surrogate: Surrogate, options: { shots?: number; seed?: number } = {}): Summary {
  if (surrogate === null || typeof surrogate !== 'object' || typeof surrogate.forward !== 'function' || !surrogate.metadata) throw new InvalidInputError('surrogate', 'a surrogate (trainSurrogate, loadSurrogate)', surrogate);
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { shots?, seed? }', options);
  const { shots = 1000, seed = 12345 } = options;
  checkInteger('shots', shots, { min: 1, max: maxShots });
  checkNumber('seed', seed);
  const { speedRange, angleRange, world } = surrogate.metadata;
  const truth = fire({ shots, speedRange, angleRange, seed, world }).filter((shot) => shot.distance !== null);
  if (truth.length === 0) throw new InvalidInputError('shots', 'enough shots that at least one lands', shots);
  const predicted = tf.tidy(() =>
    surrogate.forward(tf.tensor1d(truth.map((shot) => shot.speed)), tf.tensor1d(truth.map((shot) => shot.angle))),
  );
  const values = predicted.dataSync();
  predicted.dispose();
  return summarize(truth.map((shot, i) => Math.abs(values[i] - (shot.distance as number))));
}
