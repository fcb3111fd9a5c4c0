import { checkInteger, checkNumber, checkRange, InvalidInputError, isNumberColumn } from '@cannon/errors';
import { checkMetadataHead } from '@cannon/model-files';
import { checkHiddenLayers, createForward, type NetworkSpec } from '@cannon/network';

/**
 * A learned aimer in three dimensions. The problem is turned into the target's frame first (x towards the target, y to
 * its left), where it has five numbers: the range, the target's height, the headwind (the wind's component towards
 * the target; negative blows in the shooter's face) and the crosswind (its component to the left), and the drag k. The
 * network maps them to the slowest shot: its speed, its elevation, and the turn of the azimuth off the target's bearing
 * that the crosswind asks for; and the shot's flight time, which a moving target needs to know where it will be.
 */

export const AIMER3D_FORMAT = 'cannon-aimer-3d';
export const AIMER3D_VERSION = 1;

type Range = readonly [number, number];

/** The box a 3D aimer answers for: ranges (m), target heights (m), winds along and across the line to the target (m/s), drag (1/m), and the fastest shot (m/s). */
export interface Aimer3dDomain {
  range: Range;
  height: Range;
  /** The wind's component towards the target, m/s (a tailwind is positive). */
  alongWind: Range;
  /** The wind's component to the left of the line to the target, m/s. */
  crossWind: Range;
  drag: Range;
  maxSpeed: number;
}

/** A robot, a game turret, a ball: targets 1–100 m around the launcher, ±10 m up or down, winds to ±10 m/s along and across, drag to 0.05 1/m, speeds to 40 m/s. */
export const aim3dDomain: Aimer3dDomain = Object.freeze({
  range: [1, 100] as const,
  height: [-10, 10] as const,
  alongWind: [-10, 10] as const,
  crossWind: [-10, 10] as const,
  drag: [0, 0.05] as const,
  maxSpeed: 40,
});

/** A target in the target's frame. */
export interface Frame {
  range: number;
  height: number;
  alongWind: number;
  crossWind: number;
  drag: number;
}

/** The network's shot in the target's frame: speed, elevation, the azimuth's turn off the bearing (rad), flight time (s). */
export interface FramedShot {
  speed: number;
  elevation: number;
  turn: number;
  time: number;
}

export interface Aimer3dMetadata {
  format: typeof AIMER3D_FORMAT;
  version: typeof AIMER3D_VERSION;
  name: string;
  domain: Aimer3dDomain;
  hiddenLayers: number[];
  activation: 'tanh';
  /**
   * inputs: ln range, height, along wind, cross wind, drag, each mapped from its domain range to [−1, 1]. outputs:
   * speed = maxSpeed·σ(o₀), elevation = (π/2)·σ(o₁), turn = (π/2)·tanh(o₂), flight time = exp(o₃).
   */
  training: { steps: number; batchSize: number; learningRate: number; seed: number; speedPenalty: number; ridgePull: number; finalLoss: number; seconds: number };
  /** The unrefined miss over reachable targets of the domain when training ended, m. */
  accuracy?: { p50: number; p95: number; max: number };
}

export interface Aimer3d {
  readonly metadata: Aimer3dMetadata;
  readonly parameters: Float32Array;
  /** The network's shot for a target in its frame (no checks: `aimAt` does them). */
  predict(frame: Frame, into?: FramedShot): FramedShot;
  /** The network's shots for many targets, in their frames, as columns. */
  predictBatch(frames: Record<keyof Frame, ArrayLike<number>>, count: number): Record<keyof FramedShot, Float64Array>;
}

export const frameFields = ['range', 'height', 'alongWind', 'crossWind', 'drag'] as const;

export function aimer3dNetworkSpec(metadata: Pick<Aimer3dMetadata, 'hiddenLayers'>): NetworkSpec {
  return { inputs: frameFields.length, hiddenLayers: metadata.hiddenLayers, outputs: 4, activation: 'tanh' };
}

/** Each input's offset and scale: (value − offset)/scale lies in [−1, 1] over the domain (the range by its logarithm). */
export function frameScalings(domain: Aimer3dDomain): { offset: number; scale: number }[] {
  const scaling = ([low, high]: Range) => ({ offset: (low + high) / 2, scale: Math.max((high - low) / 2, 1e-12) });
  return [scaling([Math.log(domain.range[0]), Math.log(domain.range[1])]), scaling(domain.height), scaling(domain.alongWind), scaling(domain.crossWind), scaling(domain.drag)];
}

/** Writes the network's inputs for one frame into `row` at `at`. */
export function frameInputs(scalings: readonly { offset: number; scale: number }[], range: number, height: number, along: number, cross: number, drag: number, row: Float64Array | Float32Array, at: number): void {
  row[at] = (Math.log(range) - scalings[0].offset) / scalings[0].scale;
  row[at + 1] = (height - scalings[1].offset) / scalings[1].scale;
  row[at + 2] = (along - scalings[2].offset) / scalings[2].scale;
  row[at + 3] = (cross - scalings[3].offset) / scalings[3].scale;
  row[at + 4] = (drag - scalings[4].offset) / scalings[4].scale;
}

