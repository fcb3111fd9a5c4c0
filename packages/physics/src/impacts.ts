import { checkInteger, checkNumber, InvalidInputError } from '@cannon/errors';
import { air, LAPSE_RATE, type AirConditions } from './air.js';
import type { DragTable } from './drag.js';
import { isFlown, MAX_STEPS, STEPS_PER_FLIGHT, stepSize, unresolvedShot, type StepSize } from './flight.js';
import { flightKernel, kernelView, type FlightKernel } from './kernel.js';
import type { ResolvedWorld3d } from './shot.js';
import { vacuumFlightTime } from './vacuum.js';

/**
 * The three-dimensional shot: a point mass from the muzzle at (0, 0, launchHeight) with velocity
 * speed·(cos e·cos a, cos e·sin a, sin e) (e the elevation, a the azimuth: x along azimuth 0, y to its left, z up),
 * under gravity, the wind (windX, windY) and a quadratic drag, until it descends through targetHeight at its
 * impact (x, y). The drag is a constant k (1/m, the `drag` column), or a drag table's: D = ρ(z)·i·Cd(M)·A/(2m), with
 * the form factor i in the `drag` column, the air's density and speed of sound along the path (anchored at the
 * muzzle) and M the Mach number of the ball through the air. RK4 in the WebAssembly kernel (kernel/flight3d.ts),
 * with the same step rule and stop rule as the plane's shots.
 */
export const impactFields = ['speed', 'elevation', 'azimuth', 'gravity', 'drag', 'windX', 'windY', 'launchHeight', 'targetHeight'] as const;
export type ImpactField = (typeof impactFields)[number];

/** A batch of three-dimensional shots as columns; a column of length 1 applies to every shot. Values are trusted. */
export type ImpactColumns = Record<ImpactField, ArrayLike<number>>;

/** A ball on a drag table: its table, mass (kg), diameter (m), and the air at its muzzle. */
export interface TableDrag {
  table: DragTable;
  mass: number;
  diameter: number;
  conditions?: AirConditions;
}

/**
 * The Earth's rotation, for the Coriolis acceleration −2Ω×v: the muzzle's latitude (radians, north positive) and
 * the compass bearing of +x (radians, clockwise from north).
 */
export interface EarthRotation {
  latitude: number;
  bearing: number;
}

/** The Earth's rotation rate, rad/s (a sidereal day). */
export const EARTH_ROTATION_RATE = 7.2921159e-5;

/** Twice the Earth's rotation in a shot's axes (x along the bearing, y to its left, z up). */
export function spinOf(earth: EarthRotation | undefined): [number, number, number] {
  if (!earth) return [0, 0, 0];
  const { latitude, bearing } = earth;
  const twice = 2 * EARTH_ROTATION_RATE;
  // Ω = ω·(0, cos φ, sin φ) east, north, up; x is (sin β, cos β, 0) and y (−cos β, sin β, 0) there.
  return [twice * Math.cos(latitude) * Math.cos(bearing), twice * Math.cos(latitude) * Math.sin(bearing), twice * Math.sin(latitude)];
}

/** Where each shot came down, and the derivatives asked for. */
export interface Impacts {
  /** The impact point; NaN where the shot never descends through the target height. */
  x: Float64Array;
  y: Float64Array;
  flightTime: Float64Array;
  /** The velocity at the impact (NaN where there is none). */
  velocity: { x: Float64Array; y: Float64Array; z: Float64Array };
  /** ∂(x, y, flightTime)/∂field for each requested field (0 where there is no impact). */
  partials: Partial<Record<ImpactField, { x: Float64Array; y: Float64Array; flightTime: Float64Array }>>;
  /** 1 where the steps ran out before the shot came down (its impact is NaN too). */
  unresolved: Uint8Array;
}

/** f64 per shot record (kernel/flight3d.ts): 16, then 9 per direction; out: 12, then 3 per direction. */
const SHOT = 16;
const SEED = 9;
const IMPACT = 12;
const PER_DIRECTION = 3;
/** A drag table's layout in kernel memory (kernel/drag.ts): f64 of its header and of each piece. */
const HEADER = 8;
const PIECE = 8;
/** Shots per call of the kernel. */
const BLOCK = 4096;

/**
 * Flies a batch of three-dimensional shots: their impacts, flight times and, for the requested fields, their
 * exact derivatives (forward sensitivities through the steps, the implicit function at the impact). Without
 * `tableDrag` the `drag` column is the constant k; with it, the form factor i of the ball on its table. With
 * `earth`, on the rotating Earth (the Coriolis acceleration).
 */
