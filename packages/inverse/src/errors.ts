import type { Conditions, Range } from './conditions.js';

/** No shot the aimer may ask for (speed up to its maxSpeed, or the wished speed or angle) reaches the target. */
export class UnreachableTargetError extends Error {
  constructor(
    readonly target: number,
    readonly maxDistance: number,
    readonly conditions: Conditions,
    why = 'beyond the maximum range',
  ) {
    super(`target ${target} m is unreachable: ${why}, ${maxDistance.toFixed(3)} m, in these conditions (wind ${conditions.wind} m/s, drag ${conditions.drag} 1/m, height difference ${conditions.heightDifference} m)`);
    this.name = 'UnreachableTargetError';
  }
}

/** The target or a condition lies outside the box the aimer was trained on: its answers there are not to be trusted. */
export class OutsideDomainError extends RangeError {
  constructor(
    readonly field: string,
    readonly value: number,
    readonly range: Range,
    aimerName: string,
  ) {
    super(`${field} ${value} is outside the ${aimerName} aimer's domain [${range[0]}, ${range[1]}]`);
    this.name = 'OutsideDomainError';
  }
}
