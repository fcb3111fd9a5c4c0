import * as tf from '@tensorflow/tfjs';
import type { Evaluation, ForwardModel } from '../model.js';

/** Landing distances (m) for 1-D float32 tensors of speeds (m/s) and angles (rad) of one length, differentiable with respect to both. */
export type TensorForward = (speeds: tf.Tensor1D, angles: tf.Tensor1D) => tf.Tensor1D;

/**
 * A differentiable TensorFlow.js function as a forward model to solve on: a surrogate's `forward`, the
 * physics' `landingTensor` in a world of tensors, or a network of your own. The landings of different shots
 * do not depend on each other, so the gradient of their sum holds each shot's own derivatives: one
 * `tf.grads` call evaluates a whole batch. Leaves no tensor behind.
 */
export function tensorModel(forward: TensorForward): ForwardModel {
  return {
    evaluate(speeds, angles): Evaluation {
      let landing = new Float32Array(0);
      const [perSpeed, perAngle] = tf.tidy(() => {
        const grads = tf.grads((s: tf.Tensor, a: tf.Tensor) => {
          const distances = forward(s as tf.Tensor1D, a as tf.Tensor1D);
          landing = Float32Array.from(distances.dataSync());
          return tf.sum(distances);
        })([tf.tensor1d(Float32Array.from(speeds)), tf.tensor1d(Float32Array.from(angles))]);
        return grads.map((g) => Float32Array.from(g.dataSync()));
      });
      return { landing, perSpeed, perAngle };
    },
    landings(speeds, angles) {
      return tf.tidy(() => Float32Array.from(forward(tf.tensor1d(Float32Array.from(speeds)), tf.tensor1d(Float32Array.from(angles))).dataSync()));
    },
  };
}
