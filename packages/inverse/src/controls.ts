import * as tf from '@tensorflow/tfjs';

/**
 * The controls from the network's two raw outputs, bounded by construction:
 * speed = maxSpeed·σ(o₀) ∈ (0, maxSpeed), angle = (π/2)·σ(o₁) ∈ (0, π/2).
 */
export function controls(raw: tf.Tensor2D, maxSpeed: number): { speed: tf.Tensor1D; angle: tf.Tensor1D } {
  return tf.tidy(() => {
    const squashed = tf.sigmoid(raw);
    const [speed, angle] = tf.split(squashed, 2, 1);
    return { speed: tf.mul(tf.reshape(speed, [-1]), maxSpeed) as tf.Tensor1D, angle: tf.mul(tf.reshape(angle, [-1]), Math.PI / 2) as tf.Tensor1D };
  });
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The same on plain numbers. */
export function controlsOf(raw0: number, raw1: number, maxSpeed: number): { speed: number; angle: number } {
  return { speed: maxSpeed * sigmoid(raw0), angle: (Math.PI / 2) * sigmoid(raw1) };
}
