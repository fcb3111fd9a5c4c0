import type { FiredShot } from '@cannon/physics';
import type { Random } from '@cannon/random';

/** Shots as columns: speeds, angles and landing distances. */
export interface ShotColumns {
  speed: Float32Array;
  angle: Float32Array;
  distance: Float32Array;
}

/** The shots that landed (a shot that never came down has nothing to learn from), as columns. */
export function landedShots(shots: readonly FiredShot[]): ShotColumns {
  const landed = shots.filter((shot) => shot.distance !== null);
  return {
    speed: Float32Array.from(landed, (shot) => shot.speed),
    angle: Float32Array.from(landed, (shot) => shot.angle),
    distance: Float32Array.from(landed, (shot) => shot.distance as number),
  };
}

/** A seeded random order of 0 … n−1 (Fisher–Yates): tfjs shuffles with an unseeded generator, so training shuffles itself. */
export function shuffledIndices(n: number, random: Random): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export function pick(columns: ShotColumns, indices: ArrayLike<number>): ShotColumns {
  const take = (column: Float32Array) => Float32Array.from({ length: indices.length }, (_, i) => column[indices[i]]);
  return { speed: take(columns.speed), angle: take(columns.angle), distance: take(columns.distance) };
}

/** Splits the shots at random into training and validation shots, `validationSplit` of them (rounded) for validation. */
export function splitShots(columns: ShotColumns, validationSplit: number, random: Random): { training: ShotColumns; validation: ShotColumns | null } {
  const n = columns.speed.length;
  const held = Math.round(n * validationSplit);
  const order = shuffledIndices(n, random);
  if (held === 0) return { training: pick(columns, order), validation: null };
  return { training: pick(columns, order.subarray(held)), validation: pick(columns, order.subarray(0, held)) };
}
