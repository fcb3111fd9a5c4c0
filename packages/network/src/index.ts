// @cannon/network: a small multilayer perceptron on plain numbers (see ./tensor for training on TensorFlow.js).
export { checkSpec, layerOffset, layerWidths, MAX_HIDDEN_LAYERS, parameterCount, type NetworkSpec } from './spec.js';
export { flatParameters, initialParameters, layersOf, type LayerWeights } from './parameters.js';
export { createForward, type Forward } from './forward.js';
