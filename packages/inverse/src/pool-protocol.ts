// The messages between an aim pool (src/pool.ts) and its workers (src/aim-worker.ts): numbers travel as
// typed arrays, errors as their fields, so that both sides rebuild the same answers and the same errors.
import { BackendError, InvalidInputError, NoLandingError, UnreachableTargetError } from '@cannon/errors';
import type { AimOptions, AimResult } from './aim.js';
import type { Conditions } from './conditions.js';
import type { AimerMetadata } from './metadata.js';

/** A slice of a batch to aim, its conditions resolved, and the aimer asked for (sent once per worker). */
export interface AimRequest {
  id: number;
  targets: Float64Array;
  wind: Float64Array;
  drag: Float64Array;
  heightDifference: Float64Array;
  options: Omit<AimOptions, 'aimer'>;
  aimer?: { key: number; metadata?: AimerMetadata; parameters?: Float32Array };
}

/** The answers of a slice, column by column; `aimer` indexes `names`. */
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

export interface SentError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export type WorkerReply = { id: number; ok: true; columns: AimColumns } | { id: number; ok: false; error: SentError } | { ready: true } | { ready: false; error: SentError };

export function columnsOf(results: AimResult[]): AimColumns {
  const n = results.length;
  const columns: AimColumns = {
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
  for (let i = 0; i < n; i++) {
    const r = results[i];
    columns.speed[i] = r.speed;
    columns.angle[i] = r.angle;
    columns.landing[i] = r.landing;
    columns.error[i] = r.error;
    columns.iterations[i] = r.iterations;
    columns.refined[i] = r.refined ? 1 : 0;
    columns.predictedSpeed[i] = r.predicted.speed;
    columns.predictedAngle[i] = r.predicted.angle;
    let name = columns.names.indexOf(r.aimer);
    if (name < 0) name = columns.names.push(r.aimer) - 1;
    columns.aimer[i] = name;
  }
  return columns;
}

export const transfersOf = (columns: AimColumns): ArrayBuffer[] =>
  [columns.speed, columns.angle, columns.landing, columns.error, columns.iterations, columns.refined, columns.predictedSpeed, columns.predictedAngle, columns.aimer].map((column) => column.buffer as ArrayBuffer);

/** The results of a slice, as `aimBatch` gives them, into `results` from `start`. */
export function resultsOf(columns: AimColumns, targets: readonly number[], conditions: Conditions[], start: number, results: AimResult[]): void {
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

export function sentError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  return { name: error.name, message: error.message, stack: error.stack, fields: { ...error } };
}

/** The error a worker threw, rebuilt as the same class with the same fields and message. */
export function receivedError({ name, message, stack, fields }: SentError): Error {
  const f = fields as Record<string, never>;
  const error =
    name === 'UnreachableTargetError' ? new UnreachableTargetError(f.target, f.maxDistance, f.conditions)
    : name === 'InvalidInputError' ? new InvalidInputError(f.field, f.allowed, undefined)
    : name === 'NoLandingError' ? new NoLandingError(message)
    : name === 'BackendError' ? new BackendError(message)
    : Object.assign(new Error(message), { name });
  error.message = message;
  if (stack) error.stack = stack;
  return error;
}
