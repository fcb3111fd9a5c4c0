import { createCrossingFlier, createImpactBatchFlier, createImpactFlier, defaultWorld, type CrossingFlier, type ImpactBatchFlier, type ImpactFlier } from '@cannon/physics';
import { frameFields, inDomain, type Aimer3d, type Frame, type FramedShot } from './aimer3d.js';
import type { ResolvedAimWorld } from './aim3d-world.js';
import { isMoving, targetAt, wrapAzimuth, type MovingTarget, type Shot } from './intercept.js';

/**
 * The learned path of `aimAt`'s slowest shot: the 3D aimer's guess in the target's frame, then Newton on the physics
 * at the guessed elevation, moved onto the ridge where it is estimated off it (`Chord`). The slowest shot sits on
 * the ridge of the farthest reach, where the range hardly changes with the elevation: holding an elevation and
 * solving for the speed and the azimuth costs a speed above the slowest only of the order of the elevation's error
 * squared, and the solve is always well posed (the range grows with the speed). The first flight carries the exact
 * derivatives (`createImpactFlier`); the next ones fly the shot alone and correct it with that Jacobian (the chord
 * method: a step costs a flight without derivatives). The last flight, within the tolerance, is the verification:
 * the answer is that flight.
 */

/**
 * The guessed elevation above which a still target is solved through the plane (`throughCrossing`) from the start: in
 * each 5° band of the box above 65°, a quarter to all of the targets end there after the chord's first flights, and
 * the solve through the plane alone is as fast or faster (over four seeds of the bench; below 65°, slower).
 */
const STEEP = (65 * Math.PI) / 180;
/** Flights before the learned path gives the target back to the physics' own search. */
const MAX_FLIGHTS = 12;
/** Passes of the network on the meeting time of a moving target: aim where it will be after the guessed flight. */
const TIME_PASSES = 2;
/** Moves of the elevation onto the ridge of the farthest reach, at most, after the network's. */
const RIDGE_MOVES = 4;
/**
 * Within what share of the range a still target's shot lands for its fresh Jacobian to judge the ridge, before the
 * target is met: a move then costs one flight, not the three or four that meet the target to the tolerance first. Its
 * slope is a point of the secant on the ridge's curvature too, the guess's included.
 */
const NEAR_RIDGE = 0.05;
/**
 * The speed's excess over the slowest shot that an answer may carry before its elevation is moved onto the ridge,
 * relative: 2.5·10⁻³ (the promise is 1%).
 */
const RIDGE_EXCESS = 2.5e-3;
/** The estimated excess beyond which a shot still off the ridge after its moves is handed to the physics' search. */
const RIDGE_GIVE_UP = 6e-3;
/**
 * Steps per flight in thin air of the flights before the answer's (the model's are 32): about 2.2 times cheaper, and
 * landing within about 0.1 mm of the model's at the median of the box, 2 mm at its 99th percentile. The solve meets the
 * target on these first, then goes on with the model's flights until one lands within the tolerance.
 */
const COARSE_STEPS = 8;

/** A shot and the flight that verified it: its impact and flight time at the target's height then. */
export interface NetworkShot extends Shot {
  iterations: number;
  flown: { x: number; y: number; time: number };
}

/**
 * How much more the least speed through a point curves with the elevation than on level ground, in a vacuum: on the
 * curve of shots through a point `range` away and `rise` above the muzzle, the speed is about v*·(1 + ρ·δe²/(ρ − h)),
 * ρ = √(R² + h²), so d²v/de² = 2v*·ρ/(ρ − h). A raised target near the launcher (h = 5 m, R = 2 m: 14 times) bends
 * far more than 2v, the first estimate of the ridge's curvature before a secant gives one.
 */
function steepness(range: number, rise: number): number {
  const rho = Math.hypot(range, rise);
  return rho / (rho - rise);
}

/** The derivatives a chord's refreshing flight carries, in this order. */
const derivatives = ['speed', 'azimuth', 'elevation'] as const;
/** The fliers, one shot at a time and in batches, made on first use: by [coarse, with the derivatives] (as 2·c + d). */
let fliers: ImpactFlier[] | undefined;
let batchFliers: ImpactBatchFlier[] | undefined;

/** The four kinds of flight a chord flies, made by `make`, at 2·coarse + refresh. */
function kinds<T>(make: (fields: readonly (typeof derivatives)[number][], options: { stepsPerFlight?: number }) => T): T[] {
  return [false, true].flatMap((coarse) => [false, true].map((refresh) => make(refresh ? derivatives : [], coarse ? { stepsPerFlight: COARSE_STEPS } : {})));
}

function flierOf(chord: Chord): ImpactFlier {
  fliers ??= kinds(createImpactFlier);
  return fliers[2 * Number(chord.coarse) + Number(chord.refresh)];
}

function batchFlierOf(coarse: boolean, refresh: boolean): ImpactBatchFlier {
  batchFliers ??= kinds(createImpactBatchFlier);
  return batchFliers[2 * Number(coarse) + Number(refresh)];
}
const frame: Frame = { range: 0, height: 0, alongWind: 0, crossWind: 0, drag: 0 };
const guess: FramedShot = { speed: 0, elevation: 0, turn: 0, time: 0 };
const out = new Float64Array(12);

