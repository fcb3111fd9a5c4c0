import { defaultWorld, createImpactFlier, impactRow, simulateImpacts, type ImpactFlier } from '@cannon/physics';
import { frameFields, inDomain, type Aimer3d, type Frame, type FramedShot } from './aimer3d.js';
import type { ResolvedAimWorld } from './aim3d-world.js';
import { isMoving, targetAt, type MovingTarget, type Shot } from './intercept.js';

/**
 * The learned path of `aimAt`'s slowest shot: the 3D aimer's guess in the target's frame, then Newton on the physics at
 * the guessed elevation. The slowest shot sits on the ridge of the farthest reach, where the range hardly changes with
 * the elevation: holding the network's elevation and solving for the speed and the azimuth costs a speed above the
 * slowest only of the order of the elevation's error squared, and the solve is always well posed (the range grows with
 * the speed). The first flight carries the exact derivatives (`createImpactFlier`); the next ones fly the shot alone and
 * correct it with that Jacobian (the chord method: a step costs a flight without derivatives). The last flight, within
 * the tolerance, is the verification: the answer is that flight.
 */

/** Flights before the learned path gives the target back to the physics' own search. */
const MAX_FLIGHTS = 12;
/** Passes of the network on the meeting time of a moving target: aim where it will be after the guessed flight. */
const TIME_PASSES = 2;
/** Moves of the elevation onto the ridge of the farthest reach, at most, after the network's. */
const RIDGE_MOVES = 4;
/**
 * The speed's excess over the slowest shot that an answer may carry before its elevation is moved onto the ridge,
 * relative: 2.5·10⁻³ (the promise is 1%).
 */
const RIDGE_EXCESS = 2.5e-3;
/** The estimated excess beyond which a shot still off the ridge after its moves is handed to the physics' search. */
const RIDGE_GIVE_UP = 6e-3;

/** A shot and the flight that verified it: its impact and flight time at the target's height then. */
export interface NetworkShot extends Shot {
  iterations: number;
  flown: { x: number; y: number; time: number };
}

let withDerivatives: ImpactFlier | undefined;
let alone: ImpactFlier | undefined;
const frame: Frame = { range: 0, height: 0, alongWind: 0, crossWind: 0, drag: 0 };
const guess: FramedShot = { speed: 0, elevation: 0, turn: 0, time: 0 };
const out = new Float64Array(12);

/**
 * The slowest shot at a target, still or moving, by the network and the chord method at its elevation; null when the
 * target lies outside the aimer's box or the solve does not meet it within the box's speeds in MAX_FLIGHTS flights (the
 * physics' own search then answers, or says why nothing does). A moving target is first aimed where it will be after
 * the network's guessed flight (TIME_PASSES passes).
 */
export function slowestByNetwork(aimer: Aimer3d, world: ResolvedAimWorld, target: MovingTarget, tolerance: number): NetworkShot | null {
  const { domain } = aimer.metadata;
  const moving = isMoving(target);
  let t = 0;
  for (let pass = 0; pass < (moving ? TIME_PASSES : 1); pass++) {
    const at = moving ? targetAt(target, t) : { x: target.x, y: target.y, z: target.height };
    if (!(Math.hypot(at.x, at.y) > 0) || !inDomain(domain, frameOf(world, at.x, at.y, at.z, frame))) return null;
    aimer.predict(frame, guess);
    t = guess.time;
  }
  const at = moving ? targetAt(target, t) : target;
  const chord = new Chord(target, guess.speed, guess.elevation, Math.atan2(at.y, at.x) + guess.turn, t, tolerance);
  const { physics } = world;
  while (chord.result === undefined) {
    const fly = chord.refresh ? (withDerivatives ??= createImpactFlier(['speed', 'azimuth', 'elevation'])) : (alone ??= createImpactFlier([]));
    chord.take(fly(physics, chord.speed, chord.elevation, chord.azimuth, chord.height, out), out);
  }
  return answered(aimer, world, target, chord.result);
}

/**
 * `slowestByNetwork` for many targets in one world, together: the network guesses every shot in one call (a second
 * for the moving ones' meeting times), and each round of the chord method flies every shot still unsolved in one batch
 * of the physics (`simulateImpacts`: those refreshing their Jacobian with derivatives, the others without).
 */
