import { checkInteger, checkNumber, InvalidInputError, UnreachableTargetError } from '@cannon/errors';
import { landing, maximumRange, minimumSpeed, simulateLandings, vacuumMinimumSpeed, type Launch } from '@cannon/physics';
import { physicsModel, refine, solve, type SolveOptions } from '@cannon/optimize';
import type { Aimer } from './aimer.js';
import { emptyColumns, nameIndex, resultsOf, writeResult, type AimColumns } from './columns.js';
import { covers, outsideDomain, resolveConditions, shotColumnsOf, worldOf, type Conditions } from './conditions.js';
import { shippedAimerFor } from './shipped.js';

export interface AimOptions {
  /** The aimer to ask; default: the shipped one for the conditions ('vacuum' in calm conditions, else 'field'). */
  aimer?: Aimer;
  /** The largest true miss accepted without refinement, m. Default 0.05. */
  tolerance?: number;
  /** Gauss–Newton iterations the refinement may take. Default 50. */
  maxIterations?: number;
  /** The fastest shot the cannon fires, m/s. Default: the aimer's (the shipped ones: 10 m/s in calm conditions, 15 otherwise). */
  maxSpeed?: number;
  /** A wish other than the slowest shot: a fixed speed (with `arc`), or a fixed angle. */
  speed?: number;
  /** With `speed`: the low (flat) or the high (lobbed) arc. Default 'low'. */
  arc?: 'low' | 'high';
  angle?: number;
}

export interface AimResult {
  target: number;
  conditions: Conditions;
  speed: number;
  angle: number;
  /** Where the physics lands the shot, and the true miss. */
  landing: number;
  error: number;
  /**
   * Refinement steps, each verified by the physics (0 when the network's shot already hit): corrections of
   * the aim point, then Gauss–Newton iterations if they did not suffice.
   */
  iterations: number;
  refined: boolean;
  /** The network's own shot, before any refinement (for a wish: the start of the solve). */
  predicted: Launch;
  /** The aimer that answered, or 'physics' where the target or the conditions lie outside its box and the shot was solved for on the physics alone. */
  aimer: string;
}

/** What every aim shares once its inputs are checked. */
interface Plan {
  target: number;
  conditions: Conditions;
  aimer: Aimer;
  /** Whether the target and conditions lie inside the aimer's box, where its answers are trusted. */
  covered: boolean;
  maxSpeed: number;
  tolerance: number;
  maxIterations: number;
}

/**
 * Aims the cannon: the network predicts the slowest shot for the target and conditions, the physics
 * verifies it, and when the true miss exceeds the tolerance it is refined: first by aiming off (a shot that
 * lands δ long is re-aimed at a target δ short, which the network answers), then, if that does not
 * converge, by Gauss–Newton on the physics (@cannon/optimize) from the best shot. Outside the aimer's box
 * (the target or a condition), the slowest shot is solved for on the physics alone, from the vacuum closed
 * form: slower, still verified, and the result says `aimer: 'physics'`. A target no shot up to `maxSpeed`
 * reaches throws UnreachableTargetError with the maximum distance.
 */
export function aim(target: number, conditions: Partial<Conditions> = {}, options: AimOptions = {}): AimResult {
  checkObject('options', options);
  const plan = planAim(target, resolveConditions(conditions), options, 'target');
  if (options.speed !== undefined || options.angle !== undefined) return aimWish(plan, options);
  if (!plan.covered) return aimOnPhysics(plan);
  const predicted = plan.aimer.predict(target, plan.conditions);
  const hit = landing(predicted, worldOf(plan.conditions));
  return verified(plan, predicted, hit ? hit.distance : NaN);
}

/** An aim's inputs, checked, with the aimer that answers it and whether its box covers it. */
function planAim(target: number, conditions: Conditions, options: AimOptions, field: string): Plan {
  checkNumber(field, target, { min: 0, minOpen: true });
  return planOf(target, conditions, options, checkSettings(options));
}

/** The plan of an aim whose inputs are checked. */
function planOf(target: number, conditions: Conditions, options: AimOptions, settings: Settings): Plan {
  const aimer = options.aimer ?? shippedAimerFor(conditions);
  const { domain } = aimer.metadata;
  const maxSpeed = options.maxSpeed ?? domain.maxSpeed;
  const covered = outsideDomain(domain, target, conditions) === null && maxSpeed >= domain.maxSpeed;
  return { target, conditions, aimer, covered, maxSpeed, ...settings };
}

