// The messages between an aim pool (src/pool.ts) and its workers (src/aim-worker.ts): numbers travel as
// typed arrays, errors as their fields, so that both sides rebuild the same answers and the same errors.
import { BackendError, InvalidInputError, NoLandingError, UnreachableTargetError } from '@cannon/errors';
import type { AimOptions } from './aim.js';
import type { AimColumns } from './columns.js';
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

export interface SentError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export type WorkerReply = { id: number; ok: true; columns: AimColumns } | { id: number; ok: false; error: SentError } | { ready: true } | { ready: false; error: SentError };

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