export function slowestBatchByNetwork(aimer: Aimer3d, world: ResolvedAimWorld, targets: readonly MovingTarget[], tolerance: number): (NetworkShot | null)[] {
  const { domain } = aimer.metadata;
  const n = targets.length;
  // The guesses: each target where it is now, then the moving ones where they will be after the guessed flight. A
  // target outside the box (its time NaN) is left to the physics.
  let asked = targets.map((_, i) => i);
  const times = new Float64Array(n);
  const shots = { speed: new Float64Array(n), elevation: new Float64Array(n), turn: new Float64Array(n) };
  for (let pass = 0; pass < TIME_PASSES && asked.length > 0; pass++) {
    const frames = Object.fromEntries(frameFields.map((field) => [field, new Float64Array(asked.length)])) as Record<keyof Frame, Float64Array>;
    const inBox: number[] = [];
    for (const i of asked) {
      const at = targetAt(targets[i], times[i]);
      if (!(Math.hypot(at.x, at.y) > 0) || !inDomain(domain, frameOf(world, at.x, at.y, at.z, frame))) {
        times[i] = NaN;
        continue;
      }
      for (const field of frameFields) frames[field][inBox.length] = frame[field];
      inBox.push(i);
    }
    const guesses = aimer.predictBatch(frames, inBox.length);
    inBox.forEach((i, k) => {
      shots.speed[i] = guesses.speed[k];
      shots.elevation[i] = guesses.elevation[k];
      shots.turn[i] = guesses.turn[k];
      times[i] = guesses.time[k];
    });
    asked = inBox.filter((i) => isMoving(targets[i]));
  }
  const chords: (Chord | null)[] = targets.map((target, i) => {
    if (Number.isNaN(times[i])) return null;
    const at = targetAt(target, isMoving(target) ? times[i] : 0);
    return new Chord(target, shots.speed[i], shots.elevation[i], Math.atan2(at.y, at.x) + shots.turn[i], times[i], tolerance);
  });
  const { gravity, drag, windX, windY, launchHeight } = world.physics;
  const worldColumns = { gravity: [gravity], drag: [drag], windX: [windX], windY: [windY], launchHeight: [launchHeight] };
  const flown = new Float64Array(12);
  // The chords still solving, and each round's shots as columns (those refreshing their Jacobian, then the others).
  let solving = chords.flatMap((chord) => (chord ? [chord] : []));
  const columns = { speed: new Float64Array(n), elevation: new Float64Array(n), azimuth: new Float64Array(n), targetHeight: new Float64Array(n) };
  const flying: Chord[] = [];
  for (let round = 0; round < MAX_FLIGHTS && solving.length > 0; round++) {
    for (const refresh of [true, false]) {
      flying.length = 0;
      for (const chord of solving) {
        if (chord.result !== undefined || chord.refresh !== refresh) continue;
        const k = flying.length;
        columns.speed[k] = chord.speed;
        columns.elevation[k] = chord.elevation;
        columns.azimuth[k] = chord.azimuth;
        columns.targetHeight[k] = chord.height;
        flying.push(chord);
      }
      const m = flying.length;
      if (m === 0) continue;
      const fields = refresh ? (['speed', 'azimuth', 'elevation'] as const) : ([] as const);
      const shots = { speed: columns.speed.subarray(0, m), elevation: columns.elevation.subarray(0, m), azimuth: columns.azimuth.subarray(0, m), targetHeight: columns.targetHeight.subarray(0, m) };
      const impacts = simulateImpacts({ ...worldColumns, ...shots }, m, fields);
      for (let k = 0; k < m; k++) flying[k].take(!Number.isNaN(impactRow(impacts, fields, k, flown)[0]), flown);
    }
    solving = solving.filter((chord) => chord.result === undefined);
  }
  return chords.map((chord, i) => (chord?.result ? answered(aimer, world, targets[i], chord.result) : null));
}

/** A solved shot as the learned path answers it: within the box's speeds, met inside the box; else null. */
function answered(aimer: Aimer3d, world: ResolvedAimWorld, target: MovingTarget, shot: NetworkShot | null): NetworkShot | null {
  const { domain } = aimer.metadata;
  if (!shot || shot.speed > domain.maxSpeed) return null;
  if (isMoving(target)) {
    const met = targetAt(target, shot.time);
    if (!inDomain(domain, frameOf(world, met.x, met.y, met.z, frame))) return null;
  }
  return shot;
}

