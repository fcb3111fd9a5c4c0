import type * as tf from '@tensorflow/tfjs';
import { landingTensor, resolveWorld, shotColumns, simulateLandings, type TensorWorld, type World } from '@cannon/physics';

/**
 * A differentiable forward model: landing distances (m) for 1-D float32 tensors of speeds (m/s) and angles
 * (rad) of one length. The true physics is one (`physicsModel`); a learned surrogate is another.
 */
export type ForwardModel = (speeds: tf.Tensor1D, angles: tf.Tensor1D) => tf.Tensor1D;

/**
 * What a model may offer besides its tensor form: the same landings and derivatives on plain numbers, in
 * float64 and without TensorFlow.js, which the solver then uses (the physics does; a network does not).
 */
export interface PlainLandings {
  plainLandings(speeds: Float64Array, angles: Float64Array): { landing: Float64Array; perSpeed: Float64Array; perAngle: Float64Array };
}

/**
 * The true physics of @cannon/physics as a forward model: the Newtonian approach. With a world of plain
 * numbers it also offers `plainLandings`, so that solving on it needs no tensors at all.
 */
export function physicsModel(world: TensorWorld = {}): ForwardModel & Partial<PlainLandings> {
  const model: ForwardModel & Partial<PlainLandings> = (speeds, angles) => landingTensor(speeds, angles, world) as tf.Tensor1D;
  const numbers = Object.values(world).every((value) => typeof value === 'number');
  if (numbers) {
    const resolved = resolveWorld(world as Partial<World>);
    model.plainLandings = (speeds, angles) => {
      const columns = { ...shotColumns(0, 0, resolved), speed: speeds, angle: angles };
      const { distance, partials } = simulateLandings(columns, speeds.length, ['speed', 'angle']);
      return { landing: distance, perSpeed: partials.speed!, perAngle: partials.angle! };
    };
  }
  return model;
}
