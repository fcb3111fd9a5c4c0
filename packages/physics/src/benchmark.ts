import { checkInteger } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { figure, quantile, type Figure } from '@cannon/stats';
import { simulateLandings } from './simulate.js';
import { defaultWorld } from './world.js';

/** The least warm-up before timing, in ms. */
const WARM_UP_MS = 300;

/**
 * The time per shot of `simulateLandings` on a batch of `count` random shots (speeds 4–15 m/s, angles 0.2–1.3
 * rad, drag to 0.05 1/m, wind ±5 m/s, target heights ±1 m), landings alone and with their derivatives with
 * respect to speed and angle: the median of `repeats` runs after a warm-up of at least two runs and WARM_UP_MS.
 */
export function benchmarkLandings({ count = 4096, repeats = 12, seed = 7 } = {}): Figure[] {
  checkInteger('count', count, { min: 1, max: 10_000_000 });
  checkInteger('repeats', repeats, { min: 1, max: 1000 });
  const random = createRandom(seed);
  const columns = {
    speed: Float64Array.from({ length: count }, () => random.between(4, 15)),
    angle: Float64Array.from({ length: count }, () => random.between(0.2, 1.3)),
    gravity: [defaultWorld.gravity],
    drag: Float64Array.from({ length: count }, () => random.between(0, 0.05)),
    wind: Float64Array.from({ length: count }, () => random.between(-5, 5)),
    launchHeight: [0],
    targetHeight: Float64Array.from({ length: count }, () => random.between(-1, 1)),
  };
  return ([['physics.simulateLandings.usPerShot', []], ['physics.simulateLandingsWithGradient.usPerShot', ['speed', 'angle']]] as const).map(([name, partials]) => {
    // Warm-up: V8 optimises the JavaScript around the kernel over the first few dozen batches.
    const warming = performance.now();
    for (let run = 0; run < 2 || performance.now() - warming < WARM_UP_MS; run++) simulateLandings(columns, count, partials);
    const times: number[] = [];
    for (let run = 0; run < repeats; run++) {
      const started = performance.now();
      simulateLandings(columns, count, partials);
      times.push(performance.now() - started);
    }
    return figure(name, (quantile(times, 0.5) * 1000) / count, 'us', { batch: count });
  });
}
