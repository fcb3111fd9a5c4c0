import type { Random } from '@cannon/physics';
import { inputFields, varyingInputs, type AimerDomain, type InputField } from './domain.js';

/** Targets and their conditions, one column each. */
export type ConditionColumns = Record<InputField, Float32Array>;

/** Draws `size` targets and conditions uniformly from the domain (a field the domain fixes draws nothing). */
export function sampleConditions(domain: AimerDomain, size: number, random: Random): ConditionColumns {
  const columns = {} as ConditionColumns;
  for (const field of inputFields) {
    const [low, high] = domain[field];
    const column = new Float32Array(size);
    if (high > low) for (let i = 0; i < size; i++) column[i] = low + (high - low) * random.uniform();
    else column.fill(low);
    columns[field] = column;
  }
  return columns;
}

/**
 * The network's inputs for these rows: each input that varies over the domain, mapped from its range to
 * [−1, 1], row after row. Inputs fixed by the domain are not inputs at all.
 */
export function networkInputs(domain: AimerDomain, columns: Record<InputField, ArrayLike<number>>, rows: number, out = new Float32Array(rows * varyingInputs(domain).length)): Float32Array {
  const fields = varyingInputs(domain);
  const k = fields.length;
  fields.forEach((field, j) => {
    const [low, high] = domain[field];
    const mid = (low + high) / 2;
    const half = (high - low) / 2;
    const values = columns[field];
    for (let i = 0; i < rows; i++) out[i * k + j] = (values[i] - mid) / half;
  });
  return out;
}
