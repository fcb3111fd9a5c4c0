import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, landing } from '../src/index.js';
import { initializeBackend, landingTensor } from '../src/tensor/index.js';

beforeAll(async () => {
  await initializeBackend();
});

describe('landingTensor', () => {
  it('lands each shot where landing() does, to float32 precision', () => {
    const speeds = [2, 6, 10, 14, 18];
    const angles = [0.2, 0.5, 0.8, 1.1, 1.4];
    const world = { drag: 0.03, wind: 2.5, launchHeight: 1, targetHeight: 0.5 };
    const distances = tf.tidy(() => landingTensor(tf.tensor1d(speeds), tf.tensor1d(angles), world).arraySync() as number[]);
    speeds.forEach((speed, i) => {
      const expected = landing({ speed: Math.fround(speed), angle: Math.fround(angles[i]) }, world)!.distance;
      expect(distances[i]).toBeCloseTo(expected, 5);
    });
  });

  it('keeps the shape of its inputs', () => {
    const out = tf.tidy(() => landingTensor(tf.fill([2, 3], 8), tf.fill([2, 3], 0.6)).shape);
    expect(out).toEqual([2, 3]);
  });

  it('gives NaN for a shot that never reaches the target height', () => {
    const distances = tf.tidy(() => landingTensor(tf.tensor1d([3, 12]), tf.tensor1d([0.7, 0.7]), { targetHeight: 1.5 }).arraySync() as number[]);
    expect(distances[0]).toBeNaN();
    expect(distances[1]).toBeGreaterThan(0);
  });

  it('takes per-shot world tensors', () => {
    const drag = [0, 0.05];
    const distances = tf.tidy(() => landingTensor(tf.tensor1d([10, 10]), tf.tensor1d([0.7, 0.7]), { drag: tf.tensor1d(drag) }).arraySync() as number[]);
    expect(distances[0]).toBeCloseTo(landing({ speed: 10, angle: Math.fround(0.7) })!.distance, 4);
    expect(distances[1]).toBeCloseTo(landing({ speed: 10, angle: Math.fround(0.7) }, { drag: Math.fround(0.05) })!.distance, 4);
  });

  it('names the tensor whose shape does not fit', () => {
    tf.tidy(() => {
      expect(() => landingTensor(tf.tensor1d([1, 2]), tf.tensor1d([0.5]))).toThrow(/angles must be a tensor of the shape of speeds \[2\]/);
      expect(() => landingTensor(tf.tensor1d([1, 2]), tf.tensor1d([0.5, 0.5]), { wind: tf.tensor1d([1, 2, 3]) })).toThrow(/world\.wind/);
    });
  });

  it('names the first bad value and the allowed range', () => {
    tf.tidy(() => {
      expect(() => landingTensor(tf.tensor1d([1, -2]), tf.tensor1d([0.5, 0.5]))).toThrow('speeds[1] must be finite and ≥ 0; received -2');
      expect(() => landingTensor(tf.tensor1d([1, 2]), tf.tensor1d([0.5, 2]))).toThrow(/angles\[1\] must be in \(−π\/2, π\/2\)/);
      expect(() => landingTensor(tf.tensor1d([1, NaN]), tf.tensor1d([0.5, 0.5]))).toThrow(InvalidInputError);
      expect(() => landingTensor(tf.tensor1d([1, 2]), tf.tensor1d([0.5, 0.5]), { drag: tf.tensor1d([0, -1]) })).toThrow(/world\.drag\[1\]/);
      expect(() => landingTensor(tf.tensor1d([1, 2]), tf.tensor1d([0.5, 0.5]), { drag: -1 })).toThrow(/world\.drag must be a finite number in \[0, 100\]; received -1/);
      expect(() => landingTensor([1, 2] as never, tf.tensor1d([0.5, 0.5]))).toThrow(/speeds must be a tf\.Tensor/);
      expect(() => landingTensor(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([0.5, 0.5]))).toThrow(/speeds must be a float32 tensor/);
      expect(() => landingTensor(tf.tensor1d([1]), tf.tensor1d([0.5]), { windy: 1 } as never)).toThrow(/world\.windy/);
    });
  });

  it('leaks no tensor when it throws', () => {
    const speeds = tf.tensor1d([1, -2]);
    const angles = tf.tensor1d([0.5, 0.5]);
    const before = tf.memory().numTensors;
    expect(() => landingTensor(speeds, angles)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([speeds, angles]);
  });

  it('computes the same landings on the cpu backend', async () => {
    const onWasm = tf.tidy(() => landingTensor(tf.tensor1d([7, 13]), tf.tensor1d([0.4, 0.9]), { drag: 0.02, wind: -2 }).arraySync());
    await initializeBackend({ backend: 'cpu' });
    try {
      const onCpu = tf.tidy(() => landingTensor(tf.tensor1d([7, 13]), tf.tensor1d([0.4, 0.9]), { drag: 0.02, wind: -2 }).arraySync());
      expect(onCpu).toEqual(onWasm);
    } finally {
      await initializeBackend();
    }
  });
});
