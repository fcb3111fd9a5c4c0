import { checkInteger } from '@cannon/errors';
import { FlightBatch, planShot, traceFlight, unresolvedShot } from './flight.js';
import { hermite } from './impact.js';
import { simulateImpacts, traceImpact } from './impacts.js';
import { resolveShot, staysInPlane, worldColumns, type Launch3d, type ResolvedShot, type World3d } from './shot.js';
import { checkLaunch, resolveWorld, type Launch, type World } from './world.js';

export interface Landing {
  /** Down the line of fire (the azimuth) from the muzzle to the impact, m; negative behind the muzzle. */
  distance: number;
  /** Across the line of fire, m, to its left (the crosswind's drift); 0 for a shot that stays in the plane. */
  drift: number;
  /** Time in the air, s. */
  flightTime: number;
  /** Where the ball comes down, m: x along azimuth 0, y to its left, z the target height. */
  impact: { x: number; y: number; z: number };
  /** Its velocity there, m/s (on the cubic the impact is found on). */
  velocity: { x: number; y: number; z: number };
}

/**
 * Where one shot lands, or null when it never descends through the target height. A shot the simulator cannot
 * follow to its landing throws NoLandingError, as `trajectory` does. A shot that stays in the plane of azimuth 0
 * under a constant drag (no azimuth, no crosswind, no drag table) is the plane's model (`simulateLandings`);
 * any other, the three-dimensional one (`simulateImpacts`), of which the plane's is the special case.
 */
export function landing(launch: Launch3d, world: World3d = {}): Landing | null {
  return landingOf(resolveShot(launch, world));
}

function landingOf(shot: ResolvedShot): Landing | null {
  return staysInPlane(shot) ? planeLanding(shot) : spaceLanding(shot);
}

function landed(x: number, y: number, z: number, flightTime: number, vx: number, vy: number, vz: number, azimuth = 0): Landing {
  const [cos, sin] = azimuth === 0 ? [1, 0] : [Math.cos(azimuth), Math.sin(azimuth)];
  return { distance: x * cos + y * sin, drift: y * cos - x * sin, flightTime, impact: { x, y, z }, velocity: { x: vx, y: vy, z: vz } };
}

function planeLanding(shot: ResolvedShot): Landing | null {
  const { speed, elevation, gravity, windX: wind, drag, launchHeight, targetHeight } = shot;
  const { vx, vy, vacuumTime, step } = planShot(speed, elevation, gravity, launchHeight, targetHeight, wind, drag);
  if (Number.isNaN(vacuumTime)) return null;
  // Not flown: at the target height already and not rising, or a flight too short to step: the vacuum's.
  if (!step) return landed(vx * vacuumTime, 0, targetHeight, vacuumTime, vx, 0, vy - gravity * vacuumTime);
  const batch = FlightBatch.of(1);
  batch.add(0, vx, vy, launchHeight, targetHeight, step.dt, gravity, drag, wind);
  let hit: Landing | null = null;
  let unresolved = false;
  batch.fly('none', (_, result) => {
    unresolved = result.unresolved;
    if (result.landed) hit = landed(result.distance, 0, targetHeight, result.flightTime, result.velocityX, 0, result.velocityY);
  });
  if (unresolved) throw unresolvedShot(drag);
  return hit;
}

function spaceLanding(shot: ResolvedShot): Landing | null {
  const column = (value: number) => [value];
  const impacts = simulateImpacts(
    { speed: column(shot.speed), elevation: column(shot.elevation), azimuth: column(shot.azimuth), ...worldColumns(shot) },
    1,
    [],
    shot.tableDrag,
    shot.earth,
  );
  if (impacts.unresolved[0]) throw unresolvedShot(shot.drag);
  if (Number.isNaN(impacts.x[0])) return null;
  return landed(impacts.x[0], impacts.y[0], shot.targetHeight, impacts.flightTime[0], impacts.velocity.x[0], impacts.velocity.y[0], impacts.velocity.z[0], shot.lineOfFire);
}

export interface TrajectoryPoint {
  /** s */
  t: number;
  /** m */
  x: number;
  /** m */
  y: number;
}

