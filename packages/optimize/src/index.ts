export { physicsModel, type ForwardModel, type PlainLandings } from './model.js';
export { solve, solveBatch, type PathPoint, type Solution } from './solve.js';
export { type SolveOptions } from './options.js';
export { type Method } from './methods.js';
export { verify } from './verify.js';
export { lossSurface, type LossSurface } from './lossSurface.js';
