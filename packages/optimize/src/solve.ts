import { evaluate } from './evaluate.js';
import { Adam, GaussNewton, GradientDescent, type Method, type Step, type StepRule } from './methods.js';
import type { ForwardModel } from './model.js';
import { checkTarget, resolveSolveOptions, type SolveOptions } from './options.js';
import { createRandom, landing, maximumRange, resolveWorld, type Launch, type World } from '@cannon/physics';
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
  const { method, maxSpeed, tolerance, maxIterations, learningRate, start, seed, world, path, hold, angleRange } = resolveSolveOptions(options);
  targets.forEach((target, i) => checkTarget(`targets[${i}]`, target));
  const resolvedWorld = resolveWorld(world);
  const reach = reachOf(maxSpeed, hold ? start : undefined, hold, resolvedWorld);
  const maxDistance = reach ? reach.distance : 0;
  const count = targets.length;
  const rule = createRule(method, learningRate, maxSpeed, count);
  const random = createRandom(seed);
  const speed = new Float64Array(count);
  const angle = new Float64Array(count);
  const results: Solution[] = [];
  const active: number[] = [];
  for (let i = 0; i < count; i++) {
    speed[i] = start ? start.speed : random.between(0, maxSpeed);
    angle[i] = start ? start.angle : random.between(0, Math.PI / 2);
    const unreachable = !(targets[i] <= maxDistance);
    results.push({
      target: targets[i],
      status: unreachable ? 'unreachable' : 'not-converged',
      converged: false,
      speed: unreachable && reach ? reach.speed : speed[i],
      angle: unreachable && reach ? reach.angle : angle[i],
      iterations: 0,
      modelLanding: NaN,
      modelError: NaN,
      trueLanding: null,
      trueError: Infinity,
      maxDistance,
      ...(path ? { path: [] } : {}),
    });
    if (!unreachable) active.push(i);
  }

  const minAngle = Math.max(angleRange[0], 1e-6);
  const maxAngle = Math.min(angleRange[1], Math.PI / 2 - 1e-6);
  const next = new Float64Array(2);
  const at: Step = { speed: 0, angle: 0, residual: 0, perSpeed: 0, perAngle: 0 };
  for (let iteration = 0; active.length > 0; iteration++) {
    const { landing, perSpeed, perAngle } = evaluate(
      model,
      active.map((i) => speed[i]),
      active.map((i) => angle[i]),
    );
    let kept = 0;
    active.forEach((i, n) => {
      const result = results[i];
      const residual = landing[n] - targets[i];
      result.path?.push({ speed: speed[i], angle: angle[i], loss: residual * residual });
      if (Number.isFinite(residual) && (Math.abs(residual) < result.modelError || Number.isNaN(result.modelError))) {
        Object.assign(result, { speed: speed[i], angle: angle[i], modelLanding: landing[n], modelError: Math.abs(residual) });
      }
      if (Math.abs(residual) <= tolerance) {
        Object.assign(result, { status: 'converged', converged: true, iterations: iteration, speed: speed[i], angle: angle[i], modelLanding: landing[n], modelError: Math.abs(residual) });
        return;
      }
      if (iteration >= maxIterations) {
        result.iterations = iteration;
        return;
      }
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
      active[kept++] = i;
    });
    active.length = kept;
  }

  for (const result of results) {
    if (result.status === 'unreachable') continue;
    const truth = verify({ speed: result.speed, angle: result.angle }, result.target, resolvedWorld);
    result.trueLanding = truth.landing;
    result.trueError = truth.error;
  }
  return results;
}

/** The farthest shot the solve may find: any angle at maxSpeed, any angle at a held speed, or maxSpeed at a held angle. */
function reachOf(maxSpeed: number, start: Launch | undefined, hold: 'speed' | 'angle' | undefined, world: World): Launch & { distance: number } | null {
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
  if (method === 'adam') return new Adam(learningRate, count);
  return new GaussNewton(maxSpeed, count);
}
