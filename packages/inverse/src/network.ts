import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@cannon/physics';
import { createAdam, type AdamOptions } from './adam.js';

/** The shape of a multilayer perceptron: tanh hidden layers, a linear (raw) output. */
export interface NetworkSpec {
  inputs: number;
  hiddenLayers: readonly number[];
  outputs: number;
  activation?: 'tanh';
  /** Seed of the initial weights: the same seed, the same network. */
  seed?: number;
}

/** One dense layer's weights: `kernel` is [inputs][units] row-major. */
export interface LayerWeights {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
}

/** The forward pass of a whole network, one kernel for the engine; registered for 'wasm' and 'cpu'. */
export const NETWORK_KERNEL = 'CannonNetwork';
/** Its backward pass: the gradients with respect to the input and to every weight, one kernel. */
export const NETWORK_GRADIENT_KERNEL = 'CannonNetworkGradient';

/** Hidden layers at most: the hidden activations are outputs of one kernel, saved for the backward pass. */
const MAX_HIDDEN_LAYERS = 16;

/**
 * A multilayer perceptron whose weights live in one flat float32 vector, layer after layer (kernel
 * [inputs][units] row-major, then bias), so that the gradient is one tensor and Adam one loop.
 *
 * Why not tf.layers or a tf.matMul per layer: on the wasm backend each engine kernel costs tens of
 * microseconds, and a training step of the naive formulation launches ~190 of them. Here the forward pass
 * and the backward pass are one kernel each (NETWORK_KERNEL, NETWORK_GRADIENT_KERNEL), composed inside from
 * the backend's own kernels (XNNPACK matrix products on wasm), called directly without the engine.
 */
export class Network {
  readonly spec: NetworkSpec;
  /** Layer widths, input first: [inputs, ...hiddenLayers, outputs]. */
  private readonly widths: number[];
  private readonly parameters: tf.Variable<tf.Rank.R1>;
  /** The same values in JavaScript: the trainer's Adam updates them, then the variable. */
  private readonly values: Float32Array;
  /** Float64, transposed copies for applyRows, made anew when the weights change. */
  private rowWeights: RowLayer[] | null = null;
  /** applyRows's two layer buffers, allocated once: the latency path allocates nothing but its result. */
  private readonly scratch: [Float64Array, Float64Array];

  constructor(spec: NetworkSpec) {
    checkSpec(spec);
    this.spec = { ...spec, hiddenLayers: [...spec.hiddenLayers] };
    this.widths = [spec.inputs, ...spec.hiddenLayers, spec.outputs];
    this.values = new Float32Array(parameterCount(this.widths));
    const widest = Math.max(...this.widths);
    this.scratch = [new Float64Array(widest), new Float64Array(widest)];
    // PyTorch's default for Linear: kernel and bias uniform in ±1/√fan_in.
    const random = createRandom(spec.seed ?? 0);
    for (let l = 0, offset = 0; l < this.widths.length - 1; l++) {
      const bound = 1 / Math.sqrt(this.widths[l]);
      const size = (this.widths[l] + 1) * this.widths[l + 1];
      for (let i = 0; i < size; i++) this.values[offset + i] = (2 * random.uniform() - 1) * bound;
      offset += size;
    }
    // The variable shares the initial tensor's data: dispose that tensor, or it outlives the network.
    const initial = tf.tensor1d(this.values);
    this.parameters = tf.variable(initial, true, undefined, 'float32') as tf.Variable<tf.Rank.R1>;
    initial.dispose();
  }

  /** Weights and biases in one count. */
  get size(): number {
    return this.values.length;
  }

