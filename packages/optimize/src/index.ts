// @cannon/optimize: solving for the controls on any differentiable forward model, on plain numbers (see ./tensor for TensorFlow.js models).
export { physicsModel, type Evaluation, type ForwardModel } from './model.js';
export { solve, solveBatch, type PathPoint, type Solution } from './solve.js';
export { refine, type Refinement, type RefineOptions } from './refine.js';
export { type SolveOptions } from './options.js';
export { type Method } from './methods.js';
export { verify } from './verify.js';
export { landingSurface, lossSurface, surfaceGrid, type LandingSurface, type LossSurface, type SurfaceGrid, type SurfaceGridOptions } from './lossSurface.js';
