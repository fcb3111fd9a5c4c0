import { calibrate } from '@cannon/calibrate';
import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';
import { aim, conditionsOf, UnreachableTargetError } from '@cannon/inverse';
import { physicsModel, solveBatch } from '@cannon/optimize';
import { tensorModel } from '@cannon/optimize/tensor';
import { landing, type FiredShot } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { summarize, type Summary } from '@cannon/stats';
import { trainSurrogate } from '@cannon/surrogate';

/**
 * The real cannon of the race: its drag, the wind and its charge, which nobody told the approaches. In the article's
 * plane: a drag of 0.05 1/m, a headwind of 1 m/s, and a charge 5% short (the ball leaves at 0.95 of the speed set).
 */
export const realCannon = Object.freeze({ drag: 0.05, wind: -1, speedScale: 0.95 });
/** What the textbook says of it: a smooth ball's drag of 0.03 1/m, no wind, the speed set. */
export const textbookCannon = Object.freeze({ drag: 0.03, wind: 0, speedScale: 1 });

/** The three approaches of the race, in order. */
export const realApproaches = ['surrogate', 'textbook', 'calibrated'] as const;
export type RealApproach = (typeof realApproaches)[number];
export const realApproachLabels: Readonly<Record<RealApproach, string>> = Object.freeze({
  surrogate: 'surrogate learnt from the shots, descended through',
  textbook: 'textbook physics, descended through',
  calibrated: 'calibrated physics, hybrid aimer',
});

export interface RealRaceOptions {
  /** The numbers of shots each race learns from; default [20, 100, 1000]. */
  shots?: readonly number[];
  /** Targets aimed at with each; default 100, drawn from 1 to 6 m. */
  targets?: number;
  /** Seed of the shots, the targets, the starts and the surrogate; default 0. */
  seed?: number;
  /** m: the spread of where each observed shot is measured to land; default 0.02. */
  noise?: number;
  /** m: a hit; default 0.05 (the article's). */
  tolerance?: number;
}

/** One approach with one number of shots: the true misses when the real cannon fires its settings. */
export interface RealRaceRow {
  shots: number;
  approach: RealApproach;
  label: string;
  /** The true misses, m (Infinity: the shot never lands, or the approach found no shot), with the hit rate. */
  trueError: Summary;
}

export interface RealRace {
  targets: number;
  seed: number;
  tolerance: number;
  targetRange: readonly [number, number];
  rows: RealRaceRow[];
}

/** Settings: the speed set goes from 0 to 12 m/s; the elevation from 0 to 90°. */
const SPEED_RANGE = [0, 12] as const;
const TARGET_RANGE = [1, 6] as const;

/**
 * The article's approaches on a real cannon (`realCannon`), from the same N shots of it (random settings, where each
 * landed measured within `noise`), each number of shots in turn:
 *  1. the surrogate learnt from the shots (`trainSurrogate` on them), gradient descent through it;
 *  2. the textbook's physics (`textbookCannon`), gradient descent through it: it misses, because it is wrong;
 *  3. the physics calibrated on the shots (`calibrate`: drag, wind, speed scale), and the hybrid aimer (`aim`) in the
 *     calibrated world, its speed set at the true one over the scale.
 * Each answer's settings are fired by the real cannon, and its miss measured. Needs TensorFlow.js (the surrogate).
 */
export async function compareRealCannon(options: RealRaceOptions = {}): Promise<RealRace> {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { shots?, targets?, seed?, noise?, tolerance? }', options);
  const counts = options.shots ?? [20, 100, 1000];
  if (!Array.isArray(counts) || counts.length === 0) throw new InvalidInputError('options.shots', 'a non-empty array of numbers of shots', counts);
  counts.forEach((count, i) => checkInteger(`options.shots[${i}]`, count, { min: 4, max: 100_000 }));
  const targetCount = checkInteger('options.targets', options.targets ?? 100, { min: 1, max: 10_000 });
  const seed = checkInteger('options.seed', options.seed ?? 0);
  const noise = checkNumber('options.noise', options.noise ?? 0.02, { min: 0, max: 10 });
  const tolerance = checkNumber('options.tolerance', options.tolerance ?? 0.05, { min: 0, minOpen: true });
  const random = createRandom(seed);
  const targets = Array.from({ length: targetCount }, () => random.between(...TARGET_RANGE));
  /** Where the real cannon lands a shot set to (speed, angle): the true miss is measured from it. */
  const fired = (speed: number, angle: number) => landing({ speed: realCannon.speedScale * speed, angle }, { drag: realCannon.drag, wind: realCannon.wind })?.distance ?? NaN;
  const miss = (target: number, speed: number, angle: number) => {
    const at = fired(speed, angle);
    return Number.isFinite(at) ? Math.abs(at - target) : Infinity;
  };
  const rows: RealRaceRow[] = [];
  const row = (shots: number, approach: RealApproach, misses: number[]) => rows.push({ shots, approach, label: realApproachLabels[approach], trueError: summarize(misses, tolerance) });
  for (const count of counts) {
    // The shots: random settings, where each came down, measured within the noise.
    const shots: FiredShot[] = Array.from({ length: count }, () => {
      const [speed, angle] = [random.between(...SPEED_RANGE), random.between(0.05, Math.PI / 2 - 0.05)];
      const at = fired(speed, angle);
      return { speed, angle, distance: Number.isFinite(at) ? at + noise * random.normal() : null };
    });
    const landed = shots.filter((shot) => shot.distance !== null);
    const settings = { method: 'gradient-descent', seed, tolerance, maxSpeed: SPEED_RANGE[1] } as const;

    const surrogate = await trainSurrogate({ data: landed, seed, speedRange: SPEED_RANGE, angleRange: [0, Math.PI / 2] });
    try {
      const solved = solveBatch(tensorModel(surrogate.forward), targets, settings);
      row(count, 'surrogate', solved.map((s, i) => (s.status === 'unreachable' ? Infinity : miss(targets[i], s.speed, s.angle))));
    } finally {
      surrogate.dispose();
    }

    const textbook = solveBatch(physicsModel({ drag: textbookCannon.drag, wind: textbookCannon.wind }), targets, { ...settings, world: { drag: textbookCannon.drag, wind: textbookCannon.wind } });
    row(count, 'textbook', textbook.map((s, i) => (s.status === 'unreachable' ? Infinity : miss(targets[i], s.speed, s.angle))));

    const fit = calibrate(
      landed.map((shot, k) => ({ speed: shot.speed, angle: (shot.angle * 180) / Math.PI, azimuth: 0, x: shot.distance!, y: 0, targetHeight: 0, row: k + 1 })),
      { fit: ['drag', 'wind', 'speedScale'] },
    ).fit;
    row(
      count,
      'calibrated',
      targets.map((target) => {
        try {
          const shot = aim(target, conditionsOf({ drag: fit.drag, wind: fit.windX }), { tolerance: tolerance / 10, maxSpeed: fit.speedScale * SPEED_RANGE[1] });
          return miss(target, shot.speed / fit.speedScale, shot.angle);
        } catch (error) {
          if (error instanceof UnreachableTargetError) return Infinity;
          throw error;
        }
      }),
    );
  }
  return { targets: targetCount, seed, tolerance, targetRange: TARGET_RANGE, rows };
}
