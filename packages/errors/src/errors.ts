/** What went wrong, in one word a script can switch on; stable across versions. */
export type ErrorCode = 'INVALID_INPUT' | 'OUTSIDE_DOMAIN' | 'UNREACHABLE_TARGET' | 'NO_LANDING' | 'MODEL_FILE' | 'BACKEND';

/** Every error a @cannon package throws on purpose: `code` says which kind, the message what to do. */
export abstract class CannonError extends Error {
  abstract readonly code: ErrorCode;

  /** `name` is given, not read from the class: a minifier may rename classes. */
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

/** An input outside what a function accepts. `field` names it; the message says what is allowed. */
export class InvalidInputError extends CannonError {
  readonly code = 'INVALID_INPUT';

  constructor(
    readonly field: string,
    readonly allowed: string,
    received: unknown,
  ) {
    super(`${field} must be ${allowed}; received ${describe(received)}`, 'InvalidInputError');
  }
}

/** A value outside the box a learned model was trained on: its answers there are not to be trusted. */
export class OutsideDomainError extends CannonError {
  readonly code = 'OUTSIDE_DOMAIN';

  constructor(
    readonly field: string,
    readonly value: number,
    readonly range: readonly [number, number],
    modelName: string,
  ) {
    super(`${field} ${value} is outside the ${modelName} aimer's domain [${range[0]}, ${range[1]}]`, 'OutsideDomainError');
  }
}

/** The conditions an unreachable target was asked in, as the error reports them. */
export interface ReachConditions {
  wind: number;
  drag: number;
  heightDifference: number;
}

/**
 * The conditions of a target aimed at in three dimensions: the direction it lies in and the world there, as the
 * error reports them.
 */
export interface ReachConditions3d {
  /** Radians, counterclockwise from +x seen from above: the ray from the muzzle along which the reach is measured. */
  bearing: number;
  /** m/s, [wx, wy]. */
  wind: readonly [number, number];
  /** A constant k (1/m), or a description of the ball on its drag table ('GS table, 5.4 kg, 0.11 m'). */
  drag: number | string;
  /** m above the muzzle's ground. */
  targetHeight: number;
}

/** No allowed shot reaches the target; `maxDistance` is the farthest one does, in the same conditions (and direction). */
export class UnreachableTargetError extends CannonError {
  readonly code = 'UNREACHABLE_TARGET';

  constructor(
    readonly target: number,
    readonly maxDistance: number,
    readonly conditions: ReachConditions | ReachConditions3d,
    why = 'beyond the maximum range',
  ) {
    super(unreachableMessage(target, maxDistance, conditions, why), 'UnreachableTargetError');
  }
}

function unreachableMessage(target: number, maxDistance: number, conditions: ReachConditions | ReachConditions3d, why: string): string {
  if (!('bearing' in conditions)) {
    const { wind, drag, heightDifference } = conditions;
    return `target ${target} m is unreachable: ${why}, ${maxDistance.toFixed(3)} m, in these conditions (wind ${wind} m/s, drag ${drag} 1/m, height difference ${heightDifference} m)`;
  }
  const { bearing, wind, drag, targetHeight } = conditions;
  const degrees = ((bearing * 180) / Math.PI).toFixed(2);
  const dragText = typeof drag === 'number' ? `drag ${drag} 1/m` : `drag ${drag}`;
  return `target ${target.toFixed(3)} m away on bearing ${bearing.toFixed(4)} rad (${degrees}°) is unreachable: ${why}; the farthest reach along that bearing is ${maxDistance.toFixed(3)} m, in these conditions (wind [${wind[0]}, ${wind[1]}] m/s, ${dragText}, target height ${targetHeight} m)`;
}

/** A shot that never comes down through the target height (or not within the simulation's steps). */
export class NoLandingError extends CannonError {
  readonly code = 'NO_LANDING';

  constructor(message: string) {
    super(message, 'NoLandingError');
  }
}

/**
 * A saved model that cannot be loaded (or saved): a file that is missing, truncated, or does not describe the
 * model expected. `file` is the path or URL of the file (or directory) at fault.
 */
export class ModelFileError extends CannonError {
  readonly code = 'MODEL_FILE';

  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file} ${problem}`, 'ModelFileError');
  }
}

/** The tensor engine could not start, or runs on a backend the kernels do not support. */
export class BackendError extends CannonError {
  readonly code = 'BACKEND';

  constructor(message: string) {
    super(message, 'BackendError');
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}