/** The slowest shot on the physics alone, for a target or conditions outside the aimer's box. */
function aimOnPhysics(plan: Plan): AimResult {
  const { target, conditions, maxSpeed } = plan;
  const world = worldOf(conditions);
  throwUnlessReachable(target, conditions, maxSpeed, `beyond the maximum range at ${maxSpeed} m/s`);
  const slowest = minimumSpeed(target, world);
  const landed = landing(slowest, world)!.distance;
  return { target, conditions, speed: slowest.speed, angle: slowest.angle, landing: landed, error: Math.abs(landed - target), iterations: slowest.iterations, refined: true, predicted: vacuumMinimumSpeed(target, world), aimer: 'physics' };
}

/** Throws UnreachableTargetError, with the farthest reach, when no shot up to `speed` reaches the target. */
function throwUnlessReachable(target: number, conditions: Conditions, speed: number, why: string): void {
  const reach = maximumRange(speed, worldOf(conditions));
  if (!reach || target > reach.distance) throw new UnreachableTargetError(target, reach?.distance ?? 0, conditions, why);
}

/**
 * Aims at many targets (with shared or per-target conditions) as `aim` does each, but in batches: the
 * network predicts every shot in one call per aimer, the physics verifies them in one batch, and only the
 * misses are refined one by one. Every input is checked before any aiming (an invalid one throws
 * InvalidInputError naming it); then it throws as `aim` would for the first target it cannot serve.
 */
export function aimBatch(targets: readonly number[], conditions: BatchConditions = {}, options: AimOptions = {}): AimResult[] {
  const resolved = checkBatch(targets, conditions, options);
  const n = targets.length;
  const [wind, drag, heightDifference] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    wind[i] = resolved[i].wind;
    drag[i] = resolved[i].drag;
    heightDifference[i] = resolved[i].heightDifference;
  }
  const columns = aimColumns(Float64Array.from(targets), wind, drag, heightDifference, options);
  const results: AimResult[] = new Array(n);
  resultsOf(columns, targets, resolved, 0, results);
  return results;
}

/**
 * `aimBatch` on inputs it has checked (`checkBatch`), column by column in and out: the network predicts every
 * shot in one call per aimer, the physics verifies them in one batch, and only the misses are refined.
 */
export function aimColumns(targets: Float64Array, wind: Float64Array, drag: Float64Array, heightDifference: Float64Array, options: AimOptions): AimColumns {
  const n = targets.length;
  const columns = emptyColumns(n);
  const conditionsAt = (i: number): Conditions => ({ wind: wind[i], drag: drag[i], heightDifference: heightDifference[i] });
  if (options.speed !== undefined || options.angle !== undefined) {
    for (let i = 0; i < n; i++) writeResult(columns, i, aim(targets[i], conditionsAt(i), options));
    return columns;
  }
  if (n === 0) return columns;
  const settings = checkSettings(options);
  // Group the targets by the aimer that answers them; those outside its box are solved for on the physics.
  const groups = new Map<Aimer, number[]>();
  for (let i = 0; i < n; i++) {
    const aimer = options.aimer ?? shippedAimerFor(conditionsAt(i));
    const { domain } = aimer.metadata;
    const covered = covers(domain, targets[i], wind[i], drag[i], heightDifference[i]) && (options.maxSpeed ?? domain.maxSpeed) >= domain.maxSpeed;
    if (!covered) writeResult(columns, i, aimOnPhysics(planOf(targets[i], conditionsAt(i), options, settings)));
    else {
      const group = groups.get(aimer);
      if (group) group.push(i);
      else groups.set(aimer, [i]);
    }
  }
  for (const [aimer, indices] of groups) {
    const m = indices.length;
    const gather = (from: Float64Array) => (m === n ? from : Float64Array.from(indices, (i) => from[i]));
    const shotConditions = { wind: gather(wind), drag: gather(drag), heightDifference: gather(heightDifference) };
    const aimed = gather(targets);
    const shots = aimer.predictBatch(aimed, shotConditions);
    const { distance } = simulateLandings(shotColumnsOf(shots.speed, shots.angle, shotConditions), m);
    const name = nameIndex(columns, aimer.metadata.name);
    for (let k = 0; k < m; k++) {
      const i = indices[k];
      const speed = shots.speed[k];
      const angle = shots.angle[k];
      const error = Math.abs(distance[k] - aimed[k]);
      // A hit within tolerance is the answer as it is (what `verified` returns for it, written in place).
      if (error <= settings.tolerance) {
        columns.speed[i] = columns.predictedSpeed[i] = speed;
        columns.angle[i] = columns.predictedAngle[i] = angle;
        columns.landing[i] = distance[k];
        columns.error[i] = error;
        columns.aimer[i] = name;
      } else writeResult(columns, i, verified(planOf(aimed[k], conditionsAt(i), options, settings), { speed, angle }, distance[k]));
    }
  }
  return columns;
}

