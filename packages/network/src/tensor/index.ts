// @cannon/network/tensor: the network on TensorFlow.js, one kernel each way, its trainer, and its files.
export { Network } from './network.js';
export { createTrainer, type Trainer } from './trainer.js';
export { scaleTensor, unscaleTensor } from './scaling.js';
export { loadNetwork, saveNetwork, type SavedNetwork } from './files.js';
export { NETWORK_GRADIENT_KERNEL, NETWORK_KERNEL } from './kernels.js';
