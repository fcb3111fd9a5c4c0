import { checkNumber, createRandom, simulateLandings } from '@cannon/physics';
import type { Aimer } from './aimer.js';
import { inputFields, type InputField } from './domain.js';

/**
 * How far the aimer's own shots (before any refinement) land from their targets, checked by the physics,
 * over `samples` targets and conditions drawn uniformly from its domain: quantiles of the true miss, m.
 * A shot that never lands counts as an infinite miss.
 */
export function aimerError(aimer: Aimer, { samples = 2000, seed = 12345 } = {}): { p50: number; p95: number; max: number; mean: number } {
  checkNumber('samples', samples, { min: 1 });
  const random = createRandom(seed);
  const { domain } = aimer.metadata;
  const rows = {} as Record<InputField, number[]>;
  for (const field of inputFields) rows[field] = [];
  for (let i = 0; i < samples; i++) {
    for (const field of inputFields) {
      const [low, high] = domain[field];
      rows[field].push(high > low ? random.between(low, high) : low);
    }
  }
  const { speed, angle } = aimer.predictBatch(rows.target, rows);
  const columns = { speed, angle, gravity: [9.81], drag: rows.drag, wind: rows.wind, launchHeight: [0], targetHeight: rows.heightDifference };
  const { distance } = simulateLandings(columns, samples);
  const misses = Float64Array.from(distance, (d, i) => (Number.isNaN(d) ? Infinity : Math.abs(d - rows.target[i]))).sort();
  const at = (q: number) => misses[Math.min(samples - 1, Math.floor(q * samples))];
  return { p50: at(0.5), p95: at(0.95), max: misses[samples - 1], mean: misses.reduce((a, b) => a + b, 0) / samples };
}
