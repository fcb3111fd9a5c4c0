import { checkNumber, InvalidInputError, isNumberColumn, NoLandingError, UnreachableTargetError } from '@cannon/errors';
import { landing, maximumRange, minimumSpeed, supportedRanges, vacuumArcs, vacuumLanding, vacuumMinimumSpeed, type World3d } from '@cannon/physics';
import { reachConditions, resolveAimWorld, worldAt, type AimWorld, type Flight, type ResolvedAimWorld } from './aim3d-world.js';
import { isMoving, missOf, solveIntercept, targetAt, wrapAzimuth, type Intercept, type MovingTarget, type Shot } from './intercept.js';
import { AIMER3D_FORMAT, type Aimer3d } from './aimer3d.js';
import { coversWorld, slowestBatchByNetwork, slowestByNetwork, throughCrossing } from './aim3d-network.js';
import { shippedAimer3d } from './shipped.js';
import { nameIndex } from './columns.js';
import { emptyAimAtColumns, targetFields, type AimAtColumns } from './columns3d.js';

/**
 * Aiming in three dimensions on the physics alone: at a target anywhere around the muzzle, still or moving, from a
 * launcher that may move, with the slowest shot, a fixed speed (low or high arc) or a fixed elevation. Every answer
 * is flown once more by `landing` and its miss measured against where the target is when the ball comes down.
 */

/** A target: (x, y) over the ground (x along azimuth 0, y to its left), `height` above the muzzle's ground. */
export interface Target3d {
  x: number;
  y: number;
  /** m, default 0: the world's target height. */
  height?: number;
  /** m/s: a moving target is at (x, y, height) + velocity·t; a third component climbs. */
  velocity?: readonly [number, number] | readonly [number, number, number];
}

export interface AimAtOptions {
  /** A fixed muzzle speed, m/s; the elevation is solved for (on the arc `arc`). */
  speed?: number;
  /** With `speed`: the low (flat, the earliest arrival) or the high (lobbed) arc. Default 'low'. */
  arc?: 'low' | 'high';
  /** A fixed elevation, radians; the speed is solved for. */
  angle?: number;
  /** The largest miss accepted, m. Default 0.001. */
  tolerance?: number;
  /** The fastest shot the launcher fires, m/s. Default 10 000 (the physics' top speed). */
  maxSpeed?: number;
  /**
   * The learned aimer asked first for the slowest shot (default: the shipped one, `shippedAimer3d`), or null for the
   * physics alone. Targets and worlds outside its box are solved on the physics.
   */
  aimer?: Aimer3d | null;
}

export interface AimAtResult {
  speed: number;
  /** The elevation, radians. */
  angle: number;
  /** Radians, counterclockwise from +x seen from above, in (−π, π]. */
  azimuth: number;
  /** s, from the muzzle to the impact, as the physics flies the shot. */
  flightTime: number;
  /** Where the target is when the ball comes down: the meeting point. */
  intercept: { x: number; y: number; z: number };
  /** Where the physics lands the shot (at the intercept's height). */
  landing: { x: number; y: number };
  /** m: the horizontal distance between the landing and the intercept. */
  error: number;
  /**
   * The solver's steps: Newton steps (after the learned aimer's guess, or on the physics alone), and for the slowest
   * shot on the physics the speeds `minimumSpeed` tried.
   */
  iterations: number;
  /** Whether the shot was solved for beyond a first guess: false only when the learned aimer's own shot met the target. */
  refined: boolean;
  /** The learned aimer whose guess the answer was refined from (its name: 'aim3d' for the shipped one), or 'physics' when the physics alone solved it. */
  aimer: string;
}

/** What an aim needs once its inputs are checked. */
interface Plan {
  target: MovingTarget;
  moving: boolean;
  world: ResolvedAimWorld;
  tolerance: number;
  maxSpeed: number;
  speed?: number;
  arc: 'low' | 'high';
  angle?: number;
  /** The learned aimer asked (undefined: the shipped one, built only when first asked), or null for the physics alone. */
  aimer: Aimer3d | null | undefined;
}

/** A solved shot, before it is verified; `flown` when its verifying flight is already made (the learned path's). */
interface Solved extends Shot {
  iterations: number;
  flown?: { x: number; y: number; time: number };
  aimer?: string;
}

/**
 * Aims at a target in three dimensions on the physics: the slowest shot by default, or `{ speed, arc }`, or
 * `{ angle }`. Throws UnreachableTargetError (with the farthest reach along the target's bearing) when no allowed shot
 * meets the target, InvalidInputError for bad input.
 */
export function aimAt(target: Target3d, world: AimWorld = {}, options: AimAtOptions = {}): AimAtResult {
  return aimPlanned(planAimAt(target, world, options, 'target'));
}

/**
 * `aimAt` for many targets in one world, every input checked before any aiming. The slowest shots at targets in the
 * learned aimer's box are solved together (one call of the network, and each round of the chord method one batch of the
 * physics); every other aim is its own solve, as `aimAt` makes it.
 */
export function aimAtBatch(targets: readonly Target3d[], world: AimWorld = {}, options: AimAtOptions = {}): AimAtResult[] {
  const shared = planShared(world, options);
  return aimResolved(checkTargets3d(targets), shared);
}

/**
 * `aimAtBatch` of targets already checked (`checkTargets3d`), as an aim pool's worker is sent them, answering in
 * columns (`into`, rows 0 to the targets' number; new ones by default): each answer is written there as it is
 * verified, with no result object of its own.
 */
