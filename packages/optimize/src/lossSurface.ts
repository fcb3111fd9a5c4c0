import { checkInteger, checkNumber } from '@cannon/errors';
import { landingsOf, type ForwardModel } from './model.js';

export interface LossSurface {
  target: number;
  speeds: number[];
  angles: number[];
  /** loss[i][j]: the model's squared error (m²) at speeds[i], angles[j]; NaN where the shot never lands. */
  loss: number[][];
}

/**
 * The squared error of a model's landing against a target over a speed × angle grid: speeds evenly from 0
 * to maxSpeed, angles evenly inside (0, π/2). One batched model call. Draw it for the surrogate and for
 * the physics to see where their minima part.
 */
export function lossSurface(model: ForwardModel, target: number, { speedSteps = 41, angleSteps = 41, maxSpeed = 10 } = {}): LossSurface {
  checkNumber('target', target, { min: 0 });
  checkInteger('speedSteps', speedSteps, { min: 2, max: 1000 });
  checkInteger('angleSteps', angleSteps, { min: 2, max: 1000 });
  checkNumber('maxSpeed', maxSpeed, { min: 0, minOpen: true });
  const speeds = Array.from({ length: speedSteps }, (_, i) => (maxSpeed * i) / (speedSteps - 1));
  const angles = Array.from({ length: angleSteps }, (_, j) => ((j + 0.5) / angleSteps) * (Math.PI / 2));
  const gridSpeeds = Float64Array.from(speeds.flatMap((s) => angles.map(() => s)));
  const gridAngles = Float64Array.from(speeds.flatMap(() => angles));
  const landed = landingsOf(model, gridSpeeds, gridAngles);
  const loss = speeds.map((_, i) => angles.map((_, j) => (landed[i * angleSteps + j] - target) ** 2));
  return { target, speeds, angles, loss };
}
