import { checkNumber, InvalidInputError } from '@cannon/errors';
import type { Launch } from '@cannon/physics';
import { descend } from './descend.js';
import { GaussNewton } from './methods.js';
import type { ForwardModel } from './model.js';
import { checkTarget, resolveSearchOptions, type SolveOptions } from './options.js';

export type RefineOptions = Pick<SolveOptions, 'maxSpeed' | 'tolerance' | 'maxIterations' | 'hold' | 'angleRange'>;

/** Where a refinement ended: the shot, the model's landing and miss there, and the Gauss–Newton iterations it took. */
export interface Refinement {
  speed: number;
  angle: number;
  landing: number;
  error: number;
  iterations: number;
  converged: boolean;
}

/**
 * Gauss–Newton on the model from a good start (a network's guess): the refinement of the hybrid aimer. It
 * evaluates the landing and its Jacobian at the start, and after each step looks at the landing alone
 * first: from a good start one step usually lands within any tolerance, and the landing alone costs less
 * than half as much. No maximum range is computed: when it does not converge, `solve` says why.
 */
export function refine(model: ForwardModel, target: number, start: Launch, options: RefineOptions = {}): Refinement {
  checkTarget('target', target);
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { maxSpeed?, tolerance?, maxIterations? }', options);
  if (start === null || typeof start !== 'object') throw new InvalidInputError('start', 'a launch { speed, angle }', start);
  checkNumber('start.speed', start.speed, { min: 0 });
  checkNumber('start.angle', start.angle, { min: -Math.PI / 2, max: Math.PI / 2 });
  const { maxSpeed, tolerance, maxIterations, hold, angleRange } = resolveSearchOptions({ ...options, start }, 'gauss-newton');
  const ended = descend(model, [target], [start], { rule: new GaussNewton(maxSpeed, 1), tolerance, maxIterations, maxSpeed, hold, angleRange, landingFirst: true });
  return {
    speed: ended.speed[0],
    angle: ended.angle[0],
    landing: ended.landing[0],
    error: Math.abs(ended.landing[0] - target),
    iterations: ended.iterations[0],
    converged: ended.converged[0] === 1,
  };
}
