// Every call the aiming figures make into the @cannon libraries: `aim` of @cannon/inverse (predict, verify,
// refine), `createAimer` (an aimer trained in the page's worker, rebuilt on plain numbers) and `trajectory`
// of @cannon/physics (the path of a shot, for drawing). Loaded lazily, so that a page paints before any
// library code arrives.
import type { Aimer, AimOptions, AimResult, Conditions } from '@cannon/inverse';
import type { Launch, Trajectory } from '@cannon/physics';
import type { AimerParameters } from './training';

export type { Aimer, AimOptions, AimResult, Conditions, Launch, Trajectory };

export interface Aiming {
  aim(target: number, conditions: Conditions, options?: AimOptions): AimResult;
  /** The aimer a worker trained, from its metadata and flat parameters. */
  aimerFrom(trained: AimerParameters): Aimer;
  /** The path of a shot under the conditions of an aim, from the muzzle (height 0) to its landing. */
  trajectory(launch: Launch, conditions: Conditions, samples?: number): Trajectory;
  /** Why an aim could not be made, in words, when it is an error the reader can cause (a target out of reach, or not ahead of the cannon). */
  explain(error: unknown): string | null;
}

let loaded: Promise<Aiming> | undefined;

export function loadAiming(): Promise<Aiming> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Aiming> {
  // Aiming runs on plain numbers: no tensor engine to wait for.
  const [inverse, physics] = await Promise.all([import('@cannon/inverse'), import('@cannon/physics')]);
  return {
    aim: (target, conditions, options) => inverse.aim(target, conditions, options),
    aimerFrom: ({ metadata, parameters }) => inverse.createAimer(metadata, parameters),
    trajectory: (launch, conditions, samples = 161) => physics.trajectory(launch, inverse.worldOf(conditions), { samples }),
    explain(error) {
      if (error instanceof inverse.UnreachableTargetError) {
        return `No shot the aimer may fire reaches ${error.target} m here: the farthest lands at ${error.maxDistance.toFixed(2)} m.`;
      }
      if (error instanceof physics.InvalidInputError) return error.field === 'target' ? 'The target must be ahead of the cannon: more than 0 m away.' : error.message;
      return null;
    },
  };
}