/**
 * The slowest shot at a target, still or moving, by the network and the chord method at its elevation; null when the
 * target lies outside the aimer's box or the solve does not meet it within the box's speeds in MAX_FLIGHTS flights (the
 * physics' own search then answers, or says why nothing does). A moving target is first aimed where it will be after
 * the network's guessed flight (TIME_PASSES passes). A target where the chord gives up, or a still one the network aims
 * steeply (STEEP), or a moving one that will be outside the box, is solved through the plane instead
 * (`throughCrossing`; the last from the guess at where it is now).
 */
export function slowestByNetwork(aimer: Aimer3d, world: ResolvedAimWorld, target: MovingTarget, tolerance: number): NetworkShot | null {
  const { domain } = aimer.metadata;
  const moving = isMoving(target);
  let t = 0;
  for (let pass = 0; pass < (moving ? TIME_PASSES : 1); pass++) {
    const at = moving ? targetAt(target, t) : { x: target.x, y: target.y, z: target.height };
    if (!(Math.hypot(at.x, at.y) > 0) || !inDomain(domain, frameOf(world, at.x, at.y, at.z, frame))) {
      if (pass === 0) return null;
      // Where it will be lies outside the box: the walk through the plane, from the guess at where it is now.
      return answered(aimer, throughCrossing(world, target, { ...guess, time: t }, tolerance));
    }
    aimer.predict(frame, guess);
    t = guess.time;
  }
  if (!moving && guess.elevation > STEEP) return answered(aimer, throughCrossing(world, target, guess, tolerance));
  const at = moving ? targetAt(target, t) : target;
  const chord = new Chord(target, guess.speed, guess.elevation, Math.atan2(at.y, at.x) + guess.turn, t, tolerance);
  const { physics } = world;
  while (chord.result === undefined) chord.take(flierOf(chord)(physics, chord.speed, chord.elevation, chord.azimuth, chord.height, out), out, 0);
  if (chord.result === null) return answered(aimer, throughCrossing(world, target, { ...guess, time: t }, tolerance));
  return answered(aimer, chord.result);
}

/** Flights of the crossing's solve, at most. */
const CROSSING_FLIGHTS = 16;
/** The estimated excess over the slowest speed at which the crossing's solve stops moving the flight time, relative. */
const CROSSING_EXCESS = 1e-4;
/** The excess over the edge's speed that the bracket on the flight time may leave, relative, when the answer is at it. */
const EDGE_EXCESS = 1e-4;
/** Within what share of the range a shot is on the curve of shots through the target, and near it (see throughCrossing). */
const ON_CURVE = 0.01;
const NEAR_CURVE = 0.5;
/** The least descent through the target, as the sine of its angle below the horizontal, of an answer through the plane. */
const DESCENT = 0.02;
/** The largest move of the flight time in one step, as a share of the flight time, and of the elevation, rad. */
const TIME_MOVE = 0.2;
const ELEVATION_MOVE = 0.2;
let crossingFlier: CrossingFlier | undefined;
const crossed = new Float64Array(15);
const tangent = new Float64Array(3);
const newton = new Float64Array(3);

/**
 * The slowest shot through the target's point rather than down onto it, where the chord on the impacts gave up or
 * the network aims a still target steeply: the slowest shot at a raised target near the launcher comes down through
 * the target just past its apex, where a shot a little slower never comes down through its height at all, and one a
 * little faster comes down through it far away. The solve flies to the vertical plane through the target, square to
 * its bearing (`createCrossingFlier`, coarse flights): where the shot crosses it, at what height and when, is smooth
 * through the apex.
 *
 * The shots through the target are a curve, and the solve walks it by the flight time T, not by the elevation: near
 * the apex the least speed bends with the elevation 8 to 30 times more than a vacuum foretells, and with the time
 * about as a vacuum does. For each T one launch velocity meets the target then; in a vacuum v² = ρ²/T² + g·h +
 * g²T²/4 (ρ the target's distance from the muzzle, h its height), so d²v/dT² = g²/v* at the least speed whatever the
 * target. Drag bends it more, by about 1 + 1.3·k·v²/g (within about 20% over twenty such targets of the box): the
 * first estimate of the curvature c, before a secant on the slope gives one.
 *
 * Each flight near the curve (within NEAR_CURVE of the range): Newton's step to cross at the target at the time T +
 * δT, J·δ(v, a, e) = (−δz, −offset, δT) with J = ∂(height, offset, time)/∂(speed, azimuth, elevation), and the
 * speed's second order along the curve, c·δT²/2; shortened to move the elevation by at most ELEVATION_MOVE. The move
 * δT = −(dv/dT)/c is the secant's root on the slope dv/dT = (J⁻¹)ᵥₜ, at most TIME_MOVE·T. The answer comes down
 * through the target by at least DESCENT: with drag and wind the least speed through it may pass it on the way up,
 * and the answer is then at the edge, found by the secant on the descent's margin (at first its vacuum rate, h/T² +
 * g/2). Shots on the curve (within ON_CURVE) narrow a bracket on T, and a move that leaves it bisects it. Farther
 * off, where a step at a fixed time may ask for any launch, Newton's step holds the elevation (and a moving target's
 * plane) instead (the height at the plane grows with the speed). A shot that does not cross the plane, or crosses it
 * farther off at the same time, is taken halfway back. Once at the least speed (or at the edge) and within a third
 * of the tolerance, or foreseen there after one more Newton step (then taken), the chord at that elevation finishes
 * on the model's impacts (settled: no moves), and its last flight is the answer.
 *
 * A moving target: each flight's plane is placed through where the target is at the meeting time the last step aimed
 * for, and the curve is that of the shots that meet it anywhere on its path. The plane moving with the target by s
 * along the bearing moves the crossing by (vz, vOffset, 1)·s/vAlong, which the steps carry (see below), so the same
 * walk finds the slowest shot that meets it, not only the slowest at one meeting point; the chord then flies its own
 * derivatives.
 * Null when it does not get there in CROSSING_FLIGHTS flights.
 */
