import type * as tf from '@tensorflow/tfjs';

/**
 * Landing distances in metres for a batch of speeds (m/s) and angles (rad) of the same length:
 * differentiable with respect to both, and safe inside tf.tidy. @cannon/optimize solves through it with `tensorModel` (from '@cannon/optimize/tensor').
 */
export type TensorForward = (speeds: tf.Tensor1D, angles: tf.Tensor1D) => tf.Tensor1D;