export function aimAtColumnsChecked(targets: readonly MovingTarget[], world: AimWorld = {}, options: AimAtOptions = {}, columns: AimAtColumns = emptyAimAtColumns(targets.length)): AimAtColumns {
  const shared = planShared(world, options);
  const check = emptyCheck();
  aimEach(targets, shared, (i, target, shot) => {
    const solved = shot ?? solvePlanned({ ...shared, target, moving: isMoving(target) });
    writeVerified(columns, i, solved, checkedAt(target, shared.world, shared.tolerance, solved, check));
  });
  return columns;
}

function aimResolved(resolved: readonly MovingTarget[], shared: Omit<Plan, 'target' | 'moving'>): AimAtResult[] {
  const results: AimAtResult[] = new Array(resolved.length);
  aimEach(resolved, shared, (i, target, shot) => {
    results[i] = verifiedAt(target, shared.world, shared.tolerance, shot ?? solvePlanned({ ...shared, target, moving: isMoving(target) }));
  });
  return results;
}

/**
 * Aims a batch's targets: the slowest shots in the learned aimer's box together, each handed to `answer` as its solved
 * shot (not yet verified); every other target (and each guess that did not converge) with a null shot, to be aimed
 * one by one.
 */
function aimEach(resolved: readonly MovingTarget[], shared: Omit<Plan, 'target' | 'moving'>, answer: (i: number, target: MovingTarget, shot: Solved | null) => void): void {
  const { tolerance, maxSpeed } = shared;
  const aimer = shared.speed === undefined && shared.angle === undefined ? aimerOf(shared) : null;
  const learned = aimer && coversWorld(aimer, shared.world, maxSpeed) ? slowestBatchByNetwork(aimer, shared.world, resolved, tolerance) : [];
  for (let i = 0; i < resolved.length; i++) {
    const shot: Solved | null = learned[i] ?? null;
    if (shot) shot.aimer = aimer!.metadata.name;
    answer(i, resolved[i], shot);
  }
}

/** The checks of `aimAtBatch`'s targets, all before any aiming: each resolved (its velocity filled in). */
export function checkTargets3d(targets: readonly Target3d[]): MovingTarget[] {
  if (!Array.isArray(targets)) throw new InvalidInputError('targets', 'an array of targets { x, y, height?, velocity? }', targets);
  const resolved: MovingTarget[] = new Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    if (!(i in targets)) throw new InvalidInputError(`targets[${i}]`, 'a target { x, y, height?, velocity? } (the array has a hole there)', undefined);
    resolved[i] = resolveTarget(targets[i], i);
  }
  return resolved;
}

/** Targets as columns, one value per target in each: where each is now, and its velocity (a column left out is 0). */
export interface TargetColumnsInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  height?: ArrayLike<number>;
  vx?: ArrayLike<number>;
  vy?: ArrayLike<number>;
  vz?: ArrayLike<number>;
}

/**
 * The checks of targets as columns, all before any aiming, by the rules `aimAtBatch` holds each target to; a bad value
 * is named by its column and row (`height[17]`). Returns the number of targets.
 */
export function checkTargetColumns3d(columns: TargetColumnsInput): number {
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns)) throw new InvalidInputError('targets', 'an object of columns { x, y, height?, vx?, vy?, vz? }', columns);
  for (const key of Object.keys(columns)) if (!(targetFields as readonly string[]).includes(key)) throw new InvalidInputError(`targets.${key}`, `one of ${targetFields.join(', ')}`, key);
  if (!isNumberColumn(columns.x)) throw new InvalidInputError('x', 'a column of numbers (an array or a typed array)', columns.x);
  const n = columns.x.length;
  for (const key of targetFields) {
    const column = columns[key];
    if ((column !== undefined || key === 'y') && !(isNumberColumn(column) && column.length === n)) throw new InvalidInputError(key, `a column of ${n} numbers, one per target`, column);
  }
  const { x, y, height, vx, vy, vz } = columns;
  for (let i = 0; i < n; i++) {
    const fault = targetFault(x[i], y[i], height ? height[i] : 0, vx ? vx[i] : 0, vy ? vy[i] : 0, vz ? vz[i] : 0);
    if (fault !== null) throwTargetFault(fault, `${fault === 'muzzle' ? 'x' : fault}[${i}]`, fault === 'muzzle' ? 0 : columns[fault]![i]);
  }
  return n;
}

/** What breaks the rules a target is held to, the first in the order they are checked (see `targetFault`). */
type TargetFault = 'x' | 'y' | 'muzzle' | 'height' | 'vx' | 'vy' | 'vz';

const [lowestTarget, highestTarget] = supportedRanges.targetHeight;
const [slowestTarget, fastestTarget] = supportedRanges.wind;
const finiteNumber = (value: unknown): value is number => typeof value === 'number' && value > -Infinity && value < Infinity;
const numberWithin = (value: unknown, min: number, max: number) => typeof value === 'number' && value >= min && value <= max;

/**
 * The rules every target is held to, given as an object or in columns: x and y finite and not both 0 (a target
 * straight above or below the muzzle has no bearing), its height and each component of its velocity within their
 * ranges. The first value that breaks one, or null.
 */
function targetFault(x: unknown, y: unknown, height: unknown, vx: unknown, vy: unknown, vz: unknown): TargetFault | null {
  if (!finiteNumber(x)) return 'x';
  if (!finiteNumber(y)) return 'y';
  if (x === 0 && y === 0) return 'muzzle';
  if (!numberWithin(height, lowestTarget, highestTarget)) return 'height';
  if (!numberWithin(vx, slowestTarget, fastestTarget)) return 'vx';
  if (!numberWithin(vy, slowestTarget, fastestTarget)) return 'vy';
  if (!numberWithin(vz, slowestTarget, fastestTarget)) return 'vz';
  return null;
}

