import { emptyPlan, FlightBatch, planShot } from './flight.js';
import type { World } from './world.js';

/** Inputs a landing can be differentiated with respect to. */
export const shotFields = ['speed', 'angle', 'gravity', 'drag', 'wind', 'launchHeight', 'targetHeight'] as const;
export type ShotField = (typeof shotFields)[number];

/** A batch of shots as columns; a column of length 1 applies to every shot. Values are trusted (checked upstream). */
export type ShotColumns = Record<ShotField, ArrayLike<number>>;

/** Shots flown per call of the kernel: bounds the memory a batch takes. */
const BLOCK = 16384;


export interface Landings {
  /** Landing distance of each shot, NaN where it never descends through the target height. */
  distance: Float64Array;
  flightTime: Float64Array;
  /** ∂distance/∂field for each requested field (0 where there is no landing). */
  partials: Partial<Record<ShotField, Float64Array>>;
  /**
   * 1 where the simulator could not follow the shot to its landing within its steps (a strong drag at a high
   * speed): its distance is NaN too, but unlike a shot that never comes down, it may land. The rest of the
   * batch is unaffected.
   */
  unresolved: Uint8Array;
}

/**
 * Lands a batch of shots with the discrete model, and, for the requested fields, the exact derivatives of
 * each landing distance (forward sensitivities through the steps, implicit function at impact).
 */
export function simulateLandings(columns: ShotColumns, count: number, partialFields: readonly ShotField[] = []): Landings {
  return flyLandings(columns, count, partialFields, 'both');
}

/**
 * The passes through the shots that make a landing's derivatives: `launch` flies the tangents along the launch
 * velocity and the step size, which give every field's derivative but the part of drag's, wind's and gravity's
 * that comes through the forces; `world` flies only that part (the tangents along the drag, the wind and
 * gravity), for those fields. `simulateLandings` takes `both`, as many as the fields asked for need; a caller
 * that may or may not need the world's part later (a gradient tape) takes `launch` first and adds `world`'s
 * partials when they are asked for.
 */
export type LandingPasses = 'both' | 'launch' | 'world';

