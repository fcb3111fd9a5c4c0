import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@cannon/random';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerWeights } from '../src/index.js';
import { Network, createTrainer } from '../src/tensor/index.js';

/** The plain formulation: tf.matMul, add, tanh per layer, from the same weights. */
function naive(weights: LayerWeights[], x: tf.Tensor2D, variables = weights.map((w) => ({ kernel: tf.tensor2d(w.kernel, [w.inputs, w.units]), bias: tf.tensor1d(w.bias) }))): tf.Tensor2D {
  let a: tf.Tensor2D = x;
  variables.forEach(({ kernel, bias }, l) => {
    const z = tf.add(tf.matMul(a, kernel), bias) as tf.Tensor2D;
    a = l < variables.length - 1 ? tf.tanh(z) : z;
  });
  return a;
}

function batch(rows: number, columns: number, seed: number): tf.Tensor2D {
  const random = createRandom(seed);
  return tf.tensor2d(Float32Array.from({ length: rows * columns }, () => 2 * random.uniform() - 1), [rows, columns]);
}

/** Largest absolute difference, relative to the largest magnitude of the expected values. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return difference / scale;
}

const vacuumLoss = (targets: tf.Tensor2D) => (raw: tf.Tensor2D) => {
  const [v, a] = tf.split(tf.mul(tf.sigmoid(raw), tf.tensor2d([[10, Math.PI / 2]])), 2, 1);
  return tf.mean(tf.squaredDifference(tf.div(tf.mul(tf.square(v), tf.sin(tf.mul(a, 2))), 9.81), targets)) as tf.Scalar;
};

function vacuumBatch(random: ReturnType<typeof createRandom>) {
  const targets = Float32Array.from({ length: 256 }, () => 0.5 + 9.5 * random.uniform());
  return { x: tf.tensor2d(targets.map((d) => d / 10), [256, 1]), targets: tf.tensor2d(targets, [256, 1]) };
}

function checks(backend: 'wasm' | 'cpu') {
  describe(`on the ${backend} backend`, () => {
    beforeAll(async () => {
      await initializeBackend({ backend });
    });

    it('apply matches a naive tfjs network with the same weights', () => {
      const network = new Network({ inputs: 4, hiddenLayers: [64, 64], outputs: 2, seed: 3 });
      const x = batch(256, 4, 1);
      const actual = network.apply(x);
      const expected = naive(network.getWeights(), x);
      expect(relativeError(actual.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, actual, expected]);
      network.dispose();
    });

    it('applyRows matches apply to float32 precision', () => {
      const network = new Network({ inputs: 4, hiddenLayers: [64, 64], outputs: 2, seed: 4 });
      const x = batch(5, 4, 2);
      const expected = network.apply(x);
      expect(relativeError(network.applyRows(x.dataSync(), 5), expected.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, expected]);
      network.dispose();
    });

    it('gradients with respect to the weights and the input match tf.grads of the naive network', () => {
      const network = new Network({ inputs: 3, hiddenLayers: [16, 8, 12], outputs: 2, seed: 5 });
      const x = batch(64, 3, 3);
      const weights = network.getWeights();
      const lossOf = (raw: tf.Tensor) => tf.mean(tf.square(tf.sin(tf.mul(raw, tf.tensor1d([1.5, -0.7]))))) as tf.Scalar;
      const [dx, dp] = tf.grads((xIn: tf.Tensor, p: tf.Tensor) => lossOf(network.applyWith(xIn as tf.Tensor2D, p as tf.Tensor1D)))([x, network.parameterTensor]);
      const variables = weights.map((w) => ({ kernel: tf.tensor2d(w.kernel, [w.inputs, w.units]), bias: tf.tensor1d(w.bias) }));
      const flat = variables.flatMap(({ kernel, bias }) => [kernel, bias]);
      const expected = tf.grads((...args: tf.Tensor[]) => {
        const [xIn, ...rest] = args;
        const layers = weights.map((_, l) => ({ kernel: rest[2 * l] as tf.Tensor2D, bias: rest[2 * l + 1] as tf.Tensor1D }));
        return lossOf(naive(weights, xIn as tf.Tensor2D, layers));
      })([x, ...flat]);
      expect(relativeError(dx.dataSync(), expected[0].dataSync())).toBeLessThan(1e-5);
      const expectedFlat = Float32Array.from(expected.slice(1).flatMap((t) => [...t.dataSync()]));
      expect(relativeError(dp.dataSync(), expectedFlat)).toBeLessThan(1e-5);
      tf.dispose([x, dx, dp, ...flat, ...expected]);
      network.dispose();
    });

    it('the trainer takes one Adam step from the autodiff gradient, as computed by hand', () => {
      const network = new Network({ inputs: 1, hiddenLayers: [8], outputs: 2, seed: 6 });
      const x = batch(32, 1, 4);
      const lossOf = (raw: tf.Tensor2D) => tf.mean(tf.square(tf.sub(raw, 0.25))) as tf.Scalar;
      const before = Float64Array.from(network.parameterValues);
      const weights = network.getWeights();
      const variables = weights.map((w) => ({ kernel: tf.tensor2d(w.kernel, [w.inputs, w.units]), bias: tf.tensor1d(w.bias) }));
      const flat = variables.flatMap(({ kernel, bias }) => [kernel, bias]);
      const gradient = tf.grads((...rest: tf.Tensor[]) => lossOf(naive(weights, x, weights.map((_, l) => ({ kernel: rest[2 * l] as tf.Tensor2D, bias: rest[2 * l + 1] as tf.Tensor1D })))))(flat);
      const g = Float64Array.from(gradient.flatMap((t) => [...t.dataSync()]));
      const trainer = createTrainer(network, { learningRate: 0.01 });
      trainer.step(x, lossOf);
      // First step: m̂ = g, v̂ = g², so p −= lr·g/(|g| + ε).
      const expected = before.map((p, i) => p - (0.01 * g[i]) / (Math.abs(g[i]) + 1e-8));
      const after = network.parameterValues;
      for (let i = 0; i < expected.length; i++) expect(after[i]).toBeCloseTo(expected[i], 5);
      tf.dispose([x, ...flat, ...gradient]);
      network.dispose();
    });

    it('training the vacuum aimer for 300 steps lowers the loss substantially', () => {
      const network = new Network({ inputs: 1, hiddenLayers: [32, 32], outputs: 2, seed: 0 });
      const trainer = createTrainer(network, { learningRate: 0.01 });
      const random = createRandom(7);
      const losses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const { x, targets } = vacuumBatch(random);
        losses.push(trainer.step(x, vacuumLoss(targets)));
        tf.dispose([x, targets]);
      }
      expect(losses[299]).toBeLessThan(losses[0] / 20);
      network.dispose();
    });

    it('leaks no tensors and no backend memory across steps', () => {
      const network = new Network({ inputs: 1, hiddenLayers: [32, 32], outputs: 2, seed: 0 });
      const trainer = createTrainer(network, { learningRate: 0.01 });
      const random = createRandom(8);
      const { x, targets } = vacuumBatch(random);
      trainer.step(x, vacuumLoss(targets));
      const tensors = tf.memory().numTensors;
      const dataIds = tf.engine().backend.numDataIds();
      for (let i = 0; i < 5; i++) trainer.step(x, vacuumLoss(targets));
      tf.tidy(() => {
        network.apply(x);
      });
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.engine().backend.numDataIds()).toBe(dataIds);
      tf.dispose([x, targets]);
      network.dispose();
    });
  });
}

describe('Network', () => {
  afterAll(async () => {
    await initializeBackend({ backend: 'wasm' });
  });
  checks('wasm');
  checks('cpu');

  it('the same seed builds the same weights, and setWeights round-trips getWeights', async () => {
    await initializeBackend({ backend: 'wasm' });
    const a = new Network({ inputs: 2, hiddenLayers: [5], outputs: 1, seed: 9 });
    const b = new Network({ inputs: 2, hiddenLayers: [5], outputs: 1, seed: 9 });
    expect(a.getWeights()).toEqual(b.getWeights());
    const c = new Network({ inputs: 2, hiddenLayers: [5], outputs: 1, seed: 10 });
    c.setWeights(a.getWeights());
    expect(c.getWeights()).toEqual(a.getWeights());
    expect(c.applyRows([0.1, 0.2], 1)).toEqual(a.applyRows([0.1, 0.2], 1));
    [a, b, c].forEach((n) => n.dispose());
  });

  it('rejects a bad spec, naming the field', () => {
    expect(() => new Network({ inputs: 0, hiddenLayers: [4], outputs: 1 })).toThrow(/spec.inputs/);
    expect(() => new Network({ inputs: 1, hiddenLayers: [4, 1.5], outputs: 1 })).toThrow(/spec.hiddenLayers\[1\]/);
  });
});
