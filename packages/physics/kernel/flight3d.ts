// The three-dimensional shot, stepped two shots at a time in the lanes of f64x2 vectors: classical RK4 on
// (x, y, z, vx, vy, vz) with forward sensitivities along directions the caller seeds, until the step in which the
// ball comes down through the target height (kernel/stop.ts), and the impact with its derivatives
// (kernel/impact.ts). Or (`crossing`) until it crosses the vertical plane x = R, or falls below a floor first.
//
//   dv/dt = (0, 0, −g) − D·s·r,   r = v − (wx, wy, 0),   s = |r|
//
// (the forces of kernel/dynamics.ts, which the plane's kernel uses too). D is a constant (CONSTANT: the drag k, 1/m), or (TABLE) K·ρ_muzzle·ρ(z)/ρ_muzzle·Cd(s/c(z)), with K = i·A/(2m)
// the ball's own factor, the air of kernel/air.ts and the drag table of kernel/drag.ts. Its Jacobian is
//   ∂a/∂r = −D·s·I − E·r·rᵀ,  E = D/s + ∂D/∂s;   ∂a/∂z = −s·r·∂D/∂z;   ∂a/∂K = −s·r·D/K,
// so a direction's tangent of an acceleration is −D·s·δr + r·(−E·(r·δr) − s·∂D/∂z·δ(z − z_muzzle) − s·(D/K)·δK),
// and −δg on z. A stage's velocity is u = v0 + c·kPrev and its height z0 + c·uPrev_z (the RK4 stage of the
// position), c = offset·dt, and their tangents move with the step by δc = offset·δdt.
//
// On the rotating Earth (the `rotating` variants) the ground's frame adds the Coriolis acceleration −2Ω×v, linear in
// the velocity: its tangent is −2Ω×δv.
//
// A direction is seeded per shot by 9 numbers: the moves of the launch velocity (δvx, δvy, δvz), of the muzzle's
// height (δz0: the ball and the air's anchor move together), of the step (δdt), of gravity (δg), of the drag
// scale (δK, k or K), and of the wind (δwx, δwy).
import { acceleration, airSpeed3d, inverseAirSpeed, minusStiffnessOf, tangent, verticalAcceleration, withCoriolis } from './dynamics';
import { dragCoefficient, dragCoefficientPerMach } from './drag';
import { densityRatio, densityRatioPerU } from './air';
import { shouldStop } from './stop';
import { IMPACT, PER_DIRECTION, recordImpact } from './impact';
import { add, lanes, madd, mul, splat, sub } from './vectors';

export const CONSTANT = 0;
export const TABLE = 1;
/** Most directions one call flies. */
export const MAX_DIRECTIONS = 10;
/**
 * f64 per shot in, before its directions' seeds: vx, vy, vz, z0, h, dt, g, K, wx, wy, ρ_muzzle, L/T_muzzle, c_muzzle,
 * and 2Ω, twice the Earth's rotation in the shot's axes (read only by the rotating variants).
 */
export const SHOT = 16;
/** f64 per direction's seed. */
export const SEED = 9;

// Each direction's vectors, SLOTS of them: its tangent of the state twice, before the step and after it (T and T0
// swap roles from step to step), its seeds of
// the step, gravity, the drag scale, the wind and the muzzle's height, the previous stage's tangents of the
// acceleration and of u_z, and the sums of the stages' tangents (w: k1+2k2+2k3+k4, p: k1+k2+k3).
const T = 0, T0 = 6, DDT = 12, DG = 13, DK = 14, DWX = 15, DWY = 16, DZM = 17, KA = 18, UZ = 21, WS = 22, PS = 25;
const SLOTS = 28;
const DIRECTION_BYTES: usize = SLOTS * 16;
const directions = memory.data(MAX_DIRECTIONS * SLOTS * 16, 16);
/** The value state before the step (6 vectors) and after it (6). */
const states = memory.data(12 * 16, 16);

