import { Flight, STEPS_PER_FLIGHT } from './flight.js';
import { vacuumFlightTime } from './vacuum.js';
import type { World } from './world.js';

/** Inputs a landing can be differentiated with respect to. */
export const shotFields = ['speed', 'angle', 'gravity', 'drag', 'wind', 'launchHeight', 'targetHeight'] as const;
export type ShotField = (typeof shotFields)[number];

/** A batch of shots as columns; a column of length 1 applies to every shot. Values are trusted (checked upstream). */
export type ShotColumns = Record<ShotField, ArrayLike<number>>;


export interface Landings {
  /** Landing distance of each shot, NaN where it never descends through the target height. */
  distance: Float64Array;
  flightTime: Float64Array;
  /** ∂distance/∂field for each requested field (0 where there is no landing). */
  partials: Partial<Record<ShotField, Float64Array>>;
}

/**
 * Lands a batch of shots with the discrete model, and, for the requested fields, the exact derivatives of
 * each landing distance (forward sensitivities through the steps, implicit function at impact).
 */
export function simulateLandings(columns: ShotColumns, count: number, partialFields: readonly ShotField[] = []): Landings {
  const want = new Set(partialFields);
  const distance = new Float64Array(count);
  const flightTime = new Float64Array(count);
  const partials: Landings['partials'] = {};
  for (const field of partialFields) partials[field] = new Float64Array(count);
  const at = (field: ShotField, i: number) => (columns[field].length === 1 ? columns[field][0] : columns[field][i]);
  // Launch velocity and step size in one pass; the world's directions, when asked for, in a second.
  const launchPass = new Flight(want.size > 0 ? ['vx', 'vy', 'dt'] : []);
  const worldKinds = (['drag', 'wind', 'gravity'] as const).filter((kind) => want.has(kind));
  const worldPass = worldKinds.length > 0 ? new Flight(worldKinds) : null;

  for (let i = 0; i < count; i++) {
    const speed = at('speed', i);
    const angle = at('angle', i);
    const gravity = at('gravity', i);
    const launchHeight = at('launchHeight', i);
    const targetHeight = at('targetHeight', i);
    const drop = launchHeight - targetHeight;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const vx = speed * cos;
    const vy = speed * sin;
    const vacuumTime = vacuumFlightTime(vy, gravity, drop);
    const dt = vacuumTime / STEPS_PER_FLIGHT;
    const fly = (flight: Flight) => {
      if (Number.isNaN(vacuumTime)) return flight.noLanding();
      if (vacuumTime === 0) return flight.landAtMuzzle();
      return flight.fly(vx, vy, launchHeight, targetHeight, dt, gravity, at('drag', i), at('wind', i));
    };
    const landed = fly(launchPass);
    distance[i] = launchPass.distance;
    flightTime[i] = launchPass.flightTime;
    if (want.size === 0) continue;
    if (!landed || vacuumTime === 0) {
      for (const field of partialFields) partials[field]![i] = 0;
      continue;
    }
    // The step is the vacuum flight time T over STEPS_PER_FLIGHT: chain T's derivatives in.
    const [perVx, perVy, perDt] = launchPass.distanceTangents;
    const reach = gravity * vacuumTime - vy; // √(vy² + 2g·drop)
    const perTime = perDt / STEPS_PER_FLIGHT;
    const perVyInAll = perVy + (perTime * (1 + vy / reach)) / gravity;
    const perHeight = launchPass.distancePerTargetHeight;
    if (partials.speed) partials.speed[i] = perVx * cos + perVyInAll * sin;
    if (partials.angle) partials.angle[i] = -perVx * vy + perVyInAll * vx;
    if (partials.launchHeight) partials.launchHeight[i] = -perHeight + perTime / reach;
    if (partials.targetHeight) partials.targetHeight[i] = perHeight - perTime / reach;
    if (worldPass) {
      fly(worldPass);
      const perWorld = (kind: 'drag' | 'wind' | 'gravity') => worldPass.distanceTangents[worldKinds.indexOf(kind)];
      if (partials.drag) partials.drag[i] = perWorld('drag');
      if (partials.wind) partials.wind[i] = perWorld('wind');
      if (partials.gravity) partials.gravity[i] = perWorld('gravity') + (perTime * (drop / reach - vacuumTime)) / gravity;
    } else if (partials.gravity) {
      partials.gravity[i] = (perTime * (drop / reach - vacuumTime)) / gravity;
    }
  }
  return { distance, flightTime, partials };
}

/** A one-shot column set from a launch and a world. */
export function shotColumns(speed: number, angle: number, world: World): ShotColumns {
  return {
    speed: [speed],
    angle: [angle],
    gravity: [world.gravity],
    drag: [world.drag],
    wind: [world.wind],
    launchHeight: [world.launchHeight],
    targetHeight: [world.targetHeight],
  };
}
