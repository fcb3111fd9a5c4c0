import { shotColumns, simulateLandings } from './simulate.js';
import { checkSpeed, resolveWorld, type World } from './world.js';

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