@inline function at(d: i32, slot: i32): usize { return directions + <usize>d * DIRECTION_BYTES + (<usize>slot << 4); }
@inline function get(d: i32, slot: i32): v128 { return v128.load(at(d, slot)); }
@inline function set(d: i32, slot: i32, value: v128): void { v128.store(at(d, slot), value); }

// The constants of the shots in the two lanes, a vector each: the muzzle's height, the target height, the step,
// −g, the drag scale, the wind, the muzzle's air, 2Ω, and dt²/6, dt/6, dt/3.
const MUZZLE = 0, H = 1, DT = 2, MINUS_G = 3, SCALE = 4, WIND_X = 5, WIND_Y = 6, DENSITY = 7, U_PER_Z = 8, SOUND = 9;
const SPIN_X = 10, SPIN_Y = 11, SPIN_Z = 12, H2 = 13, H6 = 14, DT3 = 15;
const consts = memory.data(16 * 16, 16);

@inline function shot(slot: i32): v128 { return v128.load(consts + (<usize>slot << 4)); }

/**
 * Puts the shot whose record is at `record` into a lane at the muzzle: its constants, its state after the step (in
 * `states`, which the next step starts from) and its tangents in the slots `tangents` (T or T0) with its seeds.
 */
@inline function launch(lane: i32, record: usize, dirs: i32, tangents: i32): void {
  const l = <usize>lane << 3;
  const dt = load<f64>(record, 40);
  store<f64>(consts + (MUZZLE << 4) + l, load<f64>(record, 24));
  store<f64>(consts + (H << 4) + l, load<f64>(record, 32));
  store<f64>(consts + (DT << 4) + l, dt);
  store<f64>(consts + (MINUS_G << 4) + l, -load<f64>(record, 48));
  store<f64>(consts + (SCALE << 4) + l, load<f64>(record, 56));
  store<f64>(consts + (WIND_X << 4) + l, load<f64>(record, 64));
  store<f64>(consts + (WIND_Y << 4) + l, load<f64>(record, 72));
  store<f64>(consts + (DENSITY << 4) + l, load<f64>(record, 80));
  store<f64>(consts + (U_PER_Z << 4) + l, load<f64>(record, 88));
  store<f64>(consts + (SOUND << 4) + l, load<f64>(record, 96));
  store<f64>(consts + (SPIN_X << 4) + l, load<f64>(record, 104));
  store<f64>(consts + (SPIN_Y << 4) + l, load<f64>(record, 112));
  store<f64>(consts + (SPIN_Z << 4) + l, load<f64>(record, 120));
  store<f64>(consts + (H2 << 4) + l, dt * dt * (1.0 / 6.0));
  store<f64>(consts + (H6 << 4) + l, dt * (1.0 / 6.0));
  store<f64>(consts + (DT3 << 4) + l, dt * (1.0 / 3.0));
  // x, y, z, vx, vy, vz after the step: the muzzle.
  store<f64>(states + 96 + l, 0);
  store<f64>(states + 112 + l, 0);
  store<f64>(states + 128 + l, load<f64>(record, 24));
  store<f64>(states + 144 + l, load<f64>(record, 0));
  store<f64>(states + 160 + l, load<f64>(record, 8));
  store<f64>(states + 176 + l, load<f64>(record, 16));
  for (let d = 0; d < dirs; d++) {
    const seed = record + ((<usize>(SHOT + SEED * d)) << 3);
    store<f64>(at(d, tangents) + l, 0);
    store<f64>(at(d, tangents + 1) + l, 0);
    store<f64>(at(d, tangents + 2) + l, load<f64>(seed, 24));
    store<f64>(at(d, tangents + 3) + l, load<f64>(seed));
    store<f64>(at(d, tangents + 4) + l, load<f64>(seed, 8));
    store<f64>(at(d, tangents + 5) + l, load<f64>(seed, 16));
    store<f64>(at(d, DZM) + l, load<f64>(seed, 24));
    store<f64>(at(d, DDT) + l, load<f64>(seed, 32));
    store<f64>(at(d, DG) + l, load<f64>(seed, 40));
    store<f64>(at(d, DK) + l, load<f64>(seed, 48));
    store<f64>(at(d, DWX) + l, load<f64>(seed, 56));
    store<f64>(at(d, DWY) + l, load<f64>(seed, 64));
  }
}

