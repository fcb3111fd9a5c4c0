import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '@cannon/physics/tensor';
import { createRandom } from '@cannon/random';
import { ModelFileError } from '@cannon/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aimAt, InvalidInputError, type Aimer3d, type Aimer3dDomain } from '../src/index.js';
import { loadAimer3d, reachableFrames, saveAimer3d, trainAimer3d, unrefinedMisses3d } from '../src/tensor/index.js';

/** A robot's box: 2–20 m, ±1 m, winds ±3 m/s, drag to 0.02, speeds to 20 m/s. */
const domain: Aimer3dDomain = { range: [2, 20], height: [-1, 1], alongWind: [-3, 3], crossWind: [-3, 3], drag: [0, 0.02], maxSpeed: 20 };
const root = mkdtempSync(join(tmpdir(), 'aimer3d-'));
let small: Aimer3d;
const losses: number[] = [];

beforeAll(async () => {
  await initializeBackend();
  small = await trainAimer3d({ domain, name: 'robot', steps: 1500, hiddenLayers: [16, 16], seed: 3, poolSize: 5000, progressEvery: 300, onProgress: ({ loss }) => void losses.push(loss) });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('trainAimer3d', () => {
  it('trains a 3D aimer for a box of your own through the physics, its loss falling', () => {
    expect(losses).toHaveLength(5);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    expect(small.metadata).toMatchObject({ format: 'cannon-aimer-3d', name: 'robot', domain, training: { steps: 1500 } });
    // Its guess lands within a few percent of the range over the box, unrefined (its accuracy is recorded).
    const frames = reachableFrames(domain, 400, createRandom(9));
    const misses = Array.from(unrefinedMisses3d(small, frames), (miss, i) => miss / frames.range[i]).sort((a, b) => a - b);
    expect(misses[misses.length >> 1]).toBeLessThan(0.05);
    expect(small.metadata.accuracy!.p50).toBeGreaterThan(0);
  });

  it('trains the same aimer from the same seed', async () => {
    const again = await trainAimer3d({ domain, name: 'robot', steps: 1500, hiddenLayers: [16, 16], seed: 3, poolSize: 5000 });
    const frame = { range: 10, height: 0.5, alongWind: -2, crossWind: 1, drag: 0.01 };
    expect(again.predict(frame)).toEqual(small.predict(frame));
  });

  it('aims with it, saved and loaded: its box is the learned path, outside it the physics', async () => {
    await saveAimer3d(small, join(root, 'robot'));
    const loaded = await loadAimer3d(join(root, 'robot'));
    expect(Array.from(loaded.parameters)).toEqual(Array.from(small.parameters));
    const world = { drag: 0.01, wind: [1, -2] as [number, number] };
    const inside = aimAt({ x: 8, y: 6, height: 0.5 }, world, { aimer: loaded, maxSpeed: 20 });
    expect(inside).toMatchObject({ aimer: 'robot' });
    expect(inside.error).toBeLessThanOrEqual(0.001);
    expect(aimAt({ x: 30, y: 6 }, world, { aimer: loaded, maxSpeed: 20 }).aimer).toBe('physics');
    await expect(loadAimer3d(join(root, 'nowhere'))).rejects.toThrow(ModelFileError);
  });

  it('refuses bad options and a box with nothing in reach, naming them; leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    await expect(trainAimer3d({ steps: 0 })).rejects.toThrow(InvalidInputError);
    await expect(trainAimer3d({ domain: { ...domain, range: [0, 10] } })).rejects.toThrow(/domain\.range/);
    await expect(trainAimer3d({ domain: { ...domain, drag: [0.5, 0.2] } })).rejects.toThrow(/domain\.drag/);
    await expect(trainAimer3d({ domain: { ...domain, range: [500, 600], maxSpeed: 5 }, poolSize: 100 })).rejects.toThrow(/reaches/);
    await trainAimer3d({ domain, steps: 3, hiddenLayers: [4], poolSize: 200 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
