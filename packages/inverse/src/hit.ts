import { checkNumber, InvalidInputError } from '@cannon/errors';
import { createImpactFlier, resolveWorld3d, simulateImpacts, type ImpactFlier } from '@cannon/physics';
import { aimAt, type AimAtResult } from './aim3d.js';
import type { AimWorld } from './aim3d-world.js';

/** What is not known exactly when the shot is fired, each a standard deviation, and the target's size. */
export interface Uncertainty {
  /** m/s: each horizontal component of the wind is Gaussian about the world's, with this spread (default 0). */
  windSd?: number;
  /** m/s: the muzzle speed is Gaussian about the one set (default 0). */
  speedSd?: number;
  /** rad: the elevation is Gaussian about the one set (default 0). */
  angleSd?: number;
  /** rad: the azimuth is Gaussian about the one set (default 0). */
  azimuthSd?: number;
  /** m: a hit lands within this distance of the target, in the ground plane at its height. */
  radius: number;
  /**
   * A calibration's uncertainty (`calibrate` of `@cannon/calibrate`): the covariance of its fitted parameters, among
   * drag, windX, windY, speedScale and elevationBias, in `parameters`' order, and the fitted speed scale (the true speed
   * over the speed set). The parameters are then Gaussian about their fit too, the same for every shot.
   */
  calibration?: { parameters: readonly string[]; covariance: readonly (readonly number[])[]; speedScale: number };
}

/** The impact fields by which each calibrated parameter moves a shot. */
const calibratedFields = { drag: 'drag', windX: 'windX', windY: 'windY', speedScale: 'speed', elevationBias: 'elevation' } as const;

/** A still target (m), as `aimAt` takes it. */
export interface HitTarget {
  x: number;
  y: number;
  height?: number;
}

/** The aim with the best chance of a hit, and the plain aim (the slowest shot) beside it. */
export interface HitAim extends AimAtResult {
  /** The chance that the ball lands within the radius, 0 to 1 (the impact's linearised Gaussian). */
  hitProbability: number;
  /** The slowest shot, `aimAt`'s plain answer, and its chance. */
  plain: AimAtResult & { hitProbability: number };
}

export interface AimForHitOptions {
  /**
   * The fastest shot the cannon fires, m/s. Default: twice the slowest shot's speed. Without a bound the best chance
   * is a degenerate one, a shot of a kilometre a second that no spread of the wind or of the speed (in m/s) moves.
   */
  maxSpeed?: number;
  /** m: the largest accepted miss of the aim point itself (default 1 mm). */
  tolerance?: number;
}

/** Directions of the standard normal's plane the disk's probability sums over (see `diskProbability`). */
const DIRECTIONS = 128;
/** The first scan's step along the shots that meet the target (rad of elevation), and golden-section steps after it. */
const SCAN_STEP = 0.1;
/** A chance better by no more than this is no better: the slowest shot is kept when every shot is as good (a sure hit). */
const BETTER = 1e-6;
const GOLDEN_STEPS = 12;

/**
 * The shot at a still target with the best chance of landing within `radius` of it, when the wind, the muzzle speed
 * and the angles are known only to within Gaussian spreads. Every shot that meets the target is a point on one curve
 * (its elevation sets its speed and azimuth: `aimAt` with `angle`), and each trades the uncertainties differently: the
 * slowest shot barely feels its elevation but fully feels its speed, a flatter or a higher one trades the two
 * otherwise, and a high arc drifts more in the wind. The impact's spread is the linearised Gaussian J·D·Jᵀ, J the
 * impact's exact derivatives by the speed, the angles and the wind (`simulateImpacts`) and D the variances; its chance
 * of a hit is the Gaussian's mass in the disk (`diskProbability`). Aiming at the target itself is best for a Gaussian
 * (a centred disk holds the most of a symmetric unimodal density), so the search is over the elevation only: a scan of
 * SCAN elevations about the slowest shot's, then golden-section steps about the best.
 */
