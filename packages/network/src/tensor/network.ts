import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { registerKernelsOnce } from '@cannon/kernels';
import { createForward, type Forward } from '../forward.js';
import { flatParameters, initialParameters, layersOf, type LayerWeights } from '../parameters.js';
import { checkSpec, layerWidths, parameterCount, type NetworkSpec } from '../spec.js';
import { NETWORK_GRADIENT_KERNEL, NETWORK_KERNEL, networkBackward, networkForward, type NetworkAttrs } from './kernels.js';

/**
 * A multilayer perceptron whose weights live in one flat float32 vector (see `initialParameters`), held
 * both as a tf.Variable and as JavaScript values, so that the gradient is one tensor and Adam one loop.
 *
 * Why not tf.layers or a tf.matMul per layer: on the wasm backend each engine kernel costs tens of
 * microseconds, and a training step of the naive formulation launches ~190 of them. Here the forward pass
 * and the backward pass are one kernel each (NETWORK_KERNEL, NETWORK_GRADIENT_KERNEL), composed inside from
 * the backend's own kernels (XNNPACK matrix products on wasm), called directly without the engine.
 */
export class Network {
  readonly spec: NetworkSpec;
  private readonly widths: number[];
  private readonly parameters: tf.Variable<tf.Rank.R1>;
  /** The same values in JavaScript: the trainer's Adam updates them, then the variable. */
  private readonly values: Float32Array;
  /** The plain forward pass on the current values, made when first asked for after a change. */
  private forward: Forward | null = null;

  /** A network with the spec's initial parameters, or with `parameters` (a flat vector, copied). */
  constructor(spec: NetworkSpec, parameters?: Float32Array) {
    checkSpec(spec);
    this.spec = { ...spec, hiddenLayers: [...spec.hiddenLayers] };
    this.widths = layerWidths(spec);
    if (parameters !== undefined && parameters.length !== parameterCount(spec)) {
      throw new InvalidInputError('parameters', `${parameterCount(spec)} values`, `${parameters.length} values`);
    }
    this.values = parameters ? Float32Array.from(parameters) : initialParameters(spec);
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
      throw new InvalidInputError('x', `a float32 tensor of shape [n, ${this.spec.inputs}]`, x instanceof tf.Tensor ? `${x.dtype} [${x.shape}]` : x);
    }
    if (parameters.size !== this.values.length) throw new InvalidInputError('parameters', `${this.values.length} values`, `${parameters.size} values`);
    registerKernelsOnce('the network', { [NETWORK_KERNEL]: networkForward, [NETWORK_GRADIENT_KERNEL]: networkBackward });
    return networkOp(x, parameters, this.widths);
  }

  /** Raw outputs of `rows` rows of `x` (row-major) in plain JavaScript: see `createForward`. */
  applyRows(x: ArrayLike<number>, rows: number, out?: Float64Array): Float64Array {
    this.forward ??= createForward(this.spec, this.values);
    return this.forward(x, rows, out);
  }

  /** Copies of the weights, layer by layer. */
  getWeights(): LayerWeights[] {
    return layersOf(this.spec, this.values);
  }

  /** Replaces the weights, layer by layer, in the shapes getWeights returns. */
  setWeights(weights: readonly { kernel: ArrayLike<number>; bias: ArrayLike<number> }[]): void {
    this.setParameters(flatParameters(this.spec, weights));
  }

  /** The flat parameter vector as a tensor (read-only use; the trainer differentiates with respect to it). */
  get parameterTensor(): tf.Tensor1D {
    return this.parameters;
  }

  /** The flat parameter vector as JavaScript values: the live array (call setParameters after changing it). */
  get parameterValues(): Float32Array {
    return this.values;
  }

  /** Sets the flat parameter vector (its values are copied). */
  setParameters(values: Float32Array): void {
    if (values !== this.values) this.values.set(values);
    this.forward = null;
    const next = tf.tensor1d(this.values);
    this.parameters.assign(next);
    next.dispose();
  }

  dispose(): void {
    this.parameters.dispose();
  }
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
