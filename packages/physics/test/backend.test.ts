import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendError, initializeBackend } from '../src/tensor/index.js';

describe('initializeBackend', () => {
  it('starts the WebAssembly backend with SIMD, on one thread in Node', async () => {
    const info = await initializeBackend();
    expect(info).toEqual({ backend: 'wasm', simd: true, threads: 1, isolated: false });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('switches to the cpu backend when asked, and back', async () => {
    expect(await initializeBackend({ backend: 'cpu' })).toEqual({ backend: 'cpu', simd: false, threads: 1, isolated: false });
    expect(tf.getBackend()).toBe('cpu');
    expect((await initializeBackend()).backend).toBe('wasm');
  });

  it('refuses a backend it does not support, by name', async () => {
    await expect(initializeBackend({ backend: 'webgl' as never })).rejects.toThrow(BackendError);
    await expect(initializeBackend({ backend: 'webgl' as never })).rejects.toThrow(/backend must be 'wasm' or 'cpu'; received "webgl"/);
  });

  it('registers gradients (they come with @tensorflow/tfjs, not tfjs-core alone)', async () => {
    await initializeBackend();
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.sin(x)))(tf.tensor1d([0])).arraySync());
    expect(g).toEqual([1]);
  });
});
