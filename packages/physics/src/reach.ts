import { checkNumber, InvalidInputError, NoLandingError } from '@cannon/errors';
import { flyFromMuzzle } from './muzzle.js';
import { landOnRay, staysInRayPlane, turnToRay, type OnRay } from './ray.js';
import { planeWorld, resolveWorld3d, type Launch3d, type ResolvedWorld3d, type World3d } from './shot.js';
import { shotColumns, simulateLandings } from './simulate.js';
import { vacuumMinimumSpeed } from './vacuum.js';
import { checkSpeed, type World } from './world.js';

const EDGE = 1e-9;
const COARSE = 17;

/** Where the ranges are measured. */
export interface ReachOptions {
  /** The ray from the muzzle the shot must land on: radians, counterclockwise from +x seen from above (default 0). */
  bearing?: number;
}

/** The farthest shot of a speed: how far it lands, and its launch (`angle` the elevation, `azimuth` as `landing` takes them). */
export interface MaximumRange {
  distance: number;
  angle: number;
  azimuth: number;
}

/**
 * The farthest a shot of `speed` lands on the ray from the muzzle at `bearing`, and the launch that lands it there;
 * null when no launch does. In a world where every shot along the ray stays in the plane (no crosswind across it, a
 * constant drag, a still Earth and launcher) it is the plane's answer, over the angle alone, with the azimuth the
 * bearing. In any other world (`World3d`, as `landing` takes it) the azimuth is solved at each elevation so that the
 * impact lands on the ray, cancelling the crosswind's drift, and the distance along the ray is maximised over the
 * elevation.
 */
export function maximumRange(speed: number, world: World3d = {}, options: ReachOptions = {}): MaximumRange | null {
  checkSpeed('speed', speed);
  const resolved = resolveWorld3d(world);
  const bearing = checkBearing(options);
  const ray = turnToRay(resolved, bearing);
  if (staysInRayPlane(ray)) {
    const best = planeMaximumRange(speed, planeWorld(ray));
    return best && { ...best, azimuth: bearing };
  }
  const best = rayMaximumRange(speed, ray);
  return best && { distance: best.distance, angle: best.elevation, azimuth: azimuthFrom(bearing, best.azimuth) };
}

/**
 * The slowest shot that lands at `distance` on the ray from the muzzle at `bearing` (drag, wind and heights included):
 * the smallest speed whose maximum range along the ray reaches it, with that range's launch. The maximum range grows
 * with the speed, and by the envelope theorem its derivative is the total d distance/d speed at the best launch, so
 * Newton's method on the speed, kept inside a bracket, finds it in a few steps; `iterations` counts the speeds whose
 * maximum range it took.
 */
export function minimumSpeed(distance: number, world: World3d = {}, options: ReachOptions = {}): Required<Launch3d> & { iterations: number } {
  checkNumber('distance', distance, { min: 0, minOpen: true });
  const resolved = resolveWorld3d(world);
  const bearing = checkBearing(options);
  const ray = turnToRay(resolved, bearing);
  // The vacuum's slowest shot starts the bracket: it needs only the gravity and the heights.
  const start = vacuumMinimumSpeed(distance, { gravity: ray.gravity, launchHeight: ray.launchHeight, targetHeight: ray.targetHeight }).speed;
  const plane = staysInRayPlane(ray) ? planeWorld(ray) : null;
  let iterations = 0;
  const slowest = slowestSpeed(distance, start, (speed) => {
    iterations += 1;
    return plane ? planeReach(speed, distance, plane) : rayReach(speed, distance, ray);
  });
  return { speed: slowest.speed, angle: slowest.angle, azimuth: azimuthFrom(bearing, slowest.azimuth), iterations };
}

const optionNames = ['bearing'];

function checkBearing(options: ReachOptions): number {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new InvalidInputError('options', 'an object { bearing? }', options);
  for (const key of Object.keys(options)) {
    if (!optionNames.includes(key)) throw new InvalidInputError(`options.${key}`, `one of ${optionNames.join(', ')}`, key);
  }
  return checkNumber('bearing', options.bearing ?? 0, { min: -2 * Math.PI, max: 2 * Math.PI });
}

