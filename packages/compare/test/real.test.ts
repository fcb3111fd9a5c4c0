import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '@cannon/physics/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRealCannon, realApproaches, type RealRace } from '../src/index.js';

let race: RealRace;
let tensorsBefore = 0;

beforeAll(async () => {
  await initializeBackend();
  tensorsBefore = tf.memory().numTensors;
  race = await compareRealCannon({ shots: [20, 1000], targets: 60, seed: 2 });
});

describe('compareRealCannon', () => {
  it('races the three approaches from the same shots, each number of shots in turn, and leaks no tensor', () => {
    expect(race.rows.map((row) => `${row.shots} ${row.approach}`)).toEqual([20, 1000].flatMap((n) => realApproaches.map((a) => `${n} ${a}`)));
    for (const row of race.rows) expect(row.trueError.count).toBe(60);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('shows why to calibrate: from 20 shots the calibrated physics hits every target, where the surrogate needs 1000 and still misses, and the textbook misses all', () => {
    const at = (shots: number, approach: string) => race.rows.find((row) => row.shots === shots && row.approach === approach)!.trueError;
    expect(at(20, 'calibrated').hitRate).toBe(1);
    expect(at(20, 'calibrated').max).toBeLessThan(0.05);
    expect(at(20, 'surrogate').hitRate).toBeLessThan(0.5);
    expect(at(1000, 'surrogate').p50).toBeLessThan(at(20, 'surrogate').p50);
    expect(at(1000, 'surrogate').p50).toBeGreaterThan(at(20, 'calibrated').p50);
    // The textbook physics is wrong whatever the shots: its misses do not depend on them.
    expect(at(20, 'textbook').hitRate).toBe(0);
    expect(at(1000, 'textbook').p50).toBe(at(20, 'textbook').p50);
  });

  it('refuses bad options, naming them', async () => {
    await expect(compareRealCannon({ shots: [] })).rejects.toThrow(/options\.shots/);
    await expect(compareRealCannon({ shots: [2] })).rejects.toThrow(/options\.shots\[0\]/);
    await expect(compareRealCannon({ noise: -1 })).rejects.toThrow(/options\.noise/);
  });
});