export function throughCrossing(world: ResolvedAimWorld, target: MovingTarget, start: FramedShot, tolerance: number): NetworkShot | null {
  crossingFlier ??= createCrossingFlier(['speed', 'azimuth', 'elevation'], { stepsPerFlight: COARSE_STEPS });
  const { physics } = world;
  const { gravity, drag } = physics;
  const { vx: targetVx, vy: targetVy, vz: targetVz } = target;
  // The meeting time the next flight's plane is placed at, through where the target is then, square to its bearing
  // from the muzzle (a still target's plane stays).
  let meet = isMoving(target) ? start.time : 0;
  let at = targetAt(target, meet);
  let [range, bearing] = [Math.hypot(at.x, at.y), Math.atan2(at.y, at.x)];
  let [speed, elevation, azimuth] = [start.speed, start.elevation, bearing + start.turn];
  // The answer's bracket in the flight time [low, high]; the last time and slope dv/dT met near the curve of shots
  // through the target; the last times known to come down through it steeply enough and not, and their margins.
  let [low, high] = [0, Infinity];
  let [lastTime, lastSlope] = [NaN, NaN];
  let curvature = 0;
  let [downTime, downMargin] = [NaN, NaN];
  let [upTime, upMargin] = [NaN, NaN];
  /** Whether a shot near the curve has passed the target on its way up, or too flat: the answer may be at the edge. */
  let edge = false;
  /** The last miss on the ground met on the curve, against which the next one is foreseen. */
  let lastMiss = Infinity;
  // The last shot that crossed the plane, its residual's size, and the step taken from it: a shot that does not cross,
  // or crosses farther off at the same time, is taken halfway back.
  let [fromSpeed, fromElevation, fromAzimuth, fromMeet, fromResidual, fromFar] = [NaN, NaN, NaN, NaN, Infinity, false];
  let [stepSpeed, stepElevation, stepAzimuth, stepMeet, stepTime] = [0, 0, 0, 0, 0];
  const back = () => {
    [stepSpeed, stepElevation, stepAzimuth, stepMeet] = [stepSpeed / 2, stepElevation / 2, stepAzimuth / 2, stepMeet / 2];
    [speed, elevation, azimuth, meet] = [fromSpeed + stepSpeed, fromElevation + stepElevation, wrapAzimuth(fromAzimuth + stepAzimuth), fromMeet + stepMeet];
  };
  for (let flight = 0; flight < CROSSING_FLIGHTS; flight++) {
    at = targetAt(target, meet);
    [range, bearing] = [Math.hypot(at.x, at.y), Math.atan2(at.y, at.x)];
    if (!(range > 0)) return null;
    const floor = Math.min(physics.launchHeight, at.z) - range - 100;
    if (!crossingFlier(physics, speed, elevation, azimuth, bearing, range, floor, crossed)) {
      if (Number.isNaN(fromSpeed)) speed *= 1.1;
      else back();
      continue;
    }
    const [rz, ro, t, vAlong, vOffset, vz] = [crossed[0], crossed[1], crossed[2], crossed[3], crossed[4], crossed[5]];
    // The target's velocity in the plane's axes; the shot less the target when it crosses the plane at t, the target
    // having moved on from the plane by its velocity times t − meet.
    const [cos, sin] = [Math.cos(bearing), Math.sin(bearing)];
    const [targetAlong, targetOffset] = [targetVx * cos + targetVy * sin, targetVy * cos - targetVx * sin];
    const late = t - meet;
    const [missAlong, missOffset, missZ] = [-targetAlong * late, ro - targetOffset * late, rz - at.z - targetVz * late];
    const residual = Math.hypot(missAlong, missOffset, missZ);
    // How far off the shot crosses the plane from where the target is at the plane's time, whenever it crosses.
    const planeMiss = Math.hypot(rz - at.z, ro);
    if ((fromFar ? planeMiss : residual) > fromResidual && stepTime === 0) {
      back();
      continue;
    }
    // ∂(height, offset, time) by the speed, the azimuth and the elevation, J: the tangent of the curve by the meeting
    // time, and Newton's step to meet the target at t. Moving the plane with the target by s along the bearing moves
    // the crossing by (vz, vOffset, 1)·s/vAlong: J·δx = (V_z − vz·k, V_offset − vOffset·k, 1 − k)·δT for the
    // tangent and (−missZ − vz·k·late, −missOffset − vOffset·k·late, −k·late) for the step, k = V_along/vAlong
    // (for a still target, (0, 0, 1) and (−δz, −offset, 0)).
    const k = targetAlong / vAlong;
    if (!solveCrossing(crossed, targetVz - vz * k, targetOffset - vOffset * k, 1 - k, tangent)) return null;
    if (!solveCrossing(crossed, -missZ - vz * k * late, -missOffset - vOffset * k * late, -k * late, newton)) return null;
    const slope = tangent[0];
    // The miss on the ground at the target's height, to first order: the shot's miss slid along its velocity relative
    // to the target's until their heights meet.
    const closing = vz - targetVz;
    const miss = closing < 0 ? Math.hypot(missAlong - ((vAlong - targetAlong) * missZ) / closing, missOffset - ((vOffset - targetOffset) * missZ) / closing) : Infinity;
    // Coming down through the target steeply enough to be met on the impacts: a descent of at least about 1°.
    const margin = -vz - DESCENT * Math.hypot(vAlong, vOffset, vz);
    let next = t;
    // Near the curve of shots through the target (within half the range, where the slope is about the curve's), the
    // secant takes the slope and the time moves; on it (within a hundredth), the bracket narrows too, and the answer
    // may be.
    const near = planeMiss <= Math.max(tolerance, NEAR_CURVE * range);
    const on = residual <= Math.max(tolerance, ON_CURVE * range);
    // The curvature d²v/dT²: the secant's, or at first the vacuum's with drag's share (see above).
    let bend = 0;
    if (near) {
      if (t !== lastTime && !Number.isNaN(lastTime)) {
        const secant = (slope - lastSlope) / (t - lastTime);
        if (secant > 0) curvature = secant;
      }
      bend = curvature > 0 ? curvature : ((gravity * gravity) / speed) * (1 + (1.3 * drag * speed * speed) / gravity);
      const excess = (slope * slope) / (2 * bend * speed);
      if (on && margin >= 0) {
        // Down through the target: the least speed is where the slope changes sign.
        if (slope > 0) high = Math.min(high, t);
        else low = Math.max(low, t);
      } else if (on) low = Math.max(low, t);
      // Not down through it: the answer is later, at the edge if the least speed is before it.
      if (margin < 0) edge = true;
      // Within a third of the tolerance, or foreseen there after one more Newton step (by the ratio of the last two
      // misses, as the chord foresees its coarse flights), which is then taken: the model's flight from there is the
      // one that verifies it, not a coarse one more.
      const soon = miss <= tolerance / 3 || (miss * Math.min(1, miss / lastMiss) * 3 <= tolerance && miss <= 30 * tolerance);
      lastMiss = miss;
      // The descent's margin grows with the time: by the secant of the last shots down through the target and not, or
      // at first at about the vacuum's rate at the target, h/T² + g/2 (at least g/4). The edge is where it is 0, and
      // an answer there is within `width` of it: its speed within EDGE_EXCESS of the edge's.
      const rise = at.z - physics.launchHeight;
      const rate = Math.max(Number.isNaN(downTime) || Number.isNaN(upTime) ? rise / (t * t) + gravity / 2 : (downMargin - upMargin) / (downTime - upTime), gravity / 4);
      const width = (EDGE_EXCESS * speed) / Math.abs(slope);
      const atEdge = slope > 0 && margin >= 0 && margin / rate <= width;
      if (on && margin >= 0 && (excess <= CROSSING_EXCESS || atEdge) && soon) {
        if (miss > tolerance / 3) {
          speed += Math.max(newton[0], -speed / 2);
          azimuth = wrapAzimuth(azimuth + Math.max(-0.5, Math.min(0.5, newton[1])));
          elevation += newton[2];
        }
        const chord = new Chord(target, speed, elevation, azimuth, isMoving(target) ? t : 0, tolerance, true);
        // A still target's Jacobian from the crossing's: the impact is where the shot, from the crossing, comes down to
        // the target's height along its velocity, δalong = −δz·vAlong/vz and δoffset − δz·vOffset/vz, turned from the
        // bearing's axes. A moving target's chord flies its own first.
        if (!isMoving(target)) {
          const [jzv, jov, jza, joa, jze, joe] = [crossed[6], crossed[7], crossed[9], crossed[10], crossed[12], crossed[13]];
          const [pAlong, pOffset] = [-vAlong / vz, -vOffset / vz];
          const turn = (jz: number, jo: number, into: 0 | 1) => (into === 0 ? cos * pAlong * jz - sin * (jo + pOffset * jz) : sin * pAlong * jz + cos * (jo + pOffset * jz));
          chord.assume(turn(jzv, jov, 0), turn(jzv, jov, 1), turn(jza, joa, 0), turn(jza, joa, 1), turn(jze, joe, 0), turn(jze, joe, 1));
        }
        while (chord.result === undefined) chord.take(flierOf(chord)(physics, chord.speed, chord.elevation, chord.azimuth, chord.height, out), out, 0);
        if (chord.result) chord.result.iterations += flight + 1;
        return chord.result;
      }
      // To the least speed, the secant's root on the slope; not before the edge once a shot has passed the target on
      // its way up (or this one does), to half the width past the edge (at most half a percent of the time).
      if (excess > CROSSING_EXCESS) next = t - slope / bend;
      if (edge) {
        const root = t - margin / rate;
        next = Math.max(next, Math.min(root + Math.min(width, 0.01 * t) / 2, (Math.max(root, low) + high) / 2));
      }
      next = Math.max(t * (1 - TIME_MOVE), Math.min(t * (1 + TIME_MOVE), next));
      // Bisection when it leaves the bracket.
      if (next !== t && !(next > low && next < high)) next = high < Infinity ? (low + high) / 2 : Math.max(next, low * (1 + 1e-3));
      if (margin >= 0) [downTime, downMargin] = [t, margin];
      else [upTime, upMargin] = [t, margin];
      [lastTime, lastSlope] = [t, slope];
    }
    [fromSpeed, fromElevation, fromAzimuth, fromMeet, fromFar] = [speed, elevation, azimuth, near ? t : meet, !near];
    fromResidual = !near ? planeMiss : next === t ? residual : Infinity;
    if (near) {
      // Newton's step to the target at the next time, and along the curve the speed's second order in the move,
      // c·δT²/2; shortened to move the elevation by at most ELEVATION_MOVE, and kept within ±90°.
      const move = next - t;
      const turnUp = newton[2] + tangent[2] * move;
      const share = Math.min(1, ELEVATION_MOVE / Math.abs(turnUp));
      stepTime = stepMeet = move * share;
      stepSpeed = share * (newton[0] + tangent[0] * move + (bend * move * move) / 2);
      stepAzimuth = share * (newton[1] + tangent[1] * move);
      stepElevation = Math.max(-Math.PI / 2 + 1e-3, Math.min(Math.PI / 2 - 1e-3, elevation + share * turnUp)) - elevation;
    } else {
      // Far from it, where a step at a fixed time may ask for any launch: Newton's step on the speed and the azimuth
      // at this elevation, where the height at the plane grows with the speed.
      const [jzv, jov, jza, joa] = [crossed[6], crossed[7], crossed[9], crossed[10]];
      const det = jzv * joa - jza * jov;
      if (!(Math.abs(det) > 0)) return null;
      [stepTime, stepMeet, stepElevation] = [0, 0, 0];
      stepSpeed = (-(rz - at.z) * joa + ro * jza) / det;
      stepAzimuth = (-ro * jzv + (rz - at.z) * jov) / det;
    }
    stepSpeed = Math.max(stepSpeed, -speed / 2);
    stepAzimuth = Math.max(-0.5, Math.min(0.5, stepAzimuth));
    [speed, elevation, azimuth, meet] = [speed + stepSpeed, elevation + stepElevation, wrapAzimuth(azimuth + stepAzimuth), fromMeet + stepMeet];
  }
  return null;
}