/**
 * The checks of a batch, all before any aiming, in the order `aim` would meet them target by target (its
 * conditions, its distance, then the options): the conditions of each target, resolved.
 */
export function checkBatch(targets: readonly number[], conditions: BatchConditions, options: AimOptions): Conditions[] {
  checkBatchShape(targets, conditions, options);
  const resolved: Conditions[] = new Array(targets.length);
  checkTargets(targets, conditions, options, 0, targets.length, resolved);
  return resolved;
}

export type BatchConditions = Partial<Conditions> | readonly Partial<Conditions>[];

/** The checks of a batch as a whole: arrays without holes, one conditions object per target, options an object. */
export function checkBatchShape(targets: readonly number[], conditions: BatchConditions, options: AimOptions): void {
  if (!Array.isArray(targets)) throw new InvalidInputError('targets', 'an array of distances', targets);
  checkObject('options', options);
  for (let i = 0; i < targets.length; i++) if (!(i in targets)) throw new InvalidInputError(`targets[${i}]`, 'a distance (the array has a hole there)', undefined);
  if (Array.isArray(conditions)) for (let i = 0; i < conditions.length; i++) if (!(i in conditions)) throw new InvalidInputError(`conditions[${i}]`, 'the conditions of target ' + i + ' (the array has a hole there)', undefined);
  if (Array.isArray(conditions) && conditions.length !== targets.length) {
    throw new InvalidInputError('conditions', `one object per target (${targets.length})`, `${conditions.length} objects`);
  }
}

const positive = { min: 0, minOpen: true };

/** The checks of targets start to end (and of the options with the first target): their conditions, resolved, into `resolved`. */
export function checkTargets(targets: readonly number[], conditions: BatchConditions, options: AimOptions, start: number, end: number, resolved: Conditions[]): void {
  for (let i = start; i < end; i++) {
    resolved[i] = resolveConditions(Array.isArray(conditions) ? conditions[i] : (conditions as Partial<Conditions>));
    const target = targets[i];
    // The field's name is only made for a target that fails.
    if (!(typeof target === 'number' && target > 0 && target < Infinity)) checkNumber(`targets[${i}]`, target, positive);
    if (i === 0) checkSettings(options);
  }
}

export function checkObject(field: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError(field, 'an object', value);
}

const optionNames = ['aimer', 'tolerance', 'maxIterations', 'maxSpeed', 'speed', 'arc', 'angle'];

interface Settings {
  tolerance: number;
  maxIterations: number;
}

/** The options' names and values, checked (the aimer, the tolerance, the iterations and the fastest shot). */
export function checkSettings(options: AimOptions): Settings {
  for (const key of Object.keys(options)) {
    if (!optionNames.includes(key)) throw new InvalidInputError(`options.${key}`, `one of ${optionNames.join(', ')}`, key);
  }
  if (options.aimer !== undefined && (options.aimer === null || typeof options.aimer !== 'object' || typeof (options.aimer as Aimer).predict !== 'function')) {
    throw new InvalidInputError('options.aimer', 'an aimer (createAimer, shippedAimer, loadAimer or trainAimer makes one)', options.aimer);
  }
  const settings = {
    tolerance: checkNumber('tolerance', options.tolerance ?? 0.05, { min: 0, minOpen: true }),
    maxIterations: checkInteger('maxIterations', options.maxIterations ?? 50, { min: 0 }),
  };
  if (options.maxSpeed !== undefined) checkNumber('maxSpeed', options.maxSpeed, { min: 0, minOpen: true });
  return settings;
}

/** Corrections of the aim point at most, before Gauss–Newton takes over. */
const MAX_CORRECTIONS = 3;

