// How the physics benchmarks time what they measure.
//
//   import { medianMs, perSecond } from './timing.mjs';
import { quantile } from '@cannon/stats';

const REPEATS = 15;

/**
 * Median wall time of fn in ms, each run awaited (fn may return a promise), after a warm-up of at least a second
 * (V8 optimises the JavaScript around the kernel over the first few dozen batches; the peers are timed after
 * their compile too).
 */
export async function medianMs(fn) {
  const warming = performance.now();
  for (let i = 0; i < 3 || performance.now() - warming < 1000; i++) await fn();
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

/** Calls per second of fn: a warm-up of at least a second, then the median of 15 runs of about 50 ms each. */
export function perSecond(fn) {
  const warming = performance.now();
  let calls = 0;
  for (; calls < 3 || performance.now() - warming < 1000; calls++) fn();
  const each = Math.max(1, Math.round((0.05 * calls * 1000) / (performance.now() - warming)));
  const rates = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    for (let k = 0; k < each; k++) fn();
    rates.push((each * 1000) / (performance.now() - start));
  }
  return quantile(rates, 0.5);
}

/**
 * Median wall times in ms of several functions timed in turn, round after round (after the warm-up of each), and
 * the median over the rounds of each one's time over the first's: a ratio that bursts of load on the machine,
 * which slow every function of a round alike, leave in place.
 */
export async function interleavedMs(fns, rounds = 25) {
  for (const fn of Object.values(fns)) await medianMs(fn);
  const names = Object.keys(fns);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const start = performance.now();
      await fns[name]();
      times[name].push(performance.now() - start);
    }
  }
  const [first] = names;
  return Object.fromEntries(
    names.map((name) => [name, { ms: quantile(times[name], 0.5), overFirst: quantile(times[name].map((t, i) => t / times[first][i]), 0.5) }]),
  );
}