/** The shot from the network's four raw outputs, and the derivative of each by its own output (for training). */
export function framedShotOf(raw: ArrayLike<number>, at: number, maxSpeed: number, into: FramedShot): FramedShot {
  into.speed = maxSpeed / (1 + Math.exp(-raw[at]));
  into.elevation = Math.PI / 2 / (1 + Math.exp(-raw[at + 1]));
  into.turn = (Math.PI / 2) * Math.tanh(raw[at + 2]);
  into.time = Math.exp(raw[at + 3]);
  return into;
}

/** The shots of `count` rows of the network's raw outputs, as columns. */
export function framedShots(raw: ArrayLike<number>, count: number, maxSpeed: number): Record<keyof FramedShot, Float64Array> {
  const shots = { speed: new Float64Array(count), elevation: new Float64Array(count), turn: new Float64Array(count), time: new Float64Array(count) };
  const shot: FramedShot = { speed: 0, elevation: 0, turn: 0, time: 0 };
  for (let i = 0; i < count; i++) {
    framedShotOf(raw, 4 * i, maxSpeed, shot);
    shots.speed[i] = shot.speed;
    shots.elevation[i] = shot.elevation;
    shots.turn[i] = shot.turn;
    shots.time[i] = shot.time;
  }
  return shots;
}

/** Whether a frame lies in the domain. */
export function inDomain(domain: Aimer3dDomain, frame: Frame): boolean {
  // Indexed, not destructured: it is asked for every target of a batch, and a destructured pair allocates an iterator.
  const within = (value: number, range: Range) => value >= range[0] && value <= range[1];
  return within(frame.range, domain.range) && within(frame.height, domain.height) && within(frame.alongWind, domain.alongWind) && within(frame.crossWind, domain.crossWind) && within(frame.drag, domain.drag);
}

/** A 3D aimer from its metadata and its network's parameters (copied). */
export function createAimer3d(metadata: Aimer3dMetadata, parameters: Float32Array): Aimer3d {
  const checked = checkAimer3dMetadata(metadata, 'metadata');
  const forward = createForward(aimer3dNetworkSpec(checked), parameters);
  const scalings = frameScalings(checked.domain);
  const { maxSpeed } = checked.domain;
  const row = new Float64Array(frameFields.length);
  const raw = new Float64Array(4);
  return {
    metadata: checked,
    parameters: Float32Array.from(parameters),
    predict(frame, into = { speed: 0, elevation: 0, turn: 0, time: 0 }) {
      frameInputs(scalings, frame.range, frame.height, frame.alongWind, frame.crossWind, frame.drag, row, 0);
      forward(row, 1, raw);
      return framedShotOf(raw, 0, maxSpeed, into);
    },
    predictBatch(frames, count) {
      checkInteger('count', count, { min: 0, max: 100_000_000 });
      for (const field of frameFields) {
        const column = frames?.[field];
        if (!isNumberColumn(column) || (column.length !== 1 && column.length < count)) throw new InvalidInputError(`frames.${field}`, `a column of ${count} numbers (or 1, shared)`, column);
      }
      const x = new Float64Array(count * frameFields.length);
      const column = (values: ArrayLike<number>, i: number) => (values.length === 1 ? values[0] : values[i]);
      for (let i = 0; i < count; i++) {
        frameInputs(scalings, column(frames.range, i), column(frames.height, i), column(frames.alongWind, i), column(frames.crossWind, i), column(frames.drag, i), x, i * frameFields.length);
      }
      return framedShots(forward(x, count), count, maxSpeed);
    },
  };
}

/** Checks a 3D aimer's domain: each range ordered and finite, ranges positive, drag ≥ 0, a positive fastest shot. */
export function checkAimer3dDomain(domain: Aimer3dDomain, name = 'domain'): Aimer3dDomain {
  if (domain === null || typeof domain !== 'object') throw new InvalidInputError(name, 'an object { range, height, alongWind, crossWind, drag, maxSpeed }', domain);
  checkRange(`${name}.range`, domain.range, { min: 0 });
  if (!(domain.range[0] > 0)) throw new InvalidInputError(`${name}.range`, 'a pair [low, high] with 0 < low < high (a target at the muzzle has no bearing)', domain.range);
  checkRange(`${name}.height`, domain.height, { point: true });
  checkRange(`${name}.alongWind`, domain.alongWind, { point: true });
  checkRange(`${name}.crossWind`, domain.crossWind, { point: true });
  checkRange(`${name}.drag`, domain.drag, { min: 0, point: true });
  checkNumber(`${name}.maxSpeed`, domain.maxSpeed, { min: 0, minOpen: true });
  return domain;
}

/** Checks that `value`, read from `file`, is a 3D aimer's aimer.json this package can use. */
export function checkAimer3dMetadata(value: unknown, file: string): Aimer3dMetadata {
  const { metadata: m, fail } = checkMetadataHead<Aimer3dMetadata>(value, file, { format: AIMER3D_FORMAT, version: AIMER3D_VERSION, kind: "a 3D aimer's", reader: '@cannon/inverse' });
  try {
    checkAimer3dDomain(m.domain!);
  } catch (error) {
    fail(`has an invalid domain: ${(error as Error).message}`);
  }
  try {
    checkHiddenLayers(m.hiddenLayers);
  } catch (error) {
    fail(`has an invalid ${(error as Error).message}`);
  }
  if (typeof m.name !== 'string') fail('has no name');
  return m as Aimer3dMetadata;
}
