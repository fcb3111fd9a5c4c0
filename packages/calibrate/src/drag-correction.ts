import { checkNumber, InvalidInputError } from '@cannon/errors';
import { air, dragCoefficientAt, dragTable, GAS_CONSTANT, HEAT_CAPACITY_RATIO, LAPSE_RATE, STANDARD_GRAVITY, type DragTable, type TableDrag } from '@cannon/physics';

/**
 * A learned correction to a drag table, the universal differential equation's network: the drag coefficient is
 * Cd(M)·(1 + net(M)), net(M) = Σⱼ aⱼ·tanh(wⱼ·u + bⱼ) with u = 2M/top − 1 held in [−1, 1] (M beyond [0, top] is
 * corrected as at the nearer end). Its parameters, in this order: a (the output weights), w, b; `hidden` of each.
 */
export interface DragCorrection {
  /** The hidden units. */
  hidden: number;
  /** The Mach number that maps to u = 1: above every Mach number the shots flew at. */
  top: number;
  /** [a₀…, w₀…, b₀…], 3·hidden numbers. */
  weights: number[];
}

/** The hidden units of a correction unless told otherwise: enough for a smooth curve over the shots' Mach numbers. */
export const CORRECTION_HIDDEN = 6;

/** A correction that changes nothing yet: its units' centres spread evenly over [0, top], its output weights 0. */
export function initialCorrection(top: number, hidden = CORRECTION_HIDDEN): DragCorrection {
  const steepness = hidden;
  const weights = new Array<number>(3 * hidden).fill(0);
  for (let j = 0; j < hidden; j++) {
    const centre = -1 + (2 * (j + 0.5)) / hidden;
    weights[hidden + j] = steepness;
    weights[2 * hidden + j] = -steepness * centre;
  }
  return { hidden, top, weights };
}

/**
 * The correction's factor 1 + net(M) at Mach number `mach` (≥ 0). Throws an InvalidInputError naming `correction` or
 * `mach` when either is not one.
 */
export function correctionFactor(correction: DragCorrection, mach: number): number {
  const { hidden, top, weights } = checkCorrection('correction', correction);
  checkNumber('mach', mach, { min: 0 });
  const u = Math.min(1, Math.max(-1, (2 * mach) / top - 1));
  let net = 0;
  for (let j = 0; j < hidden; j++) net += weights[j] * Math.tanh(weights[hidden + j] * u + weights[2 * hidden + j]);
  return 1 + net;
}

/**
 * The corrected table: Cd(M)·(1 + net(M)) at the table's own points and at 385 spread evenly over [0, top], through
 * which the physics' monotone cubic runs (the kernel flies it as any table; between the points it stays within about
 * 10⁻⁸ of the product, measured on the flights of its tests). A factor at or below 0 is held at 10⁻³.
 */
export function correctedTable(table: DragTable, correction: DragCorrection): DragTable {
  checkCorrection('correction', correction);
  dragCoefficientAt(table, 0); // checks the table, naming it
  const grid = Array.from({ length: 385 }, (_, i) => (correction.top * i) / 384);
  const mach = [...new Set([...table.mach, ...grid])].sort((a, b) => a - b);
  const points = mach.map((m) => [m, dragCoefficientAt(table, m).cd * Math.max(1e-3, correctionFactor(correction, m))] as [number, number]);
  return dragTable(points, `${table.name} corrected`);
}

/** The parameters a corrected flight has derivatives by, before the network's weights. */
export const physicalParameters = ['drag', 'windX', 'windY', 'speedScale', 'elevationBias'] as const;

/** A shot as set: m/s and radians; the ground's height where it comes down, m. */
export interface SetShot {
  speed: number;
  elevation: number;
  azimuth: number;
  targetHeight: number;
}

/** The values of the parameters a corrected flight is flown at. */
export interface CorrectedParameters {
  /** The form factor i of the ball on its table. */
  drag: number;
  windX: number;
  windY: number;
  speedScale: number;
  elevationBias: number;
  correction: DragCorrection;
}

/** The density's power of the temperature ratio in the lapse, ρ ∝ T^(g₀/(R·L) − 1). */
const DENSITY_EXPONENT = STANDARD_GRAVITY / (GAS_CONSTANT * LAPSE_RATE) - 1;
/** Steps of the fixed-step Runge–Kutta over a shot's flight time in a vacuum (fewer when the drag shortens it). */
const STEPS_PER_FLIGHT = 160;
/** At most this fraction of the drag's time scale at the muzzle, 1/(D·v), per step. */
const STEP_PER_DRAG_TIME = 0.25;

