import { checkNumber, InvalidInputError } from '@cannon/errors';
import { air, defaultWorld, resolveWorld3d, simulateImpacts, type ImpactField, type TableDrag, type World3d } from '@cannon/physics';
import { CORRECTION_HIDDEN, CorrectedFlier, correctedTable, initialCorrection, physicalParameters, type CorrectedParameters, type DragCorrection } from './drag-correction.js';
import type { ObservedShot } from './shots.js';

/**
 * What a calibration may fit: the drag k (1/m, or a table's form factor), the wind (both components, m/s), the
 * muzzle-speed scale, the elevation bias (rad), and a learned correction to the drag table's Cd(M).
 */
export const fittable = ['drag', 'wind', 'speedScale', 'elevationBias', 'dragCorrection'] as const;
export type Fittable = (typeof fittable)[number];
/** What a calibration fits unless told: all but the drag correction. */
export const defaultFit: readonly Fittable[] = ['drag', 'wind', 'speedScale', 'elevationBias'];

/** The fitted parameters, by name. */
export const parameterNames = ['drag', 'windX', 'windY', 'speedScale', 'elevationBias'] as const;
export type ParameterName = (typeof parameterNames)[number];

/** The conditions the shots were fired in that are known: what is not fitted is taken from here. */
export interface KnownConditions {
  /** m/s². */
  gravity?: number;
  /**
   * A constant drag k, 1/m (0: vacuum); or a ball on a drag table, as the physics takes it (`{ table: 'G7', mass,
   * diameter, formFactor?, conditions? }`): then the drag fitted is its form factor i (1 to start).
   */
  drag?: World3d['drag'];
  /** With a drag table: the air at the muzzle (`{ altitude?, temperature?, pressure? }`, as the physics takes it). */
  air?: World3d['air'];
  /** [wx, wy], m/s. */
  wind?: readonly [number, number];
  /** The muzzle's height above the ground, m. */
  launchHeight?: number;
}

export interface CalibrateOptions {
  /** What to fit (default drag, wind, speedScale, elevationBias; add 'dragCorrection' for the learned correction). */
  fit?: readonly Fittable[];
  /** The learned correction's network: its hidden units (default 6). */
  correction?: { hidden?: number };
  /**
   * 'huber': a shot whose miss is beyond twice the misses' robust σ counts in proportion to 1/miss (iteratively
   * reweighted least squares), so that a wild shot pulls the fit only a little. Default 'none': least squares.
   */
  robust?: 'none' | 'huber';
  /** The known conditions. */
  conditions?: KnownConditions;
}

/** A calibration: the physics' parameters that best explain the shots, and how well they are known. */
export interface Calibration {
  /** Every parameter: the fitted ones, and the known ones as given (or their defaults). */
  fit: Record<ParameterName, number>;
  /** The standard error of each fitted parameter (0 for the known ones), from the covariance. */
  standardError: Record<ParameterName, number>;
  /** The fitted parameters, in `parameters`' order, and their covariance: σ²·(JᵀJ)⁻¹, σ² the residuals' variance. */
  parameters: ParameterName[];
  covariance: number[][];
  /** The root mean square of the shots' misses at the fit (the distance from each predicted landing to the observed one), m. */
  residualRms: number;
  /** With measured flight times: the root mean square of their misses at the fit, s. */
  flightTimeRms?: number;
  /** The number of shots. */
  shots: number;
  /** The file lines (or 1-based indices) of shots whose miss is beyond 3σ of a coordinate's spread, √2·3σ in all. */
  outliers: number[];
  /** Levenberg–Marquardt steps taken. */
  iterations: number;
  /**
   * The world the calibration found: the known conditions, with the fitted drag and wind (on the corrected table when
   * a correction was fitted). The cannon's speed scale and elevation bias are not the world's: they apply to its
   * settings.
   */
  world: World3d;
  /**
   * With 'dragCorrection' fitted: the network, Cd(M)·(1 + net(M)) on the ball's table, times the form factor `fit.drag`
   * (the table's fit, which the network then corrects: it is not among `parameters`).
   */
  dragCorrection?: DragCorrection;
}

