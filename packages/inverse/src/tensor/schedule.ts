import * as tf from '@tensorflow/tfjs';
import type { Trainer } from '@cannon/network/tensor';

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
