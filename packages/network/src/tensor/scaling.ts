import * as tf from '@tensorflow/tfjs';
import type { Scaling } from '../scaling.js';

/** Raw columns [n, k] onto the network's scale, (x − offset) / scale per column: differentiable, safe in tf.tidy. */
export function scaleTensor(x: tf.Tensor2D, scalings: readonly Scaling[]): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.sub(x, tf.tensor1d(scalings.map((s) => s.offset))), tf.tensor1d(scalings.map((s) => s.scale))));
}

/** The network's outputs [n, k] back to raw values, offset + scale·y per column: differentiable, safe in tf.tidy. */
export function unscaleTensor(y: tf.Tensor2D, scalings: readonly Scaling[]): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.mul(y, tf.tensor1d(scalings.map((s) => s.scale))), tf.tensor1d(scalings.map((s) => s.offset))));
}
