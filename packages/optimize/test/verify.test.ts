import * as tf from '@tensorflow/tfjs';
import { landing, vacuumMinimumSpeed } from '@cannon/physics';
import { initializeBackend, landingTensor } from '@cannon/physics/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossSurface, physicsModel, verify } from '../src/index.js';
import { tensorModel } from '../src/tensor/index.js';

beforeAll(async () => {
  await initializeBackend();
});

describe('verify', () => {
  it('lands the shot with the physics and measures the miss', () => {
    const world = { drag: 0.02, wind: 2 };
    const shot = { speed: 9, angle: 0.7 };
    const truth = landing(shot, world)!.distance;
    expect(verify(shot, 6, world)).toEqual({ landing: truth, error: Math.abs(truth - 6) });
  });

  it('reports a shot that never lands as an infinite miss', () => {
    expect(verify({ speed: 3, angle: 0.5 }, 2, { targetHeight: 2 })).toEqual({ landing: null, error: Infinity });
  });
});

describe('lossSurface', () => {
  it('is the squared error over a speed × angle grid, zero on the solution curve', () => {
    const target = 6;
    const surface = lossSurface(physicsModel(), target, { speedSteps: 11, angleSteps: 9 });
    expect(surface.speeds).toHaveLength(11);
    expect(surface.angles).toHaveLength(9);
    expect(surface.speeds[0]).toBe(0);
    expect(surface.speeds[10]).toBe(10);
    expect(surface.angles.every((a) => a > 0 && a < Math.PI / 2)).toBe(true);
    expect(surface.loss[0].every((l) => Math.abs(l - target * target) < 1e-9)).toBe(true); // speed 0 lands at 0
    const v = surface.speeds[8];
    const a = surface.angles[3];
    expect(surface.loss[8][3]).toBeCloseTo((landing({ speed: v, angle: a })!.distance - target) ** 2, 3);
    // The slowest shot to the target sits on the curve of zeros.
    const slowest = vacuumMinimumSpeed(target);
    const fine = lossSurface(physicsModel(), target, { speedSteps: 401, angleSteps: 401, maxSpeed: 10 });
    const i = Math.round((slowest.speed / 10) * 400);
    const j = Math.round((slowest.angle / (Math.PI / 2)) * 401 - 0.5);
    expect(fine.loss[i][j]).toBeLessThan(0.05);
  });

  it('is the same through a tensor model, and leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const throughTensors = lossSurface(tensorModel((s, a) => landingTensor(s, a) as tf.Tensor1D), 5, { speedSteps: 9, angleSteps: 7 });
    expect(tf.memory().numTensors).toBe(before);
    const plain = lossSurface(physicsModel(), 5, { speedSteps: 9, angleSteps: 7 });
    // float32 tensors against float64 numbers: squared errors of up to 25 m² agree to a few 1e-5.
    throughTensors.loss.forEach((row, i) => row.forEach((l, j) => expect(l).toBeCloseTo(plain.loss[i][j], 3)));
  });
});
