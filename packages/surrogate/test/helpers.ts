import * as tf from '@tensorflow/tfjs';
import { trainSurrogate, type Surrogate, type SurrogateOptions } from '../src/index.js';

/** A small surrogate that trains in well under a second: enough to test behaviour, not accuracy. */
export function trainSmall(options: SurrogateOptions = {}): Promise<Surrogate> {
  return trainSurrogate({ shots: 200, epochs: 20, hiddenLayers: [16, 16], batchSize: 32, ...options });
}

/** Predictions of the surrogate at a fixed set of shots across the domain. */
export function predictions(surrogate: Surrogate): number[] {
  const speeds = [1, 3, 5, 7, 9, 9.9];
  const angles = [0.1, 0.4, 0.7, 0.9, 1.2, 1.5];
  return tf.tidy(() => Array.from(surrogate.forward(tf.tensor1d(speeds), tf.tensor1d(angles)).dataSync()));
}
