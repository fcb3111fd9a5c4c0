import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { checkScaling, type NetworkScaling } from '@cannon/network';
import { Network, scaleTensor, unscaleTensor } from '@cannon/network/tensor';
import type { TensorForward } from './forward.js';
import { checkMetadata } from './check-metadata.js';
import type { SurrogateMetadata } from './metadata.js';

/** A trained network and what it was trained on; `forward` is the differentiable forward model for @cannon/optimize. */
export interface Surrogate {
  /** The @cannon/network network, on the scaled inputs and output (see `metadata.normalisation`). */
  network: Network;
  metadata: SurrogateMetadata;
  forward: TensorForward;
  /** The predicted landing distance of one shot, in metres. */
  landing(speed: number, angle: number): number;
  /** Frees the network's weights; the surrogate cannot be used afterwards. */
  dispose(): void;
}

/** The scaling around a surrogate's network: speed and angle in, distance out. */
export function surrogateScaling(metadata: Pick<SurrogateMetadata, 'normalisation'>): NetworkScaling {
  const normalisation = metadata !== null && typeof metadata === 'object' ? metadata.normalisation : undefined;
  if (normalisation === null || typeof normalisation !== 'object') throw new InvalidInputError('metadata.normalisation', 'the scalings { speed, angle, distance } of a surrogate', normalisation);
  const { speed, angle, distance } = normalisation;
  return checkScaling({ inputs: [speed, angle], outputs: [distance] }, 2, 1, 'metadata.normalisation');
}

/** A surrogate around a network from scaled [speed, angle] rows to a scaled distance, with the scalings of `metadata.normalisation`. */
export function createSurrogate(network: Network, metadata: SurrogateMetadata): Surrogate {
  if (!(network instanceof Network)) throw new InvalidInputError('network', 'a Network of @cannon/network/tensor', network);
  try {
    checkMetadata(metadata, 'metadata');
  } catch (error) {
    throw new InvalidInputError('metadata', "a surrogate's metadata", (error as Error).message);
  }
  const scaling = surrogateScaling(metadata);
  const forward: TensorForward = (speeds, angles) =>
    tf.tidy(() => {
      if (!(speeds instanceof tf.Tensor) || !(angles instanceof tf.Tensor)) throw new InvalidInputError('speeds, angles', 'two 1-D tensors of the same length', [speeds, angles]);
      if (speeds.rank !== 1 || angles.rank !== 1 || speeds.size !== angles.size) {
        throw new InvalidInputError('speeds, angles', `two 1-D tensors of the same length`, `shapes [${speeds.shape}] and [${angles.shape}]`);
      }
      const rows = tf.stack([speeds, angles], 1) as tf.Tensor2D;
      return unscaleTensor(network.apply(scaleTensor(rows, scaling.inputs)), scaling.outputs).reshape([-1]) as tf.Tensor1D;
    });
  const landing = (speed: number, angle: number): number => {
    if (!Number.isFinite(speed)) throw new InvalidInputError('speed', 'a finite number', speed);
    if (!Number.isFinite(angle)) throw new InvalidInputError('angle', 'a finite number', angle);
    const distance = tf.tidy(() => forward(tf.tensor1d([speed]), tf.tensor1d([angle])));
    const [value] = distance.dataSync();
    distance.dispose();
    return value;
  };
  return { network, metadata, forward, landing, dispose: () => network.dispose() };
}
