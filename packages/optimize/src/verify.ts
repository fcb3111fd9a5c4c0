import { landing, type Launch, type World } from '@cannon/physics';
import { checkNumber } from '@cannon/errors';

/** The truth about a shot: where @cannon/physics lands it in `world`, and its miss; null and Infinity when it never lands. */
export function verify(shot: Launch, target: number, world: Partial<World> = {}): { landing: number | null; error: number } {
  checkNumber('target', target, { min: 0 });
  const hit = landing(shot, world);
  return hit ? { landing: hit.distance, error: Math.abs(hit.distance - target) } : { landing: null, error: Infinity };
}
