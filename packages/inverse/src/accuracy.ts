import { simulateLandings } from '@cannon/physics';
import { checkInteger, InvalidInputError } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { summarize, type Summary } from '@cannon/stats';
import type { Aimer } from './aimer.js';
import { checkDomain, inputFields, shotColumnsOf, type AimerDomain, type InputField } from './conditions.js';

/**
 * `count` targets and conditions drawn from a domain, one column each (a field the domain fixes draws
 * nothing): uniformly, or by the arcsine law, denser towards each range's ends (training draws so, because
 * the slowest shot bends most there, at the shortest targets and the speeds near the fastest, and a uniform
 * draw leaves the box's corners with few samples).
 */
export function sampleConditions(domain: AimerDomain, count: number, random: { uniform(): number }, law: 'uniform' | 'arcsine' = 'uniform'): Record<InputField, Float64Array> {
  checkDomain(domain);
  checkInteger('count', count, { min: 0, max: 100_000_000 });
  if (random === null || typeof random !== 'object' || typeof random.uniform !== 'function') throw new InvalidInputError('random', 'a random source { uniform() } (createRandom of @cannon/random)', random);
  if (law !== 'uniform' && law !== 'arcsine') throw new InvalidInputError('law', "'uniform' or 'arcsine'", law);
  const columns = {} as Record<InputField, Float64Array>;
  const draw = law === 'arcsine' ? () => (1 - Math.cos(Math.PI * random.uniform())) / 2 : () => random.uniform();
  for (const field of inputFields) {
    const [low, high] = domain[field];
    const column = new Float64Array(count);
    if (high > low) for (let i = 0; i < count; i++) column[i] = low + (high - low) * draw();
    else column.fill(low);
    columns[field] = column;
  }
  return columns;
}

/** How far the physics lands each of the aimer's own shots (before any refinement) from its target, m; Infinity when it never lands. */
export function unrefinedMisses(aimer: Aimer, columns: Record<InputField, ArrayLike<number>>): Float64Array {
  const { speed, angle } = aimer.predictBatch(columns.target, columns);
  const { distance } = simulateLandings(shotColumnsOf(speed, angle, columns), speed.length);
  return Float64Array.from(distance, (d, i) => (Number.isNaN(d) ? Infinity : Math.abs(d - columns.target[i])));
}

/**
 * How far the aimer's own shots (before any refinement) land from their targets, checked by the physics,
 * over `samples` targets and conditions drawn uniformly from its domain: the summary of the true miss, m.
 * A shot that never lands counts as an infinite miss.
 */
export function aimerError(aimer: Aimer, options: { samples?: number; seed?: number } = {}): Summary {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { samples?, seed? }', options);
  const { samples = 2000, seed = 12345 } = options;
  checkInteger('samples', samples, { min: 1, max: 10_000_000 });
  return summarize(unrefinedMisses(aimer, sampleConditions(aimer.metadata.domain, samples, createRandom(seed))));
}
