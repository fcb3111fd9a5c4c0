import * as tf from '@tensorflow/tfjs';
import { fire, resolveWorld } from '@cannon/physics';
import { initializeBackend } from '@cannon/physics/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSurrogateOptions, SURROGATE_FORMAT, type TrainingProgress } from '../src/index.js';
import { predictions, trainSmall } from './helpers.js';

beforeAll(async () => {
  await initializeBackend();
});

describe('trainSurrogate', () => {
  it('reports its progress after every epoch, and the loss falls', async () => {
    const reports: TrainingProgress[] = [];
    const surrogate = await trainSmall({ onProgress: (progress) => reports.push(progress) });
    surrogate.dispose();
    expect(reports.map((r) => r.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reports.every((r) => r.epochs === 20 && Number.isFinite(r.loss) && Number.isFinite(r.validationLoss))).toBe(true);
    expect(reports[19].loss).toBeLessThan(reports[0].loss / 4);
    expect(reports[19].validationLoss).toBeLessThan((reports[0].validationLoss as number) / 4);
  });

  it('gives the same network for the same seed', async () => {
    const first = await trainSmall({ seed: 7 });
    const second = await trainSmall({ seed: 7 });
    expect(predictions(second)).toEqual(predictions(first));
    first.dispose();
    second.dispose();
  });

  it('gives a different network for a different seed', async () => {
    const first = await trainSmall({ seed: 7 });
    const second = await trainSmall({ seed: 8 });
    expect(predictions(second)).not.toEqual(predictions(first));
    first.dispose();
    second.dispose();
  });

  it('leaks no tensors, and dispose frees the network', async () => {
    const before = tf.memory().numTensors;
    const surrogate = await trainSmall();
    surrogate.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on the shots it is given instead of firing', async () => {
    const data = fire({ shots: 200, seed: 3, world: { drag: 0.05 } });
    const surrogate = await trainSmall({ data, world: { drag: 0.05 } });
    expect(surrogate.metadata.training).toMatchObject({ shots: 200, usedShots: 200, noise: null });
    surrogate.dispose();
  });

  it('stops early after `patience` epochs without a better validation loss, keeping the best epoch', async () => {
    const reports: TrainingProgress[] = [];
    // A learning rate this large makes the validation loss bounce, so it stops improving quickly.
    const surrogate = await trainSmall({ epochs: 200, patience: 3, learningRate: 0.5, onProgress: (p) => reports.push(p) });
    const { epochsRun, bestEpoch, validationLoss } = surrogate.metadata.training;
    surrogate.dispose();
    expect(epochsRun).toBeLessThan(200);
    expect(epochsRun).toBe(bestEpoch + 3);
    expect(validationLoss).toBe(Math.min(...reports.map((r) => r.validationLoss as number)));
    expect(reports).toHaveLength(epochsRun);
  });

  it('records the domain, the world, the scalings and the training in its metadata', async () => {
    const surrogate = await trainSmall({ seed: 2, noise: 0.01, world: { wind: 1 }, speedRange: [2, 8] });
    const { metadata } = surrogate;
    surrogate.dispose();
    expect(metadata).toMatchObject({
      format: SURROGATE_FORMAT,
      version: 1,
      inputs: ['speed', 'angle'],
      outputs: ['distance'],
      speedRange: [2, 8],
      angleRange: [0, Math.PI / 2],
      world: resolveWorld({ wind: 1 }),
      normalisation: { speed: { offset: 5, scale: 3 }, angle: { offset: Math.PI / 4, scale: Math.PI / 4 } },
      training: { shots: 200, noise: 0.01, seed: 2, epochs: 20, batchSize: 32, hiddenLayers: [16, 16], activation: 'tanh', validationSplit: 0.2 },
    });
    expect(metadata.training.loss).toBeGreaterThan(0);
  });

  it('is a @cannon/network network from the two scaled inputs to the scaled distance', async () => {
    const surrogate = await trainSmall();
    const { spec } = surrogate.network;
    surrogate.dispose();
    expect(spec).toMatchObject({ inputs: 2, hiddenLayers: [16, 16], outputs: 1, activation: 'tanh' });
  });

  it('has defaults that train the article’s network: 1000 shots over (0, 10) m/s × (0, π/2)', () => {
    expect(defaultSurrogateOptions).toMatchObject({ shots: 1000, speedRange: [0, 10], angleRange: [0, Math.PI / 2], noise: 0, seed: 0, validationSplit: 0.2 });
  });
});