/**
 * The flight of a ball on a drag table corrected by a network, and its derivatives by the physical parameters and by
 * every weight of the network: the equations of the physics' model (gravity, ρ(z)·i·Cd(M)·(1 + net(M))·A/(2m)·|v − w|
 * ·(v − w) in the air's lapse from the muzzle) and their forward sensitivities, integrated together by the classical
 * Runge–Kutta of fixed steps (set by the shot as set, so that the derivatives are exactly the discrete flight's), the
 * crossing of the target's height found on the step's cubic Hermite. Flown in plain float64, per shot.
 */
export class CorrectedFlier {
  /** Derivatives per flight: the physical parameters', then the network's 3·hidden. */
  readonly count: number;
  private readonly hidden: number;
  private readonly state: Float64Array;
  private readonly stage: Float64Array;
  private readonly slopes: Float64Array[];
  private readonly before: Float64Array;
  private readonly byWeight: Float64Array;
  private readonly perFormFactor: number;
  /** The drag's k per unit of the form factor at the table's largest Cd, in the muzzle's air: D ≤ this·(form factor). */
  private readonly largestDrag: number;
  private readonly muzzle: { temperature: number; density: number };
  private parameters!: CorrectedParameters;
  /** The derivatives flown this flight: all `count`, or none. */
  private active = 0;

  constructor(
    private readonly ball: TableDrag,
    private readonly gravity: number,
    private readonly launchHeight: number,
    hidden: number,
  ) {
    this.hidden = hidden;
    this.count = physicalParameters.length + 3 * hidden;
    const size = 6 * (1 + this.count);
    this.state = new Float64Array(size);
    this.stage = new Float64Array(size);
    this.before = new Float64Array(size);
    this.slopes = Array.from({ length: 4 }, () => new Float64Array(size));
    this.byWeight = new Float64Array(3 * hidden);
    this.perFormFactor = (Math.PI * ball.diameter * ball.diameter) / (8 * ball.mass);
    const { temperature, density } = air(0, ball.conditions ?? {});
    this.muzzle = { temperature, density };
    this.largestDrag = density * Math.max(...ball.table.cd) * this.perFormFactor;
  }

  /**
   * Flies `shot` at `parameters`: where it comes down through its target height (x, y, m) and when (s), and, given
   * `partials` (3 rows of `count`: x, y, time), their derivatives. NaN when it never comes down through that height.
   */
  fly(shot: SetShot, parameters: CorrectedParameters, partials?: Float64Array[]): { x: number; y: number; time: number } {
    this.parameters = parameters;
    this.active = partials ? this.count : 0;
    const { state, stage, slopes, before, count } = this;
    const { speedScale, elevationBias } = parameters;
    const elevation = shot.elevation + elevationBias;
    const speed = speedScale * shot.speed;
    const [ce, se, ca, sa] = [Math.cos(elevation), Math.sin(elevation), Math.cos(shot.azimuth), Math.sin(shot.azimuth)];
    state.fill(0);
    state[2] = this.launchHeight;
    state.set([speed * ce * ca, speed * ce * sa, speed * se], 3);
    // The launch's own derivatives: by the speed scale, and by the elevation bias.
    const scaleAt = 6 * (1 + physicalParameters.indexOf('speedScale'));
    state.set([shot.speed * ce * ca, shot.speed * ce * sa, shot.speed * se], scaleAt + 3);
    const biasAt = 6 * (1 + physicalParameters.indexOf('elevationBias'));
    state.set([-speed * se * ca, -speed * se * sa, speed * ce], biasAt + 3);

    const h = this.stepOf(shot);
    const size = 6 * (1 + this.active);
    let time = 0;
    for (let step = 0; step < 50 * STEPS_PER_FLIGHT; step++) {
      before.set(state);
      this.derivative(state, slopes[0]);
      for (let s = 1; s < 4; s++) {
        const w = s === 3 ? h : h / 2;
        const previous = slopes[s - 1];
        for (let i = 0; i < size; i++) stage[i] = before[i] + w * previous[i];
        this.derivative(stage, slopes[s]);
      }
      for (let i = 0; i < size; i++) state[i] = before[i] + (h / 6) * (slopes[0][i] + 2 * slopes[1][i] + 2 * slopes[2][i] + slopes[3][i]);
      // A velocity that is no longer a number (a correction so negative that the drag pushes the ball on, faster and
      // faster) lands nowhere, as a shot that never comes down does.
      if (!(Number.isFinite(state[3]) && Number.isFinite(state[4]) && Number.isFinite(state[5]))) break;
      if (state[5] < 0 && state[2] < shot.targetHeight) {
        if (before[2] < shot.targetHeight) break; // it was below already: its apex is under the target
        return this.crossing(before, state, h, time, shot.targetHeight, partials);
      }
      time += h;
    }
    for (const row of partials ?? []) row.fill(NaN, 0, count);
    return { x: NaN, y: NaN, time: NaN };
  }