export function aimForHit(target: HitTarget, world: AimWorld = {}, uncertainty: Uncertainty, options: AimForHitOptions = {}): HitAim {
  const spreads = checkUncertainty(uncertainty);
  if (typeof target !== 'object' || target === null || 'velocity' in target) throw new InvalidInputError('target', 'a still target { x, y, height? }', target);
  const aimOptions = { maxSpeed: options?.maxSpeed, tolerance: options?.tolerance ?? 0.001 };
  const plain = aimAt(target, world, aimOptions);
  const height = target.height ?? 0;
  const resolved = resolveWorld3d({ ...world, targetHeight: height });
  const maxSpeed = options?.maxSpeed ?? 2 * plain.speed;
  const plainChance = chanceOf(plain, target, resolved, spreads);
  // Along the curve of shots that meet the target, by continuation: each elevation's speed and azimuth by Newton from
  // the nearest elevation's already met (`meetAt`), its chance from its covariance there.
  const met = new Map<number, Met | null>([[plain.angle, { speed: plain.speed, azimuth: plain.azimuth, time: plain.flightTime, p: plainChance }]]);
  const nearest = (elevation: number) => {
    let from = plain.angle;
    for (const [e, shot] of met) if (shot && Math.abs(e - elevation) < Math.abs(from - elevation)) from = e;
    return met.get(from)!;
  };
  const value = (elevation: number): number => {
    if (!met.has(elevation)) {
      const shot = meetAt(resolved, target.x, target.y, height, elevation, nearest(elevation), maxSpeed);
      // The flight's own derivatives serve unless a calibration's drag is uncertain (the flier has no drag derivative)
      // or the Earth turns (its Coriolis force is felt in the air's frame too, so the wind's derivatives are not the
      // launch velocity's).
      const covariance = () => (spreads.calibration || resolved.earth ? impactCovariance({ speed: shot!.speed, angle: elevation, azimuth: shot!.azimuth, intercept: { z: height } }, resolved, spreads) : flightCovariance(shot!.speed, elevation, shot!.azimuth, spreads));
      if (shot) shot.p = diskProbability(0, 0, covariance(), spreads.radius);
      met.set(elevation, shot);
    }
    return met.get(elevation)?.p ?? -1;
  };
  // The scan: steps of SCAN_STEP rad from the slowest shot's elevation either way, while the shots meet the target and
  // their chance has not fallen below half the best while falling.
  let best = plain.angle;
  for (const direction of [-1, 1]) {
    let last = plain.angle;
    for (let e = plain.angle + direction * SCAN_STEP; e > -Math.PI / 2 + 0.01 && e < Math.PI / 2 - 0.01; e += direction * SCAN_STEP) {
      if (value(e) < 0 || (value(e) < value(last) && value(e) < value(best) / 2)) break;
      if (value(e) > value(best) + BETTER) best = e;
      last = e;
    }
  }
  // Golden-section steps in the scan's cells on either side of the best.
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [best - SCAN_STEP, best + SCAN_STEP];
  let [c, d] = [b - ratio * (b - a), a + ratio * (b - a)];
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (value(c) >= value(d)) [b, d, c] = [d, c, d - ratio * (d - a)];
    else [a, c, d] = [c, d, c + ratio * (b - c)];
  }
  for (const e of [c, d]) if (value(e) > value(best) + BETTER) best = e;
  if (best === plain.angle) return { ...plain, hitProbability: plainChance, plain: { ...plain, hitProbability: plainChance } };
  // The answer: aimAt's at that elevation, verified as every aim is, and its chance where it lands.
  const shot = aimAt(target, world, { ...aimOptions, angle: best });
  const p = chanceOf(shot, target, resolved, spreads);
  return { ...shot, hitProbability: p, plain: { ...plain, hitProbability: plainChance } };
}

/** A shot that meets the target at an elevation, its flight time, and its chance (set once known). */
interface Met {
  speed: number;
  azimuth: number;
  time: number;
  p: number;
}

let flier: ImpactFlier | undefined;
/** The last flight of `meetAt`: [x, y, t], then ∂(x, y, t) by the speed, the azimuth and the elevation. */
const flown = new Float64Array(12);

/**
 * The speed and azimuth that land a shot at `elevation` on (x, y) at `height`, by Newton from `from` on the model's
 * flights with their exact derivatives (`createImpactFlier`), within a micrometre; null when it does not get there in
 * 12 flights, or needs more than `maxSpeed`.
 */
function meetAt(world: ReturnType<typeof resolveWorld3d>, x: number, y: number, height: number, elevation: number, from: Met, maxSpeed: number): Met | null {
  flier ??= createImpactFlier(['speed', 'azimuth', 'elevation']);
  let [speed, azimuth] = [from.speed, from.azimuth];
  for (let flight = 0; flight < 12; flight++) {
    if (!flier(world, speed, elevation, azimuth, height, flown)) return null;
    const [rx, ry] = [flown[0] - x, flown[1] - y];
    if (Math.hypot(rx, ry) <= 1e-6) return speed <= maxSpeed ? { speed, azimuth, time: flown[2], p: -1 } : null;
    const [jxv, jyv, jxa, jya] = [flown[3], flown[4], flown[6], flown[7]];
    const det = jxv * jya - jxa * jyv;
    if (!(Math.abs(det) > 0)) return null;
    speed = Math.max(speed / 2, speed + (-rx * jya + ry * jxa) / det);
    azimuth += Math.max(-0.5, Math.min(0.5, (-ry * jxv + rx * jyv) / det));
  }
  return null;
}