  /** Raw outputs [n, outputs] of a batch [n, inputs]; differentiable with respect to `x`, safe in tf.tidy and tf.grads. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.applyWith(x, this.parameters);
  }

  /**
   * The network with other parameters (a flat vector of `size` values): the trainer differentiates through
   * this with respect to `parameters`.
   */
  applyWith(x: tf.Tensor2D, parameters: tf.Tensor1D): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.spec.inputs || x.dtype !== 'float32') {
      throw new RangeError(`x must be a float32 tensor of shape [n, ${this.spec.inputs}]; received ${x instanceof tf.Tensor ? `${x.dtype} [${x.shape}]` : String(x)}`);
    }
    if (parameters.size !== this.values.length) throw new RangeError(`parameters must have ${this.values.length} values; received ${parameters.size}`);
    registerKernels(tf.getBackend());
    return networkOp(x, parameters, this.widths);
  }

  /**
   * Raw outputs of `rows` rows of `x` (row-major, `inputs` values each) in plain JavaScript on float64 copies
   * of the weights: no tensor, no kernel, a few microseconds for a small network.
   */
  applyRows(x: ArrayLike<number>, rows: number, out = new Float64Array(rows * this.spec.outputs)): Float64Array {
    const { inputs, outputs } = this.spec;
    if (!Number.isInteger(rows) || rows < 0 || x.length < rows * inputs) {
      throw new RangeError(`rows must be an integer ≥ 0 with x holding rows × ${inputs} values; received rows ${rows} and ${x.length} values`);
    }
    if (out.length < rows * outputs) throw new RangeError(`out must hold ${rows * outputs} values; received ${out.length}`);
    const layers = (this.rowWeights ??= transposedLayers(this.values, this.widths));
    let [a, b] = this.scratch;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < inputs; i++) a[i] = x[r * inputs + i];
      for (let l = 0; l < layers.length; l++) {
        const { weights, bias, n, m } = layers[l];
        const hidden = l < layers.length - 1;
        // Unit j's weights are contiguous (transposed copy): a dot product in four independent accumulators,
        // so that the additions do not wait on each other.
        const whole = n - (n % 4);
        for (let j = 0; j < m; j++) {
          const row = j * n;
          let s0 = bias[j];
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let i = 0; i < whole; i += 4) {
            s0 += a[i] * weights[row + i];
            s1 += a[i + 1] * weights[row + i + 1];
            s2 += a[i + 2] * weights[row + i + 2];
            s3 += a[i + 3] * weights[row + i + 3];
          }
          for (let i = whole; i < n; i++) s0 += a[i] * weights[row + i];
          const sum = s0 + s1 + (s2 + s3);
          // tanh(s) = 1 − 2/(e^{2s} + 1): exact to rounding, and several times cheaper than Math.tanh here.
          b[j] = hidden ? 1 - 2 / (Math.exp(2 * sum) + 1) : sum;
        }
        const swap = a;
        a = b;
        b = swap;
      }
      for (let j = 0; j < outputs; j++) out[r * outputs + j] = a[j];
    }
    return out;
  }

  /** Copies of the weights, layer by layer. */
  getWeights(): LayerWeights[] {
    const layers: LayerWeights[] = [];
    for (let l = 0, offset = 0; l < this.widths.length - 1; l++) {
      const inputs = this.widths[l];
      const units = this.widths[l + 1];
      layers.push({ kernel: this.values.slice(offset, offset + inputs * units), bias: this.values.slice(offset + inputs * units, offset + (inputs + 1) * units), inputs, units });
      offset += (inputs + 1) * units;
    }
    return layers;
  }

  /** Replaces the weights, layer by layer, in the shapes getWeights returns. */
  setWeights(weights: readonly { kernel: ArrayLike<number>; bias: ArrayLike<number> }[]): void {
    const layerCount = this.widths.length - 1;
    if (!Array.isArray(weights) || weights.length !== layerCount) throw new RangeError(`weights must be ${layerCount} layers; received ${Array.isArray(weights) ? weights.length : String(weights)}`);
    const values = new Float32Array(this.values.length);
    weights.forEach(({ kernel, bias }, l) => {
      const inputs = this.widths[l];
      const units = this.widths[l + 1];
      if (kernel?.length !== inputs * units) throw new RangeError(`weights[${l}].kernel must have ${inputs} × ${units} values; received ${kernel?.length}`);
      if (bias?.length !== units) throw new RangeError(`weights[${l}].bias must have ${units} values; received ${bias?.length}`);
      const offset = layerOffset(this.widths, l);
      values.set(kernel, offset);
      values.set(bias, offset + inputs * units);
    });
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new RangeError(`weights must be finite; value ${i} of the flat vector is ${values[i]}`);
    }
    this.setParameters(values);
  }

  /** The flat parameter vector (read-only use; the trainer differentiates with respect to it). */
  get parameterTensor(): tf.Tensor1D {
    return this.parameters;
  }

  /** Sets the flat parameter vector (its values are copied). */
  setParameters(values: Float32Array): void {
    if (values !== this.values) this.values.set(values);
    this.rowWeights = null;
    const next = tf.tensor1d(this.values);
    this.parameters.assign(next);
    next.dispose();
  }

  /** The flat parameter vector as JavaScript values: the live array, for the trainer. */
  get parameterValues(): Float32Array {
    return this.values;
  }

  dispose(): void {
    this.parameters.dispose();
  }
}

