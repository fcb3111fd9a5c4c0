// What "the shot lands on target" means in the release and consumer tests.
import { expect } from 'vitest';

export interface Shot {
  speed: number;
  angle: number;
  landing: number;
  error: number;
}

/**
 * The shot lands on `target`: its reported miss is the true distance from the target and within `tolerance`,
 * and `reland` (the physics of @cannon/physics, run again on the shot's speed and angle) lands it there too.
 */
export function expectOnTarget(shot: Shot, target: number, tolerance: number, reland: (shot: Shot) => number | null, context = JSON.stringify(shot)): void {
  expect(Math.abs(shot.landing - target), context).toBeLessThanOrEqual(shot.error + 1e-12);
  expect(shot.error, context).toBeLessThanOrEqual(tolerance);
  const distance = reland(shot);
  expect(distance, context).not.toBeNull();
  expect(distance!, context).toBeCloseTo(shot.landing, 9);
  expect(Math.abs(distance! - target), context).toBeLessThanOrEqual(tolerance);
}
