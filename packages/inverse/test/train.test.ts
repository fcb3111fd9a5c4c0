import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { landing } from '@cannon/physics';
import { InvalidInputError } from '@cannon/errors';
import { initializeBackend, landingTensor } from '@cannon/physics/tensor';
import { ModelFileError } from '@cannon/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForward } from '@cannon/network';
import { aim, aimerNetworkSpec, fieldDomain, type Aimer } from '../src/index.js';
import { aimingLoss, loadAimer, saveAimer, trainAimer, type TrainingProgress } from '../src/tensor/index.js';

const root = mkdtempSync(join(tmpdir(), 'aimer-'));
let small: Aimer;
const progress: TrainingProgress[] = [];

beforeAll(async () => {
  await initializeBackend();
  small = await trainAimer({ domain: 'field', steps: 300, hiddenLayers: [16, 16], seed: 5, progressEvery: 50, onProgress: (p) => void progress.push({ ...p }) });
});

afterAll(() => {
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
  });

  it('stops when the progress callback says so', async () => {
    const stopped = await trainAimer({ domain: 'vacuum', steps: 1000, hiddenLayers: [8], progressEvery: 10, onProgress: ({ step }) => step < 30 });
    expect(stopped.metadata.training.steps).toBe(30);
  });

  it('leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const aimer = await trainAimer({ domain: 'vacuum', steps: 20, hiddenLayers: [8] });
    aimer.predictBatch([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('records the trained aimer\'s unrefined miss, which aimerError measures the same', async () => {
    expect(small.metadata.accuracy).toBeDefined();
    expect(small.metadata.accuracy!.p50).toBeGreaterThan(0);
    expect(small.metadata.accuracy!.p95).toBeGreaterThanOrEqual(small.metadata.accuracy!.p50);
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
  type Batch = Record<'target' | 'wind' | 'drag' | 'heightDifference', number[]>;

  function controls(raw: tf.Tensor2D, maxSpeed: number): { speed: tf.Tensor1D; angle: tf.Tensor1D } {
    const squashed = tf.sigmoid(raw);
    const speed = tf.mul(tf.reshape(tf.slice(squashed, [0, 0], [-1, 1]), [-1]), maxSpeed) as tf.Tensor1D;
    const angle = tf.mul(tf.reshape(tf.slice(squashed, [0, 1], [-1, 1]), [-1]), Math.PI / 2) as tf.Tensor1D;
    return { speed, angle };
  }

  function landingOf(speed: tf.Tensor1D, angle: tf.Tensor1D, batch: Batch, decoder: 'physics' | 'vacuum'): tf.Tensor1D {
    return decoder === 'vacuum'
      ? (tf.div(tf.mul(tf.square(speed), tf.sin(tf.mul(angle, 2))), 9.81) as tf.Tensor1D)
      : (landingTensor(speed, angle, { wind: tf.tensor1d(batch.wind), drag: tf.tensor1d(batch.drag), launchHeight: 0, targetHeight: tf.tensor1d(batch.heightDifference) }) as tf.Tensor1D);
  }

  /** The misses' weights, by tfjs autodiff: min(10, mean g / g) with g = |∂landing/∂o₀| over the shots that land. */
  function missWeights(raw: tf.Tensor2D, batch: Batch, maxSpeed: number, decoder: 'physics' | 'vacuum'): number[] {
    return tf.tidy(() => {
      const landingOfRaw = (r: tf.Tensor) => {
        const { speed, angle } = controls(r as tf.Tensor2D, maxSpeed);
        return landingOf(speed, angle, batch, decoder);
      };
      const landed = Array.from(landingOfRaw(raw).dataSync(), Number.isFinite);
      const gain = Array.from(tf.slice(tf.grad((r: tf.Tensor) => tf.sum(landingOfRaw(r)))(raw), [0, 0], [-1, 1]).dataSync(), Math.abs);
      const mean = gain.filter((_, i) => landed[i]).reduce((a, b) => a + b, 0) / landed.filter(Boolean).length;
      return gain.map((g, i) => (landed[i] ? Math.min(10, mean / g) : 0));
    });
  }

  /** The loss written as plain TensorFlow.js ops, differentiated by tfjs autodiff: the reference for the fused op. */
  function referenceLoss(raw: tf.Tensor2D, batch: Batch, maxSpeed: number, decoder: 'physics' | 'vacuum', penalty: number, ridgePull: number, weights: number[]): tf.Scalar {
    const { speed, angle } = controls(raw, maxSpeed);
    const target = tf.tensor1d(batch.target);
    const landing = landingOf(speed, angle, batch, decoder);
    const landed = tf.isFinite(landing);
    const miss = tf.sub(tf.where(landed, landing, target), target);
    const apex = tf.sub(tf.div(tf.square(tf.mul(speed, tf.sin(angle))), 2 * 9.81), tf.tensor1d(batch.heightDifference));
    const climb = tf.where(landed, tf.zerosLike(speed), tf.relu(tf.sub(0.5, apex)));
    // The angle climbs the range at its own speed (held constant): a gradient without a value.
    const reach = tf.mul(-ridgePull, tf.mean(tf.where(landed, landingOf(tf.tensor1d(speed.dataSync()), angle, batch, decoder), tf.zerosLike(speed))));
    const ridge = tf.sub(reach, reach.dataSync()[0]);
    return tf.addN([tf.mean(tf.mul(weights, tf.square(miss))), tf.mul(penalty, tf.mean(tf.square(speed))), tf.mean(tf.square(climb)), ridge]) as tf.Scalar;
  }

  it('equals the plain TensorFlow.js formulation, value and gradient, with some shots that never land', () => {
    const batch = { target: [2, 5, 7, 3, 6], wind: [0, -4, 3, 1, 0], drag: [0, 0.03, 0.05, 0.01, 0.02], heightDifference: [0, 0.5, -1, 1, 0.9] };
    // The fourth and fifth shots are slow and flat towards raised targets: they never come down through them.
    const raw = tf.tensor2d([[0.2, 0.1], [0.5, -0.3], [1.1, 0.4], [-2, -2], [-1.5, -1]]);
    for (const [decoder, domain] of [['physics', fieldDomain], ['vacuum', { ...fieldDomain, maxSpeed: 10 }]] as const) {
      const flat = decoder === 'vacuum' ? { ...batch, wind: [0, 0, 0, 0, 0], drag: [0, 0, 0, 0, 0], heightDifference: [0, 0, 0, 0, 0] } : batch;
      const weights = missWeights(raw, flat, domain.maxSpeed, decoder);
      // Unequal weights, or the test would not tell them.
      expect(Math.max(...weights.filter((w) => w > 0)) / Math.min(...weights.filter((w) => w > 0))).toBeGreaterThan(1.5);
      const fused = tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((r: tf.Tensor) => aimingLoss(r as tf.Tensor2D, flat, domain, decoder, 1e-3, 0.3))(raw);
        return [value.dataSync()[0], Array.from(grad.dataSync())] as const;
      });
      const reference = tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((r: tf.Tensor) => referenceLoss(r as tf.Tensor2D, flat, domain.maxSpeed, decoder, 1e-3, 0.3, weights))(raw);
        return [value.dataSync()[0], Array.from(grad.dataSync())] as const;
      });
      expect(fused[0]).toBeCloseTo(reference[0], 5);
      fused[1].forEach((g, i) => expect(Math.abs(g - reference[1][i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(reference[1][i]))));
      if (decoder === 'physics') {
        // Descending the loss raises the slow shots' speed and angle.
        expect(fused[1][6]).toBeLessThan(0);
        expect(fused[1][7]).toBeLessThan(0);
      }
    }
    raw.dispose();
  });

  it('pulls an angle off the ridge of maximum range back onto it, and one on it not at all', () => {
    // Vacuum, 45° is the ridge: a shot that lands on its target is pulled towards it from either side.
    const domain = { ...fieldDomain, maxSpeed: 10 };
    const gradientAt = (degrees: number) => {
      const angle = (degrees * Math.PI) / 180;
      const speed = 7;
      const target = (speed * speed * Math.sin(2 * angle)) / 9.81;
      const raw = [[Math.log(speed / (10 - speed)), Math.log(angle / (Math.PI / 2 - angle))]];
      return tf.tidy(() => tf.grad((r: tf.Tensor) => aimingLoss(r as tf.Tensor2D, { target: [target], wind: [0], drag: [0], heightDifference: [0] }, domain, 'vacuum', 0))(tf.tensor2d(raw)).dataSync()[1]);
    };
    expect(gradientAt(30)).toBeLessThan(0);
    expect(gradientAt(60)).toBeGreaterThan(0);
    expect(Math.abs(gradientAt(45))).toBeLessThan(1e-6);
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
    const mine = createForward(aimerNetworkSpec(small.metadata), small.parameters)([0.1, -0.2, 0.3, 0.4], 1);
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
