// The calls the derivative figure makes into @cannon/physics: one shot's flight (trajectory) and its landing
// with the exact derivatives the simulator carries along (simulateLandings with partials: forward
// sensitivities through the steps, the implicit function theorem at the impact). Plain numbers, on the page.
import type { Launch, Trajectory, World } from '@cannon/physics';

export type { Launch, Trajectory, World };

/** A shot, where it lands, and how its landing moves with each control. */
export interface DifferentiatedShot {
  flight: Trajectory;
  /** Landing distance, m (NaN: it never comes down through the target height). */
  distance: number;
  /** ∂distance/∂angle, m per radian, and ∂distance/∂speed, m per m/s. */
  perAngle: number;
  perSpeed: number;
}

export interface Derivatives {
  shoot(launch: Launch, world: Partial<World>): DifferentiatedShot;
}

let loaded: Promise<Derivatives> | undefined;

export function loadDerivatives(): Promise<Derivatives> {
  loaded ??= import('@cannon/physics').then((physics) => ({
    shoot(launch, world) {
      const { distance, partials } = physics.simulateLandings(physics.shotColumns(launch.speed, launch.angle, physics.resolveWorld(world)), 1, ['angle', 'speed']);
      return { flight: physics.trajectory(launch, world, { samples: 121 }), distance: distance[0], perAngle: partials.angle![0], perSpeed: partials.speed![0] };
    },
  }));
  return loaded;
}