const MAX_ITERATIONS = 200;
/** With a network's weights, which take many small steps along the valleys a network's loss has. */
const MAX_NETWORK_ITERATIONS = 1000;
/** A network's fit has converged when twenty steps lower its sum of squares by less than this many σ². */
const PLATEAU = 0.2;
/** The Huber loss's threshold, in the misses' robust σ (per coordinate). */
const HUBER = 2;

/**
 * Fits the physics' parameters to observed shots by Levenberg–Marquardt on the landings' misses, through the physics'
 * exact derivatives (`simulateImpacts`): from no guess (drag 0, no wind, scale 1, no bias; or the known conditions).
 * The shots' residuals are the predicted landing less the observed one, in x and y; the covariance is σ²·(JᵀJ)⁻¹ at
 * the fit, σ² = RSS/(2n − p). Refuses, naming it, what the shots cannot determine: more parameters than twice the
 * shots, or a combination of the fitted parameters that moves no landing (e.g. a wind across shots that all fly along
 * one line at one speed and angle), and a shot that cannot come down at its height.
 */
export function calibrate(shots: readonly ObservedShot[], options: CalibrateOptions = {}): Calibration {
  if (!Array.isArray(shots) || shots.length === 0) throw new InvalidInputError('shots', 'an array of at least one observed shot', shots);
  if (typeof options !== 'object' || options === null) throw new InvalidInputError('options', 'an object { fit?, conditions? }', options);
  const fit = options.fit ?? defaultFit;
  if (!Array.isArray(fit) || fit.length === 0) throw new InvalidInputError('options.fit', `a non-empty array of ${fittable.join(', ')}`, fit);
  fit.forEach((name, i) => {
    if (!(fittable as readonly string[]).includes(name) || fit.indexOf(name) !== i) throw new InvalidInputError(`options.fit[${i}]`, `one of ${fittable.join(', ')}, not named before`, name);
  });
  const robust = options.robust ?? 'none';
  if (robust !== 'none' && robust !== 'huber') throw new InvalidInputError('options.robust', "'none' or 'huber'", robust);
  const known = options.conditions ?? {};
  if (typeof known !== 'object' || known === null) throw new InvalidInputError('options.conditions', 'an object { gravity?, drag?, wind?, launchHeight? }', known);
  const gravity = checkNumber('options.conditions.gravity', known.gravity ?? defaultWorld.gravity, { min: 0, minOpen: true });
  // The drag: k, or a ball on a table whose form factor is the drag's number (the physics checks it, naming it).
  const { tableDrag, drag: knownDrag } = typeof known.drag === 'object' && known.drag !== null ? ballOf(known.drag, known.air) : { tableDrag: undefined, drag: checkNumber('options.conditions.drag', known.drag ?? 0, { min: 0, max: 10 }) };
  const launchHeight = checkNumber('options.conditions.launchHeight', known.launchHeight ?? 0, { min: -1e4, max: 1e4 });
  const wind = known.wind ?? [0, 0];
  if (!Array.isArray(wind) || wind.length !== 2) throw new InvalidInputError('options.conditions.wind', 'an array [wx, wy] of two numbers (m/s)', wind);
  const start: Record<ParameterName, number> = {
    drag: 0,
    windX: checkNumber('options.conditions.wind[0]', wind[0], { min: -100, max: 100 }),
    windY: checkNumber('options.conditions.wind[1]', wind[1], { min: -100, max: 100 }),
    speedScale: 1,
    elevationBias: 0,
  };
  shots.forEach((shot, i) => checkShot(shot, i));
  const correcting = fit.includes('dragCorrection');
  if (correcting && !tableDrag) {
    throw new InvalidInputError('options.fit', "'dragCorrection' with a ball on a drag table in options.conditions.drag: the correction is a function of the Mach number (for the quadratic drag, a table of one Cd: dragTable([[0, 0.47], [3, 0.47]]))", 'dragCorrection');
  }
  const hidden = options.correction?.hidden ?? CORRECTION_HIDDEN;
  if (!(Number.isInteger(hidden) && hidden >= 1 && hidden <= 32)) throw new InvalidInputError('options.correction.hidden', 'an integer from 1 to 32', hidden);
  // A correction's level is the drag's: the table's form factor is fitted first, then the network corrects it.
  const free: ParameterName[] = parameterNames.filter((name) => fit.includes(name === 'windX' || name === 'windY' ? 'wind' : (name as Fittable)) || (name === 'drag' && correcting));
  const n = shots.length;
  const timed = shots.flatMap((shot, k) => (shot.time === undefined ? [] : [k]));
  const m = 2 * n + timed.length;
  const p = free.length;
  if (m <= p) throw new InvalidInputError('shots', `more landings' coordinates (2 a shot) than fitted parameters (${p}: ${free.join(', ')})`, `${n} shot${n === 1 ? '' : 's'}`);

  start.drag = knownDrag;
  const knownValues = { drag: start.drag, windX: start.windX, windY: start.windY };
  let model = new ShotModel(shots, kernelFlights(shots, gravity, launchHeight, free, knownValues, tableDrag), timed);
  // A fitted drag starts a little above none (in a vacuum the wind moves nothing, so its derivatives would be 0), or
  // a table's form factor at 1.
  if (free.includes('drag') && start.drag === 0) start.drag = tableDrag ? 1 : 1e-3;
  const at = model.evaluate(free.map((name) => start[name]));
  const unlanded = at.residuals.findIndex((value) => Number.isNaN(value));
  if (unlanded >= 0) {
    const shot = shots[Math.floor(unlanded / 2)];
    throw new InvalidInputError(placeOf(shot, Math.floor(unlanded / 2)), 'a shot that comes down at its target height (its apex is below it, even without drag)', shot);
  }
  let iterations = 0;
  let solved = settle(model, free, free.map((name) => start[name]));
  // The parameters of the final fit: with a correction, all but the form factor, which its network multiplies.
  let fitting = free;
  let correction: DragCorrection | undefined;
  if (correcting) {
    // The network starts from no correction, at the table's fit. Its weights' prior is a Gaussian about where they
    // start (the output's at 0, the hidden units' spread over the Mach numbers), of width `scale`, weighed against the
    // landings' misses by their σ: first 1 and the table's misfit, then both found from the corrected fit by MacKay's
    // evidence approximation, refitted until they settle (the shots move what they determine, the prior holds the
    // rest where it was).
    const top = (1.25 * Math.max(...shots.map((shot) => shot.speed))) / air(0, tableDrag!.conditions ?? {}).speedOfSound;
    const initial = initialCorrection(top, hidden);
    let sigma = Math.sqrt(sumOfSquares(solved.at.residuals.subarray(0, model.rows)) / (m - p));
    fitting = free.filter((name) => name !== 'drag');
    start.drag = solved.params[free.indexOf('drag')];
    const level = { ...knownValues, drag: start.drag };
    let from = [...fitting.map((name) => solved.params[free.indexOf(name)]), ...initial.weights];
    let scale = 1;
    for (let pass = 0; pass < 8; pass++) {
      model = new ShotModel(shots, correctedFlights(shots, gravity, launchHeight, fitting, level, tableDrag!, initial), timed, { from: fitting.length, weight: Math.max(sigma, 1e-6) / scale, centre: initial.weights });
      solved = settle(model, fitting, from);
      from = solved.params;
      const { variance, determined } = spread(model, solved.at);
      const moved = solved.params.slice(fitting.length).reduce((sum, value, j) => sum + (value - initial.weights[j]) ** 2, 0);
      const [nextSigma, nextScale] = [Math.sqrt(variance), Math.min(10, Math.max(0.01, Math.sqrt(moved / Math.max(determined, 1e-3))))];
      const settled = Math.abs(nextSigma / sigma - 1) < 0.05 && Math.abs(nextScale / scale - 1) < 0.05;
      [sigma, scale] = [nextSigma, nextScale];
      if (settled) break;
    }
    correction = { ...initial, weights: solved.params.slice(fitting.length) };
  }
  const params = solved.params;
  const final = solved.at;
  const rows = model.rows;
  const q = fitting.length;
  undetermined(final.jacobian.slice(0, q).map((column) => column.subarray(0, rows)), fitting, rows);

  // The weighted residuals' variance (all weights 1 unless robust), and the covariance of the physical parameters.
  const { variance: scale, inverse } = spread(model, final);
  const covariance = inverse.slice(0, q).map((row) => row.slice(0, q).map((value) => value * scale));
  const fitted = { ...start };
  const standardError: Record<ParameterName, number> = { drag: 0, windX: 0, windY: 0, speedScale: 0, elevationBias: 0 };
  fitting.forEach((name, i) => {
    fitted[name] = params[i];
    standardError[name] = Math.sqrt(Math.max(0, covariance[i][i]));
  });
  const sigma = Math.sqrt(scale);
  const outliers: number[] = [];
  for (let k = 0; k < n; k++) if (sigma > 0 && final.misses[k] > 3 * Math.SQRT2 * sigma) outliers.push(rowOf(shots[k], k));
  const missRms = Math.sqrt(final.misses.reduce((sum, miss) => sum + miss * miss, 0) / n);
  const times = timed.length > 0 ? { flightTimeRms: Math.sqrt(final.times / timed.length) } : {};
  const world: World3d = {
    gravity,
    wind: [fitted.windX, fitted.windY],
    launchHeight,
    drag: tableDrag ? { table: correction ? correctedTable(tableDrag.table, correction) : tableDrag.table, mass: tableDrag.mass, diameter: tableDrag.diameter, formFactor: fitted.drag } : fitted.drag,
    ...(tableDrag?.conditions ? { air: tableDrag.conditions } : {}),
  };
  return { fit: fitted, standardError, parameters: fitting, covariance, residualRms: missRms, ...times, shots: n, outliers, iterations, world, ...(correction ? { dragCorrection: correction } : {}) };

  /** Levenberg–Marquardt from `from`, then refitted as the times' weight and the robust weights settle. */
  function settle(model: ShotModel, free: readonly ParameterName[], from: readonly number[]) {
    const fitFrom = (params: readonly number[]) => {
      const solved = levenbergMarquardt(model, [...params], free);
      iterations += solved.iterations;
      return solved;
    };
    let solved = fitFrom(from);
    // Measured flight times weigh as much as the landings, each by its own noise: the times' residuals in metres at
    // the ratio of the two spreads (σ of a landing's coordinate over σ of a time), found from the fit and refitted.
    for (let pass = 0; timed.length > 0 && pass < 4; pass++) {
      const { positions, times } = solved.at;
      const sigmaPosition = Math.sqrt(positions / (2 * n));
      const sigmaTime = Math.sqrt(times / timed.length);
      if (!(sigmaPosition > 0 && sigmaTime > 0)) break;
      const ratio = sigmaPosition / sigmaTime;
      if (Math.abs(ratio / model.timeScale - 1) < 1e-3) break;
      model.timeScale = ratio;
      solved = fitFrom(solved.params);
    }
    if (robust === 'huber') {
      // Iteratively reweighted: each shot's weight min(1, k·σ/miss), σ the misses' robust scale (their median over the
      // Rayleigh's, √(2 ln 2)), until the weights settle.
      for (let pass = 0; pass < 20; pass++) {
        const scale = median(solved.at.misses) / Math.sqrt(2 * Math.LN2);
        let moved = 0;
        for (let k = 0; k < n; k++) {
          const weight = scale > 0 ? Math.min(1, (HUBER * scale) / solved.at.misses[k]) : 1;
          moved = Math.max(moved, Math.abs(Math.sqrt(weight) - model.rootWeights[k]));
          model.rootWeights[k] = Math.sqrt(weight);
        }
        if (moved < 1e-6) break;
        solved = fitFrom(solved.params);
      }
    }
    return solved;
  }
}

