import { BackendError } from '@cannon/errors';
import * as tf from '@tensorflow/tfjs';

/**
 * Writing TensorFlow.js kernels of our own for the wasm and cpu backends: what they need of a backend, and
 * how they call the backend's own kernels directly (no engine, no tape, no tensor objects: on the wasm
 * backend each engine call costs tens of microseconds). The landing kernel and the network engine's kernels
 * are built on these.
 */

/** The backends cannon's kernels run on. */
export const kernelBackends = ['wasm', 'cpu'] as const;

/** What a kernel needs of a backend: the cpu backend names its output maker makeTensorInfo, wasm makeOutput. */
export interface KernelBackend {
  makeTensorInfo?(shape: number[], dtype: 'float32', values?: Float32Array): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): Float32Array;
  data?: { get(dataId: object): { values: Float32Array } };
  disposeData(dataId: object): void;
}

/** A new float32 tensor in the backend's memory, holding `values` (zeros if left out). */
export function makeOutput(backend: KernelBackend, shape: number[], values?: Float32Array): tf.TensorInfo {
  // The cpu backend keeps the array it is given: it needs one even for an output yet to be written.
  if (backend.makeTensorInfo) return backend.makeTensorInfo(shape, 'float32', values ?? new Float32Array(tf.util.sizeFromShape(shape)));
  return backend.makeOutput!(shape, 'float32', undefined, values);
}

/**
 * The values of a tensor in the backend's memory, without a copy. On wasm this is a view of the heap, which
 * any later allocation may detach: take it after the last allocation that precedes its use.
 */
export function valuesOf(backend: KernelBackend, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap ? backend.typedArrayFromHeap(info) : backend.data!.get(info.dataId).values;
}

/** Frees tensors a kernel made for itself. */
export function disposeAll(backend: KernelBackend, infos: readonly tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Calls one of the backend's kernels directly; the caller disposes what it returns. */
export function callKernel(backend: KernelBackend, kernelName: string, inputs: Record<string, tf.TensorInfo>, attrs: object = {}): tf.TensorInfo {
  return kernelOf(kernelName)({ inputs, backend: backend as never, attrs: attrs as never }) as tf.TensorInfo;
}

/** The backends' kernels by name, looked up once (the registry builds a key string per lookup). */
const kernelTables = new Map<string, Map<string, tf.KernelFunc>>();

function kernelOf(kernelName: string): tf.KernelFunc {
  const backendName = tf.getBackend();
  let table = kernelTables.get(backendName);
  if (table === undefined) kernelTables.set(backendName, (table = new Map()));
  let kernelFunc = table.get(kernelName);
  if (kernelFunc === undefined) {
    const kernel = tf.getKernel(kernelName, backendName);
    if (kernel === undefined) throw new BackendError(`the ${backendName} backend has no ${kernelName} kernel`);
    table.set(kernelName, (kernelFunc = kernel.kernelFunc));
  }
  return kernelFunc;
}

const registered = new Set<string>();

/**
 * Registers kernels of our own (and their gradients) for the current backend, once per backend; `what`
 * names them in the error a backend other than wasm or cpu gets.
 */
export function registerKernelsOnce(what: string, kernels: Record<string, (args: never) => tf.TensorInfo | tf.TensorInfo[]>, gradients: tf.GradConfig[] = []): void {
  const backendName = tf.getBackend();
  const key = `${Object.keys(kernels)[0]}@${backendName}`;
  if (registered.has(key)) return;
  if (!(kernelBackends as readonly string[]).includes(backendName)) {
    throw new BackendError(`${what} runs on the wasm or cpu backend (see initializeBackend); the current backend is ${backendName}`);
  }
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as never });
  for (const gradient of gradients) if (tf.getGradient(gradient.kernelName) === undefined) tf.registerGradient(gradient);
  registered.add(key);
}
