import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend, InvalidInputError, landing } from '@cannon/physics';
import { ModelFileError } from '@cannon/model-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aim, aimingLoss, fieldDomain, loadAimer, saveAimer, trainAimer, type Aimer, type TrainingProgress } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'aimer-'));
let small: Aimer;
const progress: TrainingProgress[] = [];

beforeAll(async () => {
  await initializeBackend();
  small = await trainAimer({ domain: 'field', steps: 300, hiddenLayers: [16, 16], seed: 5, progressEvery: 50, onProgress: (p) => void progress.push({ ...p }) });
});

afterAll(() => {
  small.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('trainAimer', () => {
  it('reports progress and the loss falls', () => {
    expect(progress.map((p) => p.step)).toEqual([50, 100, 150, 200, 250, 300]);
    expect(progress.at(-1)!.loss).toBeLessThan(progress[0].loss / 2);
    expect(small.metadata.training.steps).toBe(300);
    expect(small.metadata.inputs).toEqual(['target', 'wind', 'drag', 'heightDifference']);
  });

  it('trains the same aimer from the same seed', async () => {
    const again = await trainAimer({ domain: 'field', steps: 300, hiddenLayers: [16, 16], seed: 5 });
    expect(again.predict(4, { wind: 1 })).toEqual(small.predict(4, { wind: 1 }));
    again.dispose();
  });

  it('stops when the progress callback says so', async () => {
    const stopped = await trainAimer({ domain: 'vacuum', steps: 1000, hiddenLayers: [8], progressEvery: 10, onProgress: ({ step }) => step < 30 });
    expect(stopped.metadata.training.steps).toBe(30);
    stopped.dispose();
  });

  it('leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const aimer = await trainAimer({ domain: 'vacuum', steps: 20, hiddenLayers: [8] });
    aimer.predictBatch([1, 2, 3]);
    aimer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws on bad options, naming them', async () => {
    await expect(trainAimer({ steps: 0 })).rejects.toThrow(InvalidInputError);
    await expect(trainAimer({ steps: 2.5 })).rejects.toThrow(/steps must be a whole number ≥ 1/);
    await expect(trainAimer({ hiddenLayers: [] })).rejects.toThrow(/hiddenLayers must be a non-empty array/);
    await expect(trainAimer({ learningRate: -1 })).rejects.toThrow(/learningRate must be a finite number > 0/);
    await expect(trainAimer({ domain: 'field', decoder: 'vacuum' })).rejects.toThrow(/decoder must be 'physics' for a domain with wind/);
    await expect(trainAimer({ domain: { ...fieldDomain, drag: [0.1, 0] } })).rejects.toThrow(/domain\.drag must be a pair/);
  });
});

describe('aimingLoss', () => {
  it('pushes a shot that never reaches the target height to climb, with a finite gradient', () => {
    tf.tidy(() => {
      // Raw outputs of a slow, flat shot towards a raised target: it never comes down through it.
      const raw = tf.tensor2d([[-2, -2]]);
      const batch = { target: tf.tensor1d([3]), wind: tf.tensor1d([0]), drag: tf.tensor1d([0.01]), heightDifference: tf.tensor1d([1]) };
      const [grad] = tf.grads((r: tf.Tensor) => aimingLoss(r as tf.Tensor2D, batch, fieldDomain, 'physics'))([raw]);
      const g = grad.arraySync() as number[][];
      expect(g[0].every(Number.isFinite)).toBe(true);
      // Descending the loss raises speed and angle: the gradient is negative in both.
      expect(g[0][0]).toBeLessThan(0);
      expect(g[0][1]).toBeLessThan(0);
    });
  });
});

describe('saveAimer and loadAimer', () => {
  it('round-trip an aimer that predicts and aims the same', async () => {
    const directory = join(root, 'small');
    await saveAimer(small, directory);
    expect(readdirSync(directory).sort()).toEqual(['aimer.json', 'model.json', 'weights.bin']);
    const loaded = await loadAimer(directory);
    expect(loaded.metadata).toEqual(small.metadata);
    expect(loaded.predict(5, { drag: 0.02 })).toEqual(small.predict(5, { drag: 0.02 }));
    const shot = aim(5, { drag: 0.02 }, { aimer: loaded });
    expect(shot.error).toBeLessThanOrEqual(0.05);
    expect(Math.abs(landing(shot, { drag: 0.02 })!.distance - 5)).toBeCloseTo(shot.error, 12);
    loaded.dispose();
  });

  it('saves a network that plain tf.loadLayersModel reads, giving the raw controls', async () => {
    const directory = join(root, 'plain');
    await saveAimer(small, directory);
    const model = await tf.loadLayersModel({
      load: async () => {
        const { readFileSync } = await import('node:fs');
        const json = JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8'));
        return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(readFileSync(join(directory, 'weights.bin'))).buffer };
      },
    });
    const raw = tf.tidy(() => Array.from((model.predict(tf.tensor2d([[0.1, -0.2, 0.3, 0.4]])) as tf.Tensor).dataSync()));
    const mine = small.network.applyRows([0.1, -0.2, 0.3, 0.4], 1);
    expect(raw[0]).toBeCloseTo(mine[0], 4);
    expect(raw[1]).toBeCloseTo(mine[1], 4);
    model.dispose();
  });

  it('names a missing directory and a mismatched aimer.json', async () => {
    await expect(loadAimer(join(root, 'nowhere'))).rejects.toThrow(/is missing: there is no such directory to load a aimer from|is missing: there is no such directory to load an aimer from/);
    const directory = join(root, 'mismatched');
    await saveAimer(small, directory);
    writeFileSync(join(directory, 'aimer.json'), JSON.stringify({ ...small.metadata, hiddenLayers: [32, 32] }));
    await expect(loadAimer(directory)).rejects.toThrow(ModelFileError);
    writeFileSync(join(directory, 'aimer.json'), JSON.stringify({ ...small.metadata, format: 'something-else' }));
    await expect(loadAimer(directory)).rejects.toThrow(/aimer\.json is not an aimer's metadata/);
  });
});