export function simulateImpacts(columns: ImpactColumns, count: number, partialFields: readonly ImpactField[] = [], tableDrag?: TableDrag, earth?: EarthRotation): Impacts {
  const kernel = flightKernel();
  const requested = new Set(partialFields);
  // Two derivatives follow from symmetries of the model, exactly, without a direction of their own: turning the
  // shot and the wind together turns the impact, so ∂/∂azimuth = (−y, x, 0) + wy·∂/∂windX − wx·∂/∂windY; and
  // raising the muzzle and the target together changes nothing (the air is anchored at the muzzle), so
  // ∂/∂launchHeight = −∂/∂targetHeight.
  // (On the rotating Earth the first no longer holds: the Earth does not turn with the shot.)
  const azimuthByTurning = !earth && requested.has('azimuth') && requested.has('windX') && requested.has('windY');
  const launchByRaising = requested.has('launchHeight') && requested.has('targetHeight');
  const perField = [...requested].filter((field) => !(field === 'azimuth' && azimuthByTurning) && !(field === 'launchHeight' && launchByRaising));
  const basis = basisFor(requested, Boolean(tableDrag), Boolean(earth));
  const byBasis = basis.length > 0 && basis.length < perField.length;
  // The fields whose seeds are worked out per shot, and the directions flown.
  const seedFields = byBasis ? [...requested] : perField;
  const fields: readonly string[] = byBasis ? basis : perField;
  const dirs = fields.length;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const flightTime = new Float64Array(count);
  const velocity = { x: new Float64Array(count), y: new Float64Array(count), z: new Float64Array(count) };
  const unresolved = new Uint8Array(count);
  const partials: Impacts['partials'] = {};
  for (const field of requested) partials[field] = { x: new Float64Array(count), y: new Float64Array(count), flightTime: new Float64Array(count) };
  const column = (field: ImpactField) => {
    const values = columns[field];
    return values.length === count ? values : new Float64Array(count).fill(values[0]);
  };
  const [speeds, elevations, azimuths, gravities, drags, windsX, windsY, launchHeights, targetHeights] = impactFields.map(column);

  // The ball's factor K = A/(2m) per unit form factor, the muzzle's air, and the step rule's bound on its drag.
  const ball = tableDrag ? ballOf(tableDrag) : null;
  const tableAt = kernel.heapBase();
  const tableBytes = ball ? layTable(kernel, tableAt, ball.table) : 0;
  const inputAt = tableAt + tableBytes;
  const inBytes = 8 * (SHOT + SEED * dirs);
  const block = Math.min(count, BLOCK);
  const outputAt = inputAt + block * inBytes;
  const outLength = IMPACT + PER_DIRECTION * dirs;
  kernelView(kernel, outputAt, block * outLength); // reserve the memory up front
  if (ball) kernel.prepareAir();
  const spin = spinOf(earth);
  // Each seeded field's seed, shot by shot of the block (the basis's seeds are the same for every shot).
  const seeds = new Float64Array(block * SEED * seedFields.length);
  const perDrag = ball ? ball.perFormFactor : 1;
  const basisSeeds = byBasis ? unitSeeds(basis, perDrag) : null;
  const gravityAt = basis.indexOf('gravity'), dragAt = basis.indexOf('drag');
  const boundPerScale = ball ? ball.boundPerScale : 1;
  const dragSeed = ball ? ball.perFormFactor : 1;
  const shot = emptyLaunch();
  const flownPartials = byBasis ? [] : perField.map((field) => partials[field]!);
  const targetDirection = fields.indexOf('targetHeight');
  const flown = new Int32Array(block);

  for (let start = 0; start < count; start += BLOCK) {
    const end = Math.min(count, start + BLOCK);
    const inputs = kernelView(kernel, inputAt, (block * inBytes) / 8);
    let n = 0;
    for (let i = start; i < end; i++) {
      const gravity = gravities[i];
      // The drag scale the kernel takes (k, or i·A/(2m)), and the step rule's bound on D per unit of it.
      const scale = ball ? drags[i] * ball.perFormFactor : drags[i];
      const launch = launchOf(shot, speeds[i], elevations[i], azimuths[i], gravity, launchHeights[i], targetHeights[i], windsX[i], windsY[i], scale * boundPerScale);
      const { step, vx, vy, vz, vacuumTime, timePerVz, timePerDrop, timePerGravity } = launch;
      const shotSeeds = n * SEED * seedFields.length;
      for (let d = 0, at = shotSeeds; d < seedFields.length; d++, at += SEED) writeSeed(seedFields[d], launch, dragSeed, boundPerScale, seeds, at);
      if (!step) {
        settleWithoutFlying(i, shotSeeds, vacuumTime, vx, vy, vz, gravity, timePerVz, timePerDrop, timePerGravity);
        continue;
      }
      const at = (n * inBytes) / 8;
      writeShot(inputs, at, vx, vy, vz, launchHeights[i], targetHeights[i], step.dt, gravity, scale, windsX[i], windsY[i], ball, spin);
      inputs.set(basisSeeds ?? seeds.subarray(shotSeeds, shotSeeds + SEED * dirs), at + SHOT);
      flown[n++] = i;
    }
    if (n === 0) continue;
    if (ball) kernel.flyTable3d(n, dirs, inputAt, outputAt, MAX_STEPS, tableAt, Boolean(earth));
    else kernel.flyConstant3d(n, dirs, inputAt, outputAt, MAX_STEPS, Boolean(earth), false, 0);
    const outputs = kernelView(kernel, outputAt, n * outLength);
    for (let r = 0; r < n; r++) {
      const i = flown[r];
      const out = r * outLength;
      if (outputs[out] < 0) unresolved[i] = 1;
      x[i] = outputs[out + 3];
      y[i] = outputs[out + 4];
      flightTime[i] = outputs[out + 5];
      velocity.x[i] = outputs[out + 9];
      velocity.y[i] = outputs[out + 10];
      velocity.z[i] = outputs[out + 11];
      if (byBasis) {
        combineBasis(i, outputs, out, r * SEED * seedFields.length);
        continue;
      }
      for (let d = 0; d < dirs; d++) {
        const partial = flownPartials[d];
        const at = out + IMPACT + PER_DIRECTION * d;
        partial.x[i] = outputs[at];
        partial.y[i] = outputs[at + 1];
        partial.flightTime[i] = outputs[at + 2];
        if (d === targetDirection && outputs[out + 2] >= 0) {
          partial.x[i] += outputs[out + 6];
          partial.y[i] += outputs[out + 7];
          partial.flightTime[i] += outputs[out + 8];
        }
      }
    }
  }
  if (launchByRaising && !byBasis) {
    const [launch, target] = [partials.launchHeight!, partials.targetHeight!];
    for (let i = 0; i < count; i++) {
      launch.x[i] = -target.x[i];
      launch.y[i] = -target.y[i];
      launch.flightTime[i] = -target.flightTime[i];
    }
  }
  if (azimuthByTurning && !byBasis) {
    // δ(impact) = (−y, x, 0)·δa when the shot turns by δa with the wind, whose move is (−wy, wx)·δa.
    const [azimuth, alongX, alongY] = [partials.azimuth!, partials.windX!, partials.windY!];
    for (let i = 0; i < count; i++) {
      if (Number.isNaN(x[i])) continue;
      const [turnX, turnY] = [-windsY[i], windsX[i]];
      azimuth.x[i] = -y[i] - alongX.x[i] * turnX - alongY.x[i] * turnY;
      azimuth.y[i] = x[i] - alongX.y[i] * turnX - alongY.y[i] * turnY;
      azimuth.flightTime[i] = -alongX.flightTime[i] * turnX - alongY.flightTime[i] * turnY;
    }
  }
  return { x, y, flightTime, velocity, partials, unresolved };

  /**
   * A shot not flown: no impact (NaN), at the target height already and not rising (impact at the muzzle), or a
   * flight too short to step (`isFlown`), whose impact is the vacuum's, with the vacuum's derivatives.
   */
  function settleWithoutFlying(i: number, shotSeeds: number, T: number, vx: number, vy: number, vz: number, gravity: number, timePerVz: number, timePerDrop: number, timePerGravity: number) {
    x[i] = vx * T;
    y[i] = vy * T;
    flightTime[i] = T;
    const none = Number.isNaN(T) ? NaN : 1;
    velocity.x[i] = vx * none;
    velocity.y[i] = vy * none;
    velocity.z[i] = vz - gravity * T;
    if (!(T > 0)) return; // the partials stay 0
    for (let d = 0; d < seedFields.length; d++) {
      const seed = shotSeeds + SEED * d;
      const drop = seedFields[d] === 'launchHeight' ? 1 : seedFields[d] === 'targetHeight' ? -1 : 0;
      const dT = timePerVz * seeds[seed + 2] + timePerDrop * drop + timePerGravity * seeds[seed + 5];
      const partial = partials[seedFields[d]]!;
      partial.x[i] = seeds[seed] * T + vx * dT;
      partial.y[i] = seeds[seed + 1] * T + vy * dT;
      partial.flightTime[i] = dT;
    }
  }

  /**
   * A flown shot's partials from the basis's (`basisFor`): each field's seed (δvx, δvy, δvz, δz0, δdt, δg, δK, δwx,
   * δwy) is a combination of the basis's directions, the wind's through ∂/∂w = −∂/∂v0 + t·I, the muzzle's height's
   * through ∂/∂launchHeight = −∂/∂targetHeight, and gravity's under a constant drag by the slowing of time.
   */
  function combineBasis(i: number, outputs: Float64Array, out: number, shotSeeds: number) {
    if (Number.isNaN(x[i])) return; // no impact: the partials stay 0
    const t = outputs[out + 5];
    const stopped = outputs[out + 2] >= 0;
    let gravityBySlowing = false;
    for (let d = 0; d < seedFields.length; d++) {
      const field = seedFields[d];
      if (field === 'gravity' && gravityAt < 0) {
        gravityBySlowing = true;
        continue;
      }
      const seed = shotSeeds + SEED * d;
      const dwx = seeds[seed + 7], dwy = seeds[seed + 8];
      // The basis's first four directions are vx, vy, vz and dt; then gravity and the drag scale, when flown.
      const cvx = seeds[seed] - dwx, cvy = seeds[seed + 1] - dwy, cvz = seeds[seed + 2], cdt = seeds[seed + 4];
      const o = out + IMPACT;
      let px = dwx * t + cvx * outputs[o] + cvy * outputs[o + 3] + cvz * outputs[o + 6] + cdt * outputs[o + 9];
      let py = dwy * t + cvx * outputs[o + 1] + cvy * outputs[o + 4] + cvz * outputs[o + 7] + cdt * outputs[o + 10];
      let pt = cvx * outputs[o + 2] + cvy * outputs[o + 5] + cvz * outputs[o + 8] + cdt * outputs[o + 11];
      if (gravityAt > 0 && seeds[seed + 5] !== 0) {
        const k = seeds[seed + 5], at = o + PER_DIRECTION * gravityAt;
        px += k * outputs[at];
        py += k * outputs[at + 1];
        pt += k * outputs[at + 2];
      }
      if (dragAt > 0 && seeds[seed + 6] !== 0) {
        const k = seeds[seed + 6] / perDrag, at = o + PER_DIRECTION * dragAt;
        px += k * outputs[at];
        py += k * outputs[at + 1];
        pt += k * outputs[at + 2];
      }
      const stop = field === 'targetHeight' ? 1 : field === 'launchHeight' ? -1 : 0;
      if (stop !== 0 && stopped) {
        px += stop * outputs[out + 6];
        py += stop * outputs[out + 7];
        pt += stop * outputs[out + 8];
      }
      const partial = partials[field as ImpactField]!;
      partial.x[i] = px;
      partial.y[i] = py;
      partial.flightTime[i] = pt;
    }
    if (gravityBySlowing) {
      // Slowing time by μ (v, w → v/μ, g → g/μ², and the step rule's dt → μ·dt) keeps the impact where it is and
      // stretches the flight: −speed·∂/∂speed − w·∂/∂w − 2g·∂/∂g = (0, 0, t) on (x, y, t).
      const [alongSpeed, alongX, alongY, gravity] = [partials.speed!, partials.windX!, partials.windY!, partials.gravity!];
      const perTwoG = -1 / (2 * gravities[i]);
      const [s, wx, wy] = [speeds[i], windsX[i], windsY[i]];
      gravity.x[i] = perTwoG * (s * alongSpeed.x[i] + wx * alongX.x[i] + wy * alongY.x[i]);
      gravity.y[i] = perTwoG * (s * alongSpeed.y[i] + wx * alongX.y[i] + wy * alongY.y[i]);
      gravity.flightTime[i] = perTwoG * (t + s * alongSpeed.flightTime[i] + wx * alongX.flightTime[i] + wy * alongY.flightTime[i]);
    }
  }
}