/** Throws the InvalidInputError of a target's fault: `name` is what the caller calls the value, `value` the value. */
function throwTargetFault(fault: TargetFault, name: string, value: unknown): never {
  if (fault === 'muzzle') throw new InvalidInputError(name, 'a point away from the muzzle (x and y not both 0: a target straight above or below it has no bearing)', value);
  if (fault === 'height') return checkNumber(name, value, { min: lowestTarget, max: highestTarget }) as never;
  if (fault === 'x' || fault === 'y') return checkNumber(name, value) as never;
  return checkNumber(name, value, { min: slowestTarget, max: fastestTarget }) as never;
}

/** The checks of `aimAtBatch`'s world and options (what every target shares), before any aiming. */
export function checkShared3d(world: AimWorld, options: AimAtOptions): void {
  planShared(world, options);
}

function aimPlanned(plan: Plan): AimAtResult {
  return verified(plan, solvePlanned(plan));
}

/** The shot a plan asks for, solved and not yet verified. */
function solvePlanned(plan: Plan): Solved {
  return plan.speed !== undefined ? aimAtSpeed(plan, plan.speed) : plan.angle !== undefined ? aimAtElevation(plan, plan.angle) : (learnedSlowest(plan) ?? aimSlowest(plan));
}

/** The plan's learned aimer: the one given, or the shipped one. */
function aimerOf(plan: Pick<Plan, 'aimer'>): Aimer3d | null {
  return plan.aimer === undefined ? shippedAimer3d() : plan.aimer;
}

