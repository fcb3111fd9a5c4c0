import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '@cannon/errors';
import { conditionsOf, worldOf } from '../src/index.js';

describe('conditionsOf', () => {
  it('reads the target height above the muzzle from a world with both heights', () => {
    expect(conditionsOf({ wind: -2, drag: 0.03, launchHeight: 1, targetHeight: 0.5 })).toEqual({ wind: -2, drag: 0.03, heightDifference: -0.5 });
    expect(conditionsOf({})).toEqual({ wind: 0, drag: 0, heightDifference: 0 });
  });

  it('is undone by worldOf, for any conditions', () => {
    const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite(-20, 20), finite(0, 1), finite(-5, 5), (wind, drag, heightDifference) => {
        expect(conditionsOf(worldOf({ wind, drag, heightDifference }))).toEqual({ wind, drag, heightDifference });
      }),
    );
  });

  it('refuses another gravity and bad heights, naming them', () => {
    expect(() => conditionsOf({ gravity: 1.62 })).toThrow(/world.gravity must be the standard 9.81/);
    expect(() => conditionsOf({ launchHeight: NaN })).toThrow(InvalidInputError);
    expect(() => conditionsOf({ drag: -1 })).toThrow(/conditions.drag must be a finite number ≥ 0/);
  });
});
