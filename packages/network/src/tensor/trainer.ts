import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { createAdam, type AdamOptions } from '@cannon/adam';
import type { Network } from './network.js';

export interface Trainer {
  /**
   * One step: loss = lossOf(network.apply(x)), its gradient with respect to every weight, one Adam update
   * (at `learningRate` when given, else the trainer's). Returns the loss before the update.
   */
  step(x: tf.Tensor2D, lossOf: (outputs: tf.Tensor2D) => tf.Scalar, learningRate?: number): number;
}

/**
 * Adam on a network through any differentiable tfjs loss of its outputs (a decoder, a custom kernel such
 * as landingTensor, a squared error). The gradient is one flat tensor read back once per step; Adam runs
 * in JavaScript on the flat vector (see createAdam).
 */
export function createTrainer(network: Network, options: AdamOptions): Trainer {
  const adam = createAdam(network.size, options);
  return {
    step(x, lossOf, learningRate) {
      const { value, grad } = tf.tidy(() => tf.valueAndGrad((parameters: tf.Tensor1D) => lossOf(network.applyWith(x, parameters)))(network.parameterTensor));
      try {
        if (value.rank !== 0) throw new InvalidInputError('lossOf', 'a function returning a scalar', `shape [${value.shape}]`);
        const loss = value.dataSync()[0];
        const values = network.parameterValues;
        adam.update(values, grad.dataSync(), learningRate);
        network.setParameters(values);
        return loss;
      } finally {
        value.dispose();
        grad.dispose();
      }
    },
  };
}
