import { shotColumns, simulateLandings } from './simulate.js';
import { checkSpeed, resolveWorld, type World } from './world.js';

const GOLDEN = (Math.sqrt(5) - 1) / 2;
const EDGE = 1e-9;

/**
 * The farthest any angle lands a shot of `speed` in a world (drag and wind included), and that angle; null
 * when no angle lands. Found by golden-section search over the angle: the landing is unimodal in it, and
 * the angles that reach the target height at all are the steep ones.
 */
export function maximumRange(speed: number, world: Partial<World> = {}): { distance: number; angle: number } | null {
  checkSpeed('speed', speed);
  const resolved = resolveWorld(world);
  const reach = (angle: number) => {
    const d = simulateLandings(shotColumns(speed, angle, resolved), 1).distance[0];
    return Number.isNaN(d) ? -Infinity : d;
  };
  let lo = -Math.PI / 2 + EDGE;
  let hi = Math.PI / 2 - EDGE;
  let a = hi - GOLDEN * (hi - lo);
  let b = lo + GOLDEN * (hi - lo);
  let fa = reach(a);
  let fb = reach(b);
  while (hi - lo > 1e-10) {
    // Where neither lands, the target height is out of reach: steeper shots climb higher.
    if (fa < fb || (fa === -Infinity && fb === -Infinity)) {
      lo = a;
      a = b;
      fa = fb;
      b = lo + GOLDEN * (hi - lo);
      fb = reach(b);
    } else {
      hi = b;
      b = a;
      fb = fa;
      a = hi - GOLDEN * (hi - lo);
      fa = reach(a);
    }
  }
  const angle = 0.5 * (lo + hi);
  const distance = reach(angle);
  return distance === -Infinity ? null : { distance, angle };
}
