import { aimBatch } from '@cannon/inverse';
import { physicsModel, solveBatch, type Solution } from '@cannon/optimize';
import { tensorModel } from '@cannon/optimize/tensor';
import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';
import { createRandom } from '@cannon/random';
import { quantile, summarize, type Summary } from '@cannon/stats';
import { trainSurrogate } from '@cannon/surrogate';

/** The three approaches, in the article's order. */
export const approaches = ['surrogate', 'physics', 'hybrid'] as const;
export type Approach = (typeof approaches)[number];

/** What each approach is, in a few words, for a table. */
export const approachLabels: Readonly<Record<Approach, string>> = Object.freeze({
  surrogate: 'surrogate + gradient descent',
  physics: 'physics + gradient descent',
  hybrid: 'hybrid aimer (verified, refined)',
});

/** One approach's row of the table. */
export interface ApproachResult {
  approach: Approach;
  label: string;
  /** The true miss of every answer, checked by the physics (m), with the hit rate at the tolerance. */
  trueError: Summary;
  /** Iterations per target: gradient-descent steps, or the hybrid's refinement steps (0 when the network hit). */
  iterations: { p50: number; p95: number };
  /** Wall time per target, ms (for the surrogate, after its training). */
  msPerTarget: number;
  /** The answer that missed most in truth: its target, its shot, where the approach expected it to land, and where the physics lands it (NaN: nowhere). */
  worst: WorstAnswer;
}

export interface WorstAnswer extends Answer {
  target: number;
}

/** One approach's answer to one target, as the physics judges it. */
interface Answer {
  speed: number;
  angle: number;
  /** Where the model the approach searched on lands the shot: the surrogate's prediction; the physics' own landing for the physics and the hybrid, which check their answers on it (m). */
  modelLanding: number;
  landing: number;
  miss: number;
}

export interface Comparison {
  targets: number;
  seed: number;
  tolerance: number;
  /** The targets are drawn uniformly from this range, m: up to 10 m of the 10.19 m that 10 m/s reaches. */
  targetRange: readonly [number, number];
  /** Seconds the surrogate took to train on the fired shots. */
  surrogateSeconds: number;
  approaches: ApproachResult[];
}

export interface CompareOptions {
  /** How many targets, 1 to 100 000; default 200. */
  targets?: number;
  /** Seed of the targets, the random starts and the surrogate; default 0. */
  seed?: number;
  /** The miss that counts as a hit, and where every approach stops, m; default 0.05 (the article's). */
  tolerance?: number;
  /** Called before each stage: training the surrogate, then each approach. */
  onProgress?: (stage: 'training' | Approach) => void;
}

const optionNames = ['targets', 'seed', 'tolerance', 'onProgress'];

/**
 * The article in one table, computed: in its world (flat ground, no air, speeds up to 10 m/s), the same
 * targets aimed at three ways, each answer's true miss checked by the physics:
 *  - surrogate: a network learns the cannon from 1000 fired shots; gradient descent through it from a random start;
 *  - physics: gradient descent through the true physics from the same random start;
 *  - hybrid: the shipped aimer's guess, verified by the physics and refined by Gauss–Newton when it misses.
 * Needs TensorFlow.js (the surrogate): call `initializeBackend()` of @cannon/physics/tensor first.
 */
export async function compareApproaches(options: CompareOptions = {}): Promise<Comparison> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new InvalidInputError('options', 'an object { targets?, seed?, tolerance?, onProgress? }', options);
  for (const key of Object.keys(options)) {
    if (!optionNames.includes(key)) throw new InvalidInputError(`options.${key}`, `one of ${optionNames.join(', ')}`, key);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new InvalidInputError('onProgress', 'a function', options.onProgress);
  const count = checkInteger('targets', options.targets ?? 200, { min: 1, max: 100_000 });
  const seed = checkInteger('seed', options.seed ?? 0);
  const tolerance = checkNumber('tolerance', options.tolerance ?? 0.05, { min: 0, minOpen: true });
  const random = createRandom(seed);
  const targetRange = [0.5, 10] as const;
  const targets = Array.from({ length: count }, () => random.between(...targetRange));
  const settings = { method: 'gradient-descent', seed, tolerance } as const;

  options.onProgress?.('training');
  let started = performance.now();
  const surrogate = await trainSurrogate({ seed });
  const surrogateSeconds = (performance.now() - started) / 1000;
  const results: ApproachResult[] = [];
  const row = (approach: Approach, answers: Answer[], iterations: number[], ms: number) => {
    const worst = answers.reduce((a, b, i) => (b.miss > answers[a].miss ? i : a), 0);
    results.push({
      approach,
      label: approachLabels[approach],
      trueError: summarize(answers.map((answer) => answer.miss), tolerance),
      iterations: { p50: quantile(iterations, 0.5), p95: quantile(iterations, 0.95) },
      msPerTarget: ms / count,
      worst: { target: targets[worst], ...answers[worst] },
    });
  };
  const judged = (solutions: Solution[]): Answer[] => solutions.map((s) => ({ speed: s.speed, angle: s.angle, modelLanding: s.modelLanding, landing: s.trueLanding ?? NaN, miss: s.trueError }));
  try {
    options.onProgress?.('surrogate');
    started = performance.now();
    const throughSurrogate = solveBatch(tensorModel(surrogate.forward), targets, settings);
    row('surrogate', judged(throughSurrogate), throughSurrogate.map((s) => s.iterations), performance.now() - started);
  } finally {
    surrogate.dispose();
  }

  options.onProgress?.('physics');
  started = performance.now();
  const throughPhysics = solveBatch(physicsModel(), targets, settings);
  row('physics', judged(throughPhysics), throughPhysics.map((s) => s.iterations), performance.now() - started);

  options.onProgress?.('hybrid');
  started = performance.now();
  const hybrid = aimBatch(targets, {}, { tolerance });
  row('hybrid', hybrid.map((s) => ({ speed: s.speed, angle: s.angle, modelLanding: s.landing, landing: s.landing, miss: s.error })), hybrid.map((s) => s.iterations), performance.now() - started);

  return { targets: count, seed, tolerance, targetRange, surrogateSeconds, approaches: results };
}
