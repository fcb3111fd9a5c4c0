import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '@cannon/errors';
import { callKernel, disposeAll, makeOutput, registerKernelsOnce, valuesOf, type KernelBackend } from '../src/index.js';

/** y = 2x + 1, computed by calling the backend's own kernels, with a scratch tensor freed inside. */
function affine({ inputs, backend }: { inputs: { x: tf.TensorInfo }; backend: KernelBackend }): tf.TensorInfo {
  const one = makeOutput(backend, [1], Float32Array.of(1));
  const doubled = callKernel(backend, 'Add', { a: inputs.x, b: inputs.x });
  const y = callKernel(backend, 'Add', { a: doubled, b: one });
  disposeAll(backend, [one, doubled]);
  return y;
}

describe('kernels of our own', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  

  it('registers once, runs through the engine, and frees what it made for itself', () => {
    registerKernelsOnce('the affine kernel', { Affine: affine as never });
    registerKernelsOnce('the affine kernel', { Affine: affine as never });
    const x = tf.tensor1d([0, 1, 2.5]);
    const before = tf.memory().numTensors;
    const y = tf.engine().runKernel('Affine', { x }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([1, 3, 6]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, y]);
  });

  it('reads a tensor in the backend without a copy', () => {
    const backend = tf.backend() as unknown as KernelBackend;
    const info = makeOutput(backend, [2, 2], Float32Array.of(1, 2, 3, 4));
    expect(Array.from(valuesOf(backend, info))).toEqual([1, 2, 3, 4]);
    disposeAll(backend, [info]);
  });

  it('refuses a backend other than wasm and cpu, naming the kernels', () => {
    tf.registerBackend('refused-backend', () => tf.findBackend('cpu')!, 0);
    tf.setBackend('refused-backend');
    try {
      expect(() => registerKernelsOnce('the affine kernel', { Affine2: affine as never })).toThrow(BackendError);
      expect(() => registerKernelsOnce('the affine kernel', { Affine2: affine as never })).toThrow(/the affine kernel runs on the wasm or cpu backend/);
    } finally {
      tf.setBackend('cpu');
      tf.removeBackend('refused-backend');
    }
  });
});