/**
 * Solves J·x = r for the crossing's Jacobian J, ∂(height, offset, time)/∂(speed, azimuth, elevation) as
 * `createCrossingFlier` records it from 6 (column by column), into x (speed, azimuth, elevation); false when singular.
 */
function solveCrossing(flight: ArrayLike<number>, rz: number, ro: number, rt: number, into: Float64Array): boolean {
  const [a, d, g, b, e, h, c, f, i] = [flight[6], flight[7], flight[8], flight[9], flight[10], flight[11], flight[12], flight[13], flight[14]];
  const [ca, cb, cc] = [e * i - f * h, f * g - d * i, d * h - e * g];
  const det = a * ca + b * cb + c * cc;
  if (!(Math.abs(det) > 0)) return false;
  into[0] = (ca * rz + (c * h - b * i) * ro + (b * f - c * e) * rt) / det;
  into[1] = (cb * rz + (a * i - c * g) * ro + (c * d - a * f) * rt) / det;
  into[2] = (cc * rz + (b * g - a * h) * ro + (a * e - b * d) * rt) / det;
  return true;
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
  // target outside the box (its time NaN) is left to the physics; one that will be outside it walks through the plane
  // from the guess at where it is now (`walking`).
  let asked = targets.map((_, i) => i);
  const times = new Float64Array(n);
  const walking = new Uint8Array(n);
  const shots = { speed: new Float64Array(n), elevation: new Float64Array(n), turn: new Float64Array(n) };
  for (let pass = 0; pass < TIME_PASSES && asked.length > 0; pass++) {
    const frames = Object.fromEntries(frameFields.map((field) => [field, new Float64Array(asked.length)])) as Record<keyof Frame, Float64Array>;
    const inBox: number[] = [];
    for (const i of asked) {
      const target = targets[i];
      const t = times[i];
      const x = target.x + target.vx * t;
      const y = target.y + target.vy * t;
      if (!(x * x + y * y > 0) || !inDomain(domain, frameOf(world, x, y, target.height + target.vz * t, frame))) {
        if (pass === 0) times[i] = NaN;
        else walking[i] = 1;
        continue;
      }
      const k = inBox.length;
      frames.range[k] = frame.range;
      frames.height[k] = frame.height;
      frames.alongWind[k] = frame.alongWind;
      frames.crossWind[k] = frame.crossWind;
      frames.drag[k] = frame.drag;
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
    if (Number.isNaN(times[i]) || walking[i] || (!isMoving(target) && shots.elevation[i] > STEEP)) return null;
    const t = isMoving(target) ? times[i] : 0;
    return new Chord(target, shots.speed[i], shots.elevation[i], Math.atan2(target.y + target.vy * t, target.x + target.vx * t) + shots.turn[i], times[i], tolerance);
  });
  // Each round flies every chord still solving, in four batches: coarse or the model's, with derivatives or alone
  // (group 2·coarse + refresh).
  let solving = chords.filter((chord): chord is Chord => chord !== null);
  const columns = { speed: new Float64Array(n), elevation: new Float64Array(n), azimuth: new Float64Array(n), targetHeight: new Float64Array(n) };
  const flown = new Float64Array(n * 12);
  const groups: Chord[][] = [[], [], [], []];
  for (let round = 0; round < MAX_FLIGHTS && solving.length > 0; round++) {
    for (const group of groups) group.length = 0;
    for (const chord of solving) groups[2 * Number(chord.coarse) + Number(chord.refresh)].push(chord);
    groups.forEach((flying, g) => {
      if (flying.length === 0) return;
      for (let k = 0; k < flying.length; k++) {
        const chord = flying[k];
        columns.speed[k] = chord.speed;
        columns.elevation[k] = chord.elevation;
        columns.azimuth[k] = chord.azimuth;
        columns.targetHeight[k] = chord.height;
      }
      const refresh = (g & 1) === 1;
      batchFlierOf(g >= 2, refresh)(world.physics, columns, flying.length, flown);
      const row = refresh ? 12 : 3;
      for (let k = 0; k < flying.length; k++) flying[k].take(!Number.isNaN(flown[k * row]), flown, k * row);
    });
    solving = solving.filter((chord) => chord.result === undefined);
  }
  return chords.map((chord, i) => {
    if (Number.isNaN(times[i])) return null;
    const guessed = { speed: shots.speed[i], elevation: shots.elevation[i], turn: shots.turn[i], time: times[i] };
    const shot = chord?.result ?? throughCrossing(world, targets[i], guessed, tolerance);
    return answered(aimer, shot);
  });
}

