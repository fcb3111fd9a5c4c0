import type * as tf from '@tensorflow/tfjs';
import { callKernel, disposeAll, makeOutput, valuesOf, type KernelBackend } from '@cannon/kernels';
import { layerOffset } from '../spec.js';

// tanh(z) = 2σ(2z) − 1, and the wasm backend's sigmoid (XNNPACK, vectorised, fused into the matrix product)
// is ~10× faster than its tanh. So the hidden layers are computed as s = σ(2z) and the tanh folded into the
// weights: a layer fed by s sees h = 2s − 1, so h·W + b = s·(2W) + (b − Σᵢ Wᵢ). The kernels keep s, and the
// backward pass uses tanh'(z) = 1 − h² = 4s(1 − s).

/** The forward pass of a whole network, one kernel; registered for 'wasm' and 'cpu'. */
export const NETWORK_KERNEL = 'CannonNetwork';
/** Its backward pass: the gradients with respect to the input and to every weight, one kernel. */
export const NETWORK_GRADIENT_KERNEL = 'CannonNetworkGradient';

export interface NetworkAttrs {
  widths: number[];
  /** Whether to return the hidden activations (only when a gradient is being recorded). */
  keepHidden: boolean;
}

/** The same data as a batch of one matrix, the rank the backends' matrix products take. */
function asBatch(info: tf.TensorInfo, rows: number, columns: number): tf.TensorInfo {
  return { dataId: info.dataId, shape: [1, rows, columns], dtype: info.dtype };
}

/** Outputs: the raw outputs [n, outputs], then (when keepHidden) each hidden layer's s = σ(2z) [n, units]. */
export function networkForward({ inputs, backend, attrs }: { inputs: { x: tf.TensorInfo; parameters: tf.TensorInfo }; backend: KernelBackend; attrs: NetworkAttrs }): tf.TensorInfo[] {
  const { widths, keepHidden } = attrs;
  const layers = widths.length - 1;
  const n = inputs.x.shape[0];
  // The weights as the sigmoid formulation needs them: a few thousand values, folded in JavaScript.
  const kernels: tf.TensorInfo[] = [];
  const biases: tf.TensorInfo[] = [];
  for (let l = 0; l < layers; l++) {
    kernels.push(makeOutput(backend, [widths[l], widths[l + 1]]));
    biases.push(makeOutput(backend, [widths[l + 1]]));
  }
  const parameters = valuesOf(backend, inputs.parameters);
  for (let l = 0; l < layers; l++) {
    // A hidden layer computes σ(2z): its folded weights are doubled.
    const scale = l < layers - 1 ? 2 : 1;
    foldLayer(parameters, layerOffset(widths, l), widths[l], widths[l + 1], l > 0, scale, valuesOf(backend, kernels[l]), valuesOf(backend, biases[l]));
  }
  const hidden: tf.TensorInfo[] = [];
  let a = inputs.x;
  for (let l = 0; l < layers; l++) {
    const activation = l < layers - 1 ? 'sigmoid' : 'linear';
    const out = callKernel(backend, '_FusedMatMul', { a: asBatch(a, n, widths[l]), b: asBatch(kernels[l], widths[l], widths[l + 1]), bias: biases[l] }, { transposeA: false, transposeB: false, activation });
    a = { dataId: out.dataId, shape: [n, widths[l + 1]], dtype: 'float32' };
    if (l < layers - 1) hidden.push(a);
  }
  disposeAll(backend, [...kernels, ...biases]);
  if (!keepHidden) {
    disposeAll(backend, hidden);
    return [a];
  }
  return [a, ...hidden];
}

/** kernel′ = scale·W and bias′ = scale·b; fed by s rather than h = 2s − 1, kernel′ = 2·scale·W and bias′ = scale·(b − Σᵢ Wᵢ). */
function foldLayer(parameters: Float32Array, offset: number, inputs: number, units: number, fedByHidden: boolean, scale: number, kernel: Float32Array, bias: Float32Array): void {
  const kernelScale = fedByHidden ? 2 * scale : scale;
  const biasAt = offset + inputs * units;
  for (let j = 0; j < units; j++) bias[j] = parameters[biasAt + j];
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j < units; j++) {
      const w = parameters[offset + i * units + j];
      kernel[i * units + j] = kernelScale * w;
      if (fedByHidden) bias[j] -= w;
    }
  }
  for (let j = 0; j < units; j++) bias[j] *= scale;
}

