import type { ModelKind } from '@cannon/model-files';
import { checkNumber } from '@cannon/errors';
import { checkHiddenLayers, type NetworkSpec, type Scaling } from '@cannon/network';
import type { World } from '@cannon/physics';

export type { Scaling };

/** The `format` of every surrogate.json. */
export const SURROGATE_FORMAT = 'cannon-surrogate';
/** The version of surrogate.json this package writes and reads. */
export const SURROGATE_VERSION = 1;

/** How the network was trained: the settings used, and how it went. */
export interface TrainingRecord {
  hiddenLayers: number[];
  /** Always 'tanh': the hidden layers of a @cannon/network network. */
  activation: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  validationSplit: number;
  patience: number;
  seed: number;
  /** Shots fired (or given as `data`), and those with a landing the network was fitted to. */
  shots: number;
  usedShots: number;
  /** Standard deviation of the measurement noise of the fired shots in metres; null when the shots were given as `data`. */
  noise: number | null;
  /** Epochs run (fewer than `epochs` when early stopping stopped it) and the epoch whose weights were kept. */
  epochsRun: number;
  bestEpoch: number;
  /** Mean squared error in m² of the kept weights: on the training shots (as fitted) and the validation shots (null without). */
  loss: number;
  validationLoss: number | null;
}

/** Everything about a surrogate besides its weights: what surrogate.json holds. */
export interface SurrogateMetadata {
  format: typeof SURROGATE_FORMAT;
  version: typeof SURROGATE_VERSION;
  /** The network's input columns, in order, and its output. */
  inputs: ['speed', 'angle'];
  outputs: ['distance'];
  /** The domain it was trained on (m/s, rad). */
  speedRange: [number, number];
  angleRange: [number, number];
  /** The world the shots were fired in, every field filled in. */
  world: World;
  /** The fixed scalings inside the network: inputs from the domain to [−1, 1], the output from the network's scale to metres. */
  normalisation: { speed: Scaling; angle: Scaling; distance: Scaling };
  training: TrainingRecord;
}

/** The files of a saved surrogate: model.json, weights.bin and surrogate.json. */
export const SURROGATE_FILES: ModelKind = Object.freeze({ kind: 'surrogate', saver: 'saveSurrogate', metadataFile: 'surrogate.json' });

/** The network of a surrogate: (speed, angle) in, distance out, tanh hidden layers. */
export function surrogateNetworkSpec(hiddenLayers: readonly number[], seed?: number): NetworkSpec {
  checkHiddenLayers(hiddenLayers);
  if (seed !== undefined) checkNumber('seed', seed);
  return { inputs: 2, hiddenLayers, outputs: 1, activation: 'tanh', ...(seed === undefined ? {} : { seed }) };
}
