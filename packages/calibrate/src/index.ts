export { calibrate, defaultFit, fittable, parameterNames, type CalibrateOptions, type Calibration, type Fittable, type KnownConditions, type ParameterName } from './calibrate.js';
export { optionalShotColumns, parseShots, shotColumns, type ObservedShot } from './shots.js';
export { correctedTable, correctionFactor, type DragCorrection } from './drag-correction.js';
