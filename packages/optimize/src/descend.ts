import type { Launch } from '@cannon/physics';
import type { StepRule, Step } from './methods.js';
import { landingsOf, type ForwardModel } from './model.js';

/** How a descent moves and when it stops. */
export interface DescentSettings {
  rule: StepRule;
  tolerance: number;
  maxIterations: number;
  maxSpeed: number;
  hold?: 'speed' | 'angle';
  angleRange: readonly [number, number];
  /** After the start, look at the landing alone first, and evaluate the Jacobian only where another step is needed. */
  landingFirst?: boolean;
  /** Called at every evaluation of target i, with the model's squared error there. */
  record?: (i: number, speed: number, angle: number, loss: number) => void;
}

/** Where each target's descent ended: its best point, the model's landing there, the evaluations after the start, and whether it met the tolerance. */
export interface Descent {
  speed: Float64Array;
  angle: Float64Array;
  landing: Float64Array;
  iterations: Int32Array;
  converged: Uint8Array;
}

/**
 * Moves every shot towards its target on the model, all at once: one model evaluation (landing and
 * Jacobian, batched) per iteration for the targets still moving, a step by the rule, and the bounds kept by
 * projection, until a shot lands within tolerance or its iterations run out.
 */
export function descend(model: ForwardModel, targets: readonly number[], starts: readonly Launch[], settings: DescentSettings): Descent {
  const { rule, tolerance, maxIterations, maxSpeed, hold, angleRange, landingFirst = false, record } = settings;
  const count = targets.length;
  const speed = Float64Array.from(starts, (s) => s.speed);
  const angle = Float64Array.from(starts, (s) => s.angle);
  const best: Descent = { speed: speed.slice(), angle: angle.slice(), landing: new Float64Array(count).fill(NaN), iterations: new Int32Array(count), converged: new Uint8Array(count) };
  const bestError = new Float64Array(count).fill(Infinity);
  const minAngle = Math.max(angleRange[0], 1e-6);
  const maxAngle = Math.min(angleRange[1], Math.PI / 2 - 1e-6);
  const next = new Float64Array(2);
  const at: Step = { speed: 0, angle: 0, residual: 0, perSpeed: 0, perAngle: 0 };
  let active = Array.from({ length: count }, (_, i) => i);

  // Settles target i at a point with landing `landed`; true when it is done (converged, or out of iterations).
  const settle = (i: number, landed: number, iteration: number): boolean => {
    const residual = landed - targets[i];
    record?.(i, speed[i], angle[i], residual * residual);
    if (Math.abs(residual) < bestError[i]) {
      bestError[i] = Math.abs(residual);
      best.speed[i] = speed[i];
      best.angle[i] = angle[i];
      best.landing[i] = landed;
    }
    best.iterations[i] = iteration;
    if (Math.abs(residual) <= tolerance) {
      best.converged[i] = 1;
      return true;
    }
    return iteration >= maxIterations;
  };

  for (let iteration = 0; active.length > 0; iteration++) {
    if (landingFirst && iteration > 0) {
      const landed = landingsOf(model, pick(speed, active), pick(angle, active));
      active = active.filter((i, n) => !settle(i, landed[n], iteration));
      if (active.length === 0) break;
    }
    const { landing, perSpeed, perAngle } = model.evaluate(pick(speed, active), pick(angle, active));
    active = active.filter((i, n) => {
      if (!(landingFirst && iteration > 0) && settle(i, landing[n], iteration)) return false;
      const residual = landing[n] - targets[i];
      if (Number.isFinite(residual)) {
        // A held control has no say in the step: its derivative is taken as zero.
        Object.assign(at, { speed: speed[i], angle: angle[i], residual, perSpeed: hold === 'speed' ? 0 : perSpeed[n], perAngle: hold === 'angle' ? 0 : perAngle[n] });
        rule.propose(i, at, next);
      } else {
        // The model has no landing here (the shot never comes down through the target height): move
        // halfway towards the fastest 45° shot, the likeliest to land.
        next[0] = hold === 'speed' ? speed[i] : 0.5 * (speed[i] + maxSpeed);
        next[1] = hold === 'angle' ? angle[i] : 0.5 * (angle[i] + Math.PI / 4);
      }
      speed[i] = Math.min(maxSpeed, Math.max(0, next[0]));
      angle[i] = Math.min(maxAngle, Math.max(minAngle, next[1]));
      return true;
    });
  }
  return best;
}

function pick(values: Float64Array, indices: readonly number[]): Float64Array {
  return Float64Array.from(indices, (i) => values[i]);
}