/** One shot's launch as its seeds need it: its velocity, its vacuum flight, and its step (null: not flown). */
export interface LaunchState {
  cosE: number;
  sinE: number;
  cosA: number;
  sinA: number;
  horizontal: number;
  vx: number;
  vy: number;
  vz: number;
  wx: number;
  wy: number;
  windSpeed: number;
  vacuumTime: number;
  /** ∂(vacuum flight time)/∂vz, /∂drop, /∂gravity. */
  timePerVz: number;
  timePerDrop: number;
  timePerGravity: number;
  step: StepSize | null;
  /** The object `step` is when there is one, overwritten by the next `launchOf`. */
  readonly stepStore: StepSize;
}

export function emptyLaunch(): LaunchState {
  return { cosE: 0, sinE: 0, cosA: 0, sinA: 0, horizontal: 0, vx: 0, vy: 0, vz: 0, wx: 0, wy: 0, windSpeed: 0, vacuumTime: NaN, timePerVz: 0, timePerDrop: 0, timePerGravity: 0, step: null, stepStore: stepSize(1, 1, 0, 1, 0) };
}

/** Fills `into` with a shot's launch; `dragBound` is the step rule's bound on its drag (k, or ρ·max Cd·i·A/(2m)). */
export function launchOf(into: LaunchState, speed: number, elevation: number, azimuth: number, gravity: number, launchHeight: number, targetHeight: number, wx: number, wy: number, dragBound: number, stepsPerFlight = STEPS_PER_FLIGHT): LaunchState {
  const cosE = Math.cos(elevation), sinE = Math.sin(elevation), cosA = Math.cos(azimuth), sinA = Math.sin(azimuth);
  const horizontal = speed * cosE;
  const vz = speed * sinE;
  const vacuumTime = vacuumFlightTime(vz, gravity, launchHeight - targetHeight);
  const windSpeed = Math.sqrt(wx * wx + wy * wy);
  const reach = gravity * vacuumTime - vz; // √(vz² + 2g·drop)
  into.cosE = cosE;
  into.sinE = sinE;
  into.cosA = cosA;
  into.sinA = sinA;
  into.horizontal = horizontal;
  into.vx = horizontal * cosA;
  into.vy = horizontal * sinA;
  into.vz = vz;
  into.wx = wx;
  into.wy = wy;
  into.windSpeed = windSpeed;
  into.vacuumTime = vacuumTime;
  into.timePerVz = (1 + vz / reach) / gravity;
  into.timePerDrop = 1 / reach;
  into.timePerGravity = ((launchHeight - targetHeight) / reach - vacuumTime) / gravity;
  into.step = isFlown(vacuumTime, vz, gravity, launchHeight, targetHeight) ? stepSize(vacuumTime, speed, windSpeed, gravity, dragBound, into.stepStore, stepsPerFlight) : null;
  return into;
}

