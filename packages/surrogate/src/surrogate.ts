import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import type { TensorForward } from './forward.js';
import type { SurrogateMetadata } from './metadata.js';

/** A trained network and what it was trained on; `forward` is the differentiable forward model for @cannon/optimize. */
export interface Surrogate {
  model: tf.LayersModel;
  metadata: SurrogateMetadata;
  forward: TensorForward;
  /** The predicted landing distance of one shot, in metres. */
  landing(speed: number, angle: number): number;
  /** Frees the network's weights; the surrogate cannot be used afterwards. */
  dispose(): void;
}

/** A surrogate around a network that maps [speed, angle] rows to [distance] rows in metres. */
export function createSurrogate(model: tf.LayersModel, metadata: SurrogateMetadata): Surrogate {
  const forward: TensorForward = (speeds, angles) =>
    tf.tidy(() => {
      if (speeds.rank !== 1 || angles.rank !== 1 || speeds.size !== angles.size) {
        throw new InvalidInputError('speeds, angles', `two 1-D tensors of the same length`, `shapes [${speeds.shape}] and [${angles.shape}]`);
      }
      const rows = tf.stack([speeds, angles], 1);
      return (model.apply(rows, { training: false }) as tf.Tensor2D).reshape([-1]) as tf.Tensor1D;
    });
  const landing = (speed: number, angle: number): number => {
    if (!Number.isFinite(speed)) throw new InvalidInputError('speed', 'a finite number', speed);
    if (!Number.isFinite(angle)) throw new InvalidInputError('angle', 'a finite number', angle);
    const distance = tf.tidy(() => forward(tf.tensor1d([speed]), tf.tensor1d([angle])));
    const [value] = distance.dataSync();
    distance.dispose();
    return value;
  };
  return { model, metadata, forward, landing, dispose: () => model.dispose() };
}
