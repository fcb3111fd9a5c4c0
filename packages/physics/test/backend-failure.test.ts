import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { BackendError, initializeBackend } from '../src/tensor/index.js';

// A file of its own: the wasm backend must not have started in this process before.
it('fails loudly, and falls back to nothing, when the .wasm files cannot be found', async () => {
  const failure = initializeBackend({ wasmPaths: '/nowhere/' });
  await expect(failure).rejects.toThrow(BackendError);
  await expect(failure).rejects.toThrow(/the wasm backend of TensorFlow\.js could not start/);
  expect(tf.getBackend()).not.toBe('wasm');
});