/**
 * Levenberg–Marquardt on the model's (weighted) residuals from `from`: the parameters and the model there. It has
 * converged when a step lowers the sum of squares by less than 10⁻¹⁰ of it; with a prior (a network's weights, which
 * creep along directions the shots hardly see), also when the last twenty steps together lowered it by less than a
 * fifth of one residual's variance (the prior's weight is σ): by nothing the shots could tell apart.
 */
function levenbergMarquardt(model: ShotModel, from: number[], free: readonly ParameterName[]): { params: number[]; at: ReturnType<ShotModel['evaluate']>; iterations: number } {
  const p = from.length;
  let params = from;
  let at = model.evaluate(params);
  let rss = sumOfSquares(at.residuals);
  /** The sum of squares after each step. */
  const history = [rss];
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  const most = model.hasPrior ? MAX_NETWORK_ITERATIONS : MAX_ITERATIONS;
  for (; iterations < most; iterations++) {
    const { normal, gradient } = normalEquations(at.jacobian, at.residuals, p);
    const step = solve(
      normal.map((row, i) => row.map((value, j) => (i === j ? value * (1 + lambda) : value))),
      gradient.map((g) => -g),
    );
    const trial = params.map((value, i) => value + step[i]);
    const dragAt = free.indexOf('drag');
    if (dragAt >= 0) trial[dragAt] = Math.max(0, trial[dragAt]);
    // The trial's misses alone; its derivatives only once it is taken. A step that is not finite (a parameter no
    // landing moves makes the damped system singular) lowers nothing, and is not flown.
    const nextRss = trial.every((value) => Number.isFinite(value)) ? sumOfSquares(model.evaluate(trial, false).residuals) : NaN;
    if (nextRss <= rss) {
      const small = rss - nextRss <= 1e-10 * Math.max(rss, 1e-30) || step.every((s, i) => Math.abs(s) <= 1e-12 * Math.max(1, Math.abs(params[i])));
      params = trial;
      at = model.evaluate(params);
      rss = nextRss;
      lambda = Math.max(lambda / 3, 1e-12);
      if (small) {
        converged = true;
        break;
      }
    } else {
      lambda *= 4;
      if (lambda > 1e12) {
        converged = true; // no step lowers the misses: the fit is where it is
        break;
      }
    }
    history.push(rss);
    if (model.hasPrior && history.length > 20 && history[history.length - 21] - rss < PLATEAU * model.prior.weight ** 2) {
      converged = true;
      break;
    }
  }
  if (!converged) throw new InvalidInputError('shots', `shots whose fit converges within ${most} steps`, `${model.n} shots that did not`);
  return { params, at, iterations };
}

