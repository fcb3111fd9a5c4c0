import { InvalidInputError } from '@cannon/errors';
import { layerWidths, parameterCount, type NetworkSpec } from './spec.js';

/** A network's forward pass on plain numbers: raw outputs of `rows` rows of `x` (row-major), into `out`. */
export type Forward = (x: ArrayLike<number>, rows: number, out?: Float64Array) => Float64Array;

/** One layer for the forward pass: weights [units][inputs] row-major (each unit's weights contiguous), bias. */
interface RowLayer {
  weights: Float64Array;
  bias: Float64Array;
  n: number;
  m: number;
}

/**
 * The forward pass of a network in plain JavaScript, on float64 copies of its parameters (taken now: later
 * changes to `parameters` are not seen). No tensor, no engine: about a microsecond per row for a small
 * network, and nothing allocated per call but the result.
 */
export function createForward(spec: NetworkSpec, parameters: Float32Array): Forward {
  const { inputs, outputs } = spec;
  checkParameters(spec, parameters);
  const layers = transposedLayers(parameters, layerWidths(spec));
  const widest = Math.max(inputs, ...spec.hiddenLayers, outputs);
  const scratch = [new Float64Array(widest), new Float64Array(widest)];
  return (x, rows, out = new Float64Array(rows * outputs)) => {
    if (!Number.isInteger(rows) || rows < 0 || x.length < rows * inputs) throw new InvalidInputError('rows', `a whole number ≥ 0 with x holding rows × ${inputs} values`, rows);
    if (out.length < rows * outputs) throw new InvalidInputError('out', `room for ${rows * outputs} values`, `${out.length} values`);
    let [a, b] = scratch;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < inputs; i++) a[i] = x[r * inputs + i];
      for (let l = 0; l < layers.length; l++) {
        const { weights, bias, n, m } = layers[l];
        const hidden = l < layers.length - 1;
        // A dot product in four independent accumulators, so that the additions do not wait on each other.
        const whole = n - (n % 4);
        for (let j = 0; j < m; j++) {
          const row = j * n;
          let s0 = bias[j];
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let i = 0; i < whole; i += 4) {
            s0 += a[i] * weights[row + i];
            s1 += a[i + 1] * weights[row + i + 1];
            s2 += a[i + 2] * weights[row + i + 2];
            s3 += a[i + 3] * weights[row + i + 3];
          }
          for (let i = whole; i < n; i++) s0 += a[i] * weights[row + i];
          const sum = s0 + s1 + (s2 + s3);
          // tanh(s) = 1 − 2/(e^{2s} + 1): exact to rounding, and several times cheaper than Math.tanh here.
          b[j] = hidden ? 1 - 2 / (Math.exp(2 * sum) + 1) : sum;
        }
        const swap = a;
        a = b;
        b = swap;
      }
      for (let j = 0; j < outputs; j++) out[r * outputs + j] = a[j];
    }
    return out;
  };
}

/** Refuses parameters that are not the network's: the wrong count, or a value that is not finite. */
export function checkParameters(spec: NetworkSpec, parameters: unknown): Float32Array {
  const count = parameterCount(spec);
  if (!(parameters instanceof Float32Array) || parameters.length !== count) {
    throw new InvalidInputError('parameters', `a Float32Array of the network's ${count} parameters`, parameters instanceof Float32Array ? `${parameters.length} values` : parameters);
  }
  const bad = parameters.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new InvalidInputError(`parameters[${bad}]`, 'a finite number', parameters[bad]);
  return parameters;
}

function transposedLayers(values: Float32Array, widths: readonly number[]): RowLayer[] {
  const layers: RowLayer[] = [];
  for (let l = 0, offset = 0; l < widths.length - 1; l++) {
    const n = widths[l];
    const m = widths[l + 1];
    const weights = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) weights[j * n + i] = values[offset + i * m + j];
    layers.push({ weights, bias: Float64Array.from(values.subarray(offset + n * m, offset + n * m + m)), n, m });
    offset += (n + 1) * m;
  }
  return layers;
}
