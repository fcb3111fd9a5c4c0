import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TensorForward, Surrogate } from '../src/index.js';
import { trainSmall } from './helpers.js';

let surrogate: Surrogate;

beforeAll(async () => {
  await initializeBackend();
  surrogate = await trainSmall({ seed: 5 });
});

afterAll(() => surrogate.dispose());

const speeds = [2, 4.5, 6, 8, 9.5];
const angles = [0.3, 1.1, 0.5, 1.3, 0.2];

describe('the forward model', () => {
  it('gives landing distances in metres, one per shot, equal to landing()', () => {
    const distances = tf.tidy(() => Array.from(surrogate.forward(tf.tensor1d(speeds), tf.tensor1d(angles)).dataSync()));
    expect(distances).toHaveLength(5);
    distances.forEach((d, i) => expect(d).toBeCloseTo(surrogate.landing(speeds[i], angles[i]), 5));
  });

  it('has gradients with respect to speeds and angles that match central finite differences of landing()', () => {
    const [dSpeed, dAngle] = tf.tidy(() =>
      tf.grads((s: tf.Tensor, a: tf.Tensor) => tf.sum(surrogate.forward(s as tf.Tensor1D, a as tf.Tensor1D)))([tf.tensor1d(speeds), tf.tensor1d(angles)]).map((g) => Array.from(g.dataSync())),
    );
    // float32 predictions: a step of 1e-2 keeps the rounding (~1e-5 m / 1e-2) and the truncation (~h²) near 1e-3.
    const h = 1e-2;
    speeds.forEach((s, i) => {
      const a = angles[i];
      const fdSpeed = (surrogate.landing(s + h, a) - surrogate.landing(s - h, a)) / (2 * h);
      const fdAngle = (surrogate.landing(s, a + h) - surrogate.landing(s, a - h)) / (2 * h);
      expect(Number.isFinite(dSpeed[i]) && Number.isFinite(dAngle[i])).toBe(true);
      expect(Math.abs(dSpeed[i] - fdSpeed)).toBeLessThan(1e-2 * Math.max(Math.abs(fdSpeed), 1));
      expect(Math.abs(dAngle[i] - fdAngle)).toBeLessThan(1e-2 * Math.max(Math.abs(fdAngle), 1));
    });
  });

  it('leaks no tensors, inside or outside tf.tidy, with or without gradients', () => {
    const forward: TensorForward = surrogate.forward;
    const s = tf.tensor1d(speeds);
    const a = tf.tensor1d(angles);
    const before = tf.memory().numTensors;
    const distances = forward(s, a);
    distances.dispose();
    tf.tidy(() => {
      tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(forward(x as tf.Tensor1D, y as tf.Tensor1D)))([s, a]);
    });
    surrogate.landing(5, 0.7);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([s, a]);
  });

  it('rejects speeds and angles of different lengths', () => {
    tf.tidy(() => {
      expect(() => surrogate.forward(tf.tensor1d([1, 2]), tf.tensor1d([0.5]))).toThrow(InvalidInputError);
    });
  });

  it('rejects a landing() of a number that is not finite', () => {
    expect(() => surrogate.landing(NaN, 0.5)).toThrow(/speed must be a finite number/);
  });
});