export interface Trajectory {
  points: TrajectoryPoint[];
  /** The landing, or null: then the path ends where the ball falls back through the launch height. */
  landing: Landing | null;
}

/**
 * The path of one shot, sampled at `samples` evenly spaced times from launch to landing (for plots and
 * animation). Between steps the path is the same cubic the landing is found on.
 */
export function trajectory(launch: Launch, world: Partial<World> = {}, { samples = 101 } = {}): Trajectory {
  const { speed, angle } = checkLaunch(launch);
  const resolved = resolveWorld(world);
  checkInteger('samples', samples, { min: 2, max: 1_000_000 });
  const { gravity, drag, wind, launchHeight, targetHeight } = resolved;
  // Follow the ball to its landing; without one, until it falls back through the height it left from.
  const follow = (stopHeight: number) => {
    const { vx, vy, step } = planShot(speed, angle, gravity, launchHeight, stopHeight, wind, drag);
    if (!step) return null;
    return { dt: step.dt, ...traceFlight(vx, vy, launchHeight, stopHeight, step.dt, gravity, drag, wind) };
  };
  let path = follow(targetHeight);
  // The traced flight is the landing's own model; only a shot that is not flown at all (it never rises to the
  // target height, or is already there and falling) is settled by `landing`.
  const hit = path
    ? path.landing
      ? landed(path.landing.distance, 0, targetHeight, path.landing.flightTime, path.landing.velocityX, 0, path.landing.velocityY)
      : null
    : landing(launch, resolved);
  if (!hit) path = follow(launchHeight);
  if (!path) return { points: [{ t: 0, x: 0, y: launchHeight }], landing: hit };
  const { nodes, dt } = path;
  const duration = path.landing ? path.landing.flightTime : 0;
  const points: TrajectoryPoint[] = [];
  for (let i = 0; i < samples; i++) {
    const t = (duration * i) / (samples - 1);
    const n = Math.min(Math.floor(t / dt), nodes.length / 5 - 2);
    const theta = t / dt - n;
    const a = 5 * n;
    const b = a + 5;
    points.push({
      t,
      x: hermite(nodes[a + 1], nodes[a + 3], nodes[b + 1], nodes[b + 3], dt, theta),
      y: hermite(nodes[a + 2], nodes[a + 4], nodes[b + 2], nodes[b + 4], dt, theta),
    });
  }
  return { points, landing: hit };
}

/** A point of a path in three dimensions: x along azimuth 0, y to its left, z up. */
export interface PathPoint {
  /** s */
  t: number;
  /** m */
  x: number;
  y: number;
  z: number;
}

export interface FlightPath {
  points: PathPoint[];
  /** The landing, or null: then the path ends where the ball falls back through the launch height. */
  landing: Landing | null;
}

/**
 * The path of one shot in three dimensions (any shot `landing` takes), sampled at `samples` evenly spaced times from
 * launch to landing; between steps, the cubic the impact is found on.
 */
export function flightPath(launch: Launch3d, world: World3d = {}, { samples = 101 } = {}): FlightPath {
  const shot = resolveShot(launch, world);
  checkInteger('samples', samples, { min: 2, max: 1_000_000 });
  const hit = landingOf(shot);
  // Follow the ball to its landing; without one, until it falls back through the height it left from.
  const path = traceImpact(shot, hit ? shot.targetHeight : shot.launchHeight, shot.tableDrag, shot.earth);
  const muzzle = { t: 0, x: 0, y: 0, z: shot.launchHeight };
  if (!path || !path.impact) return { points: [muzzle], landing: hit };
  const { nodes, dt } = path;
  const duration = path.impact.flightTime;
  const last = nodes.length / 6 - 2;
  const points: PathPoint[] = [];
  for (let i = 0; i < samples; i++) {
    const t = (duration * i) / (samples - 1);
    const n = Math.min(Math.floor(t / dt), last);
    const theta = t / dt - n;
    const [a, b] = [6 * n, 6 * n + 6];
    const along = (k: number) => hermite(nodes[a + k], nodes[a + k + 3], nodes[b + k], nodes[b + k + 3], dt, theta);
    points.push({ t, x: along(0), y: along(1), z: along(2) });
  }
  return { points, landing: hit };
}
