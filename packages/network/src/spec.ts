import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';

/** The shape of a multilayer perceptron: tanh hidden layers, a linear (raw) output. */
export interface NetworkSpec {
  inputs: number;
  hiddenLayers: readonly number[];
  outputs: number;
  activation?: 'tanh';
  /** Seed of the initial weights: the same seed, the same network. */
  seed?: number;
}

/** Hidden layers at most: the tensor kernels return the hidden activations as outputs, for the backward pass. */
export const MAX_HIDDEN_LAYERS = 16;

/** Units a hidden layer may have at most. */
export const MAX_LAYER_UNITS = 4096;

/**
 * Checks the hidden layers a model is trained with: 1 to MAX_HIDDEN_LAYERS layers of 1 to MAX_LAYER_UNITS
 * units each. Throws InvalidInputError naming `field`; returns a copy.
 */
export function checkHiddenLayers(value: unknown, field = 'hiddenLayers'): number[] {
  const ok = Array.isArray(value) && value.length >= 1 && value.length <= MAX_HIDDEN_LAYERS && value.every((u) => Number.isInteger(u) && u >= 1 && u <= MAX_LAYER_UNITS);
  if (!ok) throw new InvalidInputError(field, `a non-empty array of at most ${MAX_HIDDEN_LAYERS} layer widths (whole numbers from 1 to ${MAX_LAYER_UNITS})`, value);
  return [...(value as number[])];
}

/** Checks a spec, naming the bad field. Returns it. */
export function checkSpec(spec: NetworkSpec): NetworkSpec {
  if (spec === null || typeof spec !== 'object') throw new InvalidInputError('spec', 'an object { inputs, hiddenLayers, outputs }', spec);
  checkInteger('spec.inputs', spec.inputs, { min: 1, max: MAX_LAYER_UNITS });
  checkInteger('spec.outputs', spec.outputs, { min: 1, max: MAX_LAYER_UNITS });
  if (!Array.isArray(spec.hiddenLayers) || spec.hiddenLayers.length > MAX_HIDDEN_LAYERS) {
    throw new InvalidInputError('spec.hiddenLayers', `an array of at most ${MAX_HIDDEN_LAYERS} layer widths`, spec.hiddenLayers);
  }
  spec.hiddenLayers.forEach((units, i) => checkInteger(`spec.hiddenLayers[${i}]`, units, { min: 1, max: MAX_LAYER_UNITS }));
  if (spec.activation !== undefined && spec.activation !== 'tanh') throw new InvalidInputError('spec.activation', "'tanh'", spec.activation);
  if (spec.seed !== undefined) checkNumber('spec.seed', spec.seed);
  return spec;
}

/** Layer widths, input first: [inputs, ...hiddenLayers, outputs]. */
export function layerWidths(spec: NetworkSpec): number[] {
  checkSpec(spec);
  return [spec.inputs, ...spec.hiddenLayers, spec.outputs];
}

/** Where layer `layer`'s weights start in the flat vector (its kernel [inputs][units] row-major, then its bias). */
export function layerOffset(widths: readonly number[], layer: number): number {
  let offset = 0;
  for (let l = 0; l < layer; l++) offset += (widths[l] + 1) * widths[l + 1];
  return offset;
}

/** Weights and biases in one count. */
export function parameterCount(spec: NetworkSpec): number {
  const widths = layerWidths(spec);
  return layerOffset(widths, widths.length - 1);
}
