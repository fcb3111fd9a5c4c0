import type * as tf from '@tensorflow/tfjs';
import { landingTensor, type TensorWorld } from '@cannon/physics';

/**
 * A differentiable forward model: landing distances (m) for 1-D float32 tensors of speeds (m/s) and angles
 * (rad) of one length. The true physics is one (`physicsModel`); a learned surrogate is another.
 */
export type ForwardModel = (speeds: tf.Tensor1D, angles: tf.Tensor1D) => tf.Tensor1D;

/** The true physics of @cannon/physics as a forward model: the Newtonian approach. */
export function physicsModel(world: TensorWorld = {}): ForwardModel {
  return (speeds, angles) => landingTensor(speeds, angles, world) as tf.Tensor1D;
}
