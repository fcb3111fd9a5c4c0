import { checkNumber, checkRange, InvalidInputError, isNumberColumn } from '@cannon/errors';

/** x ↦ (x − offset) / scale maps a quantity onto the network's scale; y ↦ offset + scale·y maps it back. */
export interface Scaling {
  offset: number;
  scale: number;
}

/** The fixed affine maps around a network: one Scaling per input column, one per output column. */
export interface NetworkScaling {
  inputs: Scaling[];
  outputs: Scaling[];
}

/** The scaling that maps [low, high] onto [−1, 1]. */
export function rangeScaling(range: readonly [number, number]): Scaling {
  const [low, high] = checkRange('range', range);
  return { offset: (low + high) / 2, scale: (high - low) / 2 };
}

/** The scaling that maps `values` to mean 0 and standard deviation 1 (scale 1 when they hardly vary). */
export function spreadScaling(values: ArrayLike<number>): Scaling {
  checkValues('values', values);
  if (values.length === 0) throw new InvalidInputError('values', 'at least one number', 'none');
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += (values[i] - mean) ** 2;
  const deviation = Math.sqrt(variance / values.length);
  return { offset: mean, scale: deviation > 1e-6 ? deviation : 1 };
}

/** Columns of raw values as the network's input rows (row-major), each column scaled by its Scaling. */
export function scaleColumns(columns: readonly ArrayLike<number>[], scalings: readonly Scaling[], given?: Float32Array): Float32Array {
  if (!Array.isArray(scalings)) throw new InvalidInputError('scalings', 'an array of scalings { offset, scale }', scalings);
  if (!Array.isArray(columns)) throw new InvalidInputError('columns', 'an array of columns of numbers', columns);
  const k = scalings.length;
  columns.forEach((values, j) => checkValues(`columns[${j}]`, values, columns[0]?.length));
  scalings.forEach((s, j) => {
    checkNumber(`scalings[${j}].offset`, s?.offset);
    checkNumber(`scalings[${j}].scale`, s?.scale);
  });
  const into = given ?? new Float32Array(columns.length * (columns[0]?.length ?? 0));
  if (!(into instanceof Float32Array) || into.length < columns.length * (columns[0]?.length ?? 0)) throw new InvalidInputError('into', 'a Float32Array with room for every value', into);
  if (columns.length !== k) throw new InvalidInputError('columns', `${k} columns, one per scaling`, `${columns.length} columns`);
  columns.forEach((values, j) => {
    const { offset, scale } = scalings[j];
    for (let i = 0; i < values.length; i++) into[i * k + j] = (values[i] - offset) / scale;
  });
  return into;
}

/** Checks a NetworkScaling against the network's widths, naming the bad field. Returns it. */
export function checkScaling(scaling: NetworkScaling, inputs: number, outputs: number, name = 'scaling'): NetworkScaling {
  const check = (list: unknown, field: 'inputs' | 'outputs', count: number) => {
    if (!Array.isArray(list) || list.length !== count) throw new InvalidInputError(`${name}.${field}`, `${count} scalings { offset, scale }`, list);
    list.forEach((s: Scaling, i) => {
      checkNumber(`${name}.${field}[${i}].offset`, s?.offset);
      checkNumber(`${name}.${field}[${i}].scale`, s?.scale);
      if (s.scale === 0) throw new InvalidInputError(`${name}.${field}[${i}].scale`, 'a number other than 0', s.scale);
    });
  };
  if (scaling === null || typeof scaling !== 'object') throw new InvalidInputError(name, 'an object { inputs, outputs }', scaling);
  check(scaling.inputs, 'inputs', inputs);
  check(scaling.outputs, 'outputs', outputs);
  return scaling;
}

/** Refuses what is not an array (or typed array) of finite numbers, of `length` when given. */
function checkValues(field: string, values: unknown, length?: number): void {
  const ok =
    isNumberColumn(values) &&
    (length === undefined || (values as ArrayLike<number>).length === length) &&
    Array.prototype.every.call(values, (v: unknown) => typeof v === 'number' && Number.isFinite(v));
  if (!ok) throw new InvalidInputError(field, `an array of finite numbers${length === undefined ? '' : `, ${length} of them`}`, values);
}
