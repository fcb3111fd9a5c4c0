import { landing } from '@cannon/physics';
import { initializeBackend } from '@cannon/physics/tensor';
import { trainSurrogate, type Surrogate } from '@cannon/surrogate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveBatch } from '../src/index.js';
import { tensorModel } from '../src/tensor/index.js';

let surrogate: Surrogate;

beforeAll(async () => {
  await initializeBackend();
  // Trained briefly: quick, and wrong enough in places to show the point.
  surrogate = await trainSurrogate({ epochs: 60, seed: 3 });
});

afterAll(() => surrogate.dispose());

describe('solving through a learned surrogate (the neural approach)', () => {
  it('meets the tolerance by the surrogate’s measure, with the true error taken from the physics', () => {
    const targets = [2, 3.5, 5, 6.5, 8];
    const results = solveBatch(tensorModel(surrogate.forward), targets, { seed: 9 });
    let missesInTruth = 0;
    for (const r of results) {
      expect(r.converged, `target ${r.target}: ${r.status}, model error ${r.modelError}`).toBe(true);
      expect(Math.abs(surrogate.landing(r.speed, r.angle) - r.target)).toBeLessThanOrEqual(0.05 + 1e-4);
      const truth = landing({ speed: r.speed, angle: r.angle })!.distance;
      expect(r.trueLanding).toBe(truth);
      expect(r.trueError).toBe(Math.abs(truth - r.target));
      expect(r.trueError).not.toBe(r.modelError);
      if (r.trueError > 0.05) missesInTruth++;
    }
    // The article's lesson: hits by the network's measure, misses in truth.
    expect(missesInTruth).toBeGreaterThan(0);
  });
});
