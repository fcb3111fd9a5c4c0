import { checkHiddenLayers } from '@cannon/network';
import { maxShots, resolveWorld, type FiredShot, type World } from '@cannon/physics';
import { checkInteger, checkNumber, checkRange, InvalidInputError } from '@cannon/errors';

/** What trainSurrogate reports after each epoch: losses are mean squared errors in m². */
export interface TrainingProgress {
  /** 1 for the first epoch. */
  epoch: number;
  epochs: number;
  loss: number;
  /** null without a validation split. */
  validationLoss: number | null;
}

/** The activations of the hidden layers: tanh, the one @cannon/network runs (smooth, so the forward model has smooth gradients). */
export const activations = ['tanh'] as const;
export type Activation = (typeof activations)[number];

export interface SurrogateOptions {
  /** Shots to fire for training data; default 1000, the article's. Ignored with `data`. */
  shots?: number;
  /** Standard deviation of the measurement noise of each fired shot, m; default 0. */
  noise?: number;
  /** Seeds the shots, the initial weights, the validation split and the shuffling; default 0. */
  seed?: number;
  world?: Partial<World>;
  /** The domain, m/s and rad: shots are fired in it and inputs are scaled from it to [−1, 1]. Default the article's (0, 10) × (0, π/2). */
  speedRange?: readonly [number, number];
  angleRange?: readonly [number, number];
  /** Units of each hidden layer; default [64, 64]. */
  hiddenLayers?: readonly number[];
  /** Of the hidden layers: 'tanh' (see `activations`). */
  activation?: Activation;
  /** At most this many passes over the training shots; default 200. */
  epochs?: number;
  /** Shots per gradient step; default 64. */
  batchSize?: number;
  /** Of the Adam optimiser; default 0.01. */
  learningRate?: number;
  /** Fraction of the shots held back to measure the validation loss; default 0.2. 0 trains on all of them. */
  validationSplit?: number;
  /** Stop after this many epochs without a better validation loss (training loss without a split), and keep the best weights; default 30. */
  patience?: number;
  onProgress?: (progress: TrainingProgress) => void;
  /** Train on these shots instead of firing new ones. */
  data?: readonly FiredShot[];
}

/** The defaults of trainSurrogate, chosen so that the default surrogate trains in seconds on the wasm backend. */
export const defaultSurrogateOptions: Readonly<Required<Omit<SurrogateOptions, 'world' | 'onProgress' | 'data'>>> = Object.freeze({
  shots: 1000,
  noise: 0,
  seed: 0,
  speedRange: Object.freeze([0, 10] as [number, number]),
  angleRange: Object.freeze([0, Math.PI / 2] as [number, number]),
  hiddenLayers: Object.freeze([64, 64]),
  activation: 'tanh',
  epochs: 200,
  batchSize: 64,
  learningRate: 0.01,
  validationSplit: 0.2,
  patience: 30,
});

export type ResolvedOptions = Omit<Required<SurrogateOptions>, 'hiddenLayers' | 'speedRange' | 'angleRange' | 'world' | 'onProgress' | 'data'> & {
  hiddenLayers: number[];
  speedRange: [number, number];
  angleRange: [number, number];
  world: World;
  onProgress?: (progress: TrainingProgress) => void;
  data?: readonly FiredShot[];
};

/** Fills in the defaults and checks every option; a bad one throws InvalidInputError naming it and what is allowed. */
export function resolveOptions(options: SurrogateOptions): ResolvedOptions {
  const o = { ...defaultSurrogateOptions, ...withoutUndefined(options) };
  checkInteger('shots', o.shots, { min: 2, max: maxShots });
  checkNumber('noise', o.noise, { min: 0 });
  checkNumber('seed', o.seed);
  checkRange('speedRange', o.speedRange, { min: 0 });
  checkRange('angleRange', o.angleRange, { min: -Math.PI / 2, max: Math.PI / 2 });
  checkHiddenLayers(o.hiddenLayers);
  if (!activations.includes(o.activation)) throw new InvalidInputError('activation', `one of ${activations.join(', ')}`, o.activation);
  checkInteger('epochs', o.epochs, { min: 1, max: 1_000_000 });
  checkInteger('batchSize', o.batchSize, { min: 1, max: 65_536 });
  checkNumber('learningRate', o.learningRate, { min: 0, max: 1, minOpen: true });
  checkNumber('validationSplit', o.validationSplit, { min: 0, max: 1, maxOpen: true });
  checkInteger('patience', o.patience, { min: 1 });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new InvalidInputError('onProgress', 'a function', o.onProgress);
  if (o.data !== undefined) checkData(o.data);
  return {
    ...o,
    hiddenLayers: [...o.hiddenLayers],
    speedRange: [o.speedRange[0], o.speedRange[1]],
    angleRange: [o.angleRange[0], o.angleRange[1]],
    world: resolveWorld(o.world),
  };
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function checkData(data: unknown): void {
  if (!Array.isArray(data) || data.length < 2) throw new InvalidInputError('data', 'an array of at least 2 shots { speed, angle, distance }', data);
  data.forEach((shot: FiredShot, i) => {
    const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
    if (!finite(shot?.speed) || !finite(shot?.angle) || !(shot.distance === null || finite(shot.distance))) {
      throw new InvalidInputError(`data[${i}]`, 'a shot { speed, angle, distance } of finite numbers (distance may be null)', shot);
    }
  });
}
