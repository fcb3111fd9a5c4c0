import { checkInteger } from '@cannon/errors';
import { planShot, traceFlight, unresolvedShot } from './flight.js';
import { hermite } from './impact.js';
import { shotColumns, simulateLandings } from './simulate.js';
import { checkLaunch, resolveWorld, type Launch, type World } from './world.js';

export interface Landing {
  /** Horizontal distance from the muzzle, m. */
  distance: number;
  /** Time in the air, s. */
  flightTime: number;
}

/**
 * Where one shot lands, or null when it never descends through the target height. A shot the simulator cannot
 * follow to its landing throws NoLandingError, as `trajectory` does.
 */
export function landing(launch: Launch, world: Partial<World> = {}): Landing | null {
  const { speed, angle } = checkLaunch(launch);
  const resolved = resolveWorld(world);
  const { distance, flightTime, unresolved } = simulateLandings(shotColumns(speed, angle, resolved), 1);
  if (unresolved[0]) throw unresolvedShot(resolved.drag);
  return Number.isNaN(distance[0]) ? null : { distance: distance[0], flightTime: flightTime[0] };
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
  const hit = path ? (path.landing ? { distance: path.landing.distance, flightTime: path.landing.flightTime } : null) : landing(launch, resolved);
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
