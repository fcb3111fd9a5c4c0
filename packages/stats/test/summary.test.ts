import { describe, expect, it } from 'vitest';
import { quantile, summarize } from '../src/index.js';

describe('quantile', () => {
  it('interpolates linearly between the sorted values', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([3, 1, 2], 0)).toBe(1);
    expect(quantile([3, 1, 2], 1)).toBe(3);
  });

  it('matches NumPy on a known sample', () => {
    // numpy.quantile(range(1, 21), [0.5, 0.95]) → [10.5, 19.05]
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(10.5);
    expect(quantile(values, 0.95)).toBeCloseTo(19.05, 12);
  });

  it('puts shots that never land (Infinity) last', () => {
    expect(quantile([1, Infinity, 2, 3], 0.5)).toBe(2.5);
    expect(quantile([1, Infinity, Infinity], 0.9)).toBe(Infinity);
  });

  it('names a bad q', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow('q must be a finite number in [0, 1]; received 1.5');
  });
});

describe('summarize', () => {
  it('gives the count, mean, median, 95th percentile and largest', () => {
    expect(summarize([0.01, 0.03, 0.02, 0.04])).toEqual({ count: 4, mean: 0.025, p50: 0.025, p95: quantile([0.01, 0.02, 0.03, 0.04], 0.95), max: 0.04 });
  });

  it('gives the hit rate against a tolerance, inclusive', () => {
    const summary = summarize([0.01, 0.05, 0.06, Infinity], 0.05);
    expect(summary.hitRate).toBe(0.5);
    expect(summary.tolerance).toBe(0.05);
    expect(summary.max).toBe(Infinity);
    expect(summary.mean).toBe(Infinity);
  });

  it('refuses no values, NaN and a negative tolerance, naming them', () => {
    expect(() => summarize([])).toThrow(/at least one value/);
    expect(() => summarize([1, NaN])).toThrow(/values must be numbers, not NaN/);
    expect(() => summarize([1], -1)).toThrow('tolerance must be a finite number ≥ 0; received -1');
  });
});
