import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';
import { supportedRanges } from '@cannon/physics';
import { landingsOf, type ForwardModel } from './model.js';

/** The grid of a surface: how many speeds and angles, and the fastest speed. */
export interface SurfaceGridOptions {
  speedSteps?: number;
  angleSteps?: number;
  maxSpeed?: number;
}

/** The speeds and angles a surface is drawn over. */
export interface SurfaceGrid {
  speeds: number[];
  angles: number[];
}

export interface LandingSurface extends SurfaceGrid {
  /** landing[i][j]: where the model lands the shot at speeds[i], angles[j], m; NaN where it never lands. */
  landing: number[][];
}

export interface LossSurface extends SurfaceGrid {
  target: number;
  /** loss[i][j]: the model's squared error (m²) at speeds[i], angles[j]; NaN where the shot never lands. */
  loss: number[][];
}

/**
 * The speed × angle grid every surface is drawn over: `speedSteps` speeds evenly from 0 to `maxSpeed`, and
 * `angleSteps` angles at the middles of equal parts of (0, π/2), so that no angle is flat or vertical.
 */
export function surfaceGrid(options: SurfaceGridOptions = {}): SurfaceGrid {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('options', 'an object { speedSteps?, angleSteps?, maxSpeed? }', options);
  const { speedSteps = 41, angleSteps = 41, maxSpeed = 10 } = options;
  checkInteger('speedSteps', speedSteps, { min: 2, max: 1000 });
  checkInteger('angleSteps', angleSteps, { min: 2, max: 1000 });
  // The physics' own speeds: beyond them a batch is not checked, and shots whose squared speed overflows run every step.
  checkNumber('maxSpeed', maxSpeed, { min: 0, minOpen: true, max: supportedRanges.speed[1] });
  return {
    speeds: Array.from({ length: speedSteps }, (_, i) => (maxSpeed * i) / (speedSteps - 1)),
    angles: Array.from({ length: angleSteps }, (_, j) => ((j + 0.5) / angleSteps) * (Math.PI / 2)),
  };
}

/** Where a model lands every shot of the grid, in one batched model call. */
export function landingSurface(model: ForwardModel, options: SurfaceGridOptions = {}): LandingSurface {
  const { speeds, angles } = surfaceGrid(options);
  const gridSpeeds = Float64Array.from(speeds.flatMap((s) => angles.map(() => s)));
  const gridAngles = Float64Array.from(speeds.flatMap(() => angles));
  const landed = landingsOf(model, gridSpeeds, gridAngles);
  return { speeds, angles, landing: speeds.map((_, i) => angles.map((_, j) => landed[i * angles.length + j])) };
}

/**
 * The squared error of a model's landing against a target over the grid (see `surfaceGrid`). One batched
 * model call. Draw it for the surrogate and for the physics to see where their minima part.
 */
export function lossSurface(model: ForwardModel, target: number, options: SurfaceGridOptions = {}): LossSurface {
  checkNumber('target', target, { min: 0 });
  const { speeds, angles, landing } = landingSurface(model, options);
  return { target, speeds, angles, loss: landing.map((row) => row.map((distance) => (distance - target) ** 2)) };
}