/** `simulateLandings` with the passes chosen (see LandingPasses). */
export function flyLandings(columns: ShotColumns, count: number, partialFields: readonly ShotField[], passes: LandingPasses): Landings {
  const want = new Set(partialFields);
  const distance = new Float64Array(count);
  const flightTime = new Float64Array(count);
  const unresolved = new Uint8Array(count);
  const partials: Landings['partials'] = {};
  for (const field of partialFields) partials[field] = new Float64Array(count);
  // A column of length count is read as it is; a column of one value is shared (read at index 0).
  const column = (field: ShotField) => {
    const values = columns[field];
    return values.length === count ? values : new Float64Array(count).fill(values[0]);
  };
  const speeds = column('speed');
  const angles = column('angle');
  const gravities = column('gravity');
  const drags = column('drag');
  const winds = column('wind');
  const launchHeights = column('launchHeight');
  const targetHeights = column('targetHeight');
  const worldPass = passes !== 'launch' && (want.has('drag') || want.has('wind') || want.has('gravity'));
  /** A flight too short to step (`isFlown`): the vacuum's landing x = vx·T and its derivatives (drag's and wind's vanish with T²). */
  const settleInstantly = (i: number, speed: number, angle: number, gravity: number, drop: number, T: number) => {
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const [vx, vy] = [speed * cos, speed * sin];
    const reach = gravity * T - vy; // √(vy² + 2g·drop)
    const perVy = (1 + vy / reach) / gravity; // ∂T/∂vy
    distance[i] = vx * T;
    flightTime[i] = T;
    if (passes === 'world') return; // no force acts over such a flight: its world part is 0
    if (partials.speed) partials.speed[i] = cos * T + vx * perVy * sin;
    if (partials.angle) partials.angle[i] = -vy * T + vx * perVy * vx;
    if (partials.launchHeight) partials.launchHeight[i] = vx / reach;
    if (partials.targetHeight) partials.targetHeight[i] = -vx / reach;
    if (partials.gravity) partials.gravity[i] = (vx * (drop / reach - T)) / gravity;
  };

  // One plan, filled shot after shot.
  const plan = emptyPlan();
  // Derivatives with respect to speed and angle alone fly two directions, each seeded with its move of the launch
  // velocity and of the step (the shot set), instead of the launch set's three.
  const shotSet = want.size > 0 && [...want].every((field) => field === 'speed' || field === 'angle');
  const seeds: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  const launchDirections = want.size === 0 ? 'none' : shotSet ? 'shot' : 'launch';
  for (let start = 0; start < count; start += BLOCK) {
    const end = Math.min(count, start + BLOCK);
    const batch = FlightBatch.of(end - start);
    for (let i = start; i < end; i++) {
      const { cos, sin, vx, vy, vacuumTime, step } = planShot(speeds[i], angles[i], gravities[i], launchHeights[i], targetHeights[i], winds[i], drags[i], plan);
      // Settled without flying: no landing, or at the target height already and not rising (lands at the muzzle).
      // (The partials start at 0.)
      distance[i] = Number.isNaN(vacuumTime) ? NaN : 0;
      flightTime[i] = distance[i];
      if (step && shotSet) {
        // The step moves with T, and T with vy: ∂T/∂vy = (1 + vy/√(vy² + 2g·drop))/g.
        const gravity = gravities[i];
        const perVy = (step.perFlightTime * (1 + vy / (gravity * vacuumTime - vy))) / gravity;
        seeds[0] = cos;
        seeds[1] = sin;
        seeds[2] = step.perSpeed + perVy * sin;
        seeds[3] = -vy;
        seeds[4] = vx;
        seeds[5] = perVy * vx;
        batch.add(i, vx, vy, launchHeights[i], targetHeights[i], step.dt, gravity, drags[i], winds[i], seeds);
      } else if (step) batch.add(i, vx, vy, launchHeights[i], targetHeights[i], step.dt, gravities[i], drags[i], winds[i]);
      else if (vacuumTime > 0) settleInstantly(i, speeds[i], angles[i], gravities[i], launchHeights[i] - targetHeights[i], vacuumTime);
    }
    if (passes !== 'world') batch.fly(launchDirections, (i, result) => {
      distance[i] = result.distance;
      flightTime[i] = result.flightTime;
      if (result.unresolved) unresolved[i] = 1;
      if (!result.landed || want.size === 0) return;
      if (shotSet) {
        if (partials.speed) partials.speed[i] = result.tangents[0];
        if (partials.angle) partials.angle[i] = result.tangents[1];
        return;
      }
      // The step depends on the launch and the world (stepSize), and through the vacuum flight time T on the
      // vertical launch speed, gravity and the drop: chain those derivatives in.
      const gravity = gravities[i];
      const { cos, sin, vx, vy, drop, vacuumTime, step: plannedStep } = planShot(speeds[i], angles[i], gravity, launchHeights[i], targetHeights[i], winds[i], drags[i], plan);
      const step = plannedStep!; // a shot that landed was flown
      const reach = gravity * vacuumTime - vy; // √(vy² + 2g·drop)
      const [perVx, perVy, perDt] = result.tangents;
      const perTime = perDt * step.perFlightTime; // ∂distance/∂T through the step
      const perVyInAll = perVy + (perTime * (1 + vy / reach)) / gravity;
      const perHeight = result.distancePerTargetHeight;
      if (partials.speed) partials.speed[i] = perVx * cos + perVyInAll * sin + perDt * step.perSpeed;
      if (partials.angle) partials.angle[i] = -perVx * vy + perVyInAll * vx;
      if (partials.launchHeight) partials.launchHeight[i] = -perHeight + perTime / reach;
      if (partials.targetHeight) partials.targetHeight[i] = perHeight - perTime / reach;
      if (partials.gravity) partials.gravity[i] = (perTime * (drop / reach - vacuumTime)) / gravity + perDt * step.perGravity;
      if (partials.drag) partials.drag[i] = perDt * step.perDrag;
      if (partials.wind) partials.wind[i] = perDt * step.perWind;
    });
    if (!worldPass) continue;
    batch.fly('world', (i, result) => {
      if (passes === 'world') {
        distance[i] = result.distance;
        flightTime[i] = result.flightTime;
        if (result.unresolved) unresolved[i] = 1;
      }
      if (!result.landed) return;
      const [perDrag, perWind, perGravity] = result.tangents;
      if (partials.drag) partials.drag[i] += perDrag;
      if (partials.wind) partials.wind[i] += perWind;
      if (partials.gravity) partials.gravity[i] += perGravity;
    });
  }
  return { distance, flightTime, partials, unresolved };
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