/**
 * Writes one field's seed for a shot, (δvx, δvy, δvz, δz0, δdt, δg, δK, δwx, δwy), at `at` of `seeds`: its move of
 * the launch, δdt through the step rule. `dragSeed` is δK per unit of the drag column (1, or A/(2m) on a table) and
 * `boundPerScale` the step rule's bound on the drag per unit of K.
 */
export function writeSeed(field: ImpactField, launch: LaunchState, dragSeed: number, boundPerScale: number, seeds: Float64Array, at: number): void {
  const { step, cosE, sinE, cosA, sinA, vx, vy, vz, horizontal, wx, wy, windSpeed, timePerVz, timePerDrop, timePerGravity } = launch;
  const perTime = step ? step.perFlightTime : 0;
  let dvx = 0, dvy = 0, dvz = 0, dz0 = 0, ddt = 0, dg = 0, dk = 0, dwx = 0, dwy = 0;
  if (field === 'speed') {
    dvx = cosE * cosA;
    dvy = cosE * sinA;
    dvz = sinE;
    ddt = step ? perTime * timePerVz * sinE + step.perSpeed : 0;
  } else if (field === 'elevation') {
    dvx = -vz * cosA;
    dvy = -vz * sinA;
    dvz = horizontal;
    ddt = perTime * timePerVz * horizontal;
  } else if (field === 'azimuth') {
    dvx = -vy;
    dvy = vx;
  } else if (field === 'gravity') {
    dg = 1;
    ddt = step ? perTime * timePerGravity + step.perGravity : 0;
  } else if (field === 'drag') {
    dk = dragSeed;
    ddt = step ? step.perDrag * dk * boundPerScale : 0;
  } else if (field === 'windX') {
    dwx = 1;
    ddt = step && windSpeed > 0 ? (step.perWind * wx) / windSpeed : 0;
  } else if (field === 'windY') {
    dwy = 1;
    ddt = step && windSpeed > 0 ? (step.perWind * wy) / windSpeed : 0;
  } else if (field === 'launchHeight') {
    dz0 = 1;
    ddt = perTime * timePerDrop;
  } else {
    ddt = -perTime * timePerDrop; // the target height
  }
  seeds[at] = dvx;
  seeds[at + 1] = dvy;
  seeds[at + 2] = dvz;
  seeds[at + 3] = dz0;
  seeds[at + 4] = ddt;
  seeds[at + 5] = dg;
  seeds[at + 6] = dk;
  seeds[at + 7] = dwx;
  seeds[at + 8] = dwy;
}