/** The network's shot, verified: as it is when the physics lands it within tolerance, else refined from it. */
function verified(plan: Plan, predicted: Launch, landed: number): AimResult {
  const { target, conditions, aimer, tolerance, maxIterations } = plan;
  const result = (shot: Launch, landing: number, iterations: number): AimResult => ({
    target,
    conditions,
    speed: shot.speed,
    angle: shot.angle,
    landing,
    error: Math.abs(landing - target),
    iterations,
    refined: iterations > 0,
    predicted,
    aimer: aimer.metadata.name,
  });
  // Within tolerance, or no refinement asked for (maxIterations 0): the network's shot, with its true miss.
  if (Math.abs(landed - target) <= tolerance || maxIterations === 0) return result(predicted, landed, 0);
  // Aim off: where the network's own miss varies slowly with the target (wherever it has learnt), a shot
  // that lands δ long, re-aimed at a target δ short, misses by that variation times δ. Each correction costs a
  // prediction and a landing, where a Gauss–Newton step costs a landing and its Jacobian (over twice a landing).
  // A shot that never comes down through the target height is short of it: aim 5% farther.
  const world = worldOf(conditions);
  let shot = predicted;
  let miss = Number.isNaN(landed) ? -0.05 * target : landed - target;
  let aimPoint = target;
  let corrections = 0;
  for (let step = 1; step <= Math.min(MAX_CORRECTIONS, maxIterations); step++) {
    aimPoint -= miss;
    const next = aimer.predict(aimPoint, conditions);
    const hit = landing(next, world);
    const nextMiss = hit ? hit.distance - target : NaN;
    if (!(Math.abs(nextMiss) <= Math.abs(miss) / 3)) break; // not converging: leave it to Gauss–Newton
    shot = next;
    miss = nextMiss;
    corrections = step;
    if (Math.abs(miss) <= tolerance) return result(shot, hit!.distance, step);
  }
  // Gauss–Newton on the physics from the best shot.
  const { maxSpeed } = plan;
  const refinement = refine(physicsModel(world), target, shot, { maxSpeed, tolerance, maxIterations });
  if (refinement.converged) return result(refinement, refinement.landing, corrections + refinement.iterations);
  // It can stall where a shot barely reaches a raised target (the landing's derivatives blow up there). The
  // physics then finds the slowest shot itself, by a bracketed search over the speed.
  throwUnlessReachable(target, conditions, maxSpeed, `beyond the maximum range at ${maxSpeed} m/s`);
  const slowest = minimumSpeed(target, world);
  return result(slowest, landing(slowest, world)!.distance, corrections + refinement.iterations + slowest.iterations);
}

/** A fixed speed (low or high arc) or a fixed angle: the other control is solved for on the physics. */
function aimWish(plan: Plan, options: AimOptions): AimResult {
  const { target, conditions, aimer, covered, maxSpeed, tolerance, maxIterations } = plan;
  const settings = { maxSpeed, tolerance, maxIterations };
  if (options.speed !== undefined && options.angle !== undefined) throw new InvalidInputError('angle', 'left out when a speed is wished (one control is solved for)', options.angle);
  if (options.speed !== undefined) {
    const speed = checkNumber('speed', options.speed, { min: 0, max: maxSpeed, minOpen: true });
    const arc = options.arc ?? 'low';
    if (arc !== 'low' && arc !== 'high') throw new InvalidInputError('arc', "'low' or 'high'", arc);
    throwUnlessReachable(target, conditions, speed, `beyond the maximum range at ${speed} m/s`);
    const best = maximumRange(speed, worldOf(conditions))!;
    // Each arc lies on its side of the angle of maximum range: start in the middle of that side.
    const side: [number, number] = arc === 'low' ? [0, best.angle] : [best.angle, Math.PI / 2];
    return solved(plan, { speed, angle: (side[0] + side[1]) / 2 }, { ...settings, hold: 'speed', angleRange: side }, `beyond the maximum range at ${speed} m/s`);
  }
  const angle = checkNumber('angle', options.angle, { min: 0, max: Math.PI / 2, minOpen: true, maxOpen: true });
  // Inside the aimer's box its speed is a fair start, outside it the vacuum's; the solve keeps the angle.
  const start = { speed: covered ? aimer.predict(target, conditions).speed : vacuumMinimumSpeed(target, worldOf(conditions)).speed, angle };
  return solved(plan, start, { ...settings, hold: 'angle' }, `beyond the reach at ${angle} rad and ${maxSpeed} m/s`);
}

/** The full solve from a start, which knows the maximum range: an unreachable target throws. */
function solved(plan: Plan, start: Launch, settings: SolveOptions, why: string): AimResult {
  const { target, conditions, aimer, covered } = plan;
  const world = worldOf(conditions);
  const solution = solve(physicsModel(world), target, { ...settings, start, world, method: 'gauss-newton' });
  if (solution.status === 'unreachable') throw new UnreachableTargetError(target, solution.maxDistance, conditions, why);
  const { speed, angle, iterations } = solution;
  return { target, conditions, speed, angle, landing: solution.trueLanding ?? NaN, error: solution.trueError, iterations, refined: true, predicted: start, aimer: covered ? aimer.metadata.name : 'physics' };
}
