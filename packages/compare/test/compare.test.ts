import * as tf from '@tensorflow/tfjs';
import { landing } from '@cannon/physics';
import { initializeBackend } from '@cannon/physics/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareApproaches, type Comparison } from '../src/index.js';

let comparison: Comparison;
const stages: string[] = [];
let tensorsBefore = 0;

beforeAll(async () => {
  await initializeBackend();
  tensorsBefore = tf.memory().numTensors;
  comparison = await compareApproaches({ targets: 60, seed: 3, onProgress: (stage) => stages.push(stage) });
});

describe('compareApproaches', () => {
  it('reports the three approaches in the article’s order, after training the surrogate', () => {
    expect(stages).toEqual(['training', 'surrogate', 'physics', 'hybrid']);
    expect(comparison.approaches.map((a) => a.approach)).toEqual(['surrogate', 'physics', 'hybrid']);
    expect(comparison).toMatchObject({ targets: 60, seed: 3, tolerance: 0.05, targetRange: [0.5, 10] });
    expect(comparison.surrogateSeconds).toBeGreaterThan(0);
    for (const row of comparison.approaches) expect(row.trueError.count).toBe(60);
  });

  it('shows the article’s lesson: the hybrid hits every target, the surrogate misses some in truth', () => {
    const [surrogate, physics, hybrid] = comparison.approaches;
    expect(hybrid.trueError.hitRate).toBe(1);
    expect(hybrid.trueError.max).toBeLessThanOrEqual(0.05);
    expect(surrogate.trueError.hitRate).toBeLessThan(1);
    expect(surrogate.trueError.p95).toBeGreaterThan(hybrid.trueError.p95);
    // Gradient descent from a random start takes hundreds of iterations; the network's guess a step or none.
    expect(physics.iterations.p50).toBeGreaterThan(100);
    expect(hybrid.iterations.p50).toBeLessThanOrEqual(1);
  });

  it('names each approach\'s worst answer: its target, its shot, and where the physics lands it', () => {
    for (const { worst, trueError } of comparison.approaches) {
      expect(worst.miss).toBe(trueError.max);
      if (Number.isFinite(worst.landing)) {
        const landed = landing({ speed: worst.speed, angle: worst.angle })!;
        expect(landed.distance).toBeCloseTo(worst.landing, 9);
        expect(Math.abs(worst.landing - worst.target)).toBeCloseTo(worst.miss, 9);
      }
    }
  });

  it('says where each worst answer was expected to land: the surrogate\'s prediction apart from the truth, the physics\' and the hybrid\'s on it', () => {
    const [surrogate, ...checked] = comparison.approaches;
    expect(Number.isFinite(surrogate.worst.modelLanding)).toBe(true);
    expect(Math.abs(surrogate.worst.modelLanding - surrogate.worst.landing)).toBeGreaterThan(comparison.tolerance);
    for (const { worst } of checked) expect(worst.modelLanding).toBeCloseTo(worst.landing, 9);
  });

  it('is repeatable from its seed, but for the timings', async () => {
    const again = await compareApproaches({ targets: 60, seed: 3 });
    expect(again.approaches.map(({ trueError, iterations }) => ({ trueError, iterations }))).toEqual(comparison.approaches.map(({ trueError, iterations }) => ({ trueError, iterations })));
  });

  it('leaves no tensor behind', () => {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('names a bad option', async () => {
    await expect(compareApproaches({ targets: 0 })).rejects.toThrow('targets must be a whole number in [1, 100000]; received 0');
    await expect(compareApproaches({ tolerance: -1 })).rejects.toThrow(/tolerance must be a finite number > 0/);
  });
});

it('checks every miss against the physics itself', async () => {
  // The hybrid's misses are true landings: re-land one target's shot by hand.
  const { aimBatch } = await import('@cannon/inverse');
  const [shot] = aimBatch([4.2]);
  expect(Math.abs(landing(shot)!.distance - 4.2)).toBeCloseTo(shot.error, 12);
});
