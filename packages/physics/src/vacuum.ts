import { checkNumber } from '@cannon/errors';
import { checkAngle, checkSpeed, resolveWorld, type Launch, type World } from './world.js';

/**
 * Exact solutions without air: the path is a parabola, and wind has nothing to push on.
 * Every function here takes the same world as the rest of the package and ignores its drag and wind.
 */

/**
 * Time until a ball launched with vertical speed vy descends through a height `drop` below the muzzle
 * (negative: above it). NaN when it never does.
 */
export function vacuumFlightTime(vy: number, gravity: number, drop: number): number {
  const disc = vy * vy + 2 * gravity * drop;
  if (disc < 0) return NaN;
  const t = (vy + Math.sqrt(disc)) / gravity;
  return t >= 0 ? t : NaN;
}

/** Where a shot lands in vacuum, with the time it takes; null when it never descends through the target height. */
export function vacuumLanding(launch: Launch, world: Partial<World> = {}): { distance: number; flightTime: number } | null {
  const { gravity, launchHeight, targetHeight } = resolveWorld(world);
  const speed = checkSpeed('speed', launch?.speed);
  const angle = checkAngle('angle', launch?.angle);
  const flightTime = vacuumFlightTime(speed * Math.sin(angle), gravity, launchHeight - targetHeight);
  if (Number.isNaN(flightTime)) return null;
  return { distance: speed * Math.cos(angle) * flightTime, flightTime };
}

/** The farthest landing for a speed, and the angle that reaches it; null when the target height is out of reach. */
export function vacuumMaximumRange(speed: number, world: Partial<World> = {}): { distance: number; angle: number } | null {
  const { gravity, launchHeight, targetHeight } = resolveWorld(world);
  checkSpeed('speed', speed);
  const drop = launchHeight - targetHeight;
  const reachSquared = speed * speed + 2 * gravity * drop;
  if (reachSquared < 0) return null;
  if (speed === 0) return drop >= 0 ? { distance: 0, angle: 0 } : null;
  const reach = Math.sqrt(reachSquared);
  // tan θ* = v / √(v² + 2g·drop), R = v·√(v² + 2g·drop) / g
  return { distance: (speed * reach) / gravity, angle: Math.atan2(speed, reach) };
}

/**
 * The slowest shot that lands at `distance`: v² = g·(z + √(d² + z²)), tan θ = (z + √(d² + z²)) / d,
 * where z is the target height above the muzzle.
 */
export function vacuumMinimumSpeed(distance: number, world: Partial<World> = {}): Launch {
  const { gravity, launchHeight, targetHeight } = resolveWorld(world);
  checkNumber('distance', distance, { min: 0, minOpen: true });
  const rise = targetHeight - launchHeight;
  const lift = rise + Math.hypot(distance, rise);
  return { speed: Math.sqrt(gravity * lift), angle: Math.atan2(lift, distance) };
}

/**
 * The two angles that land a shot of `speed` at `distance`. An arc is null when no such shot lands there:
 * both are when the speed is too low, and the low one is when it would only pass the target height on the
 * way up (a landing is a descent through it).
 */
export function vacuumArcs(
  distance: number,
  speed: number,
  world: Partial<World> = {},
): { low: Launch | null; high: Launch | null } {
  const { gravity, launchHeight, targetHeight } = resolveWorld(world);
  checkNumber('distance', distance, { min: 0, minOpen: true });
  checkNumber('speed', speed, { min: 0, minOpen: true });
  const rise = targetHeight - launchHeight;
  // y(d) = d·u − a·(1 + u²) with u = tan θ and a = g·d²/(2v²): a·u² − d·u + (a + rise) = 0.
  const a = (gravity * distance * distance) / (2 * speed * speed);
  const disc = distance * distance - 4 * a * (a + rise);
  if (disc < 0) return { low: null, high: null };
  const root = Math.sqrt(disc);
  // dy/dx at the target is u − (2a/d)·(1 + u²): negative where the ball is coming down.
  const descends = (u: number) => u < ((2 * a) / distance) * (1 + u * u);
  const arc = (u: number): Launch | null => (descends(u) ? { speed, angle: Math.atan(u) } : null);
  // The numerically stable pair of roots of a·u² − d·u + c.
  const q = 0.5 * (distance + root);
  const uHigh = q / a;
  const uLow = (a + rise) / q;
  return { low: arc(uLow), high: arc(uHigh) };
}
