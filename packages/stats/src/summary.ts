import { checkNumber, InvalidInputError, isNumberColumn } from '@cannon/errors';

/** How a set of errors (misses, m) is spread: the one summary every @cannon figure uses. */
export interface Summary {
  count: number;
  mean: number;
  /** The median, the 95th percentile (see `quantile`) and the largest. */
  p50: number;
  p95: number;
  max: number;
  /** With a tolerance: the share of values at most that (0 to 1). */
  hitRate?: number;
  tolerance?: number;
}

/**
 * The q-quantile of `values` (0 ≤ q ≤ 1), interpolating linearly between the sorted values, as NumPy's and
 * d3's default does: the median of [1, 2, 3, 4] is 2.5. Infinity (a shot that never lands) sorts last.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sorted(values), q);
}

/**
 * The summary of `values`: count, mean, median, 95th percentile and largest, and with `tolerance` the share
 * of values at most that. NaN values are refused: a miss is a distance, or Infinity for no landing.
 */
export function summarize(values: ArrayLike<number>, tolerance?: number): Summary {
  const order = sorted(values);
  if (order.length === 0) throw new InvalidInputError('values', 'at least one value', 'none');
  if (Number.isNaN(order[order.length - 1])) throw new InvalidInputError('values', 'numbers, not NaN (Infinity for a shot that never lands)', NaN);
  let sum = 0;
  for (const value of order) sum += value;
  const summary: Summary = { count: order.length, mean: sum / order.length, p50: quantileSorted(order, 0.5), p95: quantileSorted(order, 0.95), max: order[order.length - 1] };
  if (tolerance !== undefined) {
    checkNumber('tolerance', tolerance, { min: 0 });
    let hits = 0;
    for (const value of order) if (value <= tolerance) hits++;
    summary.hitRate = hits / order.length;
    summary.tolerance = tolerance;
  }
  return summary;
}

function sorted(values: ArrayLike<number>): Float64Array {
  const ok = isNumberColumn(values) && Array.prototype.every.call(values, (v: unknown) => typeof v === 'number');
  if (!ok) throw new InvalidInputError('values', 'an array of numbers', values);
  // A Float64Array sorts numerically, NaN last.
  return Float64Array.from(values).sort();
}

function quantileSorted(order: Float64Array, q: number): number {
  checkNumber('q', q, { min: 0, max: 1 });
  if (order.length === 0) return NaN;
  const at = q * (order.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, order.length - 1);
  const fraction = at - below;
  // Inf − Inf is NaN: between an infinite pair, or at a whole index, take the value itself.
  return fraction === 0 || order[above] === order[below] ? order[below] : order[below] + (order[above] - order[below]) * fraction;
}
