import type { AimResult } from './aim.js';
import type { Conditions } from './conditions.js';

/** The answers of a batch column by column: what its results hold, with no object per target. `aimer` indexes `names`. */
export interface AimColumns {
  speed: Float64Array;
  angle: Float64Array;
  landing: Float64Array;
  error: Float64Array;
  iterations: Float64Array;
  refined: Uint8Array;
  predictedSpeed: Float64Array;
  predictedAngle: Float64Array;
  aimer: Uint8Array;
  names: string[];
}

export function emptyColumns(n: number): AimColumns {
  return {
    speed: new Float64Array(n),
    angle: new Float64Array(n),
    landing: new Float64Array(n),
    error: new Float64Array(n),
    iterations: new Float64Array(n),
    refined: new Uint8Array(n),
    predictedSpeed: new Float64Array(n),
    predictedAngle: new Float64Array(n),
    aimer: new Uint8Array(n),
    names: [],
  };
}

/** The index of an aimer's name in the columns' names (2D or 3D answers), added when new. */
export function nameIndex(columns: { names: string[] }, name: string): number {
  const index = columns.names.indexOf(name);
  return index >= 0 ? index : columns.names.push(name) - 1;
}

/** Writes one result into row i. */
export function writeResult(columns: AimColumns, i: number, result: AimResult): void {
  columns.speed[i] = result.speed;
  columns.angle[i] = result.angle;
  columns.landing[i] = result.landing;
  columns.error[i] = result.error;
  columns.iterations[i] = result.iterations;
  columns.refined[i] = result.refined ? 1 : 0;
  columns.predictedSpeed[i] = result.predicted.speed;
  columns.predictedAngle[i] = result.predicted.angle;
  columns.aimer[i] = nameIndex(columns, result.aimer);
}

/** The results of rows of columns, as `aimBatch` gives them, into `results` from `start`. */
export function resultsOf(columns: AimColumns, targets: ArrayLike<number>, conditions: readonly Conditions[], start: number, results: AimResult[]): void {
  for (let k = 0; k < columns.speed.length; k++) {
    const i = start + k;
    results[i] = {
      target: targets[i],
      conditions: conditions[i],
      speed: columns.speed[k],
      angle: columns.angle[k],
      landing: columns.landing[k],
      error: columns.error[k],
      iterations: columns.iterations[k],
      refined: columns.refined[k] === 1,
      predicted: { speed: columns.predictedSpeed[k], angle: columns.predictedAngle[k] },
      aimer: columns.names[columns.aimer[k]],
    };
  }
}

export const transfersOf = (columns: AimColumns): ArrayBuffer[] =>
  [columns.speed, columns.angle, columns.landing, columns.error, columns.iterations, columns.refined, columns.predictedSpeed, columns.predictedAngle, columns.aimer].map((column) => column.buffer as ArrayBuffer);