/** A ball on a drag table as the physics resolves it, its errors naming `options.conditions.drag`. */
function ballOf(drag: World3d['drag'], air: World3d['air']) {
  try {
    return resolveWorld3d({ drag, ...(air ? { air } : {}) });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const rename = (text: string) => text.replace(/^world\./, 'options.conditions.');
    throw Object.assign(new InvalidInputError(rename(error.field), error.allowed, undefined), { message: rename(error.message) });
  }
}

function rowOf(shot: ObservedShot, index: number): number {
  return Number.isInteger(shot.row) ? shot.row! : index + 1;
}

/** Where a shot stands, for messages: its line in the shots file when it was read from one, else its index. */
function placeOf(shot: ObservedShot, i: number): string {
  return Number.isInteger(shot.row) ? `shots line ${shot.row}` : `shots[${i}]`;
}

function checkShot(shot: ObservedShot, i: number): void {
  if (typeof shot !== 'object' || shot === null) throw new InvalidInputError(`shots[${i}]`, 'an object { speed, angle, azimuth, x, y, targetHeight? }', shot);
  // A field by its column's name in a shots file (line 3, column target_height), or its key (shots[2].targetHeight).
  const field = (key: string, column = key) => (Number.isInteger(shot.row) ? `${placeOf(shot, i)}, column ${column}` : `${placeOf(shot, i)}.${key}`);
  checkNumber(field('speed'), shot.speed, { min: 0, minOpen: true, max: 10000 });
  checkNumber(field('angle'), shot.angle, { min: -90, max: 90 });
  checkNumber(field('azimuth'), shot.azimuth, { min: -360, max: 360 });
  checkNumber(field('x'), shot.x, { min: -1e6, max: 1e6 });
  checkNumber(field('y'), shot.y, { min: -1e6, max: 1e6 });
  checkNumber(field('targetHeight', 'target_height'), shot.targetHeight ?? 0, { min: -1e4, max: 1e4 });
  if (shot.time !== undefined) checkNumber(field('time'), shot.time, { min: 0, minOpen: true, max: 1e4 });
}