/**
 * The directions that carry all the requested derivatives in fewer flights than one a field, or none: the launch
 * velocity's three components, the step, and the drag scale and gravity when they are asked for. The discrete
 * model is Galilean at a fixed step: in the air's frame the wind is gone, and RK4 and the Hermite impact are exact
 * on the drift with the air, so ∂/∂w = −∂/∂v0 + t·I and the wind needs no direction; that holds on a drag table too
 * (the air moves, the Mach number is the ball's through it), but not on the rotating Earth (−2Ω×w is a force the
 * air's frame feels). Under a constant drag, gravity needs none either: slowing time by μ maps the model, its step
 * rule included, onto itself; that needs ∂/∂speed and ∂/∂w, so it serves when those are asked for too.
 */
function basisFor(requested: ReadonlySet<ImpactField>, table: boolean, earth: boolean): string[] {
  if (earth || !(requested.has('windX') || requested.has('windY'))) return [];
  const basis = ['vx', 'vy', 'vz', 'dt'];
  const slowing = !table && requested.has('speed') && requested.has('windX') && requested.has('windY');
  if (requested.has('gravity') && !slowing) basis.push('gravity');
  if (requested.has('drag')) basis.push('drag');
  return basis;
}

/** The basis's seeds: a unit move of one of (vx, vy, vz, dt, g) each, or of the drag scale by `perDrag`. */
function unitSeeds(basis: readonly string[], perDrag: number): Float64Array {
  const slot: Record<string, number> = { vx: 0, vy: 1, vz: 2, dt: 4, gravity: 5, drag: 6 };
  const seeds = new Float64Array(SEED * basis.length);
  basis.forEach((direction, d) => (seeds[SEED * d + slot[direction]] = direction === 'drag' ? perDrag : 1));
  return seeds;
}

/** What the kernel needs of a ball on a table: K per unit form factor, the muzzle's air, the step rule's bound. */
function ballOf({ table, mass, diameter, conditions = {} }: TableDrag) {
  const muzzle = air(0, conditions);
  return {
    table,
    perFormFactor: (Math.PI * diameter * diameter) / (8 * mass),
    density: muzzle.density,
    speedOfSound: muzzle.speedOfSound,
    uPerHeight: LAPSE_RATE / muzzle.temperature,
    /** The step rule's bound on D per unit of the drag scale: D ≤ ρ·max Cd·(i·A/(2m)) near the muzzle. */
    boundPerScale: muzzle.density * Math.max(...table.cd),
  };
}

type Ball = ReturnType<typeof ballOf>;

/** Writes the SHOT numbers of one shot's record (kernel/flight3d.ts) at `at` of `inputs`. */
export function writeShot(inputs: Float64Array, at: number, vx: number, vy: number, vz: number, launchHeight: number, stopHeight: number, dt: number, gravity: number, scale: number, wx: number, wy: number, ball: Ball | null, spin: readonly number[]): void {
  inputs[at] = vx;
  inputs[at + 1] = vy;
  inputs[at + 2] = vz;
  inputs[at + 3] = launchHeight;
  inputs[at + 4] = stopHeight;
  inputs[at + 5] = dt;
  inputs[at + 6] = gravity;
  inputs[at + 7] = scale;
  inputs[at + 8] = wx;
  inputs[at + 9] = wy;
  inputs[at + 10] = ball ? ball.density : 1;
  inputs[at + 11] = ball ? ball.uPerHeight : 0;
  inputs[at + 12] = ball ? ball.speedOfSound : 1;
  inputs[at + 13] = spin[0];
  inputs[at + 14] = spin[1];
  inputs[at + 15] = spin[2];
}

/** Each table's layout, made once per table: `dragTable` freezes a table, and its arrays are its own copies. */
const layouts = new WeakMap<DragTable, Float64Array>();

/** Copies a drag table's layout (`tableLayout`) into kernel memory at `at`; returns the bytes it takes. */
export function layTable(kernel: FlightKernel, at: number, table: DragTable): number {
  let layout = layouts.get(table);
  if (!layout) layouts.set(table, (layout = tableLayout(table)));
  kernelView(kernel, at, layout.length).set(layout);
  return 8 * layout.length + ((8 * layout.length) % 16);
}

/**
 * A drag table laid out as kernel/drag.ts reads it: its pieces in power form, and a uniform grid of cells a quarter
 * of its narrowest interval wide that names the piece at each cell's start.
 */
function tableLayout({ mach, cd, slopes }: DragTable): Float64Array {
  const n = mach.length;
  const pieces = n - 1;
  let narrowest = Infinity;
  for (let k = 0; k < pieces; k++) narrowest = Math.min(narrowest, mach[k + 1] - mach[k]);
  const span = mach[n - 1] - mach[0];
  const cells = Math.max(1, Math.min(65536, Math.ceil((4 * span) / narrowest)));
  const step = span / cells;
  const gridAt = HEADER + PIECE * pieces;
  const layout = new Float64Array(gridAt + Math.ceil(cells / 2));
  layout.set([pieces, mach[0], 1 / step, cells, mach[0], mach[n - 1]]);
  const integers = new Int32Array(layout.buffer);
  integers.set([8 * gridAt, cells - 1], 12);
  for (let k = 0; k < pieces; k++) {
    // The Hermite cubic of the piece in its fraction t, in power form: y0 + t·(m0 + t·(3Δ − 2m0 − m1 + t·(m0 + m1 − 2Δ))).
    const h = mach[k + 1] - mach[k];
    const [y0, y1, m0, m1] = [cd[k], cd[k + 1], h * slopes[k], h * slopes[k + 1]];
    const next = k + 1 < pieces ? mach[k + 1] : Infinity;
    layout.set([mach[k], 1 / h, y0, m0, 3 * (y1 - y0) - 2 * m0 - m1, 2 * (y0 - y1) + m0 + m1, next], HEADER + PIECE * k);
  }
  let piece = 0;
  for (let cell = 0; cell < cells; cell++) {
    const start = mach[0] + cell * step;
    while (piece < pieces - 1 && mach[piece + 1] <= start) piece++;
    integers[2 * gridAt + cell] = 8 * (HEADER + PIECE * piece);
  }
  return layout;
}