/**
 * The chord method on (speed, azimuth) at a fixed elevation, to a target that may move, one flight at a time (`take`):
 * the residual of a flight is its impact less where the target is at its flight time t, r = (x − pₓ(t), y − p_y(t)),
 * flown to the height the target had at the last flight's time; its Jacobian, from a flight's exact derivatives, is
 * ∂(x, y)/∂(v, a) − v_target·∂t/∂(v, a). The first flight carries them, each next one updates them by Broyden's rank-one
 * update, and a flight whose miss does not fall to a third refreshes them. Still targets also move the elevation onto
 * the ridge (see RIDGE_EXCESS): off it, the speed along the curve of shots that land on the point changes with the
 * elevation by h = dv/de = −(∂r/∂e × ∂r/∂a)/(∂r/∂v × ∂r/∂a) (× the 2D cross product); the speed is about v* + c·(e − e*)²/2 there, so the excess is about h²/(2c), and the move,
 * e − h/c, comes with the speed and azimuth that keep the impact, δ(v, a) = −J⁻¹·∂r/∂e·δe. The curvature c is the
 * secant of h over the last move, or at first 2v (the vacuum's, on level ground).
 */
class Chord {
  /** The shot to fly next, and the meeting time whose target height it is flown to. */
  speed: number;
  elevation: number;
  azimuth: number;
  time: number;
  /** Whether the next flight carries the derivatives (by speed, azimuth and elevation, in that order). */
  refresh = true;
  /** The answer once met (null: given up); undefined while solving. */
  result: NetworkShot | null | undefined = undefined;
  private jxv = 0;
  private jyv = 0;
  private jxa = 0;
  private jya = 0;
  private jxe = 0;
  private jye = 0;
  private lastMiss = Infinity;
  /** The last chord step, and the residual it was taken from (for Broyden's update). */
  private stepSpeed = 0;
  private stepAzimuth = 0;
  private lastRx = 0;
  private lastRy = 0;
  private flights = 0;
  private moves = 0;
  private readonly ridgeMoves: number;
  /** The last ridge move's elevation and slope dv/de, for the secant estimate of the curvature on the next one. */
  private lastElevation = NaN;
  private lastSlope = NaN;

  constructor(
    private readonly target: MovingTarget,
    speed: number,
    elevation: number,
    azimuth: number,
    time: number,
    private readonly tolerance: number,
  ) {
    [this.speed, this.elevation, this.time] = [speed, elevation, time];
    this.azimuth = wrap(azimuth);
    this.ridgeMoves = isMoving(target) ? 0 : RIDGE_MOVES;
  }

  /** The height of the target at the meeting time, which the next flight comes down through. */
  get height(): number {
    return this.target.height + this.target.vz * this.time;
  }