/** An azimuth in the world's frame from one in the ray's, kept in [−2π, 2π] as `landing` takes it. */
function azimuthFrom(bearing: number, azimuth: number): number {
  const turned = bearing + azimuth;
  return turned > 2 * Math.PI ? turned - 2 * Math.PI : turned < -2 * Math.PI ? turned + 2 * Math.PI : turned;
}

/** The elevations of the coarse batch that brackets the best one: the open quarter-turns up and down, evenly. */
function coarseAngles(): Float64Array {
  const low = -Math.PI / 2 + EDGE;
  const high = Math.PI / 2 - EDGE;
  return Float64Array.from({ length: COARSE }, (_, i) => low + ((high - low) * i) / (COARSE - 1));
}

/** An elevation tried: how far it lands (NaN where it does not count) and d distance/d elevation there. */
interface Tried {
  distance: number;
  slope: number;
}

/**
 * The elevation that lands farthest, and what it gave: the landing is unimodal in the elevation, so the best of the
 * coarse batch brackets the best one between its neighbours, and a safeguarded secant (Illinois) on the exact slope
 * finds where the slope vanishes. `at` tries an elevation; `missed` is the slope given to one that does not count
 * (+∞: the best is steeper), from it and the best elevation so far. Null when none of the batch counts.
 */
function climb<T extends Tried>(angles: Float64Array, coarse: readonly T[], at: (angle: number) => T, missed: (angle: number, best: number) => number): { angle: number; best: T } | null {
  let best = -1;
  for (let i = 0; i < COARSE; i++) if (!Number.isNaN(coarse[i].distance) && (best < 0 || coarse[i].distance > coarse[best].distance)) best = i;
  if (best < 0) return null;
  let angle = angles[best];
  let found = coarse[best];
  const slope = (tried: T, of: number) => (Number.isNaN(tried.distance) ? missed(of, angle) : tried.slope);
  let a = best > 0 ? angles[best - 1] : angles[0];
  let b = best < COARSE - 1 ? angles[best + 1] : angles[COARSE - 1];
  let fa = best > 0 ? slope(coarse[best - 1], a) : slope(at(a), a);
  let fb = best < COARSE - 1 ? slope(coarse[best + 1], b) : slope(at(b), b);
  let kept = 0; // which end survived the last steps (+1 a, −1 b): Illinois halves a stale end's slope
  for (let i = 0; i < 100 && b - a > 1e-10; i++) {
    // The secant step between the bracket's slopes when both are finite, else bisection.
    let next = Number.isFinite(fa) && Number.isFinite(fb) ? a + (b - a) * (fa / (fa - fb)) : 0.5 * (a + b);
    if (!(next > a && next < b)) next = 0.5 * (a + b);
    const tried = at(next);
    const there = slope(tried, next);
    if (!Number.isNaN(tried.distance) && tried.distance >= found.distance) {
      angle = next;
      found = tried;
    }
    if (Math.abs(there) <= 1e-9 * Math.max(1, Math.abs(found.distance))) break;
    if (there > 0) {
      a = next;
      fa = there;
      if (kept === -1) fb /= 2;
      kept = -1;
    } else {
      b = next;
      fb = there;
      if (kept === 1) fa /= 2;
      kept = 1;
    }
  }
  return { angle, best: found };
}

/**
 * The farthest landing in the plane, over the angle (drag and wind included), and that angle. The angles that reach
 * the target height at all are the steep ones, so a shot that does not land is too flat.
 */
function planeMaximumRange(speed: number, world: World): { distance: number; angle: number } | null {
  const base = shotColumns(speed, 0, world);
  const angles = coarseAngles();
  const landings = simulateLandings({ ...base, angle: angles }, COARSE, ['angle']);
  const coarse = Array.from({ length: COARSE }, (_, i): Tried => ({ distance: landings.distance[i], slope: landings.partials.angle![i] }));
  const at = (angle: number): Tried => {
    const { distance, partials } = simulateLandings({ ...base, angle: [angle] }, 1, ['angle']);
    return { distance: distance[0], slope: partials.angle![0] };
  };
  const found = climb(angles, coarse, at, () => Infinity);
  return found && { distance: found.best.distance, angle: found.angle };
}