/** One layer for applyRows: weights [units][inputs] row-major (each unit's weights contiguous), bias. */
interface RowLayer {
  weights: Float64Array;
  bias: Float64Array;
  n: number;
  m: number;
}

function transposedLayers(values: Float32Array, widths: readonly number[]): RowLayer[] {
  const layers: RowLayer[] = [];
  for (let l = 0, offset = 0; l < widths.length - 1; l++) {
    const n = widths[l];
    const m = widths[l + 1];
    const weights = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) weights[j * n + i] = values[offset + i * m + j];
    layers.push({ weights, bias: Float64Array.from(values.subarray(offset + n * m, offset + n * m + m)), n, m });
    offset += (n + 1) * m;
  }
  return layers;
}

export interface Trainer {
  /**
   * One step: loss = lossOf(network.apply(x)), its gradient with respect to every weight, one Adam update.
   * Returns the loss before the update.
   */
  step(x: tf.Tensor2D, lossOf: (outputs: tf.Tensor2D) => tf.Scalar): number;
  dispose(): void;
}

/**
 * Adam on a network through any differentiable tfjs loss of its outputs (a decoder, a custom kernel such
 * as landingTensor, a squared error). The gradient is one flat tensor read back once per step; Adam runs
 * in JavaScript on the flat vector (see createAdam).
 */
export function createTrainer(network: Network, options: AdamOptions): Trainer {
  const adam = createAdam(network.size, options);
  return {
    step(x, lossOf) {
      const { value, grad } = tf.tidy(() => tf.valueAndGrad((parameters: tf.Tensor1D) => lossOf(network.applyWith(x, parameters)))(network.parameterTensor));
      try {
        if (value.rank !== 0) throw new RangeError(`lossOf must return a scalar; it returned shape [${value.shape}]`);
        const loss = value.dataSync()[0];
        const values = network.parameterValues;
        adam.update(values, grad.dataSync());
        network.setParameters(values);
        return loss;
      } finally {
        value.dispose();
        grad.dispose();
      }
    },
    dispose() {},
  };
}

function checkSpec(spec: NetworkSpec): void {
  if (spec === null || typeof spec !== 'object') throw new RangeError(`spec must be an object; received ${String(spec)}`);
  const positive = (field: string, value: unknown) => {
    if (!Number.isInteger(value) || (value as number) < 1) throw new RangeError(`${field} must be an integer ≥ 1; received ${String(value)}`);
  };
  positive('spec.inputs', spec.inputs);
  positive('spec.outputs', spec.outputs);
  if (!Array.isArray(spec.hiddenLayers) || spec.hiddenLayers.length > MAX_HIDDEN_LAYERS) {
    throw new RangeError(`spec.hiddenLayers must be an array of at most ${MAX_HIDDEN_LAYERS} widths; received ${String(spec.hiddenLayers)}`);
  }
  spec.hiddenLayers.forEach((units, i) => positive(`spec.hiddenLayers[${i}]`, units));
  if (spec.activation !== undefined && spec.activation !== 'tanh') throw new RangeError(`spec.activation must be 'tanh'; received ${String(spec.activation)}`);
  if (spec.seed !== undefined && !Number.isFinite(spec.seed)) throw new RangeError(`spec.seed must be a finite number; received ${spec.seed}`);
}

function parameterCount(widths: readonly number[]): number {
  return layerOffset(widths, widths.length - 1);
}

function layerOffset(widths: readonly number[], layer: number): number {
  let offset = 0;
  for (let l = 0; l < layer; l++) offset += (widths[l] + 1) * widths[l + 1];
  return offset;
}