/**
 * The chance that `shot` lands within `uncertainty.radius` of the target (the impact's linearised Gaussian about
 * where the physics lands it; see `aimForHit`).
 */
export function hitProbability(shot: AimAtResult, target: HitTarget, world: AimWorld = {}, uncertainty: Uncertainty): number {
  const spreads = checkUncertainty(uncertainty);
  const resolved = resolveWorld3d({ ...world, targetHeight: target.height ?? 0 });
  return chanceOf(shot, target, resolved, spreads);
}

/** An answered shot's chance: its Gaussian about where it lands, in the disk about the target. */
function chanceOf(shot: AimAtResult, target: HitTarget, world: ReturnType<typeof resolveWorld3d>, spreads: Spreads): number {
  return diskProbability(shot.landing.x - target.x, shot.landing.y - target.y, impactCovariance(shot, world, spreads), spreads.radius);
}

type Spreads = Required<Omit<Uncertainty, 'calibration'>> & Pick<Uncertainty, 'calibration'>;

function checkUncertainty(uncertainty: Uncertainty): Spreads {
  if (typeof uncertainty !== 'object' || uncertainty === null) throw new InvalidInputError('uncertainty', 'an object { windSd?, speedSd?, angleSd?, azimuthSd?, radius, calibration? }', uncertainty);
  const { calibration } = uncertainty;
  if (calibration !== undefined) {
    const names = Object.keys(calibratedFields);
    const { parameters, covariance, speedScale } = calibration ?? ({} as never);
    if (!Array.isArray(parameters) || parameters.some((name, i) => !names.includes(name) || parameters.indexOf(name) !== i)) throw new InvalidInputError('uncertainty.calibration.parameters', `an array of ${names.join(', ')}, each at most once`, parameters);
    const square = Array.isArray(covariance) && covariance.length === parameters.length && covariance.every((row) => Array.isArray(row) && row.length === parameters.length && row.every(Number.isFinite));
    if (!square) throw new InvalidInputError('uncertainty.calibration.covariance', `a ${parameters.length}×${parameters.length} matrix of numbers, in the parameters' order`, covariance);
    checkNumber('uncertainty.calibration.speedScale', speedScale, { min: 0.1, max: 10 });
  }
  return {
    calibration,
    windSd: checkNumber('uncertainty.windSd', uncertainty.windSd ?? 0, { min: 0, max: 50 }),
    speedSd: checkNumber('uncertainty.speedSd', uncertainty.speedSd ?? 0, { min: 0, max: 1000 }),
    angleSd: checkNumber('uncertainty.angleSd', uncertainty.angleSd ?? 0, { min: 0, max: 0.5 }),
    azimuthSd: checkNumber('uncertainty.azimuthSd', uncertainty.azimuthSd ?? 0, { min: 0, max: 0.5 }),
    radius: checkNumber('uncertainty.radius', uncertainty.radius, { min: 0, minOpen: true, max: 1e5 }),
  };
}

/**
 * The impact's covariance (xx, xy, yy) from `meetAt`'s last flight, which carries ∂(x, y) by the speed, the azimuth
 * and the elevation: the wind's through the air's frame, where it is gone (a shot in the wind w is the shot launched
 * at v0 − w in still air, carried by w for its flight time t), ∂x/∂w = −∂x/∂v0 + t·(1, 0), ∂y/∂w = −∂y/∂v0 + t·(0, 1),
 * ∂/∂v0 from ∂/∂(v, e, a) by the spherical coordinates' inverse Jacobian. Under a constant drag, on the ground's frame.
 */
function flightCovariance(speed: number, elevation: number, azimuth: number, spreads: Spreads): [number, number, number] {
  const [ce, se, ca, sa] = [Math.cos(elevation), Math.sin(elevation), Math.cos(azimuth), Math.sin(azimuth)];
  const t = flown[2];
  const partials = [
    [flown[3], flown[4]], // speed
    [flown[9], flown[10]], // elevation
    [flown[6], flown[7]], // azimuth
  ];
  // ∂(x, y)/∂v0x and /∂v0y: ∂/∂v·∂v/∂v0 + ∂/∂e·∂e/∂v0 + ∂/∂a·∂a/∂v0.
  const perV0 = (k: 0 | 1, axis: 'x' | 'y') =>
    axis === 'x'
      ? partials[0][k] * ce * ca - (partials[1][k] * se * ca) / speed - (partials[2][k] * sa) / (speed * ce)
      : partials[0][k] * ce * sa - (partials[1][k] * se * sa) / speed + (partials[2][k] * ca) / (speed * ce);
  const wind = [
    [-perV0(0, 'x') + t, -perV0(1, 'x')], // ∂(x, y)/∂wx
    [-perV0(0, 'y'), -perV0(1, 'y') + t], // ∂(x, y)/∂wy
  ];
  const rows: [number[], number][] = [
    [partials[0], spreads.speedSd ** 2],
    [partials[1], spreads.angleSd ** 2],
    [partials[2], spreads.azimuthSd ** 2],
    [wind[0], spreads.windSd ** 2],
    [wind[1], spreads.windSd ** 2],
  ];
  let [xx, xy, yy] = [0, 0, 0];
  for (const [[x, y], variance] of rows) {
    xx += variance * x * x;
    xy += variance * x * y;
    yy += variance * y * y;
  }
  return [xx, xy, yy];
}

