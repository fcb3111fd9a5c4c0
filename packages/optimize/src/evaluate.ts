import * as tf from '@tensorflow/tfjs';
import type { ForwardModel, PlainLandings } from './model.js';

/** A model's landings at n points and their derivatives with respect to speed and angle. */
export interface Evaluation {
  landing: ArrayLike<number>;
  perSpeed: ArrayLike<number>;
  perAngle: ArrayLike<number>;
}

/**
 * Evaluates the model and its Jacobian at n points in one pass: on plain numbers when the model offers
 * them, else through its tensors. The landings of different shots do not depend on each other, so the
 * gradient of their sum holds each shot's own derivatives.
 */
export function evaluate(model: ForwardModel & Partial<PlainLandings>, speeds: ArrayLike<number>, angles: ArrayLike<number>): Evaluation {
  if (model.plainLandings) return model.plainLandings(Float64Array.from(speeds), Float64Array.from(angles));
  let landing = new Float32Array(0);
  const [perSpeed, perAngle] = tf.tidy(() => {
    const grads = tf.grads((s: tf.Tensor, a: tf.Tensor) => {
      const distances = model(s as tf.Tensor1D, a as tf.Tensor1D);
      landing = Float32Array.from(distances.dataSync());
      return tf.sum(distances);
    })([tf.tensor1d(Float32Array.from(speeds)), tf.tensor1d(Float32Array.from(angles))]);
    return grads.map((g) => Float32Array.from(g.dataSync()));
  });
  return { landing, perSpeed, perAngle };
}

/** A model's landings alone at n points. */
export function landings(model: ForwardModel, speeds: ArrayLike<number>, angles: ArrayLike<number>): Float32Array {
  return tf.tidy(() => Float32Array.from(model(tf.tensor1d(Float32Array.from(speeds)), tf.tensor1d(Float32Array.from(angles))).dataSync()));
}
