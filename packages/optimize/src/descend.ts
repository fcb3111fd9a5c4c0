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
 * projection, until a shot lands within tolerance or its iterations run out. It allocates per call, not
 * per iteration: one aim's refinement runs through here too.
 */
export function descend(model: ForwardModel, targets: readonly number[], starts: readonly Launch[], settings: DescentSettings): Descent {
  const { rule, tolerance, maxIterations, maxSpeed, hold, angleRange, landingFirst = false, record } = settings;
  const count = targets.length;
  const speed = new Float64Array(count);
  const angle = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    speed[i] = starts[i].speed;
    angle[i] = starts[i].angle;
  }
  const best: Descent = { speed: speed.slice(), angle: angle.slice(), landing: new Float64Array(count).fill(NaN), iterations: new Int32Array(count), converged: new Uint8Array(count) };
  const bestError = new Float64Array(count).fill(Infinity);
  const minAngle = Math.max(angleRange[0], 1e-6);
  const maxAngle = Math.min(angleRange[1], Math.PI / 2 - 1e-6);
  const next = new Float64Array(2);
  const at: Step = { speed: 0, angle: 0, residual: 0, perSpeed: 0, perAngle: 0 };
  // The targets still moving, and their points packed in that order for the model.
  const active = Int32Array.from({ length: count }, (_, i) => i);
  const activeSpeed = new Float64Array(count);
  const activeAngle = new Float64Array(count);
  let moving = count;

  /** Records target i at its point, with landing `landed`; true when it is done (converged, or out of iterations). */
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
  /** The points of the moving targets, as the model takes them. */
  const points = (): [Float64Array, Float64Array] => {
    for (let k = 0; k < moving; k++) {
      activeSpeed[k] = speed[active[k]];
      activeAngle[k] = angle[active[k]];
    }
    return moving === count ? [activeSpeed, activeAngle] : [activeSpeed.subarray(0, moving), activeAngle.subarray(0, moving)];
  };

  for (let iteration = 0; moving > 0; iteration++) {
    const checked = landingFirst && iteration > 0;
    if (checked) {
      const landed = landingsOf(model, ...points());
      let kept = 0;
      for (let k = 0; k < moving; k++) if (!settle(active[k], landed[k], iteration)) active[kept++] = active[k];
      moving = kept;
      if (moving === 0) break;
    }
    const { landing, perSpeed, perAngle } = model.evaluate(...points());
    let kept = 0;
    for (let k = 0; k < moving; k++) {
      const i = active[k];
      if (!checked && settle(i, landing[k], iteration)) continue;
      const residual = landing[k] - targets[i];
      if (Number.isFinite(residual)) {
        // A held control has no say in the step: its derivative is taken as zero.
        at.speed = speed[i];
        at.angle = angle[i];
        at.residual = residual;
        at.perSpeed = hold === 'speed' ? 0 : perSpeed[k];
        at.perAngle = hold === 'angle' ? 0 : perAngle[k];
        rule.propose(i, at, next);
      } else if (!rule.retreat?.(i, next)) {
        // The model has no landing here (the shot never comes down through the target height), and the rule
        // has no better point to go back to: move halfway towards the fastest 45° shot, the likeliest to land.
        next[0] = hold === 'speed' ? speed[i] : 0.5 * (speed[i] + maxSpeed);
        next[1] = hold === 'angle' ? angle[i] : 0.5 * (angle[i] + Math.PI / 4);
      }
      speed[i] = Math.min(maxSpeed, Math.max(0, next[0]));
      angle[i] = Math.min(maxAngle, Math.max(minAngle, next[1]));
      active[kept++] = i;
    }
    moving = kept;
  }
  return best;
}