/**
 * Throws, naming them, when a combination of the fitted parameters leaves every landing where it is (to 10⁻⁹ of the
 * columns' scale): the smallest eigenvalue of the column-scaled JᵀJ, and the parameters of its eigenvector.
 */
function undetermined(jacobian: Float64Array[], free: readonly ParameterName[], m: number): void {
  const p = free.length;
  if (p === 0) return;
  const norms = jacobian.map((column) => Math.sqrt(column.reduce((sum, value) => sum + value * value, 0)));
  const zero = norms.findIndex((norm) => !(norm > 0));
  if (zero >= 0) throw new InvalidInputError('options.fit', `parameters the shots determine: no landing moves with ${free[zero]}`, free[zero]);
  const scaled: number[][] = [];
  for (let i = 0; i < p; i++) {
    scaled.push([]);
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let r = 0; r < m; r++) sum += jacobian[i][r] * jacobian[j][r];
      scaled[i].push(sum / (norms[i] * norms[j]));
    }
  }
  const { values, vectors } = symmetricEigen(scaled);
  const smallest = values.indexOf(Math.min(...values));
  if (values[smallest] > 1e-9) return;
  const vector = vectors.map((row) => row[smallest]);
  const names = free.filter((_, i) => Math.abs(vector[i]) > 0.1);
  throw new InvalidInputError('options.fit', `parameters the shots determine: together, ${names.join(' and ')} move the landings as one (fire along other azimuths, speeds or angles, or fit fewer)`, names.join(', '));
}

