// The heights of a surface's values, one rule for the 3D plot, its map and their colour bars and z ticks, so that
// a colour means the same value in every view of a surface.
import { niceTicks, tickLabel } from './scale';

export interface Levels {
  /** A value's height: the value, or log10 of it above the floor. */
  level(value: number): number;
  /** The value at a height. */
  unlevel(height: number): number;
  /** The heights of the lowest and highest finite values (never equal). */
  range: readonly [number, number];
  /** Where a value sits in the range, 0 at the bottom and 1 at the top: the colour map's t. */
  share(value: number): number;
  /** The height drawn at each grid point (NaN: a hole), z[i][j]'s. */
  heights: number[][];
  /** Round values inside the range, to label a z axis or a colour bar, with their labels. */
  ticks: { value: number; text: string }[];
}

/**
 * On a log scale the height is log10(value + floor), with a floor three decades below the top, and a grid point is
 * drawn no deeper than a quarter of its highest neighbour: a valley narrower than the grid is drawn as deep as the
 * grid resolves it (a squared miss half a step off the valley is a quarter of one a step off), not as a row of
 * spikes where grid points fall by chance nearer or farther from its floor.
 */
export function levelsOf(z: readonly (readonly number[])[], scale: 'linear' | 'log', floor: number): Levels {
  let top = 0;
  for (const row of z) for (const value of row) if (Number.isFinite(value)) top = Math.max(top, value);
  const logFloor = Math.max(floor, top * 1e-3);
  const level = scale === 'log' ? (value: number) => Math.log10(Math.max(value, 0) + logFloor) : (value: number) => value;
  const unlevel = scale === 'log' ? (height: number) => Math.max(0, 10 ** height - logFloor) : (height: number) => height;
  const resolved = (i: number, j: number) => {
    const value = z[i][j];
    if (scale !== 'log' || !Number.isFinite(value)) return value;
    const neighbours = [z[i - 1]?.[j], z[i + 1]?.[j], z[i][j - 1], z[i][j + 1]].filter((v): v is number => v !== undefined && Number.isFinite(v));
    return neighbours.length > 0 ? Math.max(value, Math.max(...neighbours) / 4) : value;
  };
  const heights = z.map((row, i) => row.map((_, j) => (Number.isFinite(row[j]) ? level(resolved(i, j)) : NaN)));
  let low = Infinity;
  let high = -Infinity;
  for (const row of heights) {
    for (const height of row) {
      if (!Number.isFinite(height)) continue;
      low = Math.min(low, height);
      high = Math.max(high, height);
    }
  }
  const range = (Number.isFinite(low) ? [low, high > low ? high : low + 1] : [0, 1]) as [number, number];
  const share = (value: number) => (level(value) - range[0]) / (range[1] - range[0]);
  const inside = (value: number) => {
    const height = level(value);
    return height >= range[0] - 1e-9 * Math.abs(range[0]) && height <= range[1] + 1e-9 * Math.abs(range[1]);
  };
  /** At least two round values inside [low, high]: a narrow range such as 45.3–54.9 holds one multiple of 5 but several of 2. */
  const roundValues = (low: number, high: number) => {
    let found: number[] = [];
    for (let count = 4; found.length < 2 && count <= 64; count *= 2) found = niceTicks(low, high, count).filter(inside);
    return found;
  };
  let values: number[];
  let powers = scale === 'log';
  if (scale === 'log') {
    // Powers of ten from the floor up; zero stands for the floor itself.
    const [from, to] = [Math.ceil(Math.log10(logFloor)), Math.floor(Math.log10(unlevel(range[1]) || logFloor))];
    values = Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => 10 ** (from + k)).filter(inside);
    const step = Math.ceil(values.length / 5);
    values = values.filter((_, k) => (values.length - 1 - k) % step === 0);
    // A surface within one decade: round values, as on a linear scale.
    if (values.length < 2) [values, powers] = [roundValues(unlevel(range[0]), unlevel(range[1])), false];
  } else {
    values = roundValues(range[0], range[1]);
  }
  return { level, unlevel, range, share, heights, ticks: values.map((value) => ({ value, text: tickLabel(value, { log: powers }) })) };
}
