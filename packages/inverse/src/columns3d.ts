import type { AimAtResult, Target3d } from './aim3d.js';
import type { MovingTarget } from './intercept.js';

/**
 * 3D aims as columns, for an aim pool's workers (src/pool.ts) to send and receive: targets in, answers out, numbers in
 * typed arrays that travel without copying.
 */

/** Targets as columns: where each is now, and its velocity (0 for one that stands still). */
export interface TargetColumns3d {
  x: Float64Array;
  y: Float64Array;
  height: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;
}

/** What `aimAtBatch`'s results hold, column by column; `aimer` indexes `names`. */
export interface AimAtColumns {
  speed: Float64Array;
  angle: Float64Array;
  azimuth: Float64Array;
  flightTime: Float64Array;
  interceptX: Float64Array;
  interceptY: Float64Array;
  interceptZ: Float64Array;
  landingX: Float64Array;
  landingY: Float64Array;
  error: Float64Array;
  iterations: Float64Array;
  refined: Uint8Array;
  aimer: Uint8Array;
  names: string[];
}

const numbers = ['speed', 'angle', 'azimuth', 'flightTime', 'interceptX', 'interceptY', 'interceptZ', 'landingX', 'landingY', 'error', 'iterations'] as const;

/** Rows start to end of checked targets, as columns of their own. */
export function targetColumns(targets: readonly MovingTarget[], start: number, end: number): TargetColumns3d {
  const n = end - start;
  const columns = { x: new Float64Array(n), y: new Float64Array(n), height: new Float64Array(n), vx: new Float64Array(n), vy: new Float64Array(n), vz: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const target = targets[start + k];
    for (const field of ['x', 'y', 'height', 'vx', 'vy', 'vz'] as const) columns[field][k] = target[field];
  }
  return columns;
}

/** The targets of columns, as `aimAtBatch` takes them. */
export function targetsOf(columns: TargetColumns3d): Target3d[] {
  return Array.from(columns.x, (x, k) => {
    const [vx, vy, vz] = [columns.vx[k], columns.vy[k], columns.vz[k]];
    const moving = vx !== 0 || vy !== 0 || vz !== 0;
    return { x, y: columns.y[k], height: columns.height[k], ...(moving ? { velocity: [vx, vy, vz] as const } : {}) };
  });
}

/** Results as columns. */
export function aimAtColumnsOf(results: readonly AimAtResult[]): AimAtColumns {
  const n = results.length;
  const columns = { ...Object.fromEntries(numbers.map((field) => [field, new Float64Array(n)])), refined: new Uint8Array(n), aimer: new Uint8Array(n), names: [] as string[] } as AimAtColumns;
  results.forEach((result, k) => {
    columns.speed[k] = result.speed;
    columns.angle[k] = result.angle;
    columns.azimuth[k] = result.azimuth;
    columns.flightTime[k] = result.flightTime;
    columns.interceptX[k] = result.intercept.x;
    columns.interceptY[k] = result.intercept.y;
    columns.interceptZ[k] = result.intercept.z;
    columns.landingX[k] = result.landing.x;
    columns.landingY[k] = result.landing.y;
    columns.error[k] = result.error;
    columns.iterations[k] = result.iterations;
    columns.refined[k] = result.refined ? 1 : 0;
    const name = columns.names.indexOf(result.aimer);
    columns.aimer[k] = name >= 0 ? name : columns.names.push(result.aimer) - 1;
  });
  return columns;
}

/** The results of columns, as `aimAtBatch` gives them, into `results` from `start`. */
export function resultsOfColumns(columns: AimAtColumns, start: number, results: AimAtResult[]): void {
  for (let k = 0; k < columns.speed.length; k++) {
    results[start + k] = {
      speed: columns.speed[k],
      angle: columns.angle[k],
      azimuth: columns.azimuth[k],
      flightTime: columns.flightTime[k],
      intercept: { x: columns.interceptX[k], y: columns.interceptY[k], z: columns.interceptZ[k] },
      landing: { x: columns.landingX[k], y: columns.landingY[k] },
      error: columns.error[k],
      iterations: columns.iterations[k],
      refined: columns.refined[k] === 1,
      aimer: columns.names[columns.aimer[k]],
    };
  }
}

export const transfersOf3d = (columns: AimAtColumns | TargetColumns3d): ArrayBuffer[] =>
  Object.values(columns).flatMap((column) => (ArrayBuffer.isView(column) ? [column.buffer as ArrayBuffer] : []));
