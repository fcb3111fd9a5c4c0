import { InvalidInputError } from '@cannon/errors';
import { landing, maximumRange, resolveWorld, type Launch, type World } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { descend } from './descend.js';
import { AdamRule, GaussNewton, GradientDescent, type Method, type StepRule } from './methods.js';
import { landingsOf, type ForwardModel } from './model.js';
import { checkTarget, resolveSolveOptions, type SolveOptions } from './options.js';
import { verify } from './verify.js';

export interface PathPoint {
  speed: number;
  angle: number;
  /** The model's squared error at this point, m². */
  loss: number;
}

/** How a solve for one target ended. The model's error and the true error sit side by side. */
export interface Solution {
  target: number;
  /** converged: within tolerance by the model's measure; unreachable: beyond the maximum range for maxSpeed. */
  status: 'converged' | 'not-converged' | 'unreachable';
  converged: boolean;
  speed: number;
  angle: number;
  /** Model evaluations after the start (0 when the start already hits). */
  iterations: number;
  /** Where the model says the shot lands, and its miss |landing − target|: what the solve minimised. */
  modelLanding: number;
  modelError: number;
  /** Where @cannon/physics says it lands in `options.world`, and the true miss (Infinity when it never lands). */
  trueLanding: number | null;
  trueError: number;
  /** The farthest landing for maxSpeed in the world (or for the held control): the bound of what is reachable. */
  maxDistance: number;
  /** (speed, angle, loss) at every evaluation, when `options.path` is set. */
  path?: PathPoint[];
}

/** Solves for one target: `solveBatch` for one. */
export function solve(model: ForwardModel, target: number, options: SolveOptions = {}): Solution {
  return solveBatch(model, [target], options)[0];
}

/**
 * Finds the speed and angle that land each target on the model, all targets at once: one model
 * evaluation (value and Jacobian) per iteration for every target still moving. Targets beyond the
 * maximum range for maxSpeed in `options.world` are reported as unreachable, with that range.
 */
export function solveBatch(model: ForwardModel, targets: readonly number[], options: SolveOptions = {}): Solution[] {
  if (!Array.isArray(targets)) throw new InvalidInputError('targets', 'an array of distances', targets);
  const { method, maxSpeed, tolerance, maxIterations, learningRate, start, seed, world, path, hold, angleRange } = resolveSolveOptions(options);
  targets.forEach((target, i) => checkTarget(`targets[${i}]`, target));
  const resolvedWorld = resolveWorld(world);
  const reach = reachOf(maxSpeed, hold ? start : undefined, hold, resolvedWorld);
  const maxDistance = reach ? reach.distance : 0;
  const random = createRandom(seed);
  const starts = targets.map(() => start ?? { speed: random.between(0, maxSpeed), angle: random.between(0, Math.PI / 2) });
  const reachable = targets.flatMap((target, i) => (target <= maxDistance ? [i] : []));
  const paths = targets.map((): PathPoint[] => []);
  const ended = descend(
    model,
    reachable.map((i) => targets[i]),
    reachable.map((i) => starts[i]),
    {
      rule: createRule(method, learningRate, maxSpeed, reachable.length),
      tolerance,
      maxIterations,
      maxSpeed,
      hold,
      angleRange,
      record: path ? (n, speed, angle, loss) => paths[reachable[n]].push({ speed, angle, loss }) : undefined,
    },
  );

  const results: Solution[] = targets.map((target, i) => ({
    target,
    status: 'unreachable',
    converged: false,
    speed: reach ? reach.speed : starts[i].speed,
    angle: reach ? reach.angle : starts[i].angle,
    iterations: 0,
    modelLanding: NaN,
    modelError: NaN,
    trueLanding: null,
    trueError: Infinity,
    maxDistance,
    ...(path ? { path: paths[i] } : {}),
  }));
  // An unreachable target's answer is the farthest shot, with how close it comes, by the model and in truth.
  const unreachable = targets.flatMap((target, i) => (target > maxDistance && reach ? [i] : []));
  if (unreachable.length > 0) {
    const landed = landingsOf(model, Float64Array.from(unreachable, () => reach!.speed), Float64Array.from(unreachable, () => reach!.angle));
    unreachable.forEach((i, n) => {
      const truth = verify(reach!, targets[i], resolvedWorld);
      Object.assign(results[i], { modelLanding: landed[n], modelError: Math.abs(landed[n] - targets[i]), trueLanding: truth.landing, trueError: truth.error });
      if (path) paths[i].push({ speed: reach!.speed, angle: reach!.angle, loss: (landed[n] - targets[i]) ** 2 });
    });
  }
  reachable.forEach((i, n) => {
    const converged = ended.converged[n] === 1;
    const shot = { speed: ended.speed[n], angle: ended.angle[n] };
    const truth = verify(shot, targets[i], resolvedWorld);
    Object.assign(results[i], {
      status: converged ? 'converged' : 'not-converged',
      converged,
      ...shot,
      iterations: ended.iterations[n],
      modelLanding: ended.landing[n],
      modelError: Math.abs(ended.landing[n] - targets[i]),
      trueLanding: truth.landing,
      trueError: truth.error,
    });
  });
  return results;
}

/** The farthest shot the solve may find: any angle at maxSpeed, any angle at a held speed, or maxSpeed at a held angle. */
function reachOf(maxSpeed: number, start: Launch | undefined, hold: 'speed' | 'angle' | undefined, world: World): (Launch & { distance: number }) | null {
  if (hold === 'angle') {
    const hit = landing({ speed: maxSpeed, angle: start!.angle }, world);
    return hit ? { speed: maxSpeed, angle: start!.angle, distance: hit.distance } : null;
  }
  const speed = hold === 'speed' ? start!.speed : maxSpeed;
  const best = maximumRange(speed, world);
  return best ? { speed, angle: best.angle, distance: best.distance } : null;
}

function createRule(method: Method, learningRate: number, maxSpeed: number, count: number): StepRule {
  if (method === 'gradient-descent') return new GradientDescent(learningRate);
  if (method === 'adam') return new AdamRule(learningRate);
  return new GaussNewton(maxSpeed, count);
}