/**
 * Where a model flies the shots at given parameter values, and the derivatives by each (in the parameters' order;
 * none when they were not asked for).
 */
interface Flown {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  flightTime: ArrayLike<number>;
  partials: { x: ArrayLike<number>; y: ArrayLike<number>; flightTime: ArrayLike<number> }[];
}

/** The shots flown by the physics' kernel (`simulateImpacts`), the fitted parameters `free`. */
function kernelFlights(shots: readonly ObservedShot[], gravity: number, launchHeight: number, free: readonly ParameterName[], known: { drag: number; windX: number; windY: number }, tableDrag?: TableDrag): (params: readonly number[], derivatives: boolean) => Flown {
  const n = shots.length;
  const column = (value: (shot: ObservedShot) => number) => Float64Array.from(shots, value);
  const set = {
    speed: column((shot) => shot.speed),
    elevation: column((shot) => (shot.angle * Math.PI) / 180),
    azimuth: column((shot) => (shot.azimuth * Math.PI) / 180),
    gravity: Float64Array.of(gravity),
    launchHeight: Float64Array.of(launchHeight),
    targetHeight: column((shot) => shot.targetHeight ?? 0),
  };
  const byParameter: Record<ParameterName, ImpactField> = { drag: 'drag', windX: 'windX', windY: 'windY', speedScale: 'speed', elevationBias: 'elevation' };
  const fields = free.map((name) => byParameter[name]);
  return (params, derivatives) => {
    const value = (name: ParameterName, fallback: number) => (free.includes(name) ? params[free.indexOf(name)] : fallback);
    const scale = value('speedScale', 1);
    const bias = value('elevationBias', 0);
    const columns = {
      ...set,
      speed: set.speed.map((speed) => speed * scale),
      elevation: set.elevation.map((elevation) => elevation + bias),
      drag: Float64Array.of(value('drag', known.drag)),
      windX: Float64Array.of(value('windX', known.windX)),
      windY: Float64Array.of(value('windY', known.windY)),
    };
    const impacts = simulateImpacts(columns, n, derivatives ? fields : [], tableDrag);
    if (!derivatives) return { x: impacts.x, y: impacts.y, flightTime: impacts.flightTime, partials: [] };
    // The speed scale moves each shot's speed by its set speed; the bias moves each elevation by 1.
    const partials = free.map((name, i) => {
      const partial = impacts.partials[fields[i]]!;
      if (name !== 'speedScale') return partial;
      const chain = (values: Float64Array) => values.map((v, k) => v * set.speed[k]);
      return { x: chain(partial.x), y: chain(partial.y), flightTime: chain(partial.flightTime) };
    });
    return { x: impacts.x, y: impacts.y, flightTime: impacts.flightTime, partials };
  };
}

/**
 * The shots flown on a drag table corrected by a network (`CorrectedFlier`): the parameters are `free`, then the
 * network's weights.
 */