// ---------------------------------------------------------------------------------------------------------
// The kernels.
//
// tanh(z) = 2σ(2z) − 1, and the wasm backend's sigmoid (XNNPACK, vectorised, fused into the matrix product)
// is ~10× faster than its tanh. So the hidden layers are computed as s = σ(2z) and the tanh folded into the
// weights: a layer fed by s sees h = 2s − 1, so h·W + b = s·(2W) + (b − Σᵢ Wᵢ). The kernels keep s, and the
// backward pass uses tanh'(z) = 1 − h² = 4s(1 − s).
// ---------------------------------------------------------------------------------------------------------

type DataId = object;
/** What the kernels need of a backend; the cpu backend names its output maker makeTensorInfo, wasm makeOutput. */
interface Backend {
  makeTensorInfo?(shape: number[], dtype: 'float32', values?: Float32Array): tf.TensorInfo;
  makeOutput?(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
  typedArrayFromHeap?(info: tf.TensorInfo): Float32Array;
  data?: { get(dataId: DataId): { values: Float32Array } };
  disposeData(dataId: DataId): void;
}

interface NetworkAttrs {
  widths: number[];
  /** Whether to return the hidden activations (only when a gradient is being recorded). */
  keepHidden: boolean;
}

/** The network as a tfjs op: one forward kernel, one backward kernel. */
function networkOp(x: tf.Tensor2D, parameters: tf.Tensor1D, widths: number[]): tf.Tensor2D {
  const hiddenCount = widths.length - 2;
  const forward = tf.customGrad(((xIn: tf.Tensor, p: tf.Tensor, save: tf.GradSaveFunc) => {
    const attrs: NetworkAttrs = { widths, keepHidden: tf.engine().state.gradientDepth > 0 };
    const [y, ...hidden] = tf.engine().runKernel(NETWORK_KERNEL, { x: xIn, parameters: p }, attrs as never) as tf.Tensor[];
    save([xIn, p, ...hidden]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [savedX, savedP, ...savedHidden] = saved;
        if (savedHidden.length !== hiddenCount) throw new Error('the network kernel did not keep its hidden activations');
        const inputs: Record<string, tf.Tensor> = { dy: Array.isArray(dy) ? dy[0] : dy, x: savedX, parameters: savedP };
        savedHidden.forEach((h, i) => (inputs[`hidden${i}`] = h));
        return tf.engine().runKernel(NETWORK_GRADIENT_KERNEL, inputs as never, attrs as never) as tf.Tensor[];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return forward(x, parameters) as tf.Tensor2D;
}

const registered = new Set<string>();

function registerKernels(backendName: string): void {
  if (registered.has(backendName)) return;
  if (backendName !== 'wasm' && backendName !== 'cpu') throw new Error(`the network runs on the wasm or cpu backend; the current backend is ${backendName}`);
  registered.add(backendName);
  tf.registerKernel({ kernelName: NETWORK_KERNEL, backendName, kernelFunc: networkForward as never });
  tf.registerKernel({ kernelName: NETWORK_GRADIENT_KERNEL, backendName, kernelFunc: networkBackward as never });
}

/** Calls one of the backend's kernels directly: no engine, no tape, no tensor objects; the caller disposes. */
function call(backend: Backend, kernelName: string, inputs: Record<string, tf.TensorInfo>, attrs: object = {}): tf.TensorInfo {
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
    if (kernel === undefined) throw new Error(`the ${backendName} backend has no ${kernelName} kernel`);
    table.set(kernelName, (kernelFunc = kernel.kernelFunc));
  }
  return kernelFunc;
}

function make(backend: Backend, shape: number[], values?: Float32Array): tf.TensorInfo {
  // The cpu backend keeps the array it is given: it needs one even for an output yet to be written.
  if (backend.makeTensorInfo) return backend.makeTensorInfo(shape, 'float32', values ?? new Float32Array(tf.util.sizeFromShape(shape)));
  return backend.makeOutput!(shape, 'float32', undefined, values);
}

/**
 * The values of a tensor in the backend's memory, without a copy. On wasm this is a view of the heap, which
 * any later allocation may detach: take it after the last allocation that precedes its use.
 */
function valuesOf(backend: Backend, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap ? backend.typedArrayFromHeap(info) : backend.data!.get(info.dataId).values;
}

/** The same data as a batch of one matrix, the rank the backends' matrix products take. */
function asBatch(info: tf.TensorInfo, rows: number, columns: number): tf.TensorInfo {
  return { dataId: info.dataId, shape: [1, rows, columns], dtype: info.dtype };
}

function dispose(backend: Backend, infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Outputs: the raw outputs [n, outputs], then (when keepHidden) each hidden layer's s = σ(2z) [n, units]. */
function networkForward({ inputs, backend, attrs }: { inputs: { x: tf.TensorInfo; parameters: tf.TensorInfo }; backend: Backend; attrs: NetworkAttrs }): tf.TensorInfo[] {
  const { widths, keepHidden } = attrs;
  const layers = widths.length - 1;
  const n = inputs.x.shape[0];
  // The weights as the sigmoid formulation needs them: a few thousand values, folded in JavaScript.
  const kernels: tf.TensorInfo[] = [];
  const biases: tf.TensorInfo[] = [];
  for (let l = 0; l < layers; l++) {
    kernels.push(make(backend, [widths[l], widths[l + 1]]));
    biases.push(make(backend, [widths[l + 1]]));
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
    const out = call(backend, '_FusedMatMul', { a: asBatch(a, n, widths[l]), b: asBatch(kernels[l], widths[l], widths[l + 1]), bias: biases[l] }, { transposeA: false, transposeB: false, activation });
    a = { dataId: out.dataId, shape: [n, widths[l + 1]], dtype: 'float32' };
    if (l < layers - 1) hidden.push(a);
  }
  dispose(backend, [...kernels, ...biases]);
  if (!keepHidden) {
    dispose(backend, hidden);
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
function networkBackward({ inputs, backend, attrs }: { inputs: Record<string, tf.TensorInfo>; backend: Backend; attrs: NetworkAttrs }): tf.TensorInfo[] {
  const { widths } = attrs;
  const layers = widths.length - 1;
  const { dy, x, parameters } = inputs;
  const n = x.shape[0];
  const hidden = Array.from({ length: layers - 1 }, (_, l) => inputs[`hidden${l}`]);
  // Wᵀ for dInput = dZ·Wᵀ: the backends' transposed products are slow loops; these copies are small. A layer
  // fed by s = (h + 1)/2 gets 4Wᵀ: tanh′ = 4s(1 − s), the 4 folded here.
  const transposed = widths.slice(0, -1).map((w, l) => make(backend, [widths[l + 1], w]));
  const ones = make(backend, [1, n]);
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
    const aT = call(backend, 'Transpose', { x: a }, { perm: [1, 0] });
    const kernel = call(backend, 'BatchMatMul', { a: asBatch(aT, m, n), b: asBatch(dz, n, u) }, { transposeA: false, transposeB: false });
    const bias = call(backend, 'BatchMatMul', { a: asBatch(ones, 1, n), b: asBatch(dz, n, u) }, { transposeA: false, transposeB: false });
    products[l] = { kernel, bias };
    temporary.push(aT, kernel, bias);
    const da = call(backend, 'BatchMatMul', { a: asBatch(dz, n, u), b: asBatch(transposed[l], u, m) }, { transposeA: false, transposeB: false });
    const daInfo = { dataId: da.dataId, shape: [n, m], dtype: 'float32' as const };
    if (l === 0) {
      dx = daInfo;
      break;
    }
    const s = hidden[l - 1];
    const s2 = call(backend, 'Square', { x: s });
    const slope = call(backend, 'Sub', { a: s, b: s2 });
    const next = call(backend, 'Multiply', { a: daInfo, b: slope });
    temporary.push(s2, slope, da);
    if (dz !== dy) temporary.push(dz);
    dz = next;
  }
  if (dz !== dy) temporary.push(dz);
  // Unfold the weight gradients: a layer fed by s sees h = 2s − 1, so dW = 2·sᵀdZ − 1·dbᵀ.
  const gradient = make(backend, [parameters.shape[0]]);
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
  dispose(backend, temporary);
  return [dx!, gradient];
}
