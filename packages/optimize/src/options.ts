import { type Launch, type World } from '@cannon/physics';
import { checkInteger, checkNumber, checkRange, InvalidInputError } from '@cannon/errors';
import type { Method } from './methods.js';

export interface SolveOptions {
  /** 'gauss-newton' (the default: a handful of iterations), 'adam', or 'gradient-descent' (the article's). */
  method?: Method;
  /** Speeds are kept in [0, maxSpeed] m/s, angles in (0, π/2). Default 10 m/s, as in the article. */
  maxSpeed?: number;
  /** Converged when the model's miss is at most this, m. Default 0.05 (5 cm). */
  tolerance?: number;
  /** Model evaluations before giving up. Default 5000 for gradient descent, 2000 for Adam, 100 for Gauss–Newton. */
  maxIterations?: number;
  /** Step size of gradient descent (default 0.002) or Adam (default 0.05); Gauss–Newton needs none. */
  learningRate?: number;
  /** Where every target's search starts; default: a random shot per target, drawn with `seed`. */
  start?: Launch;
  seed?: number;
  /** The world the truth is checked in, and whose maximum range bounds what is reachable. Default: vacuum, flat. */
  world?: Partial<World>;
  /** Record (speed, angle, loss) at every evaluation. Default false. */
  path?: boolean;
  /** Keep one control at its `start` value and solve for the other: a fixed speed, or a fixed angle. */
  hold?: 'speed' | 'angle';
  /** Keep the angle inside [low, high] ⊂ (0, π/2), e.g. one side of the angle of maximum range for one arc. */
  angleRange?: readonly [number, number];
}

const methods: readonly Method[] = ['gradient-descent', 'adam', 'gauss-newton'];
const defaultIterations: Record<Method, number> = { 'gradient-descent': 5000, adam: 2000, 'gauss-newton': 100 };
const defaultLearningRate: Record<Method, number> = { 'gradient-descent': 0.002, adam: 0.05, 'gauss-newton': 0 };

const fullRange = [0, Math.PI / 2] as const;

/** The options of a search from given starts (`solve`'s, and a refinement's), checked, with their defaults. */
export function resolveSearchOptions(options: SolveOptions, method: Method) {
  const maxSpeed = checkNumber('maxSpeed', options.maxSpeed ?? 10, { min: 0, minOpen: true });
  const tolerance = checkNumber('tolerance', options.tolerance ?? 0.05, { min: 0, minOpen: true });
  const maxIterations = checkInteger('maxIterations', options.maxIterations ?? defaultIterations[method], { min: 0 });
  const start = options.start;
  if (start !== undefined) {
    checkNumber('start.speed', start?.speed, { min: 0, max: maxSpeed });
    checkNumber('start.angle', start?.angle, { min: 0, max: Math.PI / 2, minOpen: true, maxOpen: true });
  }
  const hold = options.hold;
  if (hold !== undefined && hold !== 'speed' && hold !== 'angle') throw new InvalidInputError('hold', "'speed' or 'angle'", hold);
  if (hold !== undefined && start === undefined) throw new InvalidInputError('start', `a { speed, angle } to hold the ${hold} at`, start);
  const angleRange = options.angleRange === undefined ? fullRange : checkRange('angleRange', options.angleRange, { min: 0, max: Math.PI / 2 });
  return { maxSpeed, tolerance, maxIterations, start, hold, angleRange };
}

export function resolveSolveOptions(options: SolveOptions) {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object', options);
  const method = options.method ?? 'gauss-newton';
  if (!methods.includes(method)) throw new InvalidInputError('method', `one of ${methods.join(', ')}`, method);
  const search = resolveSearchOptions(options, method);
  const learningRate = checkNumber('learningRate', options.learningRate ?? defaultLearningRate[method], { min: 0 });
  const seed = checkNumber('seed', options.seed ?? 0);
  return { ...search, method, learningRate, seed, world: options.world ?? {}, path: options.path ?? false };
}

export function checkTarget(field: string, target: unknown): number {
  return checkNumber(field, target, { min: 0 });
}
