import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { landing, maximumRange, vacuumLanding } from '../src/index.js';

const speed = fc.double({ min: 0.5, max: 20, noNaN: true });
const angle = fc.double({ min: 0.05, max: 1.5, noNaN: true });
const drag = fc.double({ min: 0, max: 0.1, noNaN: true });

describe('invariants', () => {
  it('complementary angles land together in vacuum on flat ground', () => {
    fc.assert(
      fc.property(speed, angle, (v, a) => {
        const low = landing({ speed: v, angle: a })!.distance;
        const high = landing({ speed: v, angle: Math.PI / 2 - a })!.distance;
        expect(Math.abs(low - high)).toBeLessThan(1e-9 * Math.max(1, low));
      }),
    );
  });

  it('a faster shot at the same angle lands farther', () => {
    fc.assert(
      fc.property(speed, angle, drag, fc.double({ min: 1.01, max: 2, noNaN: true }), (v, a, k, factor) => {
        const slow = landing({ speed: v, angle: a }, { drag: k })!.distance;
        const fast = landing({ speed: v * factor, angle: a }, { drag: k })!.distance;
        expect(fast).toBeGreaterThan(slow);
      }),
    );
  });

  it('a headwind shortens the shot and a tailwind lengthens it', () => {
    fc.assert(
      fc.property(speed, angle, fc.double({ min: 0.001, max: 0.1, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), (v, a, k, w) => {
        const calm = landing({ speed: v, angle: a }, { drag: k })!.distance;
        expect(landing({ speed: v, angle: a }, { drag: k, wind: -w })!.distance).toBeLessThan(calm);
        expect(landing({ speed: v, angle: a }, { drag: k, wind: w })!.distance).toBeGreaterThan(calm);
      }),
    );
  });

  it('drag never lets a shot fly farther than in vacuum, without wind', () => {
    fc.assert(
      fc.property(speed, angle, drag, (v, a, k) => {
        expect(landing({ speed: v, angle: a }, { drag: k })!.distance).toBeLessThanOrEqual(vacuumLanding({ speed: v, angle: a })!.distance + 1e-9);
      }),
    );
  });

  it('no angle beats the maximum range', () => {
    fc.assert(
      fc.property(speed, angle, drag, (v, a, k) => {
        const best = maximumRange(v, { drag: k })!;
        expect(landing({ speed: v, angle: a }, { drag: k })!.distance).toBeLessThanOrEqual(best.distance + 1e-9);
      }),
      { numRuns: 30 },
    );
  });
});