/** A solved shot as the learned path answers it: within the box's speeds (met anywhere: the physics verifies it); else null. */
function answered(aimer: Aimer3d, shot: NetworkShot | null): NetworkShot | null {
  return shot && shot.speed <= aimer.metadata.domain.maxSpeed ? shot : null;
}

/**
 * The chord method on (speed, azimuth) at a fixed elevation, to a target that may move, one flight at a time (`take`):
 * the residual of a flight is its impact less where the target is at its flight time t, r = (x − pₓ(t), y − p_y(t)),
 * flown to the height the target had at the last flight's time; its Jacobian, from a flight's exact derivatives, is
 * ∂(x, y)/∂(v, a) − v_target·∂t/∂(v, a). The first flight carries them, each next one updates them by Broyden's rank-one
 * update, and a flight whose miss does not fall to a third refreshes them.
 *
 * The flights are coarse ones (COARSE_STEPS) until the next is expected within a third of the tolerance; then the
 * model's, until one lands within it: that one is the answer, verified.
 *
 * The chord also moves the elevation onto the ridge (see RIDGE_EXCESS), judged at the guess's flight, at each fresh
 * Jacobian of a shot that lands near the target (NEAR_RIDGE), and again when the target is met: for a moving target,
 * the ridge of the shots that meet it anywhere on its path, whose residual's Jacobian carries its motion. Off the
 * ridge, the speed along the curve of shots that land on the point changes with the elevation by
 * h = dv/de = −(∂r/∂e × ∂r/∂a)/(∂r/∂v × ∂r/∂a) (× the 2D cross product); the speed is about v* + c·(e − e*)²/2 there,
 * so the excess is about h²/(2c), and the move, e − h/c, comes with the chord step that meets the target at the new
 * elevation, J·δ(v, a) = −(r + ∂r/∂e·δe). The curvature c is the secant of h over the last move, or at first the
 * vacuum's at the target, 2v·ρ/(ρ − h) (`steepness`; 2v on level ground).
 */
