// @cannon/kernels: TensorFlow.js kernels of your own on the wasm and cpu backends.
export { callKernel, disposeAll, kernelBackends, makeOutput, registerKernelsOnce, valuesOf, type KernelBackend } from './kernels.js';
