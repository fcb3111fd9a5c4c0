// @cannon/inverse/tensor: training an aimer through the differentiable physics, and keeping it, on TensorFlow.js.
export { defaultAimerTraining, trainAimer, type TrainAimerOptions, type TrainingProgress } from './train.js';
export { aimingLoss, RIDGE_PULL, SPEED_PENALTY, type AimingBatch } from './loss.js';
export { AIMER_FILES, loadAimer, saveAimer } from './files.js';
