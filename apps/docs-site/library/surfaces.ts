// The calls the loss-surface figures make into the @cannon libraries, on any forward model: the physics of
// @cannon/optimize's physicsModel on the page, a surrogate's network (tensorModel) in the training worker.
// The squared miss over a speed × angle grid (lossSurface), the curve of shots that hit (solve, holding the
// angle), a descent with its path (solve), the truth about shots (verify), landings over a grid, and the
// flights of shots (trajectory).
import type { ForwardModel, LossSurface, Method, Solution } from '@cannon/optimize';
import type { FiredShot, FireOptions, Launch, Trajectory, World } from '@cannon/physics';

export type { FiredShot, ForwardModel, Launch, LossSurface, Method, Solution, Trajectory, World };

/** The article's plane of controls: speeds up to 10 m/s, angles inside (0, 90°). */
export const MAX_SPEED = 10;
/** The accepted miss of every descent on the pages: the article's 5 cm. */
export const TOLERANCE = 0.05;
/** Grid points along each axis of a surface: 41 × 41 quads read as a surface and draw in a few ms. */
const GRID_STEPS = 41;

/** Speeds and angles of a grid, and a value at each: `values[i][j]` at `speeds[i]`, `angles[j]` (NaN: no landing). */
export interface GridValues {
  speeds: number[];
  angles: number[];
  values: number[][];
}

/** One point of the curve of shots that land on the target: the bottom of the loss surface's valley. */
export type CurvePoint = Launch;

export interface Surfaces {
  /** The true physics in a world, as a model to solve on. */
  physicsModel(world?: Partial<World>): ForwardModel;
  /** The model's squared miss of `target` over the grid (m²). */
  lossSurface(model: ForwardModel, target: number): LossSurface;
  /** Where the model lands each shot of a 41 × 41 grid over the plane of controls (m). */
  landings(model: ForwardModel): GridValues;
  /**
   * The shots that land on `target` by the model's measure: for each angle, the speed that hits, found by
   * the solver with the angle held (angles no speed up to 10 m/s can serve are left out).
   */
  curveOfMinima(model: ForwardModel, target: number, world?: Partial<World>): CurvePoint[];
  /**
   * A descent on the model from `start` to within 5 cm by the model's measure, every step recorded; `trueError` is the
   * physics' verdict in `world`. `maxIterations` caps the steps (default: the solver's, 5000 for gradient descent).
   */
  descend(model: ForwardModel, target: number, start: Launch, method: Method, world?: Partial<World>, maxIterations?: number): Solution;
  /** The true miss of each shot at `target` (verify): where the physics lands it, against the target (m; Infinity: no landing). */
  trueMisses(launches: readonly Launch[], target: number, world?: Partial<World>): number[];
  /** The flights of shots in a world, from the muzzle to their landing, for drawing. */
  trajectories(launches: readonly Launch[], world?: Partial<World>): Trajectory[];
  /** The article's real cannon: shots at random speeds and angles, and where they land (with measurement noise). */
  fire(options: FireOptions): FiredShot[];
}

let loaded: Promise<Surfaces> | undefined;

export function loadSurfaces(): Promise<Surfaces> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Surfaces> {
  // Solving and simulating run on plain numbers: no tensor engine to wait for.
  const [optimize, physics] = await Promise.all([import('@cannon/optimize'), import('@cannon/physics')]);
  const grid = { speedSteps: GRID_STEPS, angleSteps: GRID_STEPS, maxSpeed: MAX_SPEED };
  // The curve is finer than the surface: one solve per degree.
  const curveAngles = Array.from({ length: 89 }, (_, k) => ((k + 1) * Math.PI) / 180);
  return {
    physicsModel: (world = {}) => optimize.physicsModel(world),
    lossSurface: (model, target) => optimize.lossSurface(model, target, grid),
    landings(model) {
      const { speeds, angles, landing } = optimize.landingSurface(model, grid);
      return { speeds, angles, values: landing };
    },
    curveOfMinima(model, target, world = {}) {
      return curveAngles
        .map((angle) => optimize.solve(model, target, { hold: 'angle', start: { speed: MAX_SPEED / 2, angle }, world, tolerance: 1e-3, maxSpeed: MAX_SPEED }))
        .filter((solution) => solution.converged)
        .map(({ speed, angle }) => ({ speed, angle }));
    },
    descend: (model, target, start, method, world = {}, maxIterations) =>
      optimize.solve(model, target, { method, start, world, tolerance: TOLERANCE, maxSpeed: MAX_SPEED, path: true, maxIterations }),
    trueMisses: (launches, target, world = {}) => launches.map((launch) => optimize.verify(launch, target, world).error),
    trajectories: (launches, world = {}) => launches.map((launch) => physics.trajectory(launch, world, { samples: 81 })),
    fire: (options) => physics.fire(options),
  };
}
