// The calls the loss-surface figures make into the @cannon libraries: the squared miss over a speed × angle
// grid (lossSurface of @cannon/optimize) and a descent on it from a chosen start (solve, with its path).
import type { LossSurface, Solution } from '@cannon/optimize';
import type { World } from '@cannon/physics';

export type { LossSurface, Solution };

export interface Surfaces {
  /** The true loss surface for a target: (landing − target)² on the physics, 41 × 41 over (0…10 m/s) × (0…90°). */
  physicsLoss(target: number, world?: Partial<World>): LossSurface;
  /** Gradient descent on the physics from `start`, every step recorded. */
  descend(target: number, start: { speed: number; angle: number }, world?: Partial<World>): Solution;
}

let loaded: Promise<Surfaces> | undefined;

export function loadSurfaces(): Promise<Surfaces> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Surfaces> {
  // Solving on the physics runs on plain numbers: no tensor engine to wait for.
  const optimize = await import('@cannon/optimize');
  return {
    physicsLoss: (target, world = {}) => optimize.lossSurface(optimize.physicsModel(world), target),
    descend: (target, start, world = {}) => optimize.solve(optimize.physicsModel(world), target, { method: 'gradient-descent', start, world, path: true }),
  };
}
