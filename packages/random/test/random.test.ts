import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@cannon/errors';
import { createRandom } from '../src/index.js';

describe('createRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.uniform());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps uniform in [0, 1) and between strictly inside its interval', () => {
    const random = createRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const u = random.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      const x = random.between(2, 2 + 1e-12);
      expect(x > 2 && x < 2 + 1e-12).toBe(true);
    }
  });

  it('draws normals with mean 0 and variance 1', () => {
    const random = createRandom(3);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = random.normal();
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.02);
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => createRandom(NaN)).toThrow(InvalidInputError);
  });
});