/** The slowest shot by the learned aimer, where its box covers the target and the world; else null. */
function learnedSlowest(plan: Plan): Solved | null {
  const { world, target, tolerance, maxSpeed } = plan;
  const aimer = aimerOf(plan);
  if (!aimer || !coversWorld(aimer, world, maxSpeed)) return null;
  const shot: Solved | null = slowestByNetwork(aimer, world, target, tolerance);
  if (shot) shot.aimer = aimer.metadata.name;
  return shot;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

const targetKeys = ['x', 'y', 'height', 'velocity'];
const optionKeys = ['speed', 'arc', 'angle', 'tolerance', 'maxSpeed', 'aimer'];
const [, topSpeed] = supportedRanges.speed;

function planAimAt(target: Target3d, world: AimWorld, options: AimAtOptions, name: string): Plan {
  const resolvedTarget = resolveTarget(target, name);
  // The shared plan is this aim's own: completed in place.
  const plan = planShared(world, options) as Plan;
  plan.target = resolvedTarget;
  plan.moving = isMoving(resolvedTarget);
  return plan;
}

/** What every target of an aim shares: the world and the wishes, checked once. */
function planShared(world: AimWorld, options: AimAtOptions): Omit<Plan, 'target' | 'moving'> {
  const resolvedWorld = resolveAimWorld(world);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new InvalidInputError('options', 'an object { speed?, arc?, angle?, tolerance?, maxSpeed?, aimer? }', options);
  for (const key of Object.keys(options)) if (!optionKeys.includes(key)) throw new InvalidInputError(`options.${key}`, `one of ${optionKeys.join(', ')}`, key);
  const maxSpeed = checkNumber('maxSpeed', options.maxSpeed ?? topSpeed, { min: 0, max: topSpeed, minOpen: true });
  const tolerance = checkNumber('tolerance', options.tolerance ?? 0.001, { min: 0, minOpen: true });
  if (options.speed !== undefined && options.angle !== undefined) throw new InvalidInputError('angle', 'left out when a speed is wished (one control is solved for: the elevation at a fixed speed, or the speed at a fixed elevation)', options.angle);
  if (options.arc !== undefined && options.speed === undefined) throw new InvalidInputError('arc', 'given only with a speed (the low or the high arc of a fixed speed)', options.arc);
  const arc = options.arc ?? 'low';
  if (arc !== 'low' && arc !== 'high') throw new InvalidInputError('arc', "'low' or 'high'", arc);
  const { aimer } = options;
  if (aimer !== undefined && aimer !== null && (typeof aimer !== 'object' || aimer.metadata?.format !== AIMER3D_FORMAT || typeof aimer.predict !== 'function')) {
    throw new InvalidInputError('options.aimer', 'a 3D aimer (shippedAimer3d, createAimer3d, loadAimer3d or trainAimer3d makes one), or null for the physics alone', aimer);
  }
  const plan: Omit<Plan, 'target' | 'moving'> = { world: resolvedWorld, tolerance, maxSpeed, arc, aimer };
  if (options.speed !== undefined) plan.speed = checkNumber('speed', options.speed, { min: 0, max: maxSpeed, minOpen: true });
  if (options.angle !== undefined) plan.angle = checkNumber('angle', options.angle, { min: -Math.PI / 2, max: Math.PI / 2, minOpen: true, maxOpen: true });
  return plan;
}

/**
 * A target checked and resolved (its velocity filled in); `name` is what its errors call it, or the index of a batch's
 * target (`targets[17]`), whose name is only made for a target that fails.
 */
function resolveTarget(target: Target3d, name: string | number): MovingTarget {
  const label = () => (typeof name === 'number' ? `targets[${name}]` : name);
  if (target === null || typeof target !== 'object' || Array.isArray(target)) throw new InvalidInputError(label(), 'an object { x, y, height?, velocity? }', target);
  for (const key in target) if (Object.hasOwn(target, key) && !targetKeys.includes(key)) throw new InvalidInputError(`${label()}.${key}`, `one of ${targetKeys.join(', ')}`, key);
  const { x, y, height = 0, velocity = still } = target as { x: unknown; y: unknown; height?: unknown; velocity?: unknown };
  if (!Array.isArray(velocity) || (velocity.length !== 2 && velocity.length !== 3)) {
    throw new InvalidInputError(`${label()}.velocity`, `a pair [vx, vy] or a triple [vx, vy, vz] of finite numbers in [${slowestTarget}, ${fastestTarget}] m/s (a single number has no direction)`, velocity);
  }
  const vz: unknown = velocity.length === 3 ? velocity[2] : 0;
  const fault = targetFault(x, y, height, velocity[0], velocity[1], vz);
  if (fault !== null) {
    const component = fault === 'vx' ? 0 : fault === 'vy' ? 1 : 2;
    const [field, value] = fault === 'muzzle' ? [label(), target] : fault.startsWith('v') ? [`${label()}.velocity[${component}]`, velocity[component] as unknown] : [`${label()}.${fault}`, fault === 'x' ? x : fault === 'y' ? y : height];
    throwTargetFault(fault, field, value);
  }
  return { x: x as number, y: y as number, height: height as number, vx: velocity[0] as number, vy: velocity[1] as number, vz: vz as number };
}

/** The velocity of a target given none. */
const still = [0, 0] as const;

// ---------------------------------------------------------------------------------------------------------------
// The slowest shot

/** Secant steps on the meeting time before a moving target is declared out of reach of every slowest shot. */
const MAX_TIME_STEPS = 30;

/**
 * The slowest shot. At a still target it is `minimumSpeed`'s, along the target's bearing, polished through the plane
 * (`polishedThroughPlane`). At a moving one, where the world lets the solve through the plane fly, it walks the
 * curve of the shots that meet the target by the meeting time (`throughPlane`), from the vacuum's slowest shot at
 * where the target is now, or failing that from `minimumSpeed`'s: the slowest shot that meets it anywhere on its
 * path. Elsewhere, or where that walk does not get there, the meeting time T is the root of F(T) = (flight time of
 * the slowest shot at where the target is at T) − T: a first pass aims at the target where it is now, each next one
 * where it will be after the last shot's flight, and once two passes are known the secant on F replaces the plain
 * pass (4 to 6 passes in all, the first included, over the tests' moving targets). A shot still beyond the tolerance
 * is then polished by Newton at that speed. That is the slowest shot at the meeting point, which may be up to a few
 * percent faster than the slowest that meets the target elsewhere.
 */
function aimSlowest(plan: Plan): Solved {
  const { target, moving } = plan;
  if (!moving) return checkedSpeed(plan, polishedThroughPlane(plan, slowestAt(plan, 0)));
  const fromVacuum = throughPlane(plan, vacuumSlowest(plan));
  if (fromVacuum) return checkedSpeed(plan, fromVacuum);
  let [t0, f0] = [0, NaN];
  let shot = slowestAt(plan, 0);
  const walked = throughPlane(plan, shot);
  if (walked) return checkedSpeed(plan, walked);
  let iterations = shot.iterations;
  let f1 = shot.time;
  let t1 = 0;
  const speedOfTarget = Math.hypot(target.vx, target.vy, target.vz);
  const goal = plan.tolerance / 10;
  for (let pass = 1; pass <= MAX_TIME_STEPS && Math.abs(f1) * speedOfTarget > goal; pass++) {
    const secant = Number.isFinite(f0) ? t1 - (f1 * (t1 - t0)) / (f1 - f0) : NaN;
    const next = Number.isFinite(secant) && secant > 0 ? secant : t1 + f1;
    [t0, f0] = [t1, f1];
    t1 = next;
    shot = slowestAt(plan, t1);
    iterations += shot.iterations;
    f1 = shot.time - t1;
  }
  if (Math.abs(f1) * speedOfTarget > plan.tolerance) {
    const polished = solveIntercept(plan.world, target, { ...shot, time: t1 }, { free: 'elevation', tolerance: plan.tolerance, maxSpeed: plan.maxSpeed });
    if (!polished?.converged) throw outrun(plan, t1, 'no slowest shot meets it: the flight time never catches up with where it moves');
    return checkedSpeed(plan, { ...polished, iterations: iterations + polished.iterations });
  }
  return checkedSpeed(plan, { ...shot, iterations });
}

/** How much slower, relative, the solve through the plane must find a still target's shot to replace the search's. */
const PLANE_GAIN = 1e-3;

/**
 * A still target's slowest shot from the physics' searches, polished through the plane (`throughCrossing`, from that
 * shot) where the world lets it fly (a constant drag, no Earth turning, a still launcher). The searches end on the
 * slowest speed whose reach along the bearing covers the target (then the slowest of the shots that meet it, to 0.2%);
 * near the launcher in a strong wind a slower shot may come down through the target: up to 3.7% slower on raised
 * targets a metre or two out. The polished shot is taken when it is slower by more than PLANE_GAIN.
 */
function polishedThroughPlane(plan: Plan, shot: Solved): Solved {
  const polished = throughPlane(plan, shot);
  return polished && polished.speed < shot.speed * (1 - PLANE_GAIN) ? polished : shot;
}

/** The vacuum's slowest shot at where the target is now (its flight time as `time`), aimed along its bearing. */
function vacuumSlowest(plan: Plan): Solved {
  const { target, world } = plan;
  const distance = Math.hypot(target.x, target.y);
  const launch = vacuumMinimumSpeed(distance, { gravity: world.physics.gravity, launchHeight: world.physics.launchHeight, targetHeight: target.height });
  const time = distance / (launch.speed * Math.cos(launch.angle));
  return { speed: launch.speed, elevation: launch.angle, azimuth: Math.atan2(target.y, target.x), time, iterations: 0 };
}

/**
 * The slowest shot that meets the target through the plane (`throughCrossing`), from a shot and its flight time (a
 * moving target's first plane is placed where it is then), where the world lets it fly (a constant drag, no Earth
 * turning, a still launcher); else null.
 */
function throughPlane(plan: Plan, shot: Solved): Solved | null {
  const { world, target, tolerance } = plan;
  const { tableDrag, earth, launcherVelocity } = world.physics;
  if (tableDrag || earth || launcherVelocity[0] !== 0 || launcherVelocity[1] !== 0) return null;
  const at = targetAt(target, shot.time);
  const start = { speed: shot.speed, elevation: shot.elevation, turn: shot.azimuth - Math.atan2(at.y, at.x), time: shot.time };
  const walked = throughCrossing(world, target, start, tolerance);
  return walked && { ...walked, iterations: shot.iterations + walked.iterations };
}

/**
 * The slowest shot at where the target is at time t (its flight time as `time`). A target that no speed the physics
 * supports reaches there is unreachable.
 */
function slowestAt(plan: Plan, t: number): Solved {
  const at = targetAt(plan.target, t);
  const [distance, bearing] = [Math.hypot(at.x, at.y), Math.atan2(at.y, at.x)];
  const world = worldAt(plan.world, at.z);
  let slowest: ReturnType<typeof minimumSpeed>;
  try {
    slowest = minimumSpeed(distance, world, { bearing });
  } catch (error) {
    // Its search doubles the speed until the range reaches the target: past the physics' top speed, or with no
    // speed that lands there at all, nothing does.
    if (error instanceof NoLandingError || (error instanceof InvalidInputError && error.field === 'speed')) throw unreachable(plan, t, plan.maxSpeed, `beyond the maximum range at ${plan.maxSpeed} m/s`);
    throw error;
  }
  const flown = landing(slowest, world);
  const miss = flown ? Math.hypot(flown.impact.x - at.x, flown.impact.y - at.y) : Infinity;
  if (miss > plan.tolerance / 10) return slowestByBisection(plan, at, slowest.speed, slowest.iterations);
  return { speed: slowest.speed, elevation: slowest.angle, azimuth: slowest.azimuth, time: flown!.flightTime, iterations: slowest.iterations };
}

/**
 * How much faster than the slowest speed that reaches the point `slowestByBisection` tries its arcs, in turn, when
 * neither is found at that speed: there the two arcs meet, and in a strong crosswind the solve at exactly that speed
 * may not converge; a little faster, they part. The last is within the slowest-shot promise (1%).
 */
const SPEED_SLACK = [0, 0.002, 0.005, 0.009];

/**
 * Beyond SPEED_SLACK, `slowestByBisection` tries speeds this much faster, relative, doubling the excess each time, and
 * halves back until the speed that meets the target is within SPEED_BRACKET of one that did not.
 */
const SPEED_GROWTH = 0.01;
const SPEED_BRACKET = 0.002;

/** Halvings of the speed's bracket in `slowestByBisection`: to 10⁻⁹ of the speed. */
const SPEED_HALVINGS = 30;

/**
 * The slowest shot at a point where `minimumSpeed`'s own answer misses it (short, steep shots in a strong crosswind,
 * where its search over the speed can end on a speed whose maximum range overshoots the point): the slowest speed
 * whose maximum range along the bearing reaches the point, by bisection, then the low arc at that speed solved by
 * Newton (it meets the high arc there), or the high arc, or both a little faster (SPEED_SLACK). Reaching the point's
 * distance along the bearing is needed, not enough: near the launcher in a strong wind the shots that come down near
 * the point may all be faster still, and those are then searched for (SPEED_GROWTH). Slower than `minimumSpeed`, and
 * only taken where it missed.
 */
function slowestByBisection(plan: Plan, at: { x: number; y: number; z: number }, reaching: number, iterations: number): Solved {
  const [distance, bearing] = [Math.hypot(at.x, at.y), Math.atan2(at.y, at.x)];
  const world = worldAt(plan.world, at.z);
  const reaches = (speed: number) => (maximumRange(speed, world, { bearing })?.distance ?? 0) >= distance;
  let [low, high] = [0, reaching];
  if (!reaches(high)) throw new Error(`aimAt: minimumSpeed's shot (${reaching} m/s) does not reach the target ${distance} m away on bearing ${bearing} rad, and no slower one was found`);
  for (let i = 0; i < SPEED_HALVINGS; i++) {
    const middle = (low + high) / 2;
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  const still: Plan = { ...plan, target: { x: at.x, y: at.y, height: at.z, vx: 0, vy: 0, vz: 0 }, moving: false, arc: 'low' };
  let failure: unknown;
  /** The shot at a speed on either arc that comes down through the target, or null (its reason kept in `failure`). */
  const atSpeed = (speed: number): Solved | null => {
    for (const arc of ['low', 'high'] as const) {
      try {
        const shot = aimAtSpeed({ ...still, arc }, speed);
        return { ...shot, iterations: iterations + SPEED_HALVINGS + shot.iterations };
      } catch (error) {
        // Where the two arcs nearly meet, either may not be found (a plain Error from its solve): the other is tried,
        // then both a little faster.
        if (!(error instanceof UnreachableTargetError || (error instanceof Error && error.message.startsWith('aimAt:')))) throw error;
        failure = error;
      }
    }
    return null;
  };
  for (const slack of SPEED_SLACK) {
    const shot = atSpeed(high * (1 + slack));
    if (shot) return shot;
  }
  // Still none (a target near the launcher in a strong wind: the reach along the bearing covers it, but the shots that
  // come down near it are carried there by the wind, and the slowest of them is faster; or a ball dropped near the
  // launcher that the wind carries past it): faster speeds, the excess doubling, up to the physics' top speed, until
  // one meets it, then bisection between the fastest that did not and the slowest that did.
  let missed = high * (1 + SPEED_SLACK[SPEED_SLACK.length - 1]);
  for (let grow = SPEED_GROWTH; high * (1 + grow) <= topSpeed; grow *= 2) {
    let shot = atSpeed(high * (1 + grow));
    if (!shot) {
      missed = high * (1 + grow);
      continue;
    }
    while (shot.speed / missed - 1 > SPEED_BRACKET) {
      const middle = (missed + shot.speed) / 2;
      const found = atSpeed(middle);
      if (found) shot = found;
      else missed = middle;
    }
    return shot;
  }
  throw failure;
}

/** The shot as it is when the launcher can fire it, else UnreachableTargetError. */
function checkedSpeed(plan: Plan, shot: Solved): Solved {
  if (shot.speed <= plan.maxSpeed) return shot;
  throw unreachable(plan, shot.time, plan.maxSpeed, plan.moving ? `the slowest shot that meets it needs ${shot.speed.toFixed(3)} m/s, beyond the maximum speed ${plan.maxSpeed} m/s` : `beyond the maximum range at ${plan.maxSpeed} m/s`);
}

// ---------------------------------------------------------------------------------------------------------------
// A fixed speed

/** Vacuum passes on the meeting time that start a fixed-speed or fixed-elevation solve at a moving target. */
const START_PASSES = 4;

/**
 * A fixed speed on the low or the high arc: Newton on (elevation, azimuth, T) from the vacuum's arc. When that does
 * not converge, or converges onto the other arc, the maximum range along the target's bearing (`maximumRange`) says
 * whether the target is in reach at all, and bounds the elevation to the arc's side of its angle for a second solve
 * from the middle of that side.
 */
function aimAtSpeed(plan: Plan, speed: number): Solved {
  const settings = { free: 'elevation' as const, tolerance: plan.tolerance, maxSpeed: plan.maxSpeed };
  const start = vacuumArcStart(plan, speed);
  const first = start && solveIntercept(plan.world, plan.target, start, settings);
  if (first?.converged && onArc(first, plan.arc)) return first;
  // Where the meeting is expected: the first solve's, else the target's present place.
  const t = first?.time ?? start?.time ?? 0;
  const at = targetAt(plan.target, t);
  const [distance, bearing] = [Math.hypot(at.x, at.y), Math.atan2(at.y, at.x)];
  const best = maximumRange(speed, worldAt(plan.world, at.z), { bearing });
  if (!best || (!plan.moving && distance > best.distance)) throw unreachable(plan, t, speed, `beyond the maximum range at ${speed} m/s`, best?.distance ?? 0);
  const side: [number, number] = plan.arc === 'low' ? [-Math.PI / 2 + 1e-6, best.angle] : [best.angle, Math.PI / 2 - 1e-6];
  const onSide = startOnSide(plan, speed, best, at.z);
  const second = onSide && solveIntercept(plan.world, plan.target, onSide, { ...settings, elevationRange: side });
  if (second?.converged) return { ...second, iterations: second.iterations + (first?.iterations ?? 0) };
  // On the ridge of maximum range the two arcs meet and Newton's system is singular: the best shot itself may hit (its
  // azimuth keeps it on the ray only to the reach's own accuracy, so it is flown to be sure).
  if (!plan.moving && best.distance - distance <= plan.tolerance) {
    const flown = landing({ speed, angle: best.angle, azimuth: best.azimuth }, worldAt(plan.world, at.z));
    if (flown && Math.hypot(flown.impact.x - at.x, flown.impact.y - at.y) <= plan.tolerance) return { speed, elevation: best.angle, azimuth: best.azimuth, time: flown.flightTime, iterations: second?.iterations ?? 0 };
  }
  // A low arc whose flattest shots that still come down through a raised target's height land beyond it: it passes
  // that height only on its way up, and cannot land there (the high arc may).
  if (!plan.moving && plan.arc === 'low' && second && alongRay(second.flight, bearing) > distance) {
    throw unreachable(plan, t, speed, `the low arc at ${speed} m/s passes the target's height only on its way up there (its flattest landing is ${alongRay(second.flight, bearing).toFixed(3)} m away)`, best.distance);
  }
  if (plan.moving) throw outrun(plan, t, `no shot at ${speed} m/s on the ${plan.arc} arc meets it (it moves out of reach)`, speed, best.distance);
  throw new Error(`aimAt: no ${plan.arc}-arc shot at ${speed} m/s was found for a target at ${distance.toFixed(3)} m, within the maximum range ${best.distance.toFixed(3)} m; the solve ended ${second ? second.miss.toExponential(2) : 'with no landing'} m from it`);
}

/**
 * A start on the wished arc's side of the angle of maximum range, for the second solve: the shot of maximum range
 * lands (beyond a target in reach), so start a little into the side from it, and closer while the start does not
 * come down through the target's height (a flat shot that a heavy drag stops short of a raised target).
 */
function startOnSide(plan: Plan, speed: number, best: { angle: number; azimuth: number }, height: number): Shot | null {
  const direction = plan.arc === 'low' ? -1 : 1;
  const room = plan.arc === 'low' ? best.angle + Math.PI / 2 : Math.PI / 2 - best.angle;
  for (let offset = room / 4; offset > 1e-4; offset /= 2) {
    const elevation = best.angle + direction * offset;
    const flown = landing({ speed, angle: elevation, azimuth: best.azimuth }, worldAt(plan.world, height));
    if (flown) return { speed, elevation, azimuth: best.azimuth, time: flown.flightTime };
  }
  return null;
}

/**
 * The vacuum's arc at a fixed speed as a start: aimed at where the target will be after the arc's own flight (a few
 * passes for a moving target), less how far a moving launcher carries the ball meanwhile. Null when the vacuum's arc
 * does not reach (drag only shortens a shot, but a tailwind lengthens it: the informed start takes over).
 */
function vacuumArcStart(plan: Plan, speed: number): Shot | null {
  const { world } = plan;
  let start: Shot | null = null;
  let t = 0;
  for (let pass = 0; pass < (plan.moving || hasLauncher(world) ? START_PASSES : 1); pass++) {
    const aimPoint = aimPointAt(plan, t);
    if (!aimPoint) break;
    const vacuumWorld = { gravity: world.physics.gravity, launchHeight: world.physics.launchHeight, targetHeight: aimPoint.z };
    const arc = vacuumArcs(aimPoint.distance, speed, vacuumWorld)[plan.arc];
    if (!arc) break;
    const flown = vacuumLanding(arc, vacuumWorld);
    if (!flown) break;
    t = flown.flightTime;
    start = { speed, elevation: arc.angle, azimuth: aimPoint.bearing, time: t };
  }
  return start;
}

/** Where to aim at time t: the target there, less the launcher's own travel in that time; null at the muzzle. */
function aimPointAt(plan: Plan, t: number): { distance: number; bearing: number; z: number } | null {
  const at = targetAt(plan.target, t);
  const [lx, ly] = plan.world.physics.launcherVelocity;
  const [x, y] = [at.x - lx * t, at.y - ly * t];
  const distance = Math.hypot(x, y);
  return distance > 0 ? { distance, bearing: Math.atan2(y, x), z: at.z } : null;
}

function hasLauncher(world: ResolvedAimWorld): boolean {
  return world.physics.launcherVelocity[0] !== 0 || world.physics.launcherVelocity[1] !== 0;
}

/**
 * Whether a shot lies on the wished arc: the distance along the ray to its impact grows with the elevation on the low
 * arc and shrinks on the high one, the azimuth kept on that ray (the total derivative ∂along/∂e + ∂along/∂a·da/de,
 * da/de = −(∂across/∂e)/(∂across/∂a)).
 */
function onArc(shot: Intercept, arc: 'low' | 'high'): boolean {
  const slope = slopeAlongRay(shot.flight);
  return arc === 'low' ? slope >= 0 : slope <= 0;
}

/** How far along the ray at `bearing` a flight lands. */
function alongRay(flight: Flight, bearing: number): number {
  return flight.x * Math.cos(bearing) + flight.y * Math.sin(bearing);
}

function slopeAlongRay(flight: Flight): number {
  const length = Math.hypot(flight.x, flight.y);
  const [ux, uy] = [flight.x / length, flight.y / length];
  const along = (p: readonly number[]) => ux * p[0] + uy * p[1];
  const across = (p: readonly number[]) => ux * p[1] - uy * p[0];
  const { byControl, byAzimuth } = flight;
  return along(byControl) - (along(byAzimuth) * across(byControl)) / across(byAzimuth);
}

// ---------------------------------------------------------------------------------------------------------------
// A fixed elevation

/**
 * A fixed elevation: Newton on (speed, azimuth, T) from the vacuum's speed for that elevation (with passes on T for a
 * moving target). The landing grows with the speed at a fixed elevation, so the solution is unique; one that would
 * need more than `maxSpeed`, or that no speed reaches, is unreachable.
 */
function aimAtElevation(plan: Plan, angle: number): Solved {
  const start = landingStart(plan, vacuumSpeedStart(plan, angle));
  const solved = solveIntercept(plan.world, plan.target, start, { free: 'speed', tolerance: plan.tolerance, maxSpeed: plan.maxSpeed });
  if (solved?.converged) return solved;
  // The landing grows with the speed at a fixed elevation, so a solve that fails has no speed up to maxSpeed to find.
  const t = solved?.time ?? start.time;
  throw unreachable(plan, t, plan.maxSpeed, `no shot at an elevation of ${angle} rad up to ${plan.maxSpeed} m/s meets it`, reachAtElevation(plan, angle, t));
}

/**
 * A fixed elevation's start that comes down through the target's height: the drag may stop the vacuum's speed short
 * of a raised target, so it is doubled (up to maxSpeed) until it does.
 */
function landingStart(plan: Plan, start: Shot): Shot {
  let shot = start;
  for (let i = 0; i < 20 && shot.speed < plan.maxSpeed; i++) {
    const flown = landing({ speed: shot.speed, angle: shot.elevation, azimuth: shot.azimuth }, worldAt(plan.world, targetAt(plan.target, shot.time).z));
    if (flown) return { ...shot, time: flown.flightTime };
    shot = { ...shot, speed: Math.min(plan.maxSpeed, 2 * shot.speed) };
  }
  return shot;
}

/**
 * The vacuum's speed that lands a shot of this elevation at the aim point: v² = g·d²/(2·cos²e·(d·tan e − rise)). Where
 * the vacuum cannot (the target above the line of the barrel), a guess: twice the vacuum's slowest speed there.
 */
function vacuumSpeedStart(plan: Plan, angle: number): Shot {
  const { gravity, launchHeight } = plan.world.physics;
  let start: Shot = { speed: 1, elevation: angle, azimuth: Math.atan2(plan.target.y, plan.target.x), time: 1 };
  let t = 0;
  for (let pass = 0; pass < (plan.moving || hasLauncher(plan.world) ? START_PASSES : 1); pass++) {
    const aimPoint = aimPointAt(plan, t);
    if (!aimPoint) break;
    const { distance, bearing, z } = aimPoint;
    const rise = z - launchHeight;
    const lift = distance * Math.tan(angle) - rise;
    const vacuum = lift > 0 ? (distance * Math.sqrt(gravity / (2 * lift))) / Math.cos(angle) : 2 * Math.sqrt(gravity * (rise + Math.hypot(distance, rise)));
    const speed = Math.min(plan.maxSpeed, vacuum);
    t = distance / (speed * Math.cos(angle));
    start = { speed, elevation: angle, azimuth: bearing, time: t };
  }
  return start;
}

/** How far along the target's bearing (at time t) a shot of this elevation at the top speed lands: its reach there. */
function reachAtElevation(plan: Plan, angle: number, t: number): number {
  const at = targetAt(plan.target, t);
  const bearing = Math.atan2(at.y, at.x);
  const flown = landing({ speed: plan.maxSpeed, angle, azimuth: bearing }, worldAt(plan.world, at.z));
  return flown ? Math.max(0, flown.impact.x * Math.cos(bearing) + flown.impact.y * Math.sin(bearing)) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Verification and errors

/**
 * The answer, verified: the shot flown once more by `landing` to the height the target has at the meeting time, and
 * its miss measured against where the target is when the ball comes down. A miss beyond the tolerance is an error
 * (never returned as an answer).
 */
function verified(plan: Plan, solved: Solved): AimAtResult {
  return verifiedAt(plan.target, plan.world, plan.tolerance, solved);
}

/** What the verification of a solved shot finds: the shot's azimuth, its flight, the meeting point and the miss. */
interface Check {
  azimuth: number;
  flight: { x: number; y: number; time: number };
  interceptX: number;
  interceptY: number;
  interceptZ: number;
  error: number;
}

const emptyCheck = (): Check => ({ azimuth: 0, flight: { x: 0, y: 0, time: 0 }, interceptX: 0, interceptY: 0, interceptZ: 0, error: 0 });

/** Verifies a shot at a target in a world, to a tolerance, into `into`: an error (never an answer) beyond it. */
function checkedAt(target: MovingTarget, world: ResolvedAimWorld, tolerance: number, solved: Solved, into: Check): Check {
  const height = target.vz === 0 ? target.height : target.height + target.vz * solved.time;
  into.azimuth = wrapAzimuth(solved.azimuth);
  const flight = (into.flight = solved.flown ?? flownBy(solved, into.azimuth, worldAt(world, height)));
  const error = missOf(target, flight);
  if (!(error <= tolerance)) throw new Error(`aimAt: the solved shot lands ${error.toExponential(3)} m from where the target is at its impact, beyond the tolerance ${tolerance} m`);
  into.interceptX = target.x + target.vx * flight.time;
  into.interceptY = target.y + target.vy * flight.time;
  into.interceptZ = height;
  into.error = error;
  return into;
}

/** `verified` of a shot at a target in a world, to a tolerance. */
function verifiedAt(target: MovingTarget, world: ResolvedAimWorld, tolerance: number, solved: Solved): AimAtResult {
  const { azimuth, flight, interceptX, interceptY, interceptZ, error } = checkedAt(target, world, tolerance, solved, emptyCheck());
  return {
    speed: solved.speed,
    angle: solved.elevation,
    azimuth,
    flightTime: flight.time,
    intercept: { x: interceptX, y: interceptY, z: interceptZ },
    landing: { x: flight.x, y: flight.y },
    error,
    iterations: solved.iterations,
    refined: solved.aimer === undefined || solved.iterations > 0,
    aimer: solved.aimer ?? 'physics',
  };
}

/** A verified shot into row i of answer columns, as `verifiedAt` would answer it. */
function writeVerified(columns: AimAtColumns, i: number, solved: Solved, check: Check): void {
  columns.speed[i] = solved.speed;
  columns.angle[i] = solved.elevation;
  columns.azimuth[i] = check.azimuth;
  columns.flightTime[i] = check.flight.time;
  columns.interceptX[i] = check.interceptX;
  columns.interceptY[i] = check.interceptY;
  columns.interceptZ[i] = check.interceptZ;
  columns.landingX[i] = check.flight.x;
  columns.landingY[i] = check.flight.y;
  columns.error[i] = check.error;
  columns.iterations[i] = solved.iterations;
  columns.refined[i] = solved.aimer === undefined || solved.iterations > 0 ? 1 : 0;
  columns.aimer[i] = nameIndex(columns, solved.aimer ?? 'physics');
}

/** The shot flown once more by `landing` to the target's height: its impact and flight time. */
function flownBy(solved: Solved, azimuth: number, world: World3d): { x: number; y: number; time: number } {
  const hit = landing({ speed: solved.speed, angle: solved.elevation, azimuth }, world);
  if (!hit) throw new Error(`aimAt: the solved shot (speed ${solved.speed} m/s, elevation ${solved.elevation} rad) never comes down through the target's height ${world.targetHeight} m`);
  return { x: hit.impact.x, y: hit.impact.y, time: hit.flightTime };
}

/**
 * UnreachableTargetError for the target where it is at time t: its distance and bearing, and the farthest reach along
 * that bearing at `speed` (`maximumRange`, unless the caller knows it).
 */
function unreachable(plan: Plan, t: number, speed: number, why: string, reach?: number): UnreachableTargetError {
  const at = targetAt(plan.target, Number.isFinite(t) ? t : 0);
  const [distance, bearing] = [Math.hypot(at.x, at.y), Math.atan2(at.y, at.x)];
  const farthest = reach ?? maximumRange(speed, worldAt(plan.world, at.z), { bearing })?.distance ?? 0;
  return new UnreachableTargetError(distance, farthest, reachConditions(plan.world, bearing, at.z), why);
}

/** A moving target that no shot meets: it outruns them. */
function outrun(plan: Plan, t: number, why: string, speed = plan.maxSpeed, reach?: number): UnreachableTargetError {
  return unreachable(plan, t, speed, `the target outruns every shot: ${why}`, reach);
}
