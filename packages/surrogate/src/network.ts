import * as tf from '@tensorflow/tfjs';
import type { Random } from '@cannon/random';
import type { Scaling } from './metadata.js';
import type { Activation } from './options.js';

export interface NetworkShape {
  hiddenLayers: readonly number[];
  activation: Activation;
  normalisation: { speed: Scaling; angle: Scaling; distance: Scaling };
}

/**
 * A multilayer perceptron from (speed, angle) to the landing distance with its scalings inside: a first
 * Dense layer with fixed weights maps the inputs to [−1, 1], a last one maps the output back to metres.
 * Built-in layers only, so the saved model.json loads with plain tf.loadLayersModel. Weights are drawn
 * from `random` (seeded Glorot initialisers), so the same seed builds the same network.
 */
export function buildNetwork({ hiddenLayers, activation, normalisation }: NetworkShape, random: Random): tf.Sequential {
  const { speed, angle, distance } = normalisation;
  const seed = () => Math.floor(random.uniform() * 2 ** 31);
  const inputWeights = [tf.tensor2d([[1 / speed.scale, 0], [0, 1 / angle.scale]]), tf.tensor1d([-speed.offset / speed.scale, -angle.offset / angle.scale])];
  const outputWeights = [tf.tensor2d([[distance.scale]]), tf.tensor1d([distance.offset])];
  const model = tf.sequential({ name: 'surrogate' });
  model.add(
    tf.layers.dense({
      name: 'normalise_inputs',
      inputShape: [2],
      units: 2,
      trainable: false,
      weights: inputWeights,
    }),
  );
  hiddenLayers.forEach((units, i) => {
    model.add(tf.layers.dense({ name: `hidden_${i + 1}`, units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }) }));
  });
  model.add(tf.layers.dense({ name: 'distance', units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }) }));
  model.add(
    tf.layers.dense({
      name: 'denormalise_distance',
      units: 1,
      trainable: false,
      weights: outputWeights,
    }),
  );
  // Each layer is built as it is added and keeps its own copy of these.
  tf.dispose([...inputWeights, ...outputWeights]);
  return model;
}