/** One shot's path as the kernel steps it: its step, its state at every step, and where it stopped. */
export interface TracedShot {
  dt: number;
  /** (x, y, z, vx, vy, vz) at every step from the muzzle, 6 numbers a step. */
  nodes: Float64Array;
  /** Where it came down through the stop height, or null (it never does). */
  impact: { x: number; y: number; flightTime: number } | null;
}

/**
 * Flies one shot, as `simulateImpacts` does, until it comes down through `stopHeight`, recording its state at every
 * step; null for a shot that is not flown (it never reaches `stopHeight`, is there already and not rising, or
 * would land too soon to step: `isFlown`). Throws NoLandingError for a shot whose steps run out.
 */
export function traceImpact(
  shot: { speed: number; elevation: number; azimuth: number; gravity: number; drag: number; windX: number; windY: number; launchHeight: number },
  stopHeight: number,
  tableDrag?: TableDrag,
  earth?: EarthRotation,
): TracedShot | null {
  const { speed, elevation, azimuth, gravity, drag, windX, windY, launchHeight } = shot;
  const kernel = flightKernel();
  const ball = tableDrag ? ballOf(tableDrag) : null;
  const tableAt = kernel.heapBase();
  const inputAt = tableAt + (ball ? layTable(kernel, tableAt, ball.table) : 0);
  const outputAt = inputAt + 8 * SHOT;
  const nodesAt = outputAt + 8 * IMPACT;
  if (ball) kernel.prepareAir();
  const vz = speed * Math.sin(elevation);
  const horizontal = speed * Math.cos(elevation);
  const vacuumTime = vacuumFlightTime(vz, gravity, launchHeight - stopHeight);
  const scale = ball ? drag * ball.perFormFactor : drag;
  if (!isFlown(vacuumTime, vz, gravity, launchHeight, stopHeight)) return null;
  const step = stepSize(vacuumTime, speed, Math.sqrt(windX * windX + windY * windY), gravity, scale * (ball ? ball.boundPerScale : 1));
  writeShot(kernelView(kernel, inputAt, SHOT), 0, horizontal * Math.cos(azimuth), horizontal * Math.sin(azimuth), vz, launchHeight, stopHeight, step.dt, gravity, scale, windX, windY, ball, spinOf(earth));
  // Fly it once to count its steps, then record exactly those.
  if (ball) kernel.flyTable3d(1, 0, inputAt, outputAt, MAX_STEPS, tableAt, Boolean(earth));
  else kernel.flyConstant3d(1, 0, inputAt, outputAt, MAX_STEPS, Boolean(earth), false, 0);
  const steps = kernelView(kernel, outputAt, IMPACT)[1];
  kernelView(kernel, nodesAt, 6 * (steps + 1)); // reserve: the memory may grow here
  kernel.trace3d(inputAt, outputAt, MAX_STEPS, ball ? tableAt : 0, Boolean(earth), nodesAt);
  const out = kernelView(kernel, outputAt, IMPACT);
  if (out[0] < 0) throw unresolvedShot(drag);
  return {
    dt: step.dt,
    nodes: kernelView(kernel, nodesAt, 6 * (steps + 1)).slice(),
    impact: out[2] >= 0 ? { x: out[3], y: out[4], flightTime: out[5] } : null,
  };
}

/** The world a flier flies a shot in: as `resolveWorld3d` gives it (its target height is the shot's own). */
export type FlierWorld = Pick<ResolvedWorld3d, 'gravity' | 'drag' | 'windX' | 'windY' | 'launchHeight' | 'tableDrag' | 'earth'>;

/** Copies row k of impacts into `out`: [x, y, flightTime], then ∂(x, y, flightTime) by each of `fields` in order. */
export function impactRow(impacts: Pick<Impacts, 'x' | 'y' | 'flightTime' | 'partials'>, fields: readonly ImpactField[], k: number, out: Float64Array): Float64Array {
  out[0] = impacts.x[k];
  out[1] = impacts.y[k];
  out[2] = impacts.flightTime[k];
  for (let d = 0; d < fields.length; d++) {
    const partial = impacts.partials[fields[d]]!;
    out[3 + 3 * d] = partial.x[k];
    out[4 + 3 * d] = partial.y[k];
    out[5 + 3 * d] = partial.flightTime[k];
  }
  return out;
}

/**
 * Flies one shot at a time into `out`: [x, y, flightTime], then ∂(x, y, flightTime) by each field in `fields`' order;
 * true when it came down through the target height (else its x is NaN). What `simulateImpacts` computes for a batch
 * of one, to the last bit, without its batch's setting up: nothing is allocated per shot under a constant drag. For
 * solvers that fly a shot, look, and fly the next (an aim's Newton steps). A shot not flown by the kernel (`isFlown`),
 * a drag table and the rotating Earth go through `simulateImpacts` itself.
 */
export type ImpactFlier = (world: FlierWorld, speed: number, elevation: number, azimuth: number, targetHeight: number, out: Float64Array) => boolean;

export interface ImpactFlierOptions {
  /**
   * Steps per flight in thin air: the model's, STEPS_PER_FLIGHT (32), by default, and as many per drag time as the
   * model takes whatever this is. A coarser flight (16, 8) costs less and departs from the model by about
   * (32/stepsPerFlight)⁴ times the model's own departure from the exact motion (RK4): for a solver's steps before the
   * flight it answers with, which is flown at the model's. Shots that take the slow path (a table, the Earth, a shot
   * not flown) are flown at the model's step.
   */
  stepsPerFlight?: number;
}