/**
 * The impact's covariance J·D·Jᵀ (xx, xy, yy), J by the speed, elevation, azimuth and wind, D their variances; with a
 * calibration, plus J_c·C·J_cᵀ, J_c by its parameters (the speed scale's through the speed set, v/scale) and C their
 * covariance.
 */
function impactCovariance(shot: Pick<AimAtResult, 'speed' | 'angle' | 'azimuth'> & { intercept: { z: number } }, world: ReturnType<typeof resolveWorld3d>, spreads: Spreads): [number, number, number] {
  const fields = ['speed', 'elevation', 'azimuth', 'windX', 'windY', 'drag'] as const;
  const variances = [spreads.speedSd ** 2, spreads.angleSd ** 2, spreads.azimuthSd ** 2, spreads.windSd ** 2, spreads.windSd ** 2, 0];
  const { gravity, drag, windX, windY, launchHeight, tableDrag, earth } = world;
  const columns = { speed: [shot.speed], elevation: [shot.angle], azimuth: [shot.azimuth], gravity: [gravity], drag: [drag], windX: [windX], windY: [windY], launchHeight: [launchHeight], targetHeight: [shot.intercept.z] };
  const impacts = simulateImpacts(columns, 1, [...fields], tableDrag, earth);
  let [xx, xy, yy] = [0, 0, 0];
  fields.forEach((field, i) => {
    const { x, y } = impacts.partials[field]!;
    xx += variances[i] * x[0] * x[0];
    xy += variances[i] * x[0] * y[0];
    yy += variances[i] * y[0] * y[0];
  });
  const { calibration } = spreads;
  if (calibration) {
    const by = calibration.parameters.map((name) => {
      const { x, y } = impacts.partials[calibratedFields[name as keyof typeof calibratedFields]]!;
      const chain = name === 'speedScale' ? shot.speed / calibration.speedScale : 1;
      return [x[0] * chain, y[0] * chain];
    });
    by.forEach(([xi, yi], i) =>
      by.forEach(([xj, yj], j) => {
        const c = calibration.covariance[i][j];
        xx += c * xi * xj;
        xy += c * xi * yj;
        yy += c * yi * yj;
      }),
    );
  }
  return [xx, xy, yy];
}

/**
 * The mass of the Gaussian N(m, Σ) (m = (mx, my), Σ = [[xx, xy], [xy, yy]]) in the disk of radius r about the origin.
 * With z = m + L·n (L Σ's Cholesky factor, n standard normal), n = ρ·u(φ): along each direction u the disk holds the
 * ρ of an interval [ρ₁, ρ₂] (the roots of |m + ρ·L·u|² = r²), whose chance is e^(−ρ₁²/2) − e^(−ρ₂²/2) (ρ is
 * Rayleigh-distributed, independent of φ); the mass is its mean over DIRECTIONS directions (the trapezoid rule, periodic).
 * Exact for a degenerate Σ too (a spread along one line, or none).
 */
export function diskProbability(mx: number, my: number, [xx, xy, yy]: readonly [number, number, number], r: number): number {
  const l11 = Math.sqrt(Math.max(0, xx));
  const l21 = l11 > 0 ? xy / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, yy - l21 * l21));
  const mm = mx * mx + my * my - r * r;
  let sum = 0;
  for (let k = 0; k < DIRECTIONS; k++) {
    const phi = ((k + 0.5) * 2 * Math.PI) / DIRECTIONS;
    const [u, v] = [Math.cos(phi), Math.sin(phi)];
    const [ax, ay] = [l11 * u, l21 * u + l22 * v];
    const aa = ax * ax + ay * ay;
    if (!(aa > 0)) {
      sum += mm <= 0 ? 1 : 0;
      continue;
    }
    const ma = mx * ax + my * ay;
    const disc = ma * ma - aa * mm;
    if (disc < 0) continue;
    const root = Math.sqrt(disc);
    const [low, high] = [Math.max(0, (-ma - root) / aa), Math.max(0, (-ma + root) / aa)];
    if (high > low) sum += Math.exp((-low * low) / 2) - Math.exp((-high * high) / 2);
  }
  return sum / DIRECTIONS;
}
