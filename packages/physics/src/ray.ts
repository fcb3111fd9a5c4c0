import { flyFromMuzzle, type MuzzleImpacts } from './muzzle.js';
import type { ResolvedWorld3d } from './shot.js';

/**
 * Shots that land on a ray from the muzzle, for the ranges of `maximumRange` and `minimumSpeed` in three dimensions.
 *
 * They are worked out in the ray's own frame: the world turned by −bearing, so that the ray is +x. Only the wind,
 * the launcher's velocity and the Earth's axis have a direction in the model (gravity is vertical, the drag and the
 * air do not care which way the ball flies), so turning those turns every impact with them: a shot at azimuth a in
 * the ray's frame is the world's shot at azimuth a + bearing. In that frame an impact lies on the ray where y = 0
 * and x ≥ 0, and x is its distance along the ray.
 */

/** The world seen from a ray at `bearing` (radians, counterclockwise from +x): the same world turned by −bearing. */
export function turnToRay(world: ResolvedWorld3d, bearing: number): ResolvedWorld3d {
  if (bearing === 0) return world;
  const [cos, sin] = [Math.cos(bearing), Math.sin(bearing)];
  const turn = (x: number, y: number): [number, number] => [x * cos + y * sin, y * cos - x * sin];
  const [windX, windY] = turn(world.windX, world.windY);
  const turned: ResolvedWorld3d = { ...world, windX, windY, launcherVelocity: turn(...world.launcherVelocity) };
  // The Earth's bearing is the compass bearing of +x, clockwise from north: turning +x counterclockwise lowers it.
  if (world.earth) turned.earth = { latitude: world.earth.latitude, bearing: world.earth.bearing - bearing };
  return turned;
}

/**
 * Whether every shot along +x stays in the plane, so that the plane's model and search answer for it: no crosswind,
 * a constant drag, a still Earth and a launcher that stands still (a moving one changes the ball's speed with the
 * elevation, which the plane's search over the ball's own angle does not model).
 */
export function staysInRayPlane(world: ResolvedWorld3d): boolean {
  const [lx, ly] = world.launcherVelocity;
  return world.windY === 0 && !world.tableDrag && !world.earth && lx === 0 && ly === 0;
}

/** A shot of a given elevation turned onto the ray (in the ray's frame). */
export interface OnRay {
  elevation: number;
  /** The azimuth that lands it on the ray; NaN where none was found. */
  azimuth: number;
  /** How far along the ray it lands, m; NaN where it lands nowhere on the ray. */
  distance: number;
  /**
   * d distance/d elevation with the azimuth kept on the ray, the total derivative: ∂x/∂e + ∂x/∂a·da/de, where
   * da/de = −(∂y/∂e)/(∂y/∂a) keeps y = 0. NaN where there is no distance.
   */
  slope: number;
  /** da/de along the ray: how the azimuth follows the elevation, to guess it at the next elevation. */
  turn: number;
}

/** Rounds of Newton's method on the azimuth before a shot is given up: from a fair guess it takes 1 to 3. */
const AZIMUTH_ROUNDS = 10;
/**
 * A Newton step larger than this (radians) is not taken: the ring of impacts that turning the shot sweeps, around
 * the crosswind's drift, does not reach the ray (a steep shot that the wind carries farther than it flies) or does
 * only far from where it is aimed, at a landing shorter than the best.
 */
const LARGEST_TURN = 1;

/** How far off the ray (m) an impact may land: a nanometre, or 10⁻¹² of the distance beyond a kilometre. */
const offRay = (distance: number) => Math.max(1e-9, 1e-12 * Math.abs(distance));

/**
 * Turns each shot (one speed, the given elevations) onto the ray: Newton's method on the azimuth, with ∂y/∂azimuth,
 * from the given guesses; the shots still off the ray are flown again together, so each round is one call of
 * `simulateImpacts`. The solution taken is the one where turning left moves the impact left (∂y/∂a > 0): the far
 * side of the ring of impacts, which lands farther along the ray than its near side.
 */
export function landOnRay(world: ResolvedWorld3d, speed: number, elevations: ArrayLike<number>, guesses: ArrayLike<number>): OnRay[] {
  const shots: OnRay[] = Array.from(elevations, (elevation) => ({ elevation, azimuth: NaN, distance: NaN, slope: NaN, turn: NaN }));
  const azimuths = Float64Array.from(guesses);
  // The last step taken from an azimuth where the shot still came down on the far side, to back off along.
  const taken: ({ from: number; step: number } | null)[] = shots.map(() => null);
  let pending = shots.map((_, i) => i);
  for (let round = 0; round < AZIMUTH_ROUNDS && pending.length > 0; round++) {
    const flown = flyFromMuzzle(world, speed, pending.map((i) => elevations[i]), pending.map((i) => azimuths[i]), ['elevation', 'azimuth']);
    const { elevation: byElevation, azimuth: byAzimuth } = flown.partials as Required<MuzzleImpacts['partials']>;
    const again: number[] = [];
    const step = (i: number, from: number, by: number) => {
      taken[i] = { from, step: by };
      azimuths[i] = from + by;
      again.push(i);
    };
    pending.forEach((i, k) => {
      const [x, y, perAzimuth] = [flown.x[k], flown.y[k], byAzimuth.y[k]];
      const onRay = Math.abs(y) <= offRay(x);
      // Lands nowhere (turned into the wind, it no longer climbs to the target height), or on the near side of the
      // ring, or a shot that no turn moves (no speed) off the ray: a step that led there is halved; a guess is given up.
      if (Number.isNaN(x) || (!(perAzimuth > 0) && !onRay)) {
        const last = taken[i];
        if (last) step(i, last.from, last.step / 2);
        return;
      }
      const newton = perAzimuth > 0 ? -y / perAzimuth : 0;
      if (Math.abs(newton) > LARGEST_TURN) return;
      // Turning the shot moves its impact along the ring at |∂impact/∂a| per radian, so the step leaves it about
      // ½·|∂impact/∂a|·step² off the ray: when twice that is within the tolerance, the step is taken without flying it.
      if (Math.hypot(byAzimuth.x[k], perAzimuth) * newton * newton > offRay(x)) {
        step(i, azimuths[i], newton);
        return;
      }
      const distance = x + byAzimuth.x[k] * newton;
      if (distance < 0) return; // behind the muzzle: on the ray's opposite
      const turn = perAzimuth > 0 ? -byElevation.y[k] / perAzimuth : 0;
      shots[i] = { elevation: elevations[i], azimuth: azimuths[i] + newton, distance, slope: byElevation.x[k] + byAzimuth.x[k] * turn, turn };
    });
    pending = again;
  }
  return shots;
}
