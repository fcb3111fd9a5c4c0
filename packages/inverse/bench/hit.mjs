// Times aimForHit, the aim with the best chance of a hit, over random still targets (10–80 m away, heights ±3 m,
// drag ≤ 0.03 1/m, winds ±5 m/s each way; wind spreads 0.3–2 m/s, speed spreads 0.1–1 m/s, elevation spreads
// 0.06°–0.6°, radii 0.3–2 m; speeds to 60 m/s), one after another after a warm-up, and prints the median and p99 in
// ms, with the median chance of a hit of its shot and of the plain (slowest) shot beside it.
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { aimForHit, UnreachableTargetError } from '../dist/index.js';

const random = createRandom(31);
const uniform = (low, high) => low + (high - low) * random.uniform();
const cases = Array.from({ length: 600 }, () => ({
  target: { x: uniform(10, 80), y: uniform(-20, 20), height: uniform(-3, 3) },
  world: { drag: uniform(0, 0.03), wind: [uniform(-5, 5), uniform(-5, 5)] },
  uncertainty: { windSd: uniform(0.3, 2), speedSd: uniform(0.1, 1), angleSd: uniform(0.001, 0.01), radius: uniform(0.3, 2) },
}));
const aim = ({ target, world, uncertainty }) => aimForHit(target, world, uncertainty, { maxSpeed: 60 });
/** Whether a 60 m/s shot reaches the target: the ones it does not are not timed. */
const reached = cases.filter((one) => {
  try {
    return Boolean(aim(one));
  } catch (error) {
    if (error instanceof UnreachableTargetError) return false;
    throw error;
  }
});
for (const one of reached.slice(0, 100)) aim(one);
const millis = [];
const ours = [];
const plain = [];
for (const one of reached.slice(100)) {
  const start = performance.now();
  const shot = aim(one);
  millis.push(performance.now() - start);
  ours.push(shot.hitProbability);
  plain.push(shot.plain.hitProbability);
}
const sorted = (values) => Float64Array.from(values).sort();
const details = { aims: millis.length, on: 'one aim after another, one thread', floor: 'p50 ≤ 2 ms' };
printFigure('inverse.aimForHit.p50', quantile(sorted(millis), 0.5), 'ms', details);
printFigure('inverse.aimForHit.p99', quantile(sorted(millis), 0.99), 'ms', details);
printFigure('inverse.aimForHit.hitProbabilityP50', quantile(sorted(ours), 0.5), 'ratio', { aims: millis.length });
printFigure('inverse.aimForHit.plainHitProbabilityP50', quantile(sorted(plain), 0.5), 'ratio', { aims: millis.length, plain: "aimAt's slowest shot" });