/** An `ImpactFlier` with the derivatives by `fields` (among speed, elevation, azimuth and targetHeight). */
export function createImpactFlier(fields: readonly ('speed' | 'elevation' | 'azimuth' | 'targetHeight')[], options: ImpactFlierOptions = {}): ImpactFlier {
  const { stepsPerFlight, dirs, copies, perCopy, inLength, outLength } = flierLayout(fields, ['speed', 'elevation', 'azimuth', 'targetHeight'], options);
  const kernel = flightKernel();
  const needed = 3 + 3 * dirs;
  const launch = emptyLaunch();
  const noSpin = spinOf(undefined);
  const slow: ImpactFlier = (world, speed, elevation, azimuth, targetHeight, out) => {
    const { gravity, drag, windX, windY, launchHeight } = world;
    const impacts = simulateImpacts({ speed: [speed], elevation: [elevation], azimuth: [azimuth], gravity: [gravity], drag: [drag], windX: [windX], windY: [windY], launchHeight: [launchHeight], targetHeight: [targetHeight] }, 1, fields, world.tableDrag, world.earth);
    return !Number.isNaN(impactRow(impacts, fields, 0, out)[0]);
  };
  const records = heapRecords(kernel, copies * inLength, copies * outLength);
  return (world, speed, elevation, azimuth, targetHeight, out) => {
    if (!(out instanceof Float64Array && out.length >= needed)) throw new InvalidInputError('out', `a Float64Array of at least ${needed} numbers`, out);
    if (world.tableDrag || world.earth) return slow(world, speed, elevation, azimuth, targetHeight, out);
    const { gravity, drag, windX, windY, launchHeight } = world;
    launchOf(launch, speed, elevation, azimuth, gravity, launchHeight, targetHeight, windX, windY, drag, stepsPerFlight);
    const { step } = launch;
    if (!step && Number.isNaN(launch.vacuumTime)) return neverDown(out, 0, needed);
    if (!step) return slow(world, speed, elevation, azimuth, targetHeight, out);
    const { inputAt, outputAt, inputs, outputs } = records();
    for (let copy = 0; copy < copies; copy++) {
      const at = copy * inLength;
      writeShot(inputs, at, launch.vx, launch.vy, launch.vz, launchHeight, targetHeight, step.dt, gravity, drag, windX, windY, null, noSpin);
      for (let k = 0; k < perCopy; k++) {
        const d = copy * perCopy + k;
        if (d < dirs) writeSeed(fields[d], launch, 1, 1, inputs, at + SHOT + SEED * k);
        else inputs.fill(0, at + SHOT + SEED * k, at + SHOT + SEED * (k + 1));
      }
    }
    kernel.flyConstant3d(copies, perCopy, inputAt, outputAt, MAX_STEPS, false, false, 0);
    readImpact(outputs, 0, out, 0);
    for (let d = 0; d < dirs; d++) {
      const base = Math.floor(d / perCopy) * outLength;
      readDirection(outputs, base, base + IMPACT + PER_DIRECTION * (d % perCopy), fields[d] === 'targetHeight', out, 3 + 3 * d);
    }
    return !Number.isNaN(out[0]);
  };
}

/**
 * What a one-shot flier is made of, its fields and options checked (each named): the step rule's steps per flight, and
 * its records' layout. The kernel flies shots in pairs, a SIMD lane each: the shot is flown twice, each copy carrying
 * half the directions (the second copy's last one left at zero when their number is odd), at the cost of one copy with
 * half.
 */
export function flierLayout(fields: readonly string[], allowed: readonly string[], options: ImpactFlierOptions) {
  if (!Array.isArray(fields)) throw new InvalidInputError('fields', `an array of ${allowed.join(', ')} (each at most once)`, fields);
  fields.forEach((field, d) => {
    if (!allowed.includes(field) || fields.indexOf(field) !== d) throw new InvalidInputError(`fields[${d}]`, `one of ${allowed.join(', ')}, not named before`, field);
  });
  const stepsPerFlight = options?.stepsPerFlight ?? STEPS_PER_FLIGHT;
  checkNumber('options.stepsPerFlight', stepsPerFlight, { min: 1, max: 1e6 });
  const dirs = fields.length;
  const copies = dirs >= 2 ? 2 : 1;
  const perCopy = Math.ceil(dirs / copies);
  return { stepsPerFlight, dirs, copies, perCopy, inLength: SHOT + SEED * perCopy, outLength: IMPACT + PER_DIRECTION * perCopy };
}

/**
 * The records of a one-shot flier's flights, at the kernel's heap base (every flight writes its own there before it
 * flies): `inLength` f64 in, then `outLength` out, as views made anew when the memory has grown (which detaches them).
 */
export function heapRecords(kernel: FlightKernel, inLength: number, outLength: number): () => { inputAt: number; outputAt: number; inputs: Float64Array; outputs: Float64Array } {
  const empty: Float64Array = new Float64Array(0);
  const records = { inputAt: 0, outputAt: 0, inputs: empty, outputs: empty };
  return () => {
    if (records.inputs.length === 0 || records.outputs.length === 0) {
      records.inputAt = kernel.heapBase();
      records.outputAt = records.inputAt + 8 * inLength;
      kernelView(kernel, records.outputAt, outLength);
      records.inputs = kernelView(kernel, records.inputAt, inLength);
      records.outputs = kernelView(kernel, records.outputAt, outLength);
    }
    return records;
  };
}

