import { checkNumber, InvalidInputError } from '@cannon/errors';

/** The conditions of a shot. SI units: m/s², 1/m, m/s, m. */
export interface World {
  /** Gravitational acceleration, m/s². */
  gravity: number;
  /** Quadratic drag coefficient k = ρ·Cd·A/(2m), 1/m. 0 is the vacuum. */
  drag: number;
  /** Wind along the line of fire, m/s; positive blows towards the target. */
  wind: number;
  /** Height the ball leaves the muzzle at, m. */
  launchHeight: number;
  /** Height of the target, m: the shot lands where it descends through it. */
  targetHeight: number;
}

export const defaultWorld: Readonly<World> = Object.freeze({
  gravity: 9.81,
  drag: 0,
  wind: 0,
  launchHeight: 0,
  targetHeight: 0,
});

/** A launch: speed in m/s, angle above the horizontal in radians. */
export interface Launch {
  speed: number;
  angle: number;
}

export const worldFields = ['gravity', 'drag', 'wind', 'launchHeight', 'targetHeight'] as const;
export type WorldField = (typeof worldFields)[number];

/** Fills in the defaults and checks every field. */
export function resolveWorld(world: Partial<World> = {}): World {
  if (world === null || typeof world !== 'object') throw new InvalidInputError('world', 'an object', world);
  for (const key in world) {
    if (!(worldFields as readonly string[]).includes(key)) {
      throw new InvalidInputError(`world.${key}`, `one of ${worldFields.join(', ')}`, key);
    }
  }
  return {
    gravity: checkWorldField('gravity', world.gravity ?? defaultWorld.gravity),
    drag: checkWorldField('drag', world.drag ?? defaultWorld.drag),
    wind: checkWorldField('wind', world.wind ?? defaultWorld.wind),
    launchHeight: checkWorldField('launchHeight', world.launchHeight ?? defaultWorld.launchHeight),
    targetHeight: checkWorldField('targetHeight', world.targetHeight ?? defaultWorld.targetHeight),
  };
}

/**
 * What the model supports, SI units: a value outside is refused with an InvalidInputError naming the field and
 * this range. Inside it, every shot that lands within the step budget is simulated to the usual accuracy
 * (speeds of rifles and beyond, gravity from small moons to well past Jupiter's, drag from the vacuum to a
 * feather's, winds of a hurricane several times over, heights of a mountain).
 */
export const supportedRanges = Object.freeze({
  speed: Object.freeze([0, 10_000] as const),
  gravity: Object.freeze([0.01, 1000] as const),
  drag: Object.freeze([0, 100] as const),
  wind: Object.freeze([-1000, 1000] as const),
  launchHeight: Object.freeze([-100_000, 100_000] as const),
  targetHeight: Object.freeze([-100_000, 100_000] as const),
});

export function checkWorldField(field: WorldField, value: unknown): number {
  const [min, max] = supportedRanges[field];
  return checkNumber(`world.${field}`, value, { min, max });
}

export function checkLaunch(launch: Launch): Launch {
  if (launch === null || typeof launch !== 'object') throw new InvalidInputError('launch', 'an object { speed, angle }', launch);
  checkSpeed('speed', launch.speed);
  checkAngle('angle', launch.angle);
  return launch;
}

export function checkSpeed(field: string, value: unknown): number {
  const [min, max] = supportedRanges.speed;
  return checkNumber(field, value, { min, max });
}

export function checkAngle(field: string, value: unknown): number {
  return checkNumber(field, value, { min: -Math.PI / 2, max: Math.PI / 2, minOpen: true, maxOpen: true });
}

/** The quadratic drag coefficient k = ρ·Cd·A/(2m) of a sphere, in 1/m. */
export function dragCoefficient({
  mass,
  diameter,
  dragCoefficient: cd = 0.47,
  airDensity = 1.225,
}: {
  /** kg */
  mass: number;
  /** m */
  diameter: number;
  /** dimensionless; 0.47 for a smooth sphere */
  dragCoefficient?: number;
  /** kg/m³; 1.225 at sea level */
  airDensity?: number;
}): number {
  checkNumber('mass', mass, { min: 0, minOpen: true });
  checkNumber('diameter', diameter, { min: 0 });
  checkNumber('dragCoefficient', cd, { min: 0 });
  checkNumber('airDensity', airDensity, { min: 0 });
  const area = (Math.PI * diameter * diameter) / 4;
  return (airDensity * cd * area) / (2 * mass);
}
