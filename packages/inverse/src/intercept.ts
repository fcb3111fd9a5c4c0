import { fly, type FreeControl, type Flight, type ResolvedAimWorld } from './aim3d-world.js';

/**
 * Where a shot meets a target that may move: Newton's method on the physics' exact derivatives. The unknowns are the
 * free control (the elevation at a fixed speed, or the speed at a fixed elevation), the azimuth and the meeting time
 * T; the residual is
 *
 *   [impact_xy(control, azimuth; height + vz·T) − (p₀ + v_xy·T),  flightTime(control, azimuth; height + vz·T) − T]
 *
 * three equations in three unknowns: the shot comes down through the height the target has reached at T, where the
 * target is at T, and T is its flight time. The Jacobian's columns are the flight's derivatives by the control and
 * the azimuth, and by T through the target: ∂/∂T = vz·∂/∂height − (vx, vy, 1).
 */

/** A target at (x, y, height) now, moving at (vx, vy, vz) (all 0 for one that stands still). */
export interface MovingTarget {
  x: number;
  y: number;
  height: number;
  vx: number;
  vy: number;
  vz: number;
}

/** A shot and the time it is meant to meet the target. */
export interface Shot {
  speed: number;
  elevation: number;
  azimuth: number;
  time: number;
}

export interface InterceptSettings {
  free: FreeControl;
  /** The largest miss accepted, m; the solve goes a hundred times below it, so that verifying it again passes. */
  tolerance: number;
  /** Bounds on the elevation (radians) for a fixed speed: one side of the angle of maximum range keeps one arc. */
  elevationRange?: readonly [number, number];
  /** The fastest speed allowed, for a fixed elevation. */
  maxSpeed: number;
}

export interface Intercept extends Shot {
  /** The flight of the shot found, with its derivatives. */
  flight: Flight;
  /** Horizontal distance between its impact and the target at the impact's time, m. */
  miss: number;
  /** Newton steps taken (each one flight with its derivatives, plus a flight per backtrack). */
  iterations: number;
  converged: boolean;
}

/** Newton steps before a solve is given up: from the starts used it takes 2 to 6. */
const MAX_STEPS = 40;
/** Halvings of a step that does not reduce the residual, before the solve is given up. */
const MAX_HALVINGS = 12;
/** The largest change of an angle in one step (radians): far from the answer the linear model is not to be trusted. */
const LARGEST_TURN = 0.3;
/** Elevations stay this far inside (−π/2, π/2). */
const EDGE = 1e-6;

/** Where the target is at time t. */
export function targetAt(target: MovingTarget, t: number): { x: number; y: number; z: number } {
  return { x: target.x + target.vx * t, y: target.y + target.vy * t, z: target.height + target.vz * t };
}

/** An azimuth in [−π, π], as answers report it: itself when it lies there already (the shot flown is the one answered). */
export function wrapAzimuth(azimuth: number): number {
  return Math.abs(azimuth) <= Math.PI ? azimuth : Math.atan2(Math.sin(azimuth), Math.cos(azimuth));
}

/** Whether a target moves at all. */
export function isMoving(target: MovingTarget): boolean {
  return target.vx !== 0 || target.vy !== 0 || target.vz !== 0;
}

/** The horizontal distance between a flight's impact and where the target is when it comes down. */
export function missOf(target: MovingTarget, flight: { x: number; y: number; time: number }): number {
  const at = targetAt(target, flight.time);
  return Math.hypot(flight.x - at.x, flight.y - at.y);
}

interface Evaluated {
  shot: Shot;
  flight: Flight;
  residual: [number, number, number];
  merit: number;
}

/**
 * Solves for the shot that meets the target, from `start`; returns the best shot found, `converged` when it meets the
 * target within a hundredth of the tolerance. Each step solves the 3×3 Newton system; a step that does not reduce the
 * residual (or flies a shot that never comes down) is halved, and one that would turn an angle by more than
 * LARGEST_TURN is shortened first. Null when the start itself never comes down.
 */
export function solveIntercept(world: ResolvedAimWorld, target: MovingTarget, start: Shot, settings: InterceptSettings): Intercept | null {
  const { free, tolerance } = settings;
  const [lowest, highest] = settings.elevationRange ?? [-Math.PI / 2 + EDGE, Math.PI / 2 - EDGE];
  let current = evaluate(world, target, start, free, 1);
  if (!current) return null;
  // The flight time's residual is weighed by the shot's horizontal speed, so that a second counts as the metres it
  // moves the ball: the merit is then a squared distance throughout.
  const weight = Math.max(1, Math.hypot(current.flight.x, current.flight.y) / current.flight.time);
  current = { ...current, merit: meritOf(current.residual, weight) };
  const goal = tolerance / 100;
  let iterations = 0;
  // Met: the impact within the goal of where the target is when the ball comes down, and at the height the target
  // has then (the flight time matters no further: the miss is measured at the impact's own time).
  const done = (state: Evaluated) => missOf(target, state.flight) <= goal && Math.abs(target.vz * state.residual[2]) <= goal;
  while (!done(current) && iterations < MAX_STEPS) {
    iterations += 1;
    const step = newtonStep(current, target);
    if (!step) break;
    const next = backtrack(world, target, current, step, { free, weight, lowest, highest, maxSpeed: settings.maxSpeed });
    if (!next) break;
    current = next;
  }
  const { shot, flight } = current;
  return { ...shot, flight, miss: missOf(target, flight), iterations, converged: done(current) };
}