class Chord {
  /** The shot to fly next, and the meeting time whose target height it is flown to. */
  speed: number;
  elevation: number;
  azimuth: number;
  time: number;
  /** Whether the next flight carries the derivatives (by speed, azimuth and elevation, in that order). */
  refresh = true;
  /** Whether the next flight is a coarse one (COARSE_STEPS): until the target is met on them, then the model's. */
  coarse = true;
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
  /** The shot of the last flight that landed, which the last step (a chord step or a ridge move) was taken from. */
  private landedSpeed = NaN;
  private landedAzimuth = NaN;
  private landedElevation = NaN;
  private stepElevation = 0;
  private lastRx = 0;
  private lastRy = 0;
  private flights = 0;
  private moves = 0;
  private readonly ridgeMoves: number;
  /** The still target's distance, m, against which a miss is near the curve of shots that land on it. */
  private readonly range: number;
  /** The vacuum's curvature of the speed along the ridge over 2v at this target (`steepness`; the launcher at height 0). */
  private readonly steep: number;
  /** The last ridge move's elevation and slope dv/de, for the secant estimate of the curvature on the next one. */
  private lastElevation = NaN;
  private lastSlope = NaN;
  /** Whether the shot's place on the ridge has been judged (when the target was first met). */
  private judged = false;
  /** Whether the last flight was the first of the model's after coarse ones: its residual moved with the model, not the step. */
  private switched = false;

