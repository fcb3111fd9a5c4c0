import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';

/** Adam's hyperparameters; the defaults are PyTorch's and tf.train.adam's. */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Adam's state for one flat vector of parameters: the moments and the step count. */
export interface Adam {
  /** Updates `parameters` in place from their gradient `gradient`, and counts the step; `learningRate`, when given, replaces the options' for this step. */
  update(parameters: Float32Array | Float64Array, gradient: ArrayLike<number>, learningRate?: number): void;
  /** Steps taken so far. */
  readonly steps: number;
}

/**
 * Adam on a flat vector in plain JavaScript: the one Adam of the plain-number code, for a network's weights
 * (@cannon/network's trainer) as for one shot's speed and angle (`solve` with method 'adam'). A network of a
 * few thousand weights updates in microseconds this way, where tf.train.adam launches a dozen kernels per
 * variable (tens of microseconds each on wasm).
 * The update is PyTorch's and tf.train.adam's: p −= lr · m̂ / (√v̂ + ε), with m̂ = m / (1 − β1ᵗ) and
 * v̂ = v / (1 − β2ᵗ); the moments are kept in float64.
 */
export function createAdam(size: number, options: AdamOptions): Adam {
  checkInteger('size', size, { min: 0, max: 2 ** 26 });
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { learningRate, beta1?, beta2?, epsilon? }', options);
  const { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  checkNumber('learningRate', learningRate, { min: 0, minOpen: true });
  checkNumber('beta1', beta1, { min: 0, max: 1, maxOpen: true });
  checkNumber('beta2', beta2, { min: 0, max: 1, maxOpen: true });
  checkNumber('epsilon', epsilon, { min: 0 });
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let steps = 0;
  return {
    get steps() {
      return steps;
    },
    update(parameters, gradient, rate = learningRate) {
      if (!(parameters instanceof Float64Array || parameters instanceof Float32Array || Array.isArray(parameters))) throw new InvalidInputError('parameters', 'an array of numbers', parameters);
      if (!(ArrayBuffer.isView(gradient) || Array.isArray(gradient))) throw new InvalidInputError('gradient', 'an array of numbers', gradient);
      if (parameters.length !== size || (gradient as ArrayLike<number>).length !== size) {
        throw new InvalidInputError('parameters and gradient', `${size} values each`, `${parameters.length} and ${(gradient as ArrayLike<number>).length}`);
      }
      if (rate !== learningRate) checkNumber('learningRate', rate, { min: 0, minOpen: true });
      steps += 1;
      const correction1 = 1 - beta1 ** steps;
      const correction2 = 1 - beta2 ** steps;
      for (let i = 0; i < size; i++) {
        const g = gradient[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        parameters[i] -= (rate * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
      }
    },
  };
}
