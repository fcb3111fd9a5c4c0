import { createRandom } from '@cannon/random';
import { InvalidInputError, isNumberColumn } from '@cannon/errors';
import { layerOffset, layerWidths, parameterCount, type NetworkSpec } from './spec.js';

/** One dense layer's weights: `kernel` is [inputs][units] row-major. */
export interface LayerWeights {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
}

/**
 * A network's initial parameters as one flat vector, layer after layer (kernel, then bias): PyTorch's
 * default for Linear, every value uniform in ±1/√fan_in, drawn from the spec's seed.
 */
export function initialParameters(spec: NetworkSpec): Float32Array {
  const widths = layerWidths(spec);
  const values = new Float32Array(parameterCount(spec));
  const random = createRandom(spec.seed ?? 0);
  for (let l = 0, offset = 0; l < widths.length - 1; l++) {
    const bound = 1 / Math.sqrt(widths[l]);
    const size = (widths[l] + 1) * widths[l + 1];
    for (let i = 0; i < size; i++) values[offset + i] = (2 * random.uniform() - 1) * bound;
    offset += size;
  }
  return values;
}

/** The flat vector as layers (copies). */
export function layersOf(spec: NetworkSpec, parameters: Float32Array): LayerWeights[] {
  checkParameters(spec, parameters);
  const widths = layerWidths(spec);
  const layers: LayerWeights[] = [];
  for (let l = 0, offset = 0; l < widths.length - 1; l++) {
    const inputs = widths[l];
    const units = widths[l + 1];
    layers.push({ kernel: parameters.slice(offset, offset + inputs * units), bias: parameters.slice(offset + inputs * units, offset + (inputs + 1) * units), inputs, units });
    offset += (inputs + 1) * units;
  }
  return layers;
}

/** Layers (in the shapes `layersOf` gives) as one flat vector, checking every shape and value. */
export function flatParameters(spec: NetworkSpec, layers: readonly { kernel: ArrayLike<number>; bias: ArrayLike<number> }[]): Float32Array {
  const widths = layerWidths(spec);
  const count = widths.length - 1;
  if (!Array.isArray(layers) || layers.length !== count) throw new InvalidInputError('weights', `${count} layers`, Array.isArray(layers) ? `${layers.length} layers` : layers);
  const values = new Float32Array(parameterCount(spec));
  layers.forEach((layer, l) => {
    if (layer === null || typeof layer !== 'object') throw new InvalidInputError(`weights[${l}]`, 'an object { kernel, bias }', layer);
    const { kernel, bias } = layer;
    if (!isNumberColumn(kernel) || !isNumberColumn(bias)) throw new InvalidInputError(`weights[${l}]`, 'arrays of numbers kernel and bias', layer);
    const inputs = widths[l];
    const units = widths[l + 1];
    if (kernel?.length !== inputs * units) throw new InvalidInputError(`weights[${l}].kernel`, `${inputs} × ${units} values`, `${kernel?.length} values`);
    if (bias?.length !== units) throw new InvalidInputError(`weights[${l}].bias`, `${units} values`, `${bias?.length} values`);
    const offset = layerOffset(widths, l);
    values.set(kernel, offset);
    values.set(bias, offset + inputs * units);
  });
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new InvalidInputError(`weights (value ${bad} of the flat vector)`, 'finite', values[bad]);
  return values;
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