/** Leaves a lane without a shot: its target height −∞, so that its steps never end a flight. */
@inline function idle(lane: i32): void {
  store<f64>(consts + (H << 4) + (<usize>lane << 3), -Infinity);
}

/**
 * Flies `count` shots (records of SHOT + SEED·dirs f64 at `input`), each along `dirs` seeded directions, and
 * writes each output record (IMPACT + PER_DIRECTION·dirs f64) at `output`; `model` is CONSTANT or TABLE (then
 * `table` is the drag table's layout, kernel/drag.ts).
 */
@inline function fly(model: i32, rotating: bool, count: i32, dirs: i32, input: usize, output: usize, maxSteps: i32, table: usize, nodes: usize, crossing: bool = false, floor: f64 = 0): void {
  const zero = splat(0), one = splat(1), two = splat(2), sixth = splat(1.0 / 6.0);
  const plane = i64x2.splat(crossing ? -1 : 0);
  const inBytes = <usize>(SHOT + SEED * dirs) << 3;
  const outBytes = <usize>(IMPACT + PER_DIRECTION * dirs) << 3;
  // Two lanes, each flying one shot after another: a lane whose shot has stopped takes the next at once, so that
  // neither waits for the other's longer flight.
  let next = 0, flying = 0;
  let shotA = -1, shotB = -1, stepsA = 0, stepsB = 0;
  for (let lane = 0; lane < 2; lane++) {
    if (next < count) {
      launch(lane, input + <usize>next * inBytes, dirs, T);
      if (lane == 0) shotA = next++;
      else shotB = next++;
      flying++;
    } else idle(lane);
  }
  let now = T;
  let x = v128.load(states, 96), y = v128.load(states, 112), z = v128.load(states, 128);
  let vx = v128.load(states, 144), vy = v128.load(states, 160), vz = v128.load(states, 176);
  if (nodes) record(nodes, x, y, z, vx, vy, vz);
  while (flying > 0) {
    {
      const muzzle = shot(MUZZLE), h = shot(H), dt = shot(DT), minusG = shot(MINUS_G), scale = shot(SCALE);
      const wx = shot(WIND_X), wy = shot(WIND_Y), density = shot(DENSITY), uPerZ = shot(U_PER_Z), soundAtMuzzle = shot(SOUND);
      const spinX = shot(SPIN_X), spinY = shot(SPIN_Y), spinZ = shot(SPIN_Z), h2 = shot(H2), h6 = shot(H6), dt3 = shot(DT3);
      const halfSoundSquared = mul(mul(splat(0.5), soundAtMuzzle), soundAtMuzzle);
      const x0 = x, y0 = y, z0 = z, vx0 = vx, vy0 = vy, vz0 = vz;
      // The tangents after the last step are those before this one.
      const was = now;
      now = was == T ? T0 : T;
      stepsA++;
      stepsB++;
      let kx = zero, ky = zero, kz = zero, uzPrev = vz0;
      let sx = zero, sy = zero, sz = zero, px = zero, py = zero, pz = zero;
      for (let stage = 0; stage < 4; stage++) {
        const offset = splat(stage == 0 ? 0.0 : stage == 3 ? 1.0 : 0.5);
        const weight = stage == 0 || stage == 3 ? one : two;
        const c = mul(offset, dt);
        const ux = madd(vx0, c, kx), uy = madd(vy0, c, ky), uz = madd(vz0, c, kz);
        const rx = sub(ux, wx), ry = sub(uy, wy);
        const s = airSpeed3d(rx, ry, uz);
        let drag = scale, perScale = one, perSpeed = zero, perHeight = zero;
        const zs = madd(z0, c, uzPrev);
        if (model == TABLE) {
          // D = K·ρ_muzzle·ρr(u)·Cd(M), u = (L/T)·(z − z_muzzle), M = s/(c_muzzle·√(1 − u)).
          const u = mul(uPerZ, sub(zs, muzzle));
          const ratio = densityRatio(u);
          const ratioPerU = densityRatioPerU;
          const tau = sub(one, u);
          // One division a stage: 1/c, whose square gives 1/τ too (c² = c_muzzle²·τ).
          const perSound = f64x2.div(one, mul(soundAtMuzzle, f64x2.sqrt(tau)));
          const mach = mul(s, perSound);
          const cd = dragCoefficient(table, mach);
          const cdPerMach = dragCoefficientPerMach;
          const air = mul(density, ratio);
          perScale = mul(air, cd);
          drag = mul(scale, perScale);
          if (dirs > 0) {
            perSpeed = mul(mul(mul(scale, air), cdPerMach), perSound);
            // ∂M/∂z = M·(L/T)/(2τ): the air cools, sound slows, the same speed is a higher Mach number.
            const halfPerTau = mul(mul(halfSoundSquared, perSound), perSound);
            const machPerHeight = mul(mul(mach, uPerZ), halfPerTau);
            perHeight = mul(mul(scale, density), add(mul(mul(ratioPerU, uPerZ), cd), mul(mul(ratio, cdPerMach), machPerHeight)));
          }
        }
        const minusQ = f64x2.neg(mul(drag, s));
        let ax = acceleration(minusQ, rx), ay = acceleration(minusQ, ry), az = verticalAcceleration(minusG, minusQ, uz);
        if (rotating) {
          ax = withCoriolis(ax, spinY, uz, spinZ, uy);
          ay = withCoriolis(ay, spinZ, ux, spinX, uz);
          az = withCoriolis(az, spinX, uy, spinY, ux);
        }
        if (dirs > 0) {
          const invS = inverseAirSpeed(s);
          const minusE = minusStiffnessOf(drag, perSpeed, invS);
          const minusSPerHeight = f64x2.neg(mul(s, perHeight));
          const minusSPerScale = f64x2.neg(mul(s, perScale));
          for (let d = 0; d < dirs; d++) {
            // The stage's velocity and height: v0 and z0 in the first stage, then v0 + c·kPrev and z0 + c·uPrev_z.
            let dux = get(d, was + 3), duy = get(d, was + 4), duz = get(d, was + 5), dzs = get(d, was + 2);
            if (stage > 0) {
              const dc = mul(offset, get(d, DDT));
              dux = add(madd(dux, c, get(d, KA)), mul(dc, kx));
              duy = add(madd(duy, c, get(d, KA + 1)), mul(dc, ky));
              duz = add(madd(duz, c, get(d, KA + 2)), mul(dc, kz));
              if (model == TABLE) dzs = add(madd(dzs, c, get(d, UZ)), mul(dc, uzPrev));
            }
            const drx = sub(dux, get(d, DWX)), dry = sub(duy, get(d, DWY));
            const dot = add(add(mul(rx, drx), mul(ry, dry)), mul(uz, duz));
            let m = add(mul(minusE, dot), mul(minusSPerScale, get(d, DK)));
            if (model == TABLE) m = madd(m, minusSPerHeight, sub(dzs, get(d, DZM)));
            let dax = tangent(minusQ, drx, rx, m);
            let day = tangent(minusQ, dry, ry, m);
            let daz = sub(tangent(minusQ, duz, uz, m), get(d, DG));
            if (rotating) {
              dax = withCoriolis(dax, spinY, duz, spinZ, duy);
              day = withCoriolis(day, spinZ, dux, spinX, duz);
              daz = withCoriolis(daz, spinX, duy, spinY, dux);
            }
            if (stage < 3) {
              set(d, KA, dax); set(d, KA + 1, day); set(d, KA + 2, daz);
              if (model == TABLE) set(d, UZ, duz);
            }
            if (stage == 0) {
              set(d, WS, dax); set(d, WS + 1, day); set(d, WS + 2, daz);
              set(d, PS, dax); set(d, PS + 1, day); set(d, PS + 2, daz);
            } else {
              set(d, WS, madd(get(d, WS), weight, dax)); set(d, WS + 1, madd(get(d, WS + 1), weight, day)); set(d, WS + 2, madd(get(d, WS + 2), weight, daz));
              if (stage < 3) { set(d, PS, add(get(d, PS), dax)); set(d, PS + 1, add(get(d, PS + 1), day)); set(d, PS + 2, add(get(d, PS + 2), daz)); }
            }
          }
        }
        kx = ax; ky = ay; kz = az; uzPrev = uz;
        sx = madd(sx, weight, ax); sy = madd(sy, weight, ay); sz = madd(sz, weight, az);
        if (stage < 3) { px = add(px, ax); py = add(py, ay); pz = add(pz, az); }
      }
      x = add(madd(x0, dt, vx0), mul(h2, px));
      y = add(madd(y0, dt, vy0), mul(h2, py));
      z = add(madd(z0, dt, vz0), mul(h2, pz));
      vx = madd(vx0, h6, sx);
      vy = madd(vy0, h6, sy);
      vz = madd(vz0, h6, sz);
      for (let d = 0; d < dirs; d++) {
        // δx ← δx0 + dt·δv0 + h2·δp + δdt·(v0 + dt/3·p),   δv ← δv0 + h6·δw + δdt/6·w
        const ddt = get(d, DDT);
        set(d, now, madd(add(madd(get(d, was), dt, get(d, was + 3)), mul(h2, get(d, PS))), ddt, madd(vx0, dt3, px)));
        set(d, now + 1, madd(add(madd(get(d, was + 1), dt, get(d, was + 4)), mul(h2, get(d, PS + 1))), ddt, madd(vy0, dt3, py)));
        set(d, now + 2, madd(add(madd(get(d, was + 2), dt, get(d, was + 5)), mul(h2, get(d, PS + 2))), ddt, madd(vz0, dt3, pz)));
        set(d, now + 3, madd(madd(get(d, was + 3), h6, get(d, WS)), ddt, mul(sixth, sx)));
        set(d, now + 4, madd(madd(get(d, was + 4), h6, get(d, WS + 1)), ddt, mul(sixth, sy)));
        set(d, now + 5, madd(madd(get(d, was + 5), h6, get(d, WS + 2)), ddt, mul(sixth, sz)));
      }
      if (nodes) record(nodes + <usize>stepsA * 48, x, y, z, vx, vy, vz);
      // To a plane x = R, h holds −R: the rule on −x, or the ball below the floor and falling (no crossing).
      // Branch-free: the plane's coordinate −x in place of z where `plane` (all ones) says so.
      const stops = v128.or(
        shouldStop(v128.bitselect(f64x2.neg(x0), z0, plane), v128.bitselect(f64x2.neg(x), z, plane), v128.bitselect(f64x2.neg(vx), vz, plane), h),
        v128.and(plane, v128.and(f64x2.lt(z, splat(floor)), f64x2.le(vz, zero))),
      );
      const endA = shotA >= 0 && (i64x2.extract_lane(stops, 0) != 0 || stepsA >= maxSteps);
      const endB = shotB >= 0 && (i64x2.extract_lane(stops, 1) != 0 || stepsB >= maxSteps);
      if (endA || endB) {
        const stopsA = i64x2.extract_lane(stops, 0) != 0, stopsB = i64x2.extract_lane(stops, 1) != 0;
        v128.store(states, x0); v128.store(states, y0, 16); v128.store(states, z0, 32);
        v128.store(states, vx0, 48); v128.store(states, vy0, 64); v128.store(states, vz0, 80);
        v128.store(states, x, 96); v128.store(states, y, 112); v128.store(states, z, 128);
        v128.store(states, vx, 144); v128.store(states, vy, 160); v128.store(states, vz, 176);
        for (let lane = 0; lane < 2; lane++) {
          if (!(lane == 0 ? endA : endB)) continue;
          const l = <usize>lane << 3;
          recordImpact(output + <usize>(lane == 0 ? shotA : shotB) * outBytes, lane == 0 ? stopsA : stopsB, <f64>(lane == 0 ? stepsA : stepsB),
            load<f64>(consts + (H << 4) + l), load<f64>(consts + (DT << 4) + l), states + l, states + 96 + l, 16,
            dirs, at(0, was) + l, at(0, now) + l, at(0, DDT) + l, DIRECTION_BYTES, crossing);
          if (next < count) {
            // The next shot starts from the muzzle in this lane: the state after this step, and its tangents, are its own.
            launch(lane, input + <usize>next * inBytes, dirs, now);
            if (lane == 0) { shotA = next++; stepsA = 0; } else { shotB = next++; stepsB = 0; }
          } else {
            idle(lane);
            if (lane == 0) shotA = -1;
            else shotB = -1;
            flying--;
          }
        }
        x = v128.load(states, 96); y = v128.load(states, 112); z = v128.load(states, 128);
        vx = v128.load(states, 144); vy = v128.load(states, 160); vz = v128.load(states, 176);
      }
    }
  }
}

