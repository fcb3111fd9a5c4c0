// @cannon/model-files/tensor: a TensorFlow.js layers model and its metadata, saved and loaded.
export { loadModelDirectory, saveModelDirectory } from './layers.js';
