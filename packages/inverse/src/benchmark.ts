import { checkInteger } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { figure, quantile, type Figure } from '@cannon/stats';
import { sampleConditions } from './accuracy.js';
import { aim } from './aim.js';
import { fieldDomain } from './conditions.js';

/**
 * The latency of one verified aim (`inverse.aim.p50us`, `p99us`, `preciseP50us`, `preciseP99us`) with the shipped field aimer over random targets and conditions of its box,
 * at the default 5 cm and at 1 mm: the median and the 99th percentile of `aims` aims, after `warmUp` aims
 * that let the JIT compile the path.
 */
export function benchmarkAim({ aims = 3000, warmUp = 1000, seed = 7 } = {}): Figure[] {
  checkInteger('aims', aims, { min: 1, max: 10_000_000 });
  checkInteger('warmUp', warmUp, { min: 0, max: 10_000_000 });
  const conditions = sampleConditions(fieldDomain, warmUp + aims, createRandom(seed));
  const aimAt = (i: number, tolerance: number) =>
    aim(conditions.target[i], { wind: conditions.wind[i], drag: conditions.drag[i], heightDifference: conditions.heightDifference[i] }, { tolerance });
  return ([['inverse.aim.', 0.05], ['inverse.aim.precise', 0.001]] as const).flatMap(([name, tolerance]) => {
    for (let i = 0; i < warmUp; i++) aimAt(i, tolerance);
    const latencies = new Float64Array(aims);
    for (let i = 0; i < aims; i++) {
      const started = performance.now();
      aimAt(warmUp + i, tolerance);
      latencies[i] = (performance.now() - started) * 1000;
    }
    const details = { aimer: 'field', verified: true, aims, tolerance };
    const p = tolerance === 0.05 ? 'p' : 'P';
    return [figure(`${name}${p}50us`, quantile(latencies, 0.5), 'us', details), figure(`${name}${p}99us`, quantile(latencies, 0.99), 'us', details)];
  });
}