/** Writes the first lane's state (x, y, z, vx, vy, vz) at `at`. */
@inline function record(at: usize, x: v128, y: v128, z: v128, vx: v128, vy: v128, vz: v128): void {
  store<f64>(at, f64x2.extract_lane(x, 0)); store<f64>(at, f64x2.extract_lane(y, 0), 8); store<f64>(at, f64x2.extract_lane(z, 0), 16);
  store<f64>(at, f64x2.extract_lane(vx, 0), 24); store<f64>(at, f64x2.extract_lane(vy, 0), 32); store<f64>(at, f64x2.extract_lane(vz, 0), 40);
}

/**
 * Flies `count` three-dimensional shots under a constant drag (see `fly`), on the rotating Earth if `rotating`; else, if
 * `crossing`, each until it crosses the vertical plane x = R, its R the negated target height of its record: its output
 * record holds the height z at the crossing where an impact's holds x, and a shot that falls below `floor` first, or
 * runs out of steps, has no crossing (NaN). One compiled loop serves the impacts and the crossings, the stop rule chosen
 * as it runs (a branch a step), so that the kernel carries no second copy of it.
 */
export function flyConstant3d(count: i32, dirs: i32, input: usize, output: usize, maxSteps: i32, rotating: bool, crossing: bool, floor: f64): void {
  if (rotating) fly(CONSTANT, true, count, dirs, input, output, maxSteps, 0, 0);
  else fly(CONSTANT, false, count, dirs, input, output, maxSteps, 0, 0, crossing, floor);
}

/** Flies `count` three-dimensional shots on the drag table laid out at `table` (see `fly`), on the rotating Earth if `rotating`. */
export function flyTable3d(count: i32, dirs: i32, input: usize, output: usize, maxSteps: i32, table: usize, rotating: bool): void {
  if (rotating) fly(TABLE, true, count, dirs, input, output, maxSteps, table, 0);
  else fly(TABLE, false, count, dirs, input, output, maxSteps, table, 0);
}

/**
 * Flies one shot (at `input`, no directions) as `flyConstant3d` or `flyTable3d` do (`table` 0: a constant drag),
 * recording its state (x, y, z, vx, vy, vz) at every step from the muzzle at `nodes`; for sampling its path.
 */
export function trace3d(input: usize, output: usize, maxSteps: i32, table: usize, rotating: bool, nodes: usize): void {
  if (table) fly(TABLE, rotating, 1, 0, input, output, maxSteps, table, nodes);
  else fly(CONSTANT, rotating, 1, 0, input, output, maxSteps, 0, nodes);
}
