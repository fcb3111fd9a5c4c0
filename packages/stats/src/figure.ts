import { InvalidInputError } from '@cannon/errors';

/** One measured figure, as every benchmark prints it: one JSON line `{ bench, value, unit, ... }`. */
export interface Figure {
  bench: string;
  value: number;
  unit: string;
  [detail: string]: unknown;
}

/** A figure with its value at 4 significant digits (measurements vary far more than that), and any details. */
export function figure(bench: string, value: number, unit: string, details: Record<string, unknown> = {}): Figure {
  if (typeof bench !== 'string' || bench === '') throw new InvalidInputError('bench', 'a name', bench);
  if (typeof value !== 'number') throw new InvalidInputError('value', 'a number', value);
  if (typeof unit !== 'string') throw new InvalidInputError('unit', 'a unit (a string)', unit);
  if (details === null || typeof details !== 'object' || Array.isArray(details)) throw new InvalidInputError('details', 'an object', details);
  return { bench, value: Number(value.toPrecision(4)), unit, ...details };
}

/** Prints a figure as one JSON line on stdout: the benchmarks' output format. */
export function printFigure(bench: string, value: number, unit: string, details?: Record<string, unknown>): void {
  console.log(JSON.stringify(figure(bench, value, unit, details)));
}
