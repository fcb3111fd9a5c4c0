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
  /** Round values inside the range, to label a z axis or a colour bar, with their labels. */
  ticks: { value: number; text: string }[];
}

/**
 * On a log scale the height is log10(value + floor), with a floor no deeper than three decades below the top: smooth
 * where the value passes through zero, so that a valley sampled near its bottom (grid points that fall by chance
 * nearer or farther from it) does not stand as a row of spikes.
 */
export function levelsOf(z: readonly (readonly number[])[], scale: 'linear' | 'log', floor: number): Levels {
  let top = 0;
  for (const row of z) for (const value of row) if (Number.isFinite(value)) top = Math.max(top, value);
  const logFloor = Math.max(floor, top * 1e-3);
  const level = scale === 'log' ? (value: number) => Math.log10(Math.max(value, 0) + logFloor) : (value: number) => value;
  const unlevel = scale === 'log' ? (height: number) => Math.max(0, 10 ** height - logFloor) : (height: number) => height;
  let low = Infinity;
  let high = -Infinity;
  for (const row of z) {
    for (const value of row) {
      if (!Number.isFinite(value)) continue;
      low = Math.min(low, level(value));
      high = Math.max(high, level(value));
    }
  }
  const range = (Number.isFinite(low) ? [low, high > low ? high : low + 1] : [0, 1]) as [number, number];
  const share = (value: number) => (level(value) - range[0]) / (range[1] - range[0]);
  const inside = (value: number) => {
    const height = level(value);
    return height >= range[0] - 1e-9 * Math.abs(range[0]) && height <= range[1] + 1e-9 * Math.abs(range[1]);
  };
  let values: number[];
  if (scale === 'log') {
    // Powers of ten from the floor up; zero stands for the floor itself.
    const [from, to] = [Math.ceil(Math.log10(logFloor)), Math.floor(Math.log10(unlevel(range[1]) || logFloor))];
    values = Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => 10 ** (from + k)).filter(inside);
    const step = Math.ceil(values.length / 5);
    values = values.filter((_, k) => (values.length - 1 - k) % step === 0);
  } else {
    values = niceTicks(range[0], range[1], 4).filter(inside);
  }
  return { level, unlevel, range, share, ticks: values.map((value) => ({ value, text: tickLabel(value, { log: scale === 'log' }) })) };
}
