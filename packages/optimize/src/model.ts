import { resolveWorld, shotColumns, simulateLandings, type World } from '@cannon/physics';

/** A model's landings at n shots (m; NaN where a shot never lands) and their derivatives with respect to speed and angle. */
export interface Evaluation {
  landing: ArrayLike<number>;
  perSpeed: ArrayLike<number>;
  perAngle: ArrayLike<number>;
}

/**
 * A differentiable forward model, as solving needs it: for n shots (speeds in m/s, angles in radians), where
 * each lands and the derivatives of that landing with respect to its speed and angle, on plain numbers. The
 * true physics is one (`physicsModel`); a network on TensorFlow.js, adapted by `tensorModel` of
 * '@cannon/optimize/tensor', is another.
 */
export interface ForwardModel {
  evaluate(speeds: Float64Array, angles: Float64Array): Evaluation;
  /** The landings alone, when the model computes them for less than `evaluate` (the physics does). */
  landings?(speeds: Float64Array, angles: Float64Array): ArrayLike<number>;
}

/**
 * The true physics of @cannon/physics in a world, as a forward model: the Newtonian approach. Exact
 * derivatives of the simulated landings, in float64, with no tensor engine.
 */
export function physicsModel(world: Partial<World> = {}): ForwardModel {
  const base = shotColumns(0, 0, resolveWorld(world));
  return {
    evaluate(speeds, angles) {
      const { distance, partials } = simulateLandings({ ...base, speed: speeds, angle: angles }, speeds.length, ['speed', 'angle']);
      return { landing: distance, perSpeed: partials.speed!, perAngle: partials.angle! };
    },
    landings(speeds, angles) {
      return simulateLandings({ ...base, speed: speeds, angle: angles }, speeds.length).distance;
    },
  };
}

/** The landings alone, through the cheaper path where the model has one. */
export function landingsOf(model: ForwardModel, speeds: Float64Array, angles: Float64Array): ArrayLike<number> {
  return model.landings ? model.landings(speeds, angles) : model.evaluate(speeds, angles).landing;
}
