import * as tf from '@tensorflow/tfjs';
import { checkInteger, checkNumber } from '@cannon/errors';
import { checkHiddenLayers } from '@cannon/network';
import type { Trainer } from '@cannon/network/tensor';

/** What every aimer's training takes besides its box: the network, Adam's steps, and the loss's two weights. */
export interface TrainingOptions {
  name?: string;
  hiddenLayers?: number[];
  batchSize?: number;
  steps?: number;
  /** Adam's learning rate: held for the first 60% of the steps, then decayed geometrically to 1/50 of it at the last. */
  learningRate?: number;
  seed?: number;
  /** The weight of the preference for slow shots. */
  speedPenalty?: number;
  /** The pull of each elevation up the range at its own speed, onto the ridge of the slowest shots. */
  ridgePull?: number;
  progressEvery?: number;
}

export type TrainingSettings = Required<Omit<TrainingOptions, 'name'>>;

/** The training options, each checked (naming it) or taken from `defaults`. */
export function checkTraining(options: TrainingOptions, defaults: Readonly<Omit<TrainingSettings, 'hiddenLayers'>> & { hiddenLayers: readonly number[] }): TrainingSettings {
  return {
    hiddenLayers: checkHiddenLayers(options.hiddenLayers ?? defaults.hiddenLayers),
    // Refused before any work: a batch of 1e8 runs out of the wasm backend's memory after half a minute.
    batchSize: checkInteger('batchSize', options.batchSize ?? defaults.batchSize, { min: 1, max: 65_536 }),
    steps: checkInteger('steps', options.steps ?? defaults.steps, { min: 1 }),
    learningRate: checkNumber('learningRate', options.learningRate ?? defaults.learningRate, { min: 0, minOpen: true }),
    seed: checkNumber('seed', options.seed ?? defaults.seed),
    speedPenalty: checkNumber('speedPenalty', options.speedPenalty ?? defaults.speedPenalty, { min: 0 }),
    ridgePull: checkNumber('ridgePull', options.ridgePull ?? defaults.ridgePull, { min: 0 }),
    progressEvery: checkInteger('progressEvery', options.progressEvery ?? defaults.progressEvery, { min: 1 }),
  };
}

/** The share of the steps at the full learning rate, and the fraction of it reached at the last step. */
const DECAY_FROM = 0.6;
const FINAL_RATE = 0.02;

export interface TrainingRun {
  trainer: Trainer;
  steps: number;
  learningRate: number;
  /** The batch of this step: its inputs (row-major, of `shape`) and its loss of the network's raw outputs. */
  batch: () => { x: Float32Array; shape: [number, number]; lossOf: (raw: tf.Tensor2D) => tf.Scalar };
  /** Called every `progressEvery` steps and at the last, with the step, its loss and the seconds so far; false stops early. */
  progress?: (step: number, loss: number, seconds: number) => void | boolean;
  progressEvery: number;
}

/**
 * Runs an aimer's training: Adam steps, the learning rate held for the first 60% of them and then decayed
 * geometrically to 1/50 of it at the last (millimetre landings need small steps at the end; the decay is relative to
 * `steps`, so early training is as fast). Returns the steps taken, the last loss and the seconds.
 */
export function runTraining({ trainer, steps, learningRate, batch, progress, progressEvery }: TrainingRun): { steps: number; loss: number; seconds: number } {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let loss = NaN;
  let step = 0;
  while (step < steps) {
    step++;
    const rate = learningRate * FINAL_RATE ** Math.max(0, ((step - 1) / steps - DECAY_FROM) / (1 - DECAY_FROM));
    const next = batch();
    loss = tf.tidy(() => trainer.step(tf.tensor2d(next.x, next.shape), next.lossOf, rate));
    if (progress && (step % progressEvery === 0 || step === steps) && progress(step, loss, seconds()) === false) break;
  }
  return { steps: step, loss, seconds: seconds() };
}