function meritOf(residual: readonly number[], weight: number): number {
  return residual[0] ** 2 + residual[1] ** 2 + (weight * residual[2]) ** 2;
}

/** Flies a shot to the height the target has at the shot's meeting time, and its residual. */
function evaluate(world: ResolvedAimWorld, target: MovingTarget, shot: Shot, free: FreeControl, weight: number): Evaluated | null {
  const at = targetAt(target, shot.time);
  const flight = fly(world, shot.speed, shot.elevation, shot.azimuth, at.z, free);
  if (!flight) return null;
  const residual: [number, number, number] = [flight.x - at.x, flight.y - at.y, flight.time - shot.time];
  return { shot, flight, residual, merit: meritOf(residual, weight) };
}

/** The Newton step (δcontrol, δazimuth, δT), or null when the Jacobian is singular. */
function newtonStep(state: Evaluated, target: MovingTarget): [number, number, number] | null {
  const { flight, residual } = state;
  const { byControl, byAzimuth, byHeight } = flight;
  const byTime = [byHeight[0] * target.vz - target.vx, byHeight[1] * target.vz - target.vy, byHeight[2] * target.vz - 1];
  const columns = [byControl, byAzimuth, byTime];
  const step = solve3(columns, residual.map((r) => -r) as [number, number, number]);
  if (step && step.every(Number.isFinite)) return step;
  // A singular Jacobian (a crossing target met on the ridge of maximum range, where ∂range/∂elevation vanishes):
  // the least-squares step with a little damping, which still reduces the residual along what it can move.
  return dampedStep(columns, residual);
}

/** Solves [c0 c1 c2]·δ = b by Cramer's rule; null when the columns are (numerically) dependent. */
function solve3(columns: readonly (readonly number[])[], b: readonly number[]): [number, number, number] | null {
  const det = (a: readonly number[], c: readonly number[], d: readonly number[]) => a[0] * (c[1] * d[2] - c[2] * d[1]) - c[0] * (a[1] * d[2] - a[2] * d[1]) + d[0] * (a[1] * c[2] - a[2] * c[1]);
  const [c0, c1, c2] = columns;
  const whole = det(c0, c1, c2);
  const scale = Math.hypot(...c0) * Math.hypot(...c1) * Math.hypot(...c2);
  if (!(Math.abs(whole) > 1e-12 * scale)) return null;
  return [det(b, c1, c2) / whole, det(c0, b, c2) / whole, det(c0, c1, b) / whole];
}

/** (JᵀJ + μ·diag(JᵀJ))·δ = −Jᵀr, μ = 10⁻⁶: Levenberg–Marquardt's step with a little damping. */
function dampedStep(columns: readonly (readonly number[])[], residual: readonly number[]): [number, number, number] | null {
  const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const normal = columns.map((ci, i) => columns.map((cj, j) => dot(ci, cj) * (i === j ? 1 + 1e-6 : 1)));
  const gradient = columns.map((c) => -dot(c, residual));
  // The normal matrix is symmetric: its rows are its columns.
  return solve3(normal, gradient);
}

interface StepBounds {
  free: FreeControl;
  weight: number;
  lowest: number;
  highest: number;
  maxSpeed: number;
}

/**
 * The step taken: shortened so that no angle turns by more than LARGEST_TURN, then halved until the shot comes down
 * and the residual falls. The elevation is kept within its bounds, the speed within (0, maxSpeed], the time positive.
 */
function backtrack(world: ResolvedAimWorld, target: MovingTarget, current: Evaluated, step: [number, number, number], bounds: StepBounds): Evaluated | null {
  const { free, weight } = bounds;
  const { shot } = current;
  const turn = Math.max(free === 'elevation' ? Math.abs(step[0]) : 0, Math.abs(step[1]));
  let scale = turn > LARGEST_TURN ? LARGEST_TURN / turn : 1;
  for (let halving = 0; halving <= MAX_HALVINGS; halving++, scale /= 2) {
    const moved: Shot = {
      speed: free === 'speed' ? clamp(shot.speed + scale * step[0], shot.speed / 4, bounds.maxSpeed) : shot.speed,
      elevation: free === 'elevation' ? clamp(shot.elevation + scale * step[0], bounds.lowest, bounds.highest) : shot.elevation,
      azimuth: shot.azimuth + scale * step[1],
      time: Math.max(shot.time / 4, shot.time + scale * step[2]),
    };
    const next = evaluate(world, target, moved, free, weight);
    if (next && next.merit < current.merit) return next;
  }
  return null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
