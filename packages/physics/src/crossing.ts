import { InvalidInputError } from '@cannon/errors';
import { MAX_STEPS, stepSize } from './flight.js';
import { flightKernel } from './kernel.js';
import { flierLayout, heapRecords, spinOf, writeShot, type FlierWorld, type ImpactFlierOptions } from './impacts.js';

/**
 * Flies one shot to where it crosses a vertical plane: the plane at `range` (m) from the muzzle along the bearing
 * `bearing` (rad, from x towards y), square to it. Writes into `out`:
 * [height, offset, flightTime, vAlong, vOffset, vz] at the crossing (offset and vOffset to the left of the bearing,
 * vAlong along it), then ∂(height, offset, flightTime) by each of the flier's fields in order. False, and NaN for
 * all but the derivatives' zeros, when the shot does not cross the plane before it falls below `floor` (m), or never
 * heads towards it.
 *
 * For solvers that aim through a point rather than down onto it: the height at the plane is a smooth function of the
 * shot through the apex, where the impact at a height is not (a shot whose apex is just below the target height never
 * comes down through it; one just above comes down through it far from where the shot a little slower would have).
 * Under a constant drag only: the world's `tableDrag` and `earth` are refused.
 *
 * The step is the model's rule (`stepSize`) on the vacuum's times to the plane, range / (v·cos e·cos(a − bearing)), and
 * to the apex, v·sin e / g, as √(A² + B²); it moves with the shot, so the derivatives are exact for the flight as flown.
 */
export type CrossingFlier = (world: FlierWorld, speed: number, elevation: number, azimuth: number, bearing: number, range: number, floor: number, out: Float64Array) => boolean;

/** f64 per shot record (kernel/flight3d.ts): 16, then 9 per direction; out: 12, then 3 per direction. */
const SHOT = 16;
const SEED = 9;
const RECORD = 12;
const PER_DIRECTION = 3;
const crossingFields = ['speed', 'elevation', 'azimuth'] as const;

/** A `CrossingFlier` with the derivatives by `fields` (among speed, elevation and azimuth). */
export function createCrossingFlier(fields: readonly (typeof crossingFields)[number][], options: ImpactFlierOptions = {}): CrossingFlier {
  const { stepsPerFlight, dirs, copies, perCopy, inLength, outLength } = flierLayout(fields, crossingFields, options);
  const kernel = flightKernel();
  const needed = 6 + 3 * dirs;
  const step = stepSize(1, 1, 0, 1, 0);
  const noSpin = spinOf(undefined);
  const records = heapRecords(kernel, copies * inLength, copies * outLength);
  return (world, speed, elevation, azimuth, bearing, range, floor, out) => {
    if (!(out instanceof Float64Array && out.length >= needed)) throw new InvalidInputError('out', `a Float64Array of at least ${needed} numbers`, out);
    if (world.tableDrag) throw new InvalidInputError('world.tableDrag', 'none: the crossing flier flies a constant drag', world.tableDrag);
    if (world.earth) throw new InvalidInputError('world.earth', 'none: the crossing flier flies in the ground frame', world.earth);
    const { gravity, drag, windX, windY, launchHeight } = world;
    // The shot in the plane's axes: x along the bearing, y to its left.
    const cosB = Math.cos(bearing), sinB = Math.sin(bearing);
    const wx = windX * cosB + windY * sinB, wy = windY * cosB - windX * sinB;
    const turn = azimuth - bearing;
    const cosE = Math.cos(elevation), sinE = Math.sin(elevation), cosA = Math.cos(turn), sinA = Math.sin(turn);
    const horizontal = speed * cosE;
    const vx = horizontal * cosA, vy = horizontal * sinA, vz = speed * sinE;
    // The step is sized for the longer of the vacuum's flight to the plane and to the apex, smoothly: T = √(A² + B²),
    // A = range/vx, B = vz/g (a shot to a point near its apex, which drag makes longer than range/vx, takes the
    // model's number of steps, not 2 or 3 times as many).
    // A shot heading across the plane, or away from it, that the wind carries to it: A as if it headed at a quarter of
    // its horizontal speed towards it.
    const towards = vx >= 0.25 * horizontal;
    const toPlane = range / (towards ? vx : 0.25 * horizontal), toApex = Math.max(vz, 0) / gravity;
    const time = Math.hypot(toPlane, toApex);
    out.fill(0, 0, needed);
    if (!(range > 0 && time < Infinity && floor < launchHeight)) {
      out.fill(NaN, 0, 6);
      return false;
    }
    stepSize(time, speed, Math.hypot(wx, wy), gravity, drag, step, stepsPerFlight);
    const { inputAt, outputAt, inputs, outputs } = records();
    for (let copy = 0; copy < copies; copy++) {
      const at = copy * inLength;
      writeShot(inputs, at, vx, vy, vz, launchHeight, -range, step.dt, gravity, drag, wx, wy, null, noSpin);
      for (let k = 0; k < perCopy; k++) {
        const d = copy * perCopy + k;
        const seed = at + SHOT + SEED * k;
        inputs.fill(0, seed, seed + SEED);
        if (d >= dirs) continue;
        // The launch velocity's move, and the step's through the vacuum's time to the plane.
        if (fields[d] === 'speed') {
          inputs[seed] = cosE * cosA;
          inputs[seed + 1] = cosE * sinA;
          inputs[seed + 2] = sinE;
          inputs[seed + 4] = (step.perFlightTime * (toApex * toApex - toPlane * toPlane)) / (time * speed) + step.perSpeed;
        } else if (fields[d] === 'elevation') {
          inputs[seed] = -vz * cosA;
          inputs[seed + 1] = -vz * sinA;
          inputs[seed + 2] = horizontal;
          inputs[seed + 4] = (step.perFlightTime * (toPlane * toPlane * (vz / horizontal) + (toApex > 0 ? toApex * (horizontal / gravity) : 0))) / time;
        } else {
          inputs[seed] = -vy;
          inputs[seed + 1] = vx;
          inputs[seed + 4] = towards ? (step.perFlightTime * toPlane * toPlane * (vy / vx)) / time : 0;
        }
      }
    }
    kernel.flyConstant3d(copies, perCopy, inputAt, outputAt, MAX_STEPS, false, true, floor);
    if (!(outputs[0] >= 0 && outputs[2] >= 0)) {
      out.fill(NaN, 0, 6);
      return false;
    }
    // The record: status, steps, θ, z, y, t, three slopes, the velocity at the crossing (in the plane's axes).
    out[0] = outputs[3];
    out[1] = outputs[4];
    out[2] = outputs[5];
    out[3] = outputs[9];
    out[4] = outputs[10];
    out[5] = outputs[11];
    for (let d = 0; d < dirs; d++) {
      const from = Math.floor(d / perCopy) * outLength + RECORD + PER_DIRECTION * (d % perCopy);
      out[6 + 3 * d] = outputs[from];
      out[7 + 3 * d] = outputs[from + 1];
      out[8 + 3 * d] = outputs[from + 2];
    }
    return true;
  };
}
