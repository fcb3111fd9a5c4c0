// @cannon/network/tensor: the network on TensorFlow.js, one kernel each way, and its trainer.
export { Network } from './network.js';
export { createTrainer, type Trainer } from './trainer.js';
export { NETWORK_GRADIENT_KERNEL, NETWORK_KERNEL } from './kernels.js';
