// The heights a surface is drawn at (components/charts/levels.ts), on the physics page's own surface: the true
// squared miss of a 7 m target over a 41 × 41 grid of speeds and angles, whose valley is narrower than the grid.
import { lossSurface, physicsModel } from '@cannon/optimize';
import { describe, expect, it } from 'vitest';
import { levelsOf } from '../components/charts/levels';

const surface = lossSurface(physicsModel(), 7, { speedSteps: 41, angleSteps: 41, maxSpeed: 10 });
const z = surface.loss;

/** How far, in the units of the heights, each grid point lies below the lowest of its four neighbours. */
function pits(heights: number[][]): number[] {
  const depths: number[] = [];
  for (let i = 1; i + 1 < heights.length; i++) {
    for (let j = 1; j + 1 < heights[i].length; j++) {
      const lowest = Math.min(heights[i - 1][j], heights[i + 1][j], heights[i][j - 1], heights[i][j + 1]);
      depths.push(lowest - heights[i][j]);
    }
  }
  return depths;
}

describe('the heights of a surface', () => {
  it('on a log scale draw a valley narrower than the grid without spikes: no point stands a third of a decade below all its neighbours', () => {
    const levels = levelsOf(z, 'log', 1e-3);
    expect(Math.max(...pits(levels.heights))).toBeLessThan(1 / 3);
    // The same points on plain log10 of the value stand decades deep: the test can fail.
    expect(Math.max(...pits(z.map((row) => row.map((v) => Math.log10(Math.max(v, 1e-12))))))).toBeGreaterThan(1);
  });

  it('on a log scale still span the decades from the top of the surface down towards its valley', () => {
    const [low, high] = levelsOf(z, 'log', 1e-3).range;
    expect(high - low).toBeGreaterThan(2.5);
  });

  it('are tick-labelled at round values inside the range: multiples of 1, 2 or 5 on a linear scale, powers of ten on a log scale', () => {
    const linear = levelsOf(z, 'linear', 1e-3);
    expect(linear.ticks.map((t) => t.text)).toEqual(['0', '20', '40'].filter((text) => linear.level(Number(text)) >= linear.range[0]));
    const log = levelsOf(z, 'log', 1e-3);
    for (const { value } of log.ticks) expect(Number.isInteger(Math.log10(value))).toBe(true);
    expect(log.ticks.map((t) => t.text)).toContain('10');
  });

  it('are at least two ticks on any surface, within a decade or a narrow linear range', () => {
    const narrow = [[45.3, 50], [52, 54.9]];
    expect(levelsOf(narrow, 'linear', 1e-3).ticks.map((t) => t.text)).toEqual(['46', '48', '50', '52', '54']);
    const decade = [[20, 40], [60, 80]];
    const ticks = levelsOf(decade, 'log', 1e-3).ticks;
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const { value, text } of ticks) expect([value >= 20 && value <= 80, text]).toEqual([true, String(value)]);
  });

  it('give one colour to one value in every view: the share of the range is the same from the value and from its height', () => {
    const levels = levelsOf(z, 'log', 1e-3);
    const [low, high] = levels.range;
    expect(levels.share(10)).toBeCloseTo((levels.level(10) - low) / (high - low), 12);
    expect(levels.share(levels.unlevel(high))).toBeCloseTo(1, 9);
  });
});