/** Outputs: dLoss/dx [n, inputs] and dLoss/dparameters, the flat vector. */
export function networkBackward({ inputs, backend, attrs }: { inputs: Record<string, tf.TensorInfo>; backend: KernelBackend; attrs: NetworkAttrs }): tf.TensorInfo[] {
  const { widths } = attrs;
  const layers = widths.length - 1;
  const { dy, x, parameters } = inputs;
  const n = x.shape[0];
  const hidden = Array.from({ length: layers - 1 }, (_, l) => inputs[`hidden${l}`]);
  // Wᵀ for dInput = dZ·Wᵀ: the backends' transposed products are slow loops; these copies are small. A layer
  // fed by s = (h + 1)/2 gets 4Wᵀ: tanh′ = 4s(1 − s), the 4 folded here.
  const transposed = widths.slice(0, -1).map((w, l) => makeOutput(backend, [widths[l + 1], w]));
  const ones = makeOutput(backend, [1, n]);
  {
    const p = valuesOf(backend, parameters);
    for (let l = 0; l < layers; l++) {
      const t = valuesOf(backend, transposed[l]);
      const offset = layerOffset(widths, l);
      const m = widths[l];
      const u = widths[l + 1];
      const scale = l > 0 ? 4 : 1;
      for (let i = 0; i < m; i++) for (let j = 0; j < u; j++) t[j * m + i] = scale * p[offset + i * u + j];
    }
    valuesOf(backend, ones).fill(1);
  }
  const products: { kernel: tf.TensorInfo; bias: tf.TensorInfo }[] = [];
  const temporary: tf.TensorInfo[] = [...transposed, ones];
  let dz = dy;
  let dx: tf.TensorInfo | undefined;
  for (let l = layers - 1; l >= 0; l--) {
    const m = widths[l];
    const u = widths[l + 1];
    const a = l > 0 ? hidden[l - 1] : x;
    const aT = callKernel(backend, 'Transpose', { x: a }, { perm: [1, 0] });
    const kernel = callKernel(backend, 'BatchMatMul', { a: asBatch(aT, m, n), b: asBatch(dz, n, u) }, { transposeA: false, transposeB: false });
    const bias = callKernel(backend, 'BatchMatMul', { a: asBatch(ones, 1, n), b: asBatch(dz, n, u) }, { transposeA: false, transposeB: false });
    products[l] = { kernel, bias };
    temporary.push(aT, kernel, bias);
    const da = callKernel(backend, 'BatchMatMul', { a: asBatch(dz, n, u), b: asBatch(transposed[l], u, m) }, { transposeA: false, transposeB: false });
    const daInfo = { dataId: da.dataId, shape: [n, m], dtype: 'float32' as const };
    if (l === 0) {
      dx = daInfo;
      break;
    }
    const s = hidden[l - 1];
    const s2 = callKernel(backend, 'Square', { x: s });
    const slope = callKernel(backend, 'Sub', { a: s, b: s2 });
    const next = callKernel(backend, 'Multiply', { a: daInfo, b: slope });
    temporary.push(s2, slope, da);
    if (dz !== dy) temporary.push(dz);
    dz = next;
  }
  if (dz !== dy) temporary.push(dz);
  // Unfold the weight gradients: a layer fed by s sees h = 2s − 1, so dW = 2·sᵀdZ − 1·dbᵀ.
  const gradient = makeOutput(backend, [parameters.shape[0]]);
  const g = valuesOf(backend, gradient);
  for (let l = 0; l < layers; l++) {
    const m = widths[l];
    const u = widths[l + 1];
    const offset = layerOffset(widths, l);
    const gk = valuesOf(backend, products[l].kernel);
    const gb = valuesOf(backend, products[l].bias);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < u; j++) g[offset + i * u + j] = l > 0 ? 2 * gk[i * u + j] - gb[j] : gk[i * u + j];
    }
    for (let j = 0; j < u; j++) g[offset + m * u + j] = gb[j];
  }
  disposeAll(backend, temporary);
  return [dx!, gradient];
}