/**
 * The farthest landing on the ray (+x of the ray's frame), over the elevation, each elevation's azimuth turning its
 * impact onto the ray (`landOnRay`). A shot that cannot be turned onto the ray is, below the best elevation, too flat
 * (it lands nowhere), and above it too steep (the crosswind carries it farther than it flies).
 */
function rayMaximumRange(speed: number, world: ResolvedWorld3d): OnRay | null {
  const angles = coarseAngles();
  const coarse = landOnRay(world, speed, angles, new Float64Array(COARSE));
  const solved = coarse.filter((shot) => !Number.isNaN(shot.distance));
  // Each elevation's azimuth is guessed from the nearest one solved, along its turn da/de: Newton then starts close.
  // Where the azimuth turns fast with the elevation (a crosswind near the ball's own speed) that line can overshoot,
  // and a shot that fails from it is tried again from the nearest azimuth itself, then from the ray.
  const at = (elevation: number): OnRay => {
    let near = solved[0];
    for (const shot of solved) if (Math.abs(shot.elevation - elevation) < Math.abs(near.elevation - elevation)) near = shot;
    let shot = landOnRay(world, speed, [elevation], [near.azimuth + near.turn * (elevation - near.elevation)])[0];
    for (const guess of [near.azimuth, 0]) if (Number.isNaN(shot.distance)) shot = landOnRay(world, speed, [elevation], [guess])[0];
    if (!Number.isNaN(shot.distance)) solved.push(shot);
    return shot;
  };
  const found = climb(angles, coarse, at, (elevation, best) => (elevation < best ? Infinity : -Infinity));
  return found && found.best;
}

/**
 * A speed tried by `slowestSpeed`: its maximum range's launch (the azimuth in the ray's frame), how far past the
 * distance that range lands (negative: short of it), and d range/d speed.
 */
interface SpeedTried {
  speed: number;
  angle: number;
  azimuth: number;
  shortfall: number;
  slope: number;
}

/**
 * The slowest speed whose maximum range reaches `distance`: a bracket [low, high] with the range short of the distance
 * at low and past it at high, from `start` doubling, then Newton's method on the speed inside it. `reach` tries a speed.
 */
function slowestSpeed(distance: number, start: number, reach: (speed: number) => SpeedTried): SpeedTried {
  let low = 0;
  let high = reach(start);
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
  return at.shortfall >= -tolerance ? at : high;
}

/** A speed's maximum range in the plane (along the ray: azimuth 0), and its ∂distance/∂speed at the best angle (the envelope's derivative). */
function planeReach(speed: number, distance: number, world: World): SpeedTried {
  checkSpeed('speed', speed);
  const best = planeMaximumRange(speed, world);
  if (!best) return { speed, angle: NaN, azimuth: 0, shortfall: -Infinity, slope: NaN };
  const { partials } = simulateLandings(shotColumns(speed, best.angle, world), 1, ['speed']);
  return { speed, angle: best.angle, azimuth: 0, shortfall: best.distance - distance, slope: partials.speed![0] };
}

/**
 * A speed's maximum range along the ray, and its derivative: the total d distance/d speed at the best launch with
 * the azimuth kept on the ray, ∂x/∂s + ∂x/∂a·da/ds, da/ds = −(∂y/∂s)/(∂y/∂a) (one more call of `simulateImpacts`).
 */
function rayReach(speed: number, distance: number, world: ResolvedWorld3d): SpeedTried {
  checkSpeed('speed', speed);
  const best = rayMaximumRange(speed, world);
  if (!best) return { speed, angle: NaN, azimuth: NaN, shortfall: -Infinity, slope: NaN };
  const { partials } = flyFromMuzzle(world, speed, [best.elevation], [best.azimuth], ['speed', 'azimuth']);
  const [bySpeed, byAzimuth] = [partials.speed!, partials.azimuth!];
  const slope = bySpeed.x[0] - (byAzimuth.x[0] * bySpeed.y[0]) / byAzimuth.y[0];
  return { speed, angle: best.elevation, azimuth: best.azimuth, shortfall: best.distance - distance, slope };
}
