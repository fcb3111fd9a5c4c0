import { rangeScaling, type Scaling } from '@cannon/network';
import { defaultWorld, type ShotColumns, type World } from '@cannon/physics';
import { checkNumber, checkRange, InvalidInputError } from '@cannon/errors';

/** The conditions of a shot besides its target: the wind (m/s), the drag k (1/m) and the target height above the muzzle (m). */
export interface Conditions {
  wind: number;
  drag: number;
  heightDifference: number;
}

export type Range = readonly [number, number];

/** The box an aimer is trained on and answers for, and the fastest shot it may ask for. */
export interface AimerDomain {
  target: Range;
  wind: Range;
  drag: Range;
  heightDifference: Range;
  maxSpeed: number;
}

export const conditionFields = ['wind', 'drag', 'heightDifference'] as const;
export const inputFields = ['target', ...conditionFields] as const;
export type InputField = (typeof inputFields)[number];

/** The article's world: flat ground, no air, speeds up to 10 m/s, targets up to the maximum range (v²/g). */
export const vacuumDomain: AimerDomain = Object.freeze({
  target: [0.05, (10 * 10) / defaultWorld.gravity] as const,
  wind: [0, 0] as const,
  drag: [0, 0] as const,
  heightDifference: [0, 0] as const,
  maxSpeed: 10,
});

/** A field: targets 1–8 m, wind ±5 m/s, drag up to 0.05 1/m, the target up to 1 m above or below; speeds up to 15 m/s reach all of it. */
export const fieldDomain: AimerDomain = Object.freeze({
  target: [1, 8] as const,
  wind: [-5, 5] as const,
  drag: [0, 0.05] as const,
  heightDifference: [-1, 1] as const,
  maxSpeed: 15,
});

/** The inputs that vary over a domain: those are the network's inputs. */
export function varyingInputs(domain: AimerDomain): InputField[] {
  checkDomain(domain);
  return inputFields.filter((field) => domain[field][1] > domain[field][0]);
}

/** Fills in calm conditions (no wind, no drag, level target) and checks each. */
export function resolveConditions(conditions: Partial<Conditions> = {}): Conditions {
  if (conditions === null || typeof conditions !== 'object') throw new InvalidInputError('conditions', 'an object { wind, drag, heightDifference }', conditions);
  for (const key in conditions) {
    if (key !== 'wind' && key !== 'drag' && key !== 'heightDifference' && Object.hasOwn(conditions, key)) {
      throw new InvalidInputError(`conditions.${key}`, `one of ${conditionFields.join(', ')}`, key);
    }
  }
  // Checked without a message to build when every value is fine (aimBatch resolves one object per target).
  const { wind = 0, drag = 0, heightDifference = 0 } = conditions;
  if (Number.isFinite(wind) && Number.isFinite(drag) && drag >= 0 && Number.isFinite(heightDifference)) return { wind, drag, heightDifference };
  return {
    wind: checkNumber('conditions.wind', conditions.wind ?? 0),
    drag: checkNumber('conditions.drag', conditions.drag ?? 0, { min: 0 }),
    heightDifference: checkNumber('conditions.heightDifference', conditions.heightDifference ?? 0),
  };
}

/**
 * The conditions of a shot in a world of @cannon/physics: its wind and drag, and the target's height above the
 * muzzle. The aimers assume the standard gravity: a world with another is refused, naming it.
 */
export function conditionsOf(world: Partial<World>): Conditions {
  if (world === null || typeof world !== 'object') throw new InvalidInputError('world', 'an object { gravity?, drag?, wind?, launchHeight?, targetHeight? }', world);
  const { gravity = defaultWorld.gravity, wind = 0, drag = 0, launchHeight = 0, targetHeight = 0 } = world;
  if (gravity !== defaultWorld.gravity) throw new InvalidInputError('world.gravity', `the standard ${defaultWorld.gravity} m/s² the aimers are trained for`, gravity);
  return resolveConditions({ wind, drag, heightDifference: checkNumber('world.targetHeight', targetHeight) - checkNumber('world.launchHeight', launchHeight) });
}

/** The world of @cannon/physics in which a shot under these conditions flies (the muzzle at height 0). */
export function worldOf(conditions: Conditions): Partial<World> {
  return { wind: conditions.wind, drag: conditions.drag, launchHeight: 0, targetHeight: conditions.heightDifference };
}

/** Shots and their conditions as the physics' columns (each condition a column, or one value for all). */
export function shotColumnsOf(speed: ArrayLike<number>, angle: ArrayLike<number>, conditions: Record<keyof Conditions, ArrayLike<number>>): ShotColumns {
  return { speed, angle, gravity: [defaultWorld.gravity], drag: conditions.drag, wind: conditions.wind, launchHeight: [0], targetHeight: conditions.heightDifference };
}

/** Whether a domain covers a target and its conditions (as `outsideDomain` finds nothing outside it). */
export function covers(domain: AimerDomain, target: number, wind: number, drag: number, heightDifference: number): boolean {
  const inside = ([low, high]: Range, value: number) => value >= low - 1e-12 && value <= high + 1e-12;
  return inside(domain.target, target) && inside(domain.wind, wind) && inside(domain.drag, drag) && inside(domain.heightDifference, heightDifference);
}

/** Why a domain does not cover a target and its conditions (the first field outside it), or null when it does. */
export function outsideDomain(domain: AimerDomain, target: number, conditions: Conditions): { field: InputField; value: number; range: Range } | null {
  const values: Record<InputField, number> = { target, ...conditions };
  for (const field of inputFields) {
    const [low, high] = domain[field];
    const value = values[field];
    if (!(value >= low - 1e-12 && value <= high + 1e-12)) return { field, value, range: domain[field] };
  }
  return null;
}

/** Each input that varies over the domain, mapped from its range onto [−1, 1] (a @cannon/network `rangeScaling`): x ↦ (x − offset)/scale. */
export function inputScalings(domain: AimerDomain): (Scaling & { field: InputField })[] {
  return varyingInputs(domain).map((field) => ({ field, ...rangeScaling(domain[field]) }));
}

export function checkDomain(domain: AimerDomain): AimerDomain {
  if (domain === null || typeof domain !== 'object') throw new InvalidInputError('domain', "'vacuum', 'field' or an object { target, wind, drag, heightDifference, maxSpeed }", domain);
  for (const field of inputFields) checkRange(`domain.${field}`, domain[field], { point: true });
  checkNumber('domain.target[0]', domain.target[0], { min: 0, minOpen: true });
  checkNumber('domain.drag[0]', domain.drag[0], { min: 0 });
  checkNumber('domain.maxSpeed', domain.maxSpeed, { min: 0, minOpen: true });
  return domain;
}
