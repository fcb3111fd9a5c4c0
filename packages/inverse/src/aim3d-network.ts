import { defaultWorld, createImpactFlier, type ImpactFlier } from '@cannon/physics';
import { inDomain, type Aimer3d, type Frame, type FramedShot } from './aimer3d.js';
import type { ResolvedAimWorld } from './aim3d-world.js';
import { targetAt, type MovingTarget, type Shot } from './intercept.js';

/**
 * The learned path of `aimAt`'s slowest shot: the 3D aimer's guess in the target's frame, then Newton on the physics at
 * the guessed elevation. The slowest shot sits on the ridge of the farthest reach, where the range hardly changes with
 * the elevation: holding the network's elevation and solving for the speed and the azimuth costs a speed above the
 * slowest only of the order of the elevation's error squared, and the solve is always well posed (the range grows with
 * the speed). The first flight carries the exact derivatives (`createImpactFlier`); the next ones fly the shot alone and
 * correct it with that Jacobian (the chord method: a step costs half a flight with derivatives, and from a guess a few
 * centimetres off it converges in one or two). The last flight, within the tolerance, is the verification: the answer
 * is that flight.
 */

/** Flights before the learned path gives the target back to the physics' own search. */
const MAX_FLIGHTS = 8;
/** Passes of the network on the meeting time of a moving target: aim where it will be after the guessed flight. */
const TIME_PASSES = 2;
/** Moves of the elevation onto the ridge of the farthest reach, at most, after the network's. */
const RIDGE_MOVES = 3;
/**
 * The speed's excess over the slowest shot that an answer may carry before its elevation is moved onto the ridge,
 * relative: 10⁻³ (the promise is 1%).
 */
const RIDGE_EXCESS = 1e-3;

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
  const moving = target.vx !== 0 || target.vy !== 0 || target.vz !== 0;
  let t = 0;
  for (let pass = 0; pass < (moving ? TIME_PASSES : 1); pass++) {
    const at = moving ? targetAt(target, t) : { x: target.x, y: target.y, z: target.height };
    if (!(Math.hypot(at.x, at.y) > 0) || !inDomain(domain, frameOf(world, at.x, at.y, at.z, frame))) return null;
    aimer.predict(frame, guess);
    t = guess.time;
  }
  const at = moving ? targetAt(target, t) : target;
  const azimuth = Math.atan2(at.y, at.x) + guess.turn;
  const shot = chord(world, target, guess.speed, guess.elevation, azimuth, t, tolerance, moving ? 0 : RIDGE_MOVES);
  if (!shot || shot.speed > domain.maxSpeed) return null;
  if (moving) {
    const met = targetAt(target, shot.time);
    if (!inDomain(domain, frameOf(world, met.x, met.y, met.z, frame))) return null;
  }
  return shot;
}

/**
 * The chord method on (speed, azimuth) at a fixed elevation, to a target that may move: the residual of a flight is its
 * impact less where the target is at its flight time t, r = (x − pₓ(t), y − p_y(t)), flown to the height the target had
 * at the last flight's time; its Jacobian, from the first flight's exact derivatives, is ∂(x, y)/∂(v, a) − v_target·∂t/∂(v, a).
 * A flight whose miss does not fall to a third refreshes the Jacobian. Still targets with `ridgeMoves` also move the
 * elevation onto the ridge (see RIDGE_EXCESS): off it, the speed along the curve of shots that land on the point changes
 * with the elevation by h = dv/de = −(∂r/∂e × ∂r/∂a)/(∂r/∂v × ∂r/∂a) (× the 2D cross product); the speed is about
 * v* + c·(e − e*)²/2 there, so the excess is about h²/(2c), and the move, e − h/c, comes with the speed and azimuth that
 * keep the impact, δ(v, a) = −J⁻¹·∂r/∂e·δe. The curvature c is the secant of h over the last move, or at first 2v (the
 * vacuum's, on level ground).
 */
function chord(world: ResolvedAimWorld, target: MovingTarget, speed0: number, elevation0: number, azimuth0: number, time0: number, tolerance: number, ridgeMoves: number): NetworkShot | null {
  const { physics } = world;
  let [speed, elevation, azimuth, time] = [speed0, elevation0, azimuth0, time0];
  // The Jacobian ∂r/∂(v, a) and ∂r/∂e, and whether the next flight refreshes them.
  let [jxv, jyv, jxa, jya, jxe, jye] = [0, 0, 0, 0, 0, 0];
  let refresh = true;
  let lastMiss = Infinity;
  let moves = 0;
  // The last move's elevation and slope dv/de, for the secant estimate of the curvature c on the next one.
  let [lastElevation, lastSlope] = [NaN, NaN];
  for (let flight = 1; flight <= MAX_FLIGHTS; flight++) {
    // An azimuth kept in (−π, π], as the answer reports it, so that the flight verified is the one answered.
    azimuth = Math.atan2(Math.sin(azimuth), Math.cos(azimuth));
    const height = target.height + target.vz * time;
    const fly = refresh ? (withDerivatives ??= createImpactFlier(['speed', 'azimuth', 'elevation'])) : (alone ??= createImpactFlier([]));
    if (!fly(physics, speed, elevation, azimuth, height, out)) return null;
    const t = out[2];
    const [rx, ry] = [out[0] - target.x - target.vx * t, out[1] - target.y - target.vy * t];
    const miss = Math.hypot(rx, ry);
    if (refresh) {
      const [tv, ta, te] = [out[5], out[8], out[11]];
      [jxv, jyv, jxa, jya, jxe, jye] = [out[3] - target.vx * tv, out[4] - target.vy * tv, out[6] - target.vx * ta, out[7] - target.vy * ta, out[9] - target.vx * te, out[10] - target.vy * te];
      refresh = false;
    } else if (!(miss <= lastMiss / 3)) refresh = true;
    const det = jxv * jya - jxa * jyv;
    if (!(Math.abs(det) > 0)) return null;
    // Met: within the tolerance where the target is at the impact, and at the height it has then.
    if (miss <= tolerance && Math.abs(target.vz * (t - time)) <= tolerance * 1e-4) {
      const slope = -(jxe * jya - jxa * jye) / det;
      const secant = (slope - lastSlope) / (elevation - lastElevation);
      const curvature = secant > 0 ? secant : 2 * speed;
      if (moves < ridgeMoves && (slope * slope) / (2 * curvature * speed) > RIDGE_EXCESS) {
        moves += 1;
        [lastElevation, lastSlope] = [elevation, slope];
        const de = Math.max(-0.2, Math.min(0.2, -slope / curvature));
        elevation = Math.min(Math.PI / 2 - 1e-3, Math.max(1e-3, elevation + de));
        speed -= ((jxe * jya - jxa * jye) / det) * de;
        azimuth -= ((jxv * jye - jxe * jyv) / det) * de;
        lastMiss = Infinity;
        refresh = true;
        continue;
      }
      // The meeting time is the one the target's height was taken at (within tolerance·10⁻⁴ of the flight's).
      return { speed, elevation, azimuth, time, iterations: flight - 1, flown: { x: out[0], y: out[1], time: t } };
    }
    // J·(δv, δa) = −r
    const dv = (-rx * jya + ry * jxa) / det;
    const da = (-ry * jxv + rx * jyv) / det;
    speed = Math.max(speed + dv, speed / 2);
    azimuth += Math.max(-0.5, Math.min(0.5, da));
    time = t;
    lastMiss = miss;
  }
  return null;
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

