/** One measured figure, as every benchmark prints it: one JSON line `{ bench, value, unit, ... }`. */
export interface Figure {
  bench: string;
  value: number;
  unit: string;
  [detail: string]: unknown;
}

/** A figure with its value at 4 significant digits (measurements vary far more than that), and any details. */
export function figure(bench: string, value: number, unit: string, details: Record<string, unknown> = {}): Figure {
  return { bench, value: Number(value.toPrecision(4)), unit, ...details };
}

/** Prints a figure as one JSON line on stdout: the benchmarks' output format. */
export function printFigure(bench: string, value: number, unit: string, details?: Record<string, unknown>): void {
  console.log(JSON.stringify(figure(bench, value, unit, details)));
}