  constructor(
    private readonly target: MovingTarget,
    speed: number,
    elevation: number,
    azimuth: number,
    time: number,
    private readonly tolerance: number,
    settled = false,
  ) {
    this.speed = speed;
    this.elevation = elevation;
    this.time = time;
    this.azimuth = wrapAzimuth(azimuth);
    this.ridgeMoves = settled ? 0 : RIDGE_MOVES;
    this.range = Math.hypot(target.x, target.y);
    this.steep = steepness(this.range, target.height);
    // Settled: the elevation is the ridge's already, and the shot within the tolerance on coarse flights.
    if (settled) [this.judged, this.coarse] = [true, false];
  }

  /** Takes ∂r/∂(v, a, e) as given, for the next flight to fly without derivatives. */
  assume(jxv: number, jyv: number, jxa: number, jya: number, jxe: number, jye: number): void {
    [this.jxv, this.jyv, this.jxa, this.jya, this.jxe, this.jye] = [jxv, jyv, jxa, jya, jxe, jye];
    this.refresh = false;
  }

  /** The height of the target at the meeting time, which the next flight comes down through. */
  get height(): number {
    return this.target.height + this.target.vz * this.time;
  }

  /** Takes the flight of the shot asked for, from `at` of `flight`: [x, y, t], then, if it refreshed, ∂/∂(speed, azimuth, elevation) of each. */
  take(landed: boolean, flight: ArrayLike<number>, at: number): void {
    const { target } = this;
    this.flights += 1;
    if (!landed) return this.notLanded();
    const t = flight[at + 2];
    const rx = flight[at] - target.x - target.vx * t;
    const ry = flight[at + 1] - target.y - target.vy * t;
    let miss = Math.sqrt(rx * rx + ry * ry);
    const fresh = this.refresh;
    if (this.refresh) {
      // ∂r/∂(v, a, e) = ∂(x, y)/∂(v, a, e) − v_target·∂t/∂(v, a, e)
      this.jxv = flight[at + 3] - target.vx * flight[at + 5];
      this.jyv = flight[at + 4] - target.vy * flight[at + 5];
      this.jxa = flight[at + 6] - target.vx * flight[at + 8];
      this.jya = flight[at + 7] - target.vy * flight[at + 8];
      this.jxe = flight[at + 9] - target.vx * flight[at + 11];
      this.jye = flight[at + 10] - target.vy * flight[at + 11];
      this.refresh = false;
    } else {
      if (!(miss <= this.lastMiss / 3)) this.refresh = true;
      // Broyden's update: the Jacobian made to carry the last step's change of the residual, J += (Δr − J·Δx)·Δxᵀ/|Δx|²
      // (not across the change from coarse flights to the model's, which moves the residual by itself).
      const dv = this.stepSpeed;
      const da = this.stepAzimuth;
      const norm = this.switched ? 0 : dv * dv + da * da;
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
    this.switched = false;
    const { jxv, jyv, jxa, jya, jxe, jye } = this;
    const det = jxv * jya - jxa * jyv;
    if (!(Math.abs(det) > 0)) return void (this.result = null);
    // Met: within the tolerance where the target is at the impact, and at the height it has then. On the model's
    // flights, once the ridge is judged, that is the answer; on coarse ones, the chord step below is taken and the
    // model's flights go on from there.
    // A coarse flight counts as met when the next is expected within a third of the tolerance: its miss times the
    // ratio of the last two misses (the chord method converges by about a constant ratio), and within the tolerance.
    const reach = this.coarse ? miss * Math.min(1, miss / this.lastMiss) * 3 : miss;
    const met = reach <= this.tolerance && miss <= this.tolerance * 30 && Math.abs(target.vz * (t - this.time)) <= this.tolerance * 1e-4;
    if (met && this.judged && !this.coarse) return void (this.result = this.answer(flight, at, t));
    // The ridge is judged when the target is met, and first at the guess itself (its first flight), where a move
    // saves the flights that would meet the target off the ridge first.
    // After a move, the ridge is judged on a fresh Jacobian: the elevation's column is not kept by Broyden's update,
    // and near the apex it changes fast with the shot.
    const onCurve = fresh && miss <= NEAR_RIDGE * this.range;
    const near = onCurve && this.ridgeMoves > 0 && !met && !this.judged && this.flights > 1;
    const stale = met && !this.judged && this.moves > 0 && !fresh;
    if (stale) this.refresh = true;
    else if ((met && !this.judged) || (this.flights === 1 && this.ridgeMoves > 0) || near) {
      const slope = -(jxe * jya - jxa * jye) / det;
      const secant = (slope - this.lastSlope) / (this.elevation - this.lastElevation);
      const curvature = secant > 0 ? secant : 2 * this.speed * this.steep;
      const excess = (slope * slope) / (2 * curvature * this.speed);
      if (this.ridgeMoves > 0 && excess > RIDGE_EXCESS && (this.moves >= this.ridgeMoves || this.flights >= MAX_FLIGHTS)) {
        // Given up on with the flatter of the two curvatures, so that a poor secant does not hide the excess.
        if ((slope * slope) / (2 * Math.min(curvature, 2 * this.speed) * this.speed) > RIDGE_GIVE_UP) return void (this.result = null);
      } else if (excess > RIDGE_EXCESS && this.moves < this.ridgeMoves) {
        this.moves += 1;
        // A slope taken where the shot lands far off the target (the guess's, often) is not a point of the secant.
        if (met || onCurve) [this.lastElevation, this.lastSlope] = [this.elevation, slope];
        const de = Math.max(-0.2, Math.min(0.2, -slope / curvature));
        // The slowest shot may point down (a low target in a headwind): the moves may take the elevation below 0.
        const elevation = Math.min(Math.PI / 2 - 1e-3, Math.max(-Math.PI / 2 + 1e-3, this.elevation + de));
        // The chord step to the target at the new elevation, with the move.
        this.step(elevation, rx + jxe * (elevation - this.elevation), ry + jye * (elevation - this.elevation), det, t);
        this.lastMiss = Infinity;
        this.refresh = true;
        return;
      }
      // Left where it is: on the ridge once met (judged again then, when the guess was), or already on the way to it
      // when a near judgement finds it well within the excess allowed (no fresh Jacobian is flown to judge it again).
      if (met) {
        this.judged = true;
        if (!this.coarse) return void (this.result = this.answer(flight, at, t));
      } else if (near && excess <= RIDGE_EXCESS / 2) this.judged = true;
    }
    if (this.flights >= MAX_FLIGHTS) return void (this.result = null);
    // Met on coarse flights: on to the model's, once the ridge is judged on a fresh Jacobian (a stale one is refreshed
    // on a coarse flight first, where judging costs half as much and a move no model's flight).
    if (met && !stale) {
      this.coarse = false;
      this.switched = true;
      miss = Infinity;
    }
    this.step(this.elevation, rx, ry, det, t);
    this.lastMiss = miss;
    this.lastRx = rx;
    this.lastRy = ry;
  }

  /**
   * A shot that did not come down through the target's height: its apex below it (a raised target near the slowest
   * shot, whose apex is close to it). The slowest shot is then left to the solve through the plane (`throughCrossing`),
   * which the apex does not trouble. Otherwise (a settled elevation), a guess that never landed is sped up by a tenth;
   * else the last step, a chord step or a ridge move, is halved, back towards the last shot that landed (from which
   * Broyden's update then sees it).
   */
  private notLanded(): void {
    if (this.flights >= MAX_FLIGHTS || this.ridgeMoves > 0) return void (this.result = null);
    if (Number.isNaN(this.landedSpeed)) {
      this.speed *= 1.1;
      return;
    }
    this.stepSpeed /= 2;
    this.stepAzimuth /= 2;
    this.stepElevation /= 2;
    this.speed = this.landedSpeed + this.stepSpeed;
    this.azimuth = wrapAzimuth(this.landedAzimuth + this.stepAzimuth);
    this.elevation = this.landedElevation + this.stepElevation;
  }

  /**
   * The chord step from the shot just flown, which landed (kept as the one it is taken from): to `elevation`, with
   * J·(δv, δa) = −(mx, my), the residual r plus the move's ∂r/∂e·δe, the speed at least halved and the turn within
   * ±0.5 rad; the next flight is to the target's height at this flight's time t.
   */
  private step(elevation: number, mx: number, my: number, det: number, t: number): void {
    const { jxv, jyv, jxa, jya } = this;
    this.landedSpeed = this.speed;
    this.landedAzimuth = this.azimuth;
    this.landedElevation = this.elevation;
    const speed = Math.max(this.speed + (-mx * jya + my * jxa) / det, this.speed / 2);
    this.stepElevation = elevation - this.elevation;
    this.stepAzimuth = Math.max(-0.5, Math.min(0.5, (-my * jxv + mx * jyv) / det));
    this.stepSpeed = speed - this.speed;
    this.elevation = elevation;
    this.speed = speed;
    this.azimuth = wrapAzimuth(this.azimuth + this.stepAzimuth);
    this.time = t;
  }

  /** The answer, met by `flight` (the meeting time is the one the target's height was taken at, within tolerance·10⁻⁴ of the flight's). */
  private answer(flight: ArrayLike<number>, at: number, t: number): NetworkShot {
    return { speed: this.speed, elevation: this.elevation, azimuth: this.azimuth, time: this.time, iterations: this.flights - 1, flown: { x: flight[at], y: flight[at + 1], time: t } };
  }
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

