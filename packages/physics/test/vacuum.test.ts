import { describe, expect, it } from 'vitest';
import { createRandom } from '@cannon/random';
import { landing, maximumRange, vacuumArcs, vacuumLanding, vacuumMaximumRange, vacuumMinimumSpeed } from '../src/index.js';

describe('vacuum closed forms', () => {
  it('give the textbook range v²·sin 2θ / g on flat ground', () => {
    const hit = vacuumLanding({ speed: 10, angle: Math.PI / 6 });
    expect(hit!.distance).toBeCloseTo((100 * Math.sin(Math.PI / 3)) / 9.81, 12);
    expect(hit!.flightTime).toBeCloseTo((2 * 10 * 0.5) / 9.81, 12);
  });

  it('reach farthest at 45° on flat ground, and lower from a height', () => {
    const flat = vacuumMaximumRange(10)!;
    expect(flat.angle).toBeCloseTo(Math.PI / 4, 12);
    expect(flat.distance).toBeCloseTo(100 / 9.81, 12);
    const fromHill = vacuumMaximumRange(10, { launchHeight: 2 })!;
    expect(fromHill.angle).toBeLessThan(Math.PI / 4);
    expect(vacuumLanding({ speed: 10, angle: fromHill.angle }, { launchHeight: 2 })!.distance).toBeCloseTo(fromHill.distance, 10);
  });

  it('agree with a numerical search over the simulated model for the maximum range', () => {
    for (const world of [{}, { launchHeight: 1.5 }, { targetHeight: 1 }, { launchHeight: -0.5, targetHeight: 0.7 }]) {
      const exact = vacuumMaximumRange(9, world)!;
      const searched = maximumRange(9, world)!;
      expect(searched.distance).toBeCloseTo(exact.distance, 8);
      expect(searched.angle).toBeCloseTo(exact.angle, 4);
    }
  });

  it('have no maximum range when the target height is out of reach', () => {
    expect(vacuumMaximumRange(3, { targetHeight: 1 })).toBeNull();
    expect(maximumRange(3, { targetHeight: 1 })).toBeNull();
  });

  it('find the slowest shot that lands on the target, and nothing slower reaches it', () => {
    const random = createRandom(6);
    for (let i = 0; i < 50; i++) {
      const distance = random.between(0.5, 10);
      const world = { launchHeight: random.between(-1, 1), targetHeight: random.between(-1, 1) };
      const slowest = vacuumMinimumSpeed(distance, world);
      expect(vacuumLanding(slowest, world)!.distance).toBeCloseTo(distance, 9);
      expect(vacuumMaximumRange(slowest.speed, world)!.distance).toBeCloseTo(distance, 9);
      const slower = vacuumArcs(distance, slowest.speed * 0.999, world);
      expect(slower).toEqual({ low: null, high: null });
    }
  });

  it('find a low and a high arc that both land at the distance', () => {
    const random = createRandom(7);
    for (let i = 0; i < 50; i++) {
      const distance = random.between(0.5, 8);
      const world = { launchHeight: random.between(0, 1), targetHeight: random.between(-1, 0) };
      const speed = vacuumMinimumSpeed(distance, world).speed * random.between(1.01, 1.5);
      const { low, high } = vacuumArcs(distance, speed, world);
      expect(low!.angle).toBeLessThan(high!.angle);
      expect(vacuumLanding(low!, world)!.distance).toBeCloseTo(distance, 9);
      expect(vacuumLanding(high!, world)!.distance).toBeCloseTo(distance, 9);
    }
  });

  it('drop the low arc that would only pass a raised target on the way up', () => {
    // Fast and close, onto a raised target: the flat solution crosses the target height rising.
    const { low, high } = vacuumArcs(1, 10, { targetHeight: 1 });
    expect(low).toBeNull();
    expect(vacuumLanding(high!, { targetHeight: 1 })!.distance).toBeCloseTo(1, 9);
  });

  it('match the simulated model, which is exact on a parabola', () => {
    const { low, high } = vacuumArcs(6, 9, { launchHeight: 0.3 });
    expect(landing(low!, { launchHeight: 0.3 })!.distance).toBeCloseTo(6, 9);
    expect(landing(high!, { launchHeight: 0.3 })!.distance).toBeCloseTo(6, 9);
  });
});
