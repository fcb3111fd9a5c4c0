import { describe, expect, it } from 'vitest';
import { createRandom } from '@cannon/random';
import { fire, landing } from '../src/index.js';

describe('fire', () => {
  it('fires the article’s 1000 shots over (0, 10) m/s and (0, π/2), all landing', () => {
    const shots = fire({ seed: 1 });
    expect(shots).toHaveLength(1000);
    for (const shot of shots) {
      expect(shot.speed).toBeGreaterThan(0);
      expect(shot.speed).toBeLessThan(10);
      expect(shot.angle).toBeGreaterThan(0);
      expect(shot.angle).toBeLessThan(Math.PI / 2);
      expect(shot.distance).toBeCloseTo(landing(shot)!.distance, 12);
    }
  });

  it('repeats itself for a seed and differs across seeds', () => {
    expect(fire({ shots: 20, seed: 4 })).toEqual(fire({ shots: 20, seed: 4 }));
    expect(fire({ shots: 20, seed: 4 })).not.toEqual(fire({ shots: 20, seed: 5 }));
  });

  it('adds Gaussian measurement noise of the given size', () => {
    const clean = fire({ shots: 4000, seed: 2 });
    const noisy = fire({ shots: 4000, seed: 2, noise: 0.1 });
    const errors = noisy.map((shot, i) => shot.distance! - clean[i].distance!);
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((a, b) => a + (b - mean) ** 2, 0) / errors.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
  });

  it('records a shot that never reaches the target height as null', () => {
    const shots = fire({ shots: 200, seed: 3, world: { targetHeight: 2 } });
    expect(shots.some((shot) => shot.distance === null)).toBe(true);
    for (const shot of shots) expect(shot.distance === null).toBe(landing(shot, { targetHeight: 2 }) === null);
  });
});

describe('createRandom', () => {
  it('draws uniform numbers with the right mean and spread', () => {
    const random = createRandom(9);
    const xs = Array.from({ length: 20000 }, () => random.uniform());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