  /** Takes the flight of the shot asked for: [x, y, t], then, if it refreshed, ∂/∂(speed, azimuth, elevation) of each. */
  take(landed: boolean, out: ArrayLike<number>): void {
    const { target } = this;
    this.flights += 1;
    if (!landed) return void (this.result = null);
    const t = out[2];
    const rx = out[0] - target.x - target.vx * t;
    const ry = out[1] - target.y - target.vy * t;
    const miss = Math.hypot(rx, ry);
    if (this.refresh) {
      // ∂r/∂(v, a, e) = ∂(x, y)/∂(v, a, e) − v_target·∂t/∂(v, a, e)
      this.jxv = out[3] - target.vx * out[5];
      this.jyv = out[4] - target.vy * out[5];
      this.jxa = out[6] - target.vx * out[8];
      this.jya = out[7] - target.vy * out[8];
      this.jxe = out[9] - target.vx * out[11];
      this.jye = out[10] - target.vy * out[11];
      this.refresh = false;
    } else {
      if (!(miss <= this.lastMiss / 3)) this.refresh = true;
      // Broyden's update: the Jacobian made to carry the last step's change of the residual, J += (Δr − J·Δx)·Δxᵀ/|Δx|².
      const [dv, da] = [this.stepSpeed, this.stepAzimuth];
      const norm = dv * dv + da * da;
      if (norm > 0) {
        const ux = (rx - this.lastRx - (this.jxv * dv + this.jxa * da)) / norm;
        const uy = (ry - this.lastRy - (this.jyv * dv + this.jya * da)) / norm;
        this.jxv += ux * dv;
        this.jxa += ux * da;
        this.jyv += uy * dv;
        this.jya += uy * da;
      }
    }
    this.stepSpeed = this.stepAzimuth = 0;
    const { jxv, jyv, jxa, jya, jxe, jye } = this;
    const det = jxv * jya - jxa * jyv;
    if (!(Math.abs(det) > 0)) return void (this.result = null);
    // Met: within the tolerance where the target is at the impact, and at the height it has then.
    if (miss <= this.tolerance && Math.abs(target.vz * (t - this.time)) <= this.tolerance * 1e-4) {
      const slope = -(jxe * jya - jxa * jye) / det;
      const secant = (slope - this.lastSlope) / (this.elevation - this.lastElevation);
      const curvature = secant > 0 ? secant : 2 * this.speed;
      const excess = (slope * slope) / (2 * curvature * this.speed);
      if (this.ridgeMoves > 0 && excess > RIDGE_EXCESS && (this.moves >= this.ridgeMoves || this.flights >= MAX_FLIGHTS)) {
        // Given up on with the flatter of the two curvatures, so that a poor secant does not hide the excess.
        if ((slope * slope) / (2 * Math.min(curvature, 2 * this.speed) * this.speed) > RIDGE_GIVE_UP) return void (this.result = null);
      } else if (excess > RIDGE_EXCESS && this.moves < this.ridgeMoves) {
        this.moves += 1;
        [this.lastElevation, this.lastSlope] = [this.elevation, slope];
        const de = Math.max(-0.2, Math.min(0.2, -slope / curvature));
        // The slowest shot may point down (a low target in a headwind): the moves may take the elevation below 0.
        this.elevation = Math.min(Math.PI / 2 - 1e-3, Math.max(-Math.PI / 2 + 1e-3, this.elevation + de));
        this.speed -= ((jxe * jya - jxa * jye) / det) * de;
        this.azimuth = wrap(this.azimuth - ((jxv * jye - jxe * jyv) / det) * de);
        this.lastMiss = Infinity;
        this.refresh = true;
        return;
      }
      // The meeting time is the one the target's height was taken at (within tolerance·10⁻⁴ of the flight's).
      this.result = { speed: this.speed, elevation: this.elevation, azimuth: this.azimuth, time: this.time, iterations: this.flights - 1, flown: { x: out[0], y: out[1], time: t } };
      return;
    }
    if (this.flights >= MAX_FLIGHTS) return void (this.result = null);
    // J·(δv, δa) = −r
    const speed = Math.max(this.speed + (-rx * jya + ry * jxa) / det, this.speed / 2);
    this.stepAzimuth = Math.max(-0.5, Math.min(0.5, (-ry * jxv + rx * jyv) / det));
    this.stepSpeed = speed - this.speed;
    this.speed = speed;
    this.azimuth = wrap(this.azimuth + this.stepAzimuth);
    this.time = t;
    this.lastMiss = miss;
    this.lastRx = rx;
    this.lastRy = ry;
  }
}

/** An azimuth in (−π, π], as the answer reports it, so that the flight verified is the one answered. */
function wrap(azimuth: number): number {
  return Math.atan2(Math.sin(azimuth), Math.cos(azimuth));
}

/** Whether the 3D aimer's box covers the world: its drag model, its gravity, a still launcher at ground level. */
export function coversWorld(aimer: Aimer3d, world: ResolvedAimWorld, maxSpeed: number): boolean {
  const { physics } = world;
  return !physics.tableDrag && !physics.earth && physics.gravity === defaultWorld.gravity && physics.launchHeight === 0 && physics.launcherVelocity[0] === 0 && physics.launcherVelocity[1] === 0 && maxSpeed >= aimer.metadata.domain.maxSpeed;
}

/** The target at (x, y, height) in its frame, in the world's wind and drag. */
function frameOf(world: ResolvedAimWorld, x: number, y: number, height: number, into: Frame): Frame {
  const range = Math.hypot(x, y);
  const [cos, sin] = [x / range, y / range];
  const { windX, windY, drag } = world.physics;
  into.range = range;
  into.height = height;
  into.alongWind = windX * cos + windY * sin;
  into.crossWind = windY * cos - windX * sin;
  into.drag = drag;
  return into;
}

