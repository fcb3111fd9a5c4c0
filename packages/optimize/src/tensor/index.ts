// @cannon/optimize/tensor: solving on models written in TensorFlow.js.
export { tensorModel, type TensorForward } from './model.js';
