// Errors across a thread's boundary: a worker sends the fields of what it threw, the pool rebuilds the same
// class with the same fields and message, so that `instanceof` and `error.field` work on the calling thread.
import { BackendError, InvalidInputError, NoLandingError, UnreachableTargetError } from '@cannon/errors';

/** An error as it crosses: its class's name, message, stack and own fields. */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
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
