// @cannon/inverse/tensor: training an aimer through the differentiable physics, and keeping it, on TensorFlow.js.
export { defaultAimerTraining, trainAimer, type TrainAimerOptions, type TrainingProgress } from './train.js';
export { aimingLoss, RIDGE_PULL, SPEED_PENALTY, type AimingBatch } from './loss.js';
export { AIMER3D_FILES, AIMER_FILES, loadAimer, loadAimer3d, saveAimer, saveAimer3d } from './files.js';
export { defaultAimer3dTraining, reachableFrames, trainAimer3d, unrefinedMisses3d, type Frames, type TrainAimer3dOptions } from './train3d.js';
