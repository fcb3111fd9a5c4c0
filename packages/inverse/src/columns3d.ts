import type { AimAtResult } from './aim3d.js';
import { nameIndex } from './columns.js';
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

/** The columns of targets, in the order a shared batch keeps them. */
export const targetFields = ['x', 'y', 'height', 'vx', 'vy', 'vz'] as const;

const numbers = ['speed', 'angle', 'azimuth', 'flightTime', 'interceptX', 'interceptY', 'interceptZ', 'landingX', 'landingY', 'error', 'iterations'] as const;

/** Rows start to end of checked targets, as columns (`into`, from row 0; of their own by default). */
export function targetColumns(targets: readonly MovingTarget[], start: number, end: number, columns: TargetColumns3d = emptyTargetColumns(end - start)): TargetColumns3d {
  const n = end - start;
  for (let k = 0; k < n; k++) {
    const target = targets[start + k];
    columns.x[k] = target.x;
    columns.y[k] = target.y;
    columns.height[k] = target.height;
    columns.vx[k] = target.vx;
    columns.vy[k] = target.vy;
    columns.vz[k] = target.vz;
  }
  return columns;
}

const emptyTargetColumns = (n: number): TargetColumns3d => ({ x: new Float64Array(n), y: new Float64Array(n), height: new Float64Array(n), vx: new Float64Array(n), vy: new Float64Array(n), vz: new Float64Array(n) });

/** The checked targets of columns, as `aimAtColumnsChecked` takes them. */
export function targetsOf(columns: TargetColumns3d): MovingTarget[] {
  const targets: MovingTarget[] = new Array(columns.x.length);
  for (let k = 0; k < targets.length; k++) targets[k] = { x: columns.x[k], y: columns.y[k], height: columns.height[k], vx: columns.vx[k], vy: columns.vy[k], vz: columns.vz[k] };
  return targets;
}

/** Columns for n answers, zeros. */
export function emptyAimAtColumns(n: number): AimAtColumns {
  return { ...Object.fromEntries(numbers.map((field) => [field, new Float64Array(n)])), refined: new Uint8Array(n), aimer: new Uint8Array(n), names: [] as string[] } as AimAtColumns;
}

/**
 * A batch in memory an aim pool's workers share: its n targets (six columns of doubles, x to vz, in one buffer), its
 * answers (the eleven columns of numbers in one buffer, `refined` and `aimer` in another) and the next row to aim.
 */
export interface SharedBatch {
  n: number;
  targets: SharedArrayBuffer;
  numbers: SharedArrayBuffer;
  marks: SharedArrayBuffer;
  /** [the next row a worker takes, the first row of the earliest block that failed (n while none has)]. */
  next: SharedArrayBuffer;
}

/** A shared batch of n targets, its answers zeros and its next row 0. */
export function sharedBatch(n: number): SharedBatch {
  const next = new SharedArrayBuffer(8);
  new Int32Array(next)[1] = n;
  return { n, targets: new SharedArrayBuffer(8 * targetFields.length * n), numbers: new SharedArrayBuffer(8 * numbers.length * n), marks: new SharedArrayBuffer(2 * n), next };
}

/** Rows start to end of a shared batch's targets, as views. */
export function sharedTargets({ n, targets }: SharedBatch, start: number, end: number): TargetColumns3d {
  return Object.fromEntries(targetFields.map((field, k) => [field, new Float64Array(targets, 8 * (k * n + start), end - start)])) as unknown as TargetColumns3d;
}

/** Rows start to end of a shared batch's answers, as views; `aimer` indexes `names`, which they share. */
export function sharedAnswers({ n, numbers: buffer, marks }: SharedBatch, start: number, end: number, names: string[]): AimAtColumns {
  const columns = Object.fromEntries(numbers.map((field, k) => [field, new Float64Array(buffer, 8 * (k * n + start), end - start)]));
  return { ...columns, refined: new Uint8Array(marks, start, end - start), aimer: new Uint8Array(marks, n + start, end - start), names } as AimAtColumns;
}

/** A slice's answers into `into` from row `start`, their aimers' names indexed into `into.names`. */
export function copyAimAtColumns(answers: AimAtColumns, into: AimAtColumns, start: number): void {
  for (const field of numbers) into[field].set(answers[field], start);
  into.refined.set(answers.refined, start);
  const names = answers.names.map((name) => nameIndex(into, name));
  for (let k = 0; k < answers.aimer.length; k++) into.aimer[start + k] = names[answers.aimer[k]];
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
