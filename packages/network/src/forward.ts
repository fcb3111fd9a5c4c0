import { BackendError, InvalidInputError } from '@cannon/errors';
import { bytesFromBase64 } from '@cannon/embedded';
import { checkParameters } from './parameters.js';
import { layerWidths, type NetworkSpec } from './spec.js';

export { checkParameters };
// Generated from kernel/ by ../embedded/scripts/embed-kernel.mjs (`generate`, which `pnpm install` runs at the root); not in git.
import { forwardKernelBase64 } from './forward-kernel.generated.js';

/** A network's forward pass on plain numbers: raw outputs of `rows` rows of `x` (row-major), into `out`. */
export type Forward = (x: ArrayLike<number>, rows: number, out?: Float64Array) => Float64Array;

/** One layer for the forward pass: weights [units][inputs] row-major (each unit's weights contiguous), bias. */
interface RowLayer {
  weights: Float64Array;
  bias: Float64Array;
  n: number;
  m: number;
}

/** The exports of the forward kernel (kernel/forward.ts, compiled to WebAssembly with SIMD). */
interface ForwardKernel {
  memory: WebAssembly.Memory;
  forward(depth: number, widths: number, parameters: number, rows: number, input: number, output: number, scratch: number): void;
  heapBase(): number;
}

let kernel: ForwardKernel | null = null;
/** The first free byte of the kernel's memory: networks' parameters lie below, each call's rows above. */
let top = 0;
/** Regions below `top` whose network was garbage-collected, ready for another: [offset, bytes]. */
const freed: [number, number][] = [];
const release = new FinalizationRegistry<[number, number]>((region) => freed.push(region));

/** `bytes` of kernel memory for a network's parameters, kept until its forward pass is collected. */
function allocate(bytes: number): number {
  const fit = freed.findIndex(([, size]) => size >= bytes);
  if (fit >= 0) return freed.splice(fit, 1)[0][0];
  const offset = top;
  top = align(top + bytes);
  return offset;
}

/**
 * The forward kernel, compiled on first use. It is small enough that browsers compile it synchronously on
 * the main thread; `loadForwardKernel` compiles it asynchronously for those that would not.
 */
function forwardKernel(): ForwardKernel {
  if (kernel) return kernel;
  try {
    return started(new WebAssembly.Instance(new WebAssembly.Module(bytesFromBase64(forwardKernelBase64) as BufferSource)));
  } catch (error) {
    throw new BackendError(`the forward kernel could not be compiled here synchronously (${(error as Error).message}): await loadForwardKernel() first`);
  }
}

function started(instance: WebAssembly.Instance): ForwardKernel {
  kernel ??= instance.exports as unknown as ForwardKernel;
  top ||= align(kernel.heapBase());
  return kernel;
}

/** Compiles the forward kernel asynchronously, where a synchronous compile is refused (a browser's main thread). */
export async function loadForwardKernel(): Promise<void> {
  if (kernel) return;
  const { instance } = await WebAssembly.instantiate(bytesFromBase64(forwardKernelBase64) as BufferSource);
  started(instance);
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** `bytes` of kernel memory from `offset` made addressable, growing the memory to fit. */
function reserve(memory: WebAssembly.Memory, offset: number, bytes: number): void {
  const needed = offset + bytes;
  if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
}

/**
 * The forward pass of a network in WebAssembly with SIMD (two rows per f64x2 vector), on float64 copies of
 * its parameters (taken now: later changes to `parameters` are not seen). It equals the pass in plain
 * JavaScript (`createJavaScriptForward`) to float rounding; nothing is allocated per call but the result.
 */
export function createForward(spec: NetworkSpec, parameters: Float32Array): Forward {
  const { inputs, outputs } = spec;
  checkParameters(spec, parameters);
  const { memory, forward } = forwardKernel();
  const widths = layerWidths(spec);
  const depth = widths.length - 1;
  // The widths (i32) and the parameters, each layer's weights unit by unit then its biases.
  const parametersOffset = align(4 * widths.length);
  const bytes = parametersOffset + 8 * parameters.length;
  const widthsAt = allocate(bytes);
  const parametersAt = widthsAt + parametersOffset;
  reserve(memory, 0, top);
  new Int32Array(memory.buffer, widthsAt, widths.length).set(widths);
  const values = new Float64Array(memory.buffer, parametersAt, parameters.length);
  let at = 0;
  for (const { weights, bias } of transposedLayers(parameters, widths)) {
    values.set(weights, at);
    values.set(bias, at + weights.length);
    at += weights.length + bias.length;
  }
  const scratchBytes = 2 * 32 * Math.max(...widths);
  const pass: Forward = (x, rows, given) => {
    checkRows(x, rows, given, inputs, outputs);
    const out = given ?? new Float64Array(rows * outputs);
    // Each call's scratch, rows and outputs sit above every network's parameters.
    const scratchAt = top;
    const inputAt = scratchAt + scratchBytes;
    const outputAt = align(inputAt + 8 * rows * inputs);
    reserve(memory, 0, outputAt + 8 * rows * outputs);
    const input = new Float64Array(memory.buffer, inputAt, rows * inputs);
    if (x.length === input.length) input.set(x);
    else for (let i = 0; i < input.length; i++) input[i] = x[i];
    forward(depth, widthsAt, parametersAt, rows, inputAt, outputAt, scratchAt);
    const result = new Float64Array(memory.buffer, outputAt, rows * outputs);
    if (out.length === result.length) out.set(result);
    else for (let i = 0; i < result.length; i++) out[i] = result[i];
    return out;
  };
  release.register(pass, [widthsAt, bytes]);
  return pass;
}

function checkRows(x: ArrayLike<number>, rows: number, out: Float64Array | undefined, inputs: number, outputs: number): void {
  if (!(Array.isArray(x) || ArrayBuffer.isView(x))) throw new InvalidInputError('x', 'an array of the rows\' inputs', x);
  if (out !== undefined && !(out instanceof Float64Array)) throw new InvalidInputError('out', 'a Float64Array', out);
  if (!Number.isInteger(rows) || rows < 0 || x.length < rows * inputs) throw new InvalidInputError('rows', `a whole number ≥ 0 with x holding rows × ${inputs} values`, rows);
  if (out !== undefined && out.length < rows * outputs) throw new InvalidInputError('out', `room for ${rows * outputs} values`, `${out.length} values`);
}

/**
 * The forward pass of a network in plain JavaScript, on float64 copies of its parameters: the reference the
 * WebAssembly pass (`createForward`) is tested against, about a microsecond per row for a small network.
 */
export function createJavaScriptForward(spec: NetworkSpec, parameters: Float32Array): Forward {
  const { inputs, outputs } = spec;
  checkParameters(spec, parameters);
  const layers = transposedLayers(parameters, layerWidths(spec));
  const widest = Math.max(inputs, ...spec.hiddenLayers, outputs);
  const scratch = [new Float64Array(widest), new Float64Array(widest)];
  return (x, rows, given) => {
    checkRows(x, rows, given, inputs, outputs);
    const out = given ?? new Float64Array(rows * outputs);
    let [a, b] = scratch;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < inputs; i++) a[i] = x[r * inputs + i];
      for (let l = 0; l < layers.length; l++) {
        const { weights, bias, n, m } = layers[l];
        const hidden = l < layers.length - 1;
        // A dot product in four independent accumulators, so that the additions do not wait on each other.
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
  };
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