function correctedFlights(shots: readonly ObservedShot[], gravity: number, launchHeight: number, free: readonly ParameterName[], known: { drag: number; windX: number; windY: number }, ball: TableDrag, correction: DragCorrection): (params: readonly number[], derivatives: boolean) => Flown {
  const n = shots.length;
  const flier = new CorrectedFlier(ball, gravity, launchHeight, correction.hidden);
  const set = shots.map((shot) => ({ speed: shot.speed, elevation: (shot.angle * Math.PI) / 180, azimuth: (shot.azimuth * Math.PI) / 180, targetHeight: shot.targetHeight ?? 0 }));
  const columns = [...free.map((name) => physicalParameters.indexOf(name)), ...correction.weights.map((_, j) => physicalParameters.length + j)];
  const rows = [0, 1, 2].map(() => new Float64Array(flier.count));
  return (params, derivatives) => {
    const value = (name: ParameterName, fallback: number) => (free.includes(name) ? params[free.indexOf(name)] : fallback);
    const at: CorrectedParameters = {
      drag: value('drag', known.drag),
      windX: value('windX', known.windX),
      windY: value('windY', known.windY),
      speedScale: value('speedScale', 1),
      elevationBias: value('elevationBias', 0),
      correction: { ...correction, weights: params.slice(free.length) },
    };
    const [x, y, flightTime] = [0, 1, 2].map(() => new Float64Array(n));
    const partials = derivatives ? columns.map(() => ({ x: new Float64Array(n), y: new Float64Array(n), flightTime: new Float64Array(n) })) : [];
    set.forEach((shot, k) => {
      const flown = flier.fly(shot, at, derivatives ? rows : undefined);
      [x[k], y[k], flightTime[k]] = [flown.x, flown.y, flown.time];
      if (derivatives) columns.forEach((column, i) => {
        partials[i].x[k] = rows[0][column];
        partials[i].y[k] = rows[1][column];
        partials[i].flightTime[k] = rows[2][column];
      });
    });
    return { x, y, flightTime, partials };
  };
}

/**
 * The misses of the shots' predicted landings (and flight times) and their derivatives by the fitted parameters, as
 * least squares takes them; with a prior, besides, `weight`·(value − its centre) for each parameter from `from` on (a
 * Gaussian prior on the network's weights, which keeps what the shots do not determine where it started).
 */
class ShotModel {
  readonly n: number;
  /** Each shot's residuals and derivatives are multiplied by these (the square roots of its weight; 1 by default). */
  readonly rootWeights: Float64Array;
  /** m/s: a time's residual, in seconds, times this is weighed with the landings' (see `calibrate`). */
  timeScale = 1;
  /** The rows of the shots' misses, before the prior's. */
  readonly rows: number;
  /** Whether the model holds a prior on some of its parameters. */
  readonly hasPrior: boolean;

  constructor(
    private readonly shots: readonly ObservedShot[],
    private readonly flights: (params: readonly number[], derivatives: boolean) => Flown,
    /** The shots whose flight time was measured, by index. */
    private readonly timed: readonly number[] = [],
    readonly prior: { from: number; weight: number; centre?: readonly number[] } = { from: Infinity, weight: 0 },
  ) {
    this.n = shots.length;
    this.rootWeights = new Float64Array(this.n).fill(1);
    this.rows = 2 * this.n + timed.length;
    this.hasPrior = prior.weight > 0;
  }

