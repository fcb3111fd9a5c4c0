import { checkInteger, checkNumber, checkRange } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { shotColumns, simulateLandings } from './simulate.js';
import { resolveWorld, type World } from './world.js';

/** The most shots one call fires (ten million): a call that asks for more is refused before it allocates. */
export const maxShots = 10_000_000;

export interface FireOptions {
  /** How many shots, 1 to `maxShots`; default 1000 (the article's). */
  shots?: number;
  /** Speeds are drawn uniformly from this open interval, m/s; default (0, 10). */
  speedRange?: readonly [number, number];
  /** Angles are drawn uniformly from this open interval, rad; default (0, π/2). */
  angleRange?: readonly [number, number];
  /** Standard deviation of the Gaussian error of each measured landing, m; default 0. */
  noise?: number;
  seed?: number;
  world?: Partial<World>;
}

export interface FiredShot {
  speed: number;
  angle: number;
  /** The measured landing distance (with noise), or null when the shot never came down through the target height. */
  distance: number | null;
}

/**
 * The article's real cannon: fires shots at random speeds and angles and measures where they land, to
 * collect training data.
 */
export function fire(options: FireOptions = {}): FiredShot[] {
  const { shots = 1000, speedRange = [0, 10], angleRange = [0, Math.PI / 2], noise = 0, seed = 0, world = {} } = options;
  checkInteger('shots', shots, { min: 1, max: maxShots });
  checkRange('speedRange', speedRange, { min: 0 });
  checkRange('angleRange', angleRange, { min: -Math.PI / 2, max: Math.PI / 2 });
  checkNumber('noise', noise, { min: 0 });
  const resolved = resolveWorld(world);
  const random = createRandom(seed);
  const speed = new Float64Array(shots);
  const angle = new Float64Array(shots);
  for (let i = 0; i < shots; i++) {
    speed[i] = random.between(speedRange[0], speedRange[1]);
    angle[i] = random.between(angleRange[0], angleRange[1]);
  }
  const { distance } = simulateLandings({ ...shotColumns(0, 0, resolved), speed, angle }, shots);
  return Array.from(speed, (s, i) => ({
    speed: s,
    angle: angle[i],
    distance: Number.isNaN(distance[i]) ? null : distance[i] + (noise > 0 ? noise * random.normal() : 0),
  }));
}
