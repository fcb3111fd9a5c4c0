// @cannon/network: a small multilayer perceptron on plain numbers (see ./tensor for training on TensorFlow.js).
export { checkHiddenLayers, checkSpec, layerOffset, layerWidths, MAX_HIDDEN_LAYERS, MAX_LAYER_UNITS, parameterCount, type NetworkSpec } from './spec.js';
export { checkScaling, rangeScaling, scaleColumns, spreadScaling, type NetworkScaling, type Scaling } from './scaling.js';
export { flatParameters, initialParameters, layersOf, type LayerWeights } from './parameters.js';
export { createForward, loadForwardKernel, type Forward } from './forward.js';