  /** The step: the vacuum's flight time over STEPS_PER_FLIGHT, and at most a quarter of the drag's time scale. */
  private stepOf(shot: SetShot): number {
    const { speed, elevation, targetHeight } = shot;
    const vz = speed * Math.sin(elevation);
    const rise = targetHeight - this.launchHeight;
    const vacuum = (vz + Math.sqrt(Math.max(vz * vz - 2 * this.gravity * rise, 0))) / this.gravity;
    const dragTime = 1 / (this.largestDrag * Math.max(speed, 1));
    return Math.min(Math.max(vacuum, 1e-3) / STEPS_PER_FLIGHT, STEP_PER_DRAG_TIME * dragTime);
  }

  /** Where the ball crosses `height` between `a` and `b` (h seconds apart), on the step's cubic Hermite, and its derivatives. */
  private crossing(a: Float64Array, b: Float64Array, h: number, time: number, height: number, partials?: Float64Array[]): { x: number; y: number; time: number } {
    // z(σ) on σ ∈ [0, 1] through the ends' heights and vertical speeds, solved for z = height by Newton in the bracket.
    const hermite = (p0: number, m0: number, p1: number, m1: number, s: number) => {
      const [s2, s3] = [s * s, s * s * s];
      return (2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * h * m0 + (-2 * s3 + 3 * s2) * p1 + (s3 - s2) * h * m1;
    };
    const slope = (p0: number, m0: number, p1: number, m1: number, s: number) => {
      const s2 = s * s;
      return ((6 * s2 - 6 * s) * p0 + (3 * s2 - 4 * s + 1) * h * m0 + (-6 * s2 + 6 * s) * p1 + (3 * s2 - 2 * s) * h * m1) / h;
    };
    let [lo, hi] = [0, 1];
    let s = (a[2] - height) / (a[2] - b[2]);
    for (let iteration = 0; iteration < 60; iteration++) {
      const g = hermite(a[2], a[5], b[2], b[5], s) - height;
      if (g > 0) lo = s;
      else hi = s;
      let next = s - g / (h * slope(a[2], a[5], b[2], b[5], s));
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      const done = Math.abs(next - s) < 1e-15;
      s = next;
      if (done) break;
    }
    const fall = slope(a[2], a[5], b[2], b[5], s);
    const [vx, vy] = [slope(a[0], a[3], b[0], b[3], s), slope(a[1], a[4], b[1], b[4], s)];
    const [rowX, rowY, rowT] = partials ?? [];
    for (let j = 0; j < this.active; j++) {
      const at = 6 * (1 + j);
      // At the step's fixed σ, then along the crossing's own move: dσ·h = −∂z/fall.
      const dz = hermite(a[at + 2], a[at + 5], b[at + 2], b[at + 5], s);
      const dt = -dz / fall;
      rowX[j] = hermite(a[at], a[at + 3], b[at], b[at + 3], s) + vx * dt;
      rowY[j] = hermite(a[at + 1], a[at + 4], b[at + 1], b[at + 4], s) + vy * dt;
      rowT[j] = dt;
    }
    return { x: hermite(a[0], a[3], b[0], b[3], s), y: hermite(a[1], a[4], b[1], b[4], s), time: time + s * h };
  }

  /** The time derivative of the state and of its sensitivities. */
  private derivative(y: Float64Array, out: Float64Array): void {
    const { parameters, hidden, byWeight, active: count } = this;
    const { windX, windY, drag: formFactor, correction } = parameters;
    const [rx, ry, rz] = [y[3] - windX, y[4] - windY, y[5]];
    const s = Math.sqrt(rx * rx + ry * ry + rz * rz);
    // The air at the ball's height above the muzzle: the lapse's temperature, the density ∝ T^(E − 1), c ∝ √T.
    const temperature = this.muzzle.temperature - LAPSE_RATE * (y[2] - this.launchHeight);
    const density = this.muzzle.density * (temperature / this.muzzle.temperature) ** DENSITY_EXPONENT;
    const densityPerHeight = (-density * DENSITY_EXPONENT * LAPSE_RATE) / temperature;
    const sound = Math.sqrt(HEAT_CAPACITY_RATIO * GAS_CONSTANT * temperature);
    const soundPerHeight = (-sound * LAPSE_RATE) / (2 * temperature);
    const mach = s / sound;
    // A state that is no longer a number (or air colder than absolute zero, far above the muzzle) flies on as NaN,
    // and the flight lands nowhere (see fly).
    if (!(mach >= 0 && mach < Infinity)) return void out.fill(NaN);
    const { cd, perMach } = dragCoefficientAt(this.ball.table, mach);
    // The network at M, its slope by M and its derivatives by its weights.
    const { top, weights } = correction;
    const unclamped = (2 * mach) / top - 1;
    const u = Math.min(1, Math.max(-1, unclamped));
    const inside = u === unclamped ? 1 : 0;
    let net = 0;
    let netPerMach = 0;
    for (let j = 0; j < hidden; j++) {
      const [a, w] = [weights[j], weights[hidden + j]];
      const t = Math.tanh(w * u + weights[2 * hidden + j]);
      const bend = a * (1 - t * t);
      net += a * t;
      netPerMach += bend * w;
      byWeight[j] = t;
      byWeight[hidden + j] = bend * u;
      byWeight[2 * hidden + j] = bend;
    }
    netPerMach *= (inside * 2) / top;
    const c = cd * (1 + net);
    const cPerMach = perMach * (1 + net) + cd * netPerMach;
    const k = density * formFactor * this.perFormFactor;
    // a = g − k·C(M)·s·r; its derivatives by r (= by v, and minus by w), by z, by the form factor and by a weight.
    const d = k * c * s;
    out[0] = y[3];
    out[1] = y[4];
    out[2] = y[5];
    out[3] = -d * rx;
    out[4] = -d * ry;
    out[5] = -this.gravity - d * rz;
    const outer = k * (c / s + cPerMach / sound);
    const j00 = -(d + outer * rx * rx);
    const j11 = -(d + outer * ry * ry);
    const j22 = -(d + outer * rz * rz);
    const [j01, j02, j12] = [-outer * rx * ry, -outer * rx * rz, -outer * ry * rz];
    const perHeight = -((k * densityPerHeight) / density) * c * s + (k * cPerMach * s * s * soundPerHeight) / (sound * sound);
    // ∂a/∂z = perHeight·r: the density's fall, and the Mach number's rise as the air cools.
    const [zx, zy, zz] = [perHeight * rx, perHeight * ry, perHeight * rz];
    const perWeight = k * cd * s;
    for (let p = 0; p < count; p++) {
      const at = 6 * (1 + p);
      const [sz, svx, svy, svz] = [y[at + 2], y[at + 3], y[at + 4], y[at + 5]];
      out[at] = svx;
      out[at + 1] = svy;
      out[at + 2] = svz;
      let ax = j00 * svx + j01 * svy + j02 * svz + zx * sz;
      let ay = j01 * svx + j11 * svy + j12 * svz + zy * sz;
      let az = j02 * svx + j12 * svy + j22 * svz + zz * sz;
      if (p === 0) {
        // The form factor: the drag in proportion.
        ax -= (d / formFactor) * rx;
        ay -= (d / formFactor) * ry;
        az -= (d / formFactor) * rz;
      } else if (p === 1) {
        ax -= j00;
        ay -= j01;
        az -= j02;
      } else if (p === 2) {
        ax -= j01;
        ay -= j11;
        az -= j12;
      } else if (p >= physicalParameters.length) {
        const g = perWeight * byWeight[p - physicalParameters.length];
        ax -= g * rx;
        ay -= g * ry;
        az -= g * rz;
      }
      out[at + 3] = ax;
      out[at + 4] = ay;
      out[at + 5] = az;
    }
  }
}

/** Checks a correction given back (to `correctionFactor`, `correctedTable`): `field` names it in the message. */
function checkCorrection(field: string, value: unknown): DragCorrection {
  const correction = value as DragCorrection;
  const ok =
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger(correction.hidden) &&
    correction.hidden >= 1 &&
    correction.hidden <= 32 &&
    typeof correction.top === 'number' &&
    correction.top > 0 &&
    correction.top <= 1000 &&
    Array.isArray(correction.weights) &&
    correction.weights.length === 3 * correction.hidden &&
    correction.weights.every((w) => typeof w === 'number' && Number.isFinite(w));
  if (!ok) throw new InvalidInputError(field, 'a drag correction { hidden, top, weights } as calibrate returns it (3·hidden finite weights)', value);
  return correction;
}
