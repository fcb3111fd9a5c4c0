import * as tf from '@tensorflow/tfjs';
import { landing } from '@cannon/physics';
import { InvalidInputError } from '@cannon/errors';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldOutError, trainSurrogate, type Surrogate } from '../src/index.js';

let surrogate: Surrogate;
let tensorsBefore: number;

beforeAll(async () => {
  await initializeBackend();
  tensorsBefore = tf.memory().numTensors;
  // The one test file that trains the default surrogate (a few seconds).
  surrogate = await trainSurrogate();
}, 120_000);

afterAll(() => {
  surrogate.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

describe('the default surrogate', () => {
  it('misses the true physics by a few centimetres in metres: small, but not zero', () => {
    const error = heldOutError(surrogate);
    // Measured (bench/train.mjs, seed 0, held-out seed 12345): p50 0.014 m, p95 0.064 m, max 0.22 m; bounds with margin.
    expect(error.p50).toBeGreaterThan(1e-3);
    expect(error.p50).toBeLessThan(0.05);
    expect(error.p95).toBeLessThan(0.2);
    expect(error.max).toBeLessThan(0.6);
    expect(error.p50).toBeLessThanOrEqual(error.p95);
    expect(error.p95).toBeLessThanOrEqual(error.max);
    expect(error.mean).toBeGreaterThan(0);
  });

  it('is judged against landing() of @cannon/physics', () => {
    const error = heldOutError(surrogate, { shots: 1, seed: 99 });
    expect(error.max).toBe(error.p50);
    const worst = Math.abs(surrogate.landing(5, 0.7) - (landing({ speed: 5, angle: 0.7 })?.distance as number));
    expect(worst).toBeLessThan(0.6);
  });

  it('gives the same held-out error for the same seed and a different one for another', () => {
    expect(heldOutError(surrogate, { seed: 3 })).toEqual(heldOutError(surrogate, { seed: 3 }));
    expect(heldOutError(surrogate, { seed: 4 })).not.toEqual(heldOutError(surrogate, { seed: 3 }));
  });

  it('rejects a held-out shot count that is not a positive integer', () => {
    expect(() => heldOutError(surrogate, { shots: 0 })).toThrow(InvalidInputError);
    expect(() => heldOutError(surrogate, { shots: 0 })).toThrow(/shots must be a whole number in \[1, 10000000\]; received 0/);
  });
});
