import { InvalidInputError, type ReachConditions3d } from '@cannon/errors';
import { createImpactFlier, flyFromMuzzle, resolveWorld3d, type ImpactFlier, type MuzzleField, type ResolvedWorld3d, type World3d } from '@cannon/physics';

/**
 * The world of an aim in three dimensions, and the one flight the solvers need: a shot of the muzzle's speed,
 * elevation and azimuth, to a target height, with the exact derivatives of its impact and flight time.
 */

/** A world as `landing` takes it, without the target height (the target's own `height` is that). */
export type AimWorld = Omit<World3d, 'targetHeight'>;

/** A world checked by the physics (`resolveWorld3d`), with what the aim adds to it. */
export interface ResolvedAimWorld {
  /** As given: what `landing`, `maximumRange` and `minimumSpeed` take, with a target height added. */
  given: AimWorld;
  /** As the physics resolved it (its target height is replaced per flight). */
  physics: ResolvedWorld3d;
  /** How an error describes the drag: k, or the ball on its table. */
  dragText: number | string;
}

/**
 * Checks a world with the physics' own checks (`resolveWorld3d`, so that a bad field is refused with the message the
 * physics gives: `world.wind[1] must be …`); a target height is refused here, since the target says its own.
 */
export function resolveAimWorld(world: AimWorld): ResolvedAimWorld {
  if (world === null || typeof world !== 'object' || Array.isArray(world)) throw new InvalidInputError('world', 'an object (any world landing takes, without targetHeight)', world);
  if ('targetHeight' in world) throw new InvalidInputError('world.targetHeight', "left out: the target's height above the muzzle's ground is target.height", (world as World3d).targetHeight);
  const physics = resolveWorld3d(world);
  return { given: world, physics, dragText: describeDrag(world, physics) };
}

/** The world with the target at `targetHeight`: what `landing`, `maximumRange` and `minimumSpeed` take. */
export function worldAt(world: ResolvedAimWorld, targetHeight: number): World3d {
  return { ...world.given, targetHeight };
}

/** The conditions an UnreachableTargetError reports for a target on `bearing` at `targetHeight`. */
export function reachConditions(world: ResolvedAimWorld, bearing: number, targetHeight: number): ReachConditions3d {
  return { bearing, wind: [world.physics.windX, world.physics.windY], drag: world.dragText, targetHeight };
}

function describeDrag(world: AimWorld, physics: ResolvedWorld3d): number | string {
  const ball = world.drag;
  if (typeof ball !== 'object' || !physics.tableDrag) return physics.drag;
  const name = typeof ball.table === 'string' ? ball.table.toUpperCase() : ball.table.name;
  return `${name} table, ${ball.mass} kg, ${ball.diameter} m${ball.formFactor === undefined ? '' : `, form factor ${ball.formFactor}`}`;
}

/** The control a solve leaves free beside the azimuth: the elevation (a fixed speed) or the speed (a fixed elevation). */
export type FreeControl = 'elevation' | 'speed';

/** ∂(x, y, flight time) by one input. */
export type Partial3 = [number, number, number];

/** A shot flown to a target height: its impact, its flight time, and their derivatives. */
export interface Flight {
  x: number;
  y: number;
  time: number;
  /** By the free control, the azimuth and the target height. */
  byControl: Partial3;
  byAzimuth: Partial3;
  byHeight: Partial3;
}

const oneShot = new Float64Array(12);
/** One-shot fliers with the derivatives by the free control, the azimuth and the target height, made on first use. */
const fliers: Partial<Record<FreeControl, ImpactFlier>> = {};

/**
 * Flies one shot from the muzzle (`flyFromMuzzle`: a moving launcher's velocity added, the derivatives chained through
 * it), with the exact derivatives of its impact and flight time by the free control, the azimuth and the target
 * height; null when it never comes down through that height.
 */
export function fly(world: ResolvedAimWorld, speed: number, elevation: number, azimuth: number, targetHeight: number, free: FreeControl): Flight | null {
  const { launcherVelocity } = world.physics;
  if (launcherVelocity[0] === 0 && launcherVelocity[1] === 0) {
    // A launcher that stands still: the ball leaves as the muzzle sets it, one shot flown without a batch's setting up.
    const o = oneShot;
    const flier = (fliers[free] ??= createImpactFlier([free, 'azimuth', 'targetHeight']));
    if (!flier(world.physics, speed, elevation, azimuth, targetHeight, o)) return null;
    return { x: o[0], y: o[1], time: o[2], byControl: [o[3], o[4], o[5]], byAzimuth: [o[6], o[7], o[8]], byHeight: [o[9], o[10], o[11]] };
  }
  const fields: MuzzleField[] = [free, 'azimuth', 'targetHeight'];
  const flown = flyFromMuzzle(world.physics, speed, [elevation], [azimuth], fields, [targetHeight]);
  const [x, y, time] = [flown.x[0], flown.y[0], flown.flightTime[0]];
  if (!Number.isFinite(x) || !Number.isFinite(time)) return null;
  const partial = (field: MuzzleField): Partial3 => {
    const by = flown.partials[field]!;
    return [by.x[0], by.y[0], by.flightTime[0]];
  };
  return { x, y, time, byControl: partial(free), byAzimuth: partial('azimuth'), byHeight: partial('targetHeight') };
}
