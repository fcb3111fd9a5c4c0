// @cannon/physics/tensor: the model of the world on TensorFlow.js, differentiable in batches.
export { initializeBackend, type BackendInfo, type BackendOptions } from './backend.js';
export { LANDING_KERNEL, landingTensor, type TensorWorld } from './landing.js';
export { IMPACT_KERNEL, impactTensor, type ImpactInput, type ImpactTensorOptions, type ImpactTensors, type ImpactTensorWorld } from './impact.js';
export { BackendError } from '@cannon/errors';