/** A flown shot's impact and flight time, from its record at `base` of the kernel's `outputs`, into `out` at `at`. */
function readImpact(outputs: Float64Array, base: number, out: Float64Array, at: number): void {
  const ran = outputs[base] >= 0; // else the steps ran out: no impact, as `simulateImpacts` says
  out[at] = ran ? outputs[base + 3] : NaN;
  out[at + 1] = ran ? outputs[base + 4] : NaN;
  out[at + 2] = outputs[base + 5];
}

/**
 * One direction's ∂(x, y, flightTime), from `from` of the kernel's `outputs`, into `out` at `to`; the target height's
 * adds the stop's own move (from the shot's record at `base`) when the shot stopped at its height.
 */
function readDirection(outputs: Float64Array, base: number, from: number, targetHeight: boolean, out: Float64Array, to: number): void {
  const stop = targetHeight && outputs[base + 2] >= 0;
  out[to] = outputs[from] + (stop ? outputs[base + 6] : 0);
  out[to + 1] = outputs[from + 1] + (stop ? outputs[base + 7] : 0);
  out[to + 2] = outputs[from + 2] + (stop ? outputs[base + 8] : 0);
}

/**
 * The row of a shot that never climbs to the target height, as `simulateImpacts` writes it: no impact, no flight time,
 * the derivatives 0. False (it did not come down).
 */
function neverDown(out: Float64Array, at: number, length: number): false {
  out.fill(0, at, at + length);
  out[at] = out[at + 1] = out[at + 2] = NaN;
  return false;
}

/** The shots an `ImpactBatchFlier` flies, as columns (each at least `count` long). */
export interface FlierShots {
  speed: ArrayLike<number>;
  elevation: ArrayLike<number>;
  azimuth: ArrayLike<number>;
  targetHeight: ArrayLike<number>;
}

/**
 * Flies `count` shots in one world into `out`, shot i's row at i·(3 + 3·fields): what an `ImpactFlier` writes for it
 * (x NaN for a shot that did not come down), to the last bit. Two shots a SIMD vector, nothing allocated per call under
 * a constant drag: for solvers that fly many shots, look, and fly them again (a batch of aims' chord steps).
 */
export type ImpactBatchFlier = (world: FlierWorld, shots: FlierShots, count: number, out: Float64Array) => void;

/** An `ImpactBatchFlier` with the derivatives by `fields` (among speed, elevation, azimuth and targetHeight). */
export function createImpactBatchFlier(fields: readonly ('speed' | 'elevation' | 'azimuth' | 'targetHeight')[], options: ImpactFlierOptions = {}): ImpactBatchFlier {
  const one = createImpactFlier(fields, options);
  const stepsPerFlight = options?.stepsPerFlight ?? STEPS_PER_FLIGHT;
  const kernel = flightKernel();
  const dirs = fields.length;
  const row = 3 + 3 * dirs;
  const inLength = SHOT + SEED * dirs;
  const outLength = IMPACT + PER_DIRECTION * dirs;
  const launch = emptyLaunch();
  const noSpin = spinOf(undefined);
  const flown = new Int32Array(BLOCK);
  const single = new Float64Array(row);
  return (world, shots, count, out) => {
    checkInteger('count', count, { min: 0 });
    for (const field of ['speed', 'elevation', 'azimuth', 'targetHeight'] as const) {
      if (!(shots?.[field]?.length >= count)) throw new InvalidInputError(`shots.${field}`, `a column of at least ${count} numbers`, shots?.[field]);
    }
    if (!(out instanceof Float64Array && out.length >= count * row)) throw new InvalidInputError('out', `a Float64Array of at least ${count * row} numbers`, out);
    const { speed, elevation, azimuth, targetHeight } = shots;
    /** Shot i through the one-shot flier (its slow path), into its row. */
    const alone = (i: number) => {
      one(world, speed[i], elevation[i], azimuth[i], targetHeight[i], single);
      out.set(single, i * row);
    };
    if (world.tableDrag || world.earth) {
      for (let i = 0; i < count; i++) alone(i);
      return;
    }
    const { gravity, drag, windX, windY, launchHeight } = world;
    const inputAt = kernel.heapBase();
    const outputAt = inputAt + 8 * Math.min(count, BLOCK) * inLength;
    for (let start = 0; start < count; start += BLOCK) {
      const end = Math.min(count, start + BLOCK);
      kernelView(kernel, outputAt, (end - start) * outLength); // reserve the memory first: growing it detaches views
      const inputs = kernelView(kernel, inputAt, (end - start) * inLength);
      let n = 0;
      for (let i = start; i < end; i++) {
        launchOf(launch, speed[i], elevation[i], azimuth[i], gravity, launchHeight, targetHeight[i], windX, windY, drag, stepsPerFlight);
        if (!launch.step) {
          if (Number.isNaN(launch.vacuumTime)) neverDown(out, i * row, row);
          else alone(i);
          continue;
        }
        const at = n * inLength;
        writeShot(inputs, at, launch.vx, launch.vy, launch.vz, launchHeight, targetHeight[i], launch.step.dt, gravity, drag, windX, windY, null, noSpin);
        for (let d = 0; d < dirs; d++) writeSeed(fields[d], launch, 1, 1, inputs, at + SHOT + SEED * d);
        flown[n++] = i;
      }
      if (n === 0) continue;
      kernel.flyConstant3d(n, dirs, inputAt, outputAt, MAX_STEPS, false, false, 0);
      const outputs = kernelView(kernel, outputAt, n * outLength);
      for (let r = 0; r < n; r++) {
        const base = r * outLength;
        const at = flown[r] * row;
        readImpact(outputs, base, out, at);
        for (let d = 0; d < dirs; d++) readDirection(outputs, base, base + IMPACT + PER_DIRECTION * d, fields[d] === 'targetHeight', out, at + 3 + 3 * d);
      }
    }
  };
}
