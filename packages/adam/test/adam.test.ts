import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@cannon/errors';
import { createAdam } from '../src/index.js';

describe('createAdam', () => {
  it('Adam with β1 = β2 = 0 steps by the sign of the gradient times the learning rate', () => {
    const adam = createAdam(2, { learningRate: 0.1, beta1: 0, beta2: 0, epsilon: 0 });
    const p = new Float32Array([1, 1]);
    adam.update(p, [3, -0.5]);
    expect([...p].map((v) => Number(v.toFixed(6)))).toEqual([0.9, 1.1]);
    // A step's own learning rate (trainAimer decays it) replaces the options' for that step only.
    adam.update(p, [1, 1], 0.2);
    adam.update(p, [-1, 1]);
    expect([...p].map((v) => Number(v.toFixed(6)))).toEqual([0.8, 0.8]);
    expect(() => adam.update(p, [1, 1], -1)).toThrow(/learningRate must be a finite number > 0/);
  });

  it('takes the first step of PyTorch and tf.train.adam: lr times the sign, whatever the size of the gradient', () => {
    const adam = createAdam(3, { learningRate: 0.01 });
    const p = new Float64Array([0, 0, 0]);
    adam.update(p, [1e-3, -50, 2]);
    expect([...p].map((v) => Number(v.toFixed(6)))).toEqual([-0.01, 0.01, -0.01]);
    expect(adam.steps).toBe(1);
  });

  it('finds the minimum of a quadratic', () => {
    const adam = createAdam(2, { learningRate: 0.05 });
    const p = Float64Array.of(1, 1);
    for (let i = 0; i < 2000; i++) adam.update(p, [2 * (p[0] - 3), 20 * (p[1] + 1)]);
    expect(p[0]).toBeCloseTo(3, 3);
    expect(p[1]).toBeCloseTo(-1, 3);
  });

  it('refuses bad options and vectors of the wrong length, naming them', () => {
    expect(() => createAdam(2, { learningRate: 0 })).toThrow(/learningRate must be a finite number > 0/);
    expect(() => createAdam(2, { learningRate: 0.1, beta1: 1 })).toThrow(/beta1 must be a finite number in \[0, 1\)/);
    expect(() => createAdam(2, { learningRate: 0.1 }).update(new Float32Array(3), [1, 2, 3])).toThrow(InvalidInputError);
  });
});
