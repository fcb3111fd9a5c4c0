import { checkNumber, NoLandingError } from '@cannon/errors';
import { shotColumns, simulateLandings } from './simulate.js';
import { vacuumMinimumSpeed } from './vacuum.js';
import { checkSpeed, resolveWorld, type Launch, type World } from './world.js';

const EDGE = 1e-9;
const COARSE = 17;

/**
 * The farthest any angle lands a shot of `speed` in a world (drag and wind included), and that angle; null
 * when no angle lands. The landing is unimodal in the angle (and the angles that reach the target height at
 * all are the steep ones), so a coarse batch of angles brackets the best one, and a safeguarded secant on
 * the exact derivative ∂distance/∂angle finds where it vanishes.
 */
export function maximumRange(speed: number, world: Partial<World> = {}): { distance: number; angle: number } | null {
  checkSpeed('speed', speed);
  const resolved = resolveWorld(world);
  const base = shotColumns(speed, 0, resolved);
  const low = -Math.PI / 2 + EDGE;
  const high = Math.PI / 2 - EDGE;
  const angles = Float64Array.from({ length: COARSE }, (_, i) => low + ((high - low) * i) / (COARSE - 1));
  const coarse = simulateLandings({ ...base, angle: angles }, COARSE, ['angle']);
  let best = -1;
  for (let i = 0; i < COARSE; i++) if (!Number.isNaN(coarse.distance[i]) && (best < 0 || coarse.distance[i] > coarse.distance[best])) best = i;
  if (best < 0) return null;

  // Where the slope ∂distance/∂angle is positive the best angle is steeper; a shot that does not land is too flat.
  const slope = (angle: number) => {
    const { distance, partials } = simulateLandings({ ...base, angle: [angle] }, 1, ['angle']);
    return { distance: distance[0], slope: Number.isNaN(distance[0]) ? Infinity : partials.angle![0] };
  };
  let a = best > 0 ? angles[best - 1] : low;
  let b = best < COARSE - 1 ? angles[best + 1] : high;
  let fa = best > 0 ? (Number.isNaN(coarse.distance[best - 1]) ? Infinity : coarse.partials.angle![best - 1]) : slope(a).slope;
  let fb = best < COARSE - 1 ? (Number.isNaN(coarse.distance[best + 1]) ? Infinity : coarse.partials.angle![best + 1]) : slope(b).slope;
  let angle = angles[best];
  let distance = coarse.distance[best];
  let kept = 0; // which end survived the last steps (+1 a, −1 b): Illinois halves a stale end's slope
  for (let i = 0; i < 100 && b - a > 1e-10; i++) {
    // The secant step between the bracket's slopes when both are finite, else bisection.
    let next = Number.isFinite(fa) && Number.isFinite(fb) ? a + (b - a) * (fa / (fa - fb)) : 0.5 * (a + b);
    if (!(next > a && next < b)) next = 0.5 * (a + b);
    const at = slope(next);
    if (!Number.isNaN(at.distance) && at.distance >= distance) {
      angle = next;
      distance = at.distance;
    }
    if (Math.abs(at.slope) <= 1e-9 * Math.max(1, Math.abs(distance))) break;
    if (at.slope > 0) {
      a = next;
      fa = at.slope;
      if (kept === -1) fb /= 2;
      kept = -1;
    } else {
      b = next;
      fb = at.slope;
      if (kept === 1) fa /= 2;
      kept = 1;
    }
  }
  return { distance, angle };
}

/**
 * The slowest shot that lands at `distance` in a world (drag and wind included): the smallest speed whose
 * maximum range reaches it, at that range's angle. The maximum range grows with the speed, and by the
 * envelope theorem its derivative is ∂distance/∂speed at the best angle, so Newton's method on the speed,
 * kept inside a bracket, finds it in a few steps; `iterations` counts the speeds whose maximum range it took.
 */
export function minimumSpeed(distance: number, world: Partial<World> = {}): Launch & { iterations: number } {
  checkNumber('distance', distance, { min: 0, minOpen: true });
  const resolved = resolveWorld(world);
  let iterations = 0;
  const reach = (speed: number) => {
    iterations += 1;
    const best = maximumRange(speed, resolved);
    if (!best) return { speed, angle: NaN, shortfall: -Infinity, slope: NaN };
    const { partials } = simulateLandings(shotColumns(speed, best.angle, resolved), 1, ['speed']);
    return { speed, angle: best.angle, shortfall: best.distance - distance, slope: partials.speed![0] };
  };
  // Bracket the speed: [low, high] with the maximum range short of the distance at low and past it at high.
  let low = 0;
  let high = reach(vacuumMinimumSpeed(distance, resolved).speed);
  for (let i = 0; high.shortfall < 0; i++) {
    if (i === 60) throw new NoLandingError(`no speed lands a shot at ${distance} m in this world`);
    low = high.speed;
    high = reach(2 * high.speed);
  }
  const tolerance = 1e-10 * distance;
  let at = high;
  for (let i = 0; i < 100 && Math.abs(at.shortfall) > tolerance && high.speed - low > 1e-12 * high.speed; i++) {
    let next = at.speed - at.shortfall / at.slope;
    if (!(next > low && next < high.speed)) next = 0.5 * (low + high.speed);
    at = reach(next);
    if (at.shortfall < 0) low = at.speed;
    else high = at;
  }
  const best = at.shortfall >= -tolerance ? at : high;
  return { speed: best.speed, angle: best.angle, iterations };
}