  /**
   * The residuals (predicted − observed, x then y for each shot, weighted; then the times', then the prior's) and the
   * Jacobian's columns by parameter (weighted alike), and each shot's miss (the distance, not weighted).
   */
  evaluate(params: readonly number[], derivatives = true): { residuals: Float64Array; jacobian: Float64Array[]; misses: Float64Array; positions: number; times: number } {
    const { n, shots, timed, timeScale, rootWeights, rows, prior } = this;
    const flown = this.flights(params, derivatives);
    const priorRows = Math.max(0, params.length - prior.from);
    const residuals = new Float64Array(rows + priorRows);
    const misses = new Float64Array(n);
    let [positions, times] = [0, 0];
    for (let k = 0; k < n; k++) {
      const [dx, dy] = [flown.x[k] - shots[k].x, flown.y[k] - shots[k].y];
      misses[k] = Math.hypot(dx, dy);
      positions += dx * dx + dy * dy;
      residuals[2 * k] = rootWeights[k] * dx;
      residuals[2 * k + 1] = rootWeights[k] * dy;
    }
    timed.forEach((k, j) => {
      const dt = flown.flightTime[k] - shots[k].time!;
      times += dt * dt;
      residuals[2 * n + j] = rootWeights[k] * timeScale * dt;
    });
    for (let i = 0; i < priorRows; i++) residuals[rows + i] = prior.weight * (params[prior.from + i] - (prior.centre?.[i] ?? 0));
    const jacobian = flown.partials.map((partial, i) => {
      const column = new Float64Array(rows + priorRows);
      for (let k = 0; k < n; k++) {
        column[2 * k] = partial.x[k] * rootWeights[k];
        column[2 * k + 1] = partial.y[k] * rootWeights[k];
      }
      timed.forEach((k, j) => (column[2 * n + j] = partial.flightTime[k] * rootWeights[k] * timeScale));
      if (i >= prior.from) column[rows + i - prior.from] = prior.weight;
      return column;
    });
    return { residuals, jacobian, misses, positions, times };
  }
}

/**
 * At a fit: the variance of the (weighted) misses, their sum of squares over the shots' degrees of freedom (the rows
 * less the parameters' effective number tr((JᵀJ + prior)⁻¹·JᵀJ), p without a prior); the number of the prior's
 * parameters the shots determine, its part of that effective number (MacKay's γ); and (JᵀJ + prior)⁻¹ itself.
 */
function spread(model: ShotModel, at: ReturnType<ShotModel['evaluate']>): { variance: number; determined: number; inverse: number[][] } {
  const { rows } = model;
  const p = at.jacobian.length;
  const inverse = invert(normalEquations(at.jacobian, at.residuals, p).normal);
  const data = normalEquations(
    at.jacobian.map((column) => column.subarray(0, rows)),
    at.residuals.subarray(0, rows),
    p,
  ).normal;
  let [effective, determined] = [0, 0];
  for (let i = 0; i < p; i++) {
    let share = 0;
    for (let j = 0; j < p; j++) share += inverse[i][j] * data[j][i];
    effective += share;
    if (i >= model.prior.from) determined += share;
  }
  return { variance: sumOfSquares(at.residuals.subarray(0, rows)) / (rows - effective), determined, inverse };
}

function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Number.isNaN(sum) ? Infinity : sum;
}

function normalEquations(jacobian: Float64Array[], residuals: Float64Array, p: number): { normal: number[][]; gradient: number[] } {
  const normal: number[][] = [];
  const gradient: number[] = [];
  for (let i = 0; i < p; i++) {
    normal.push([]);
    let g = 0;
    for (let r = 0; r < residuals.length; r++) g += jacobian[i][r] * residuals[r];
    gradient.push(g);
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let r = 0; r < residuals.length; r++) sum += jacobian[i][r] * jacobian[j][r];
      normal[i].push(sum);
    }
  }
  return { normal, gradient };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A small and symmetric positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const p = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < p; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= p; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let sum = m[r][p];
    for (let c = r + 1; c < p; c++) sum -= m[r][c] * x[c];
    x[r] = sum / m[r][r];
  }
  return x;
}

function invert(a: number[][]): number[][] {
  const p = a.length;
  const columns = Array.from({ length: p }, (_, j) => solve(a, Array.from({ length: p }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: p }, (_, i) => columns.map((column) => column[i]));
}

/** Eigenvalues and eigenvectors (as columns) of a small symmetric matrix, by Jacobi rotations. */
function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const p = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i][j] * a[i][j];
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        if (Math.abs(a[i][j]) < 1e-300) continue;
        const theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const [aki, akj] = [a[k][i], a[k][j]];
          a[k][i] = c * aki - s * akj;
          a[k][j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const [aik, ajk] = [a[i][k], a[j][k]];
          a[i][k] = c * aik - s * ajk;
          a[j][k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const [vki, vkj] = [v[k][i], v[k][j]];
          v[k][i] = c * vki - s * vkj;
          v[k][j] = s * vki + c * vkj;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
