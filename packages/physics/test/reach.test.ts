import { describe, expect, it } from 'vitest';
import { createRandom } from '@cannon/random';
import { landing, maximumRange, minimumSpeed, vacuumMinimumSpeed } from '../src/index.js';

describe('minimumSpeed', () => {
  it('equals the closed form in vacuum, with launch and target heights', () => {
    const random = createRandom(31);
    for (let i = 0; i < 30; i++) {
      const distance = random.between(0.2, 10);
      const world = { launchHeight: random.between(-1, 1), targetHeight: random.between(-1, 1) };
      const exact = vacuumMinimumSpeed(distance, world);
      const found = minimumSpeed(distance, world);
      expect(found.speed / exact.speed - 1).toBeLessThan(1e-8);
      expect(found.speed / exact.speed - 1).toBeGreaterThan(-1e-8);
      expect(found.angle).toBeCloseTo(exact.angle, 5);
    }
  });

  it('finds the slowest shot with drag and wind: it lands on the target, and 0.1% slower reaches nowhere near', () => {
    const random = createRandom(32);
    for (let i = 0; i < 20; i++) {
      const distance = random.between(1, 8);
      const world = { drag: random.between(0, 0.05), wind: random.between(-5, 5), targetHeight: random.between(-1, 1) };
      const slowest = minimumSpeed(distance, world);
      expect(landing(slowest, world)!.distance).toBeCloseTo(distance, 8);
      expect(maximumRange(slowest.speed * 0.999, world)!.distance).toBeLessThan(distance);
    }
  });

  it('needs more speed into a headwind and less with a tailwind', () => {
    const calm = minimumSpeed(6, { drag: 0.03 }).speed;
    expect(minimumSpeed(6, { drag: 0.03, wind: -4 }).speed).toBeGreaterThan(calm);
    expect(minimumSpeed(6, { drag: 0.03, wind: 4 }).speed).toBeLessThan(calm);
  });

  it('names a distance it cannot take', () => {
    expect(() => minimumSpeed(0)).toThrow(/distance must be a finite number > 0; received 0/);
    expect(() => minimumSpeed(Number.NaN)).toThrow(/distance/);
  });
});
