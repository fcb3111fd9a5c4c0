// The discrete model of a shot, stepped two shots at a time in the lanes of f64x2 vectors: classical RK4
// with forward sensitivities, until the step in which the ball comes down through the target height, and
// the impact inside it (kernel/stop.ts). The caller (src/flight.ts) takes the landing and its derivatives
// from the step's end states at the impact.
//
//   stages: k1 = a(v), k2 = a(v + dt/2·k1), k3 = a(v + dt/2·k2), k4 = a(v + dt·k3)
//   x ← x + dt·v + dt²/6·(k1 + k2 + k3),   v ← v + dt/6·(k1 + 2k2 + 2k3 + k4)
//
// A stage's tangent is δk = J·(δv + δc·kPrev + c·δkPrev) + ∂a/∂θ·δθ, where c is the stage's offset along
// the previous one (0, dt/2, dt/2, dt) and δc moves with the step size. Differentiating the step itself
// makes the tangents the exact derivatives of the discrete model. Three directions at a time, in three sets:
//   LAUNCH: the launch velocity's vx (0) and vy (1), and the step size (2), which the launch sets;
//   WORLD: the drag (0), the wind (1) and gravity (2);
//   SHOT: two directions the caller seeds (0, 1), each a move of the launch velocity and of the step size
//   together (the speed's and the angle's): the derivatives with respect to speed and angle alone, in two
//   directions instead of three.
import {
  acceleration, airSpeed, inverseAirSpeed, jacobianDiagonal, jacobianOffDiagonal, minusDragRate, minusStiffness, partialPerDrag,
  verticalAcceleration,
} from './dynamics';
import { descentThrough, shouldStop } from './stop';
import { add, lanes, madd, mul, splat, sub } from './vectors';

const NONE = 0;
const LAUNCH = 1;
const WORLD = 2;
const SHOT = 3;

/** f64 per shot in: vx, vy, launchHeight, targetHeight, dt, gravity, drag, wind, then the SHOT set's seeds:
 * (δvx, δvy, δdt) of direction 0, then of direction 1. */
const INPUT = 14;
/** f64 per shot out: status (1 stopped, −1 out of steps), steps taken, then the state before and after the
 * last step: [x, y, vx, vy, and (δx, δy, δvx, δvy) per direction], 16 each; last, the impact's fraction θ of
 * the last step (−1: the shot stopped without coming down through the target height, or ran out of steps). */
const OUTPUT = 35;
const STATE = 16;
const THETA = 34;

/** Scratch for moving one lane of the state vectors out to a shot's record. */
const scratch = memory.data(2 * STATE * 16, 16);

@inline function stash(slot: i32, value: v128): void {
  v128.store(scratch + (<usize>slot << 4), value);
}

@inline function stashed(slot: i32, lane: i32): f64 {
  return load<f64>(scratch + (<usize>slot << 4) + (<usize>lane << 3));
}

// Shots without sensitivities fly PAIRS pairs at a time, each pair in the lanes of one set of vectors, and
// the pairs take each RK4 stage in turn: a stage is a chain of dependent operations (a square root among
// them) that would leave the processor waiting, and it overlaps the independent chains of the other pairs.
// A lane whose shot has stopped takes the next shot of the batch at once, so no lane idles while shots
// remain. (With sensitivities a stage has enough independent work of its own: flyPairs keeps it in registers.)
// A pair's vectors live in memory, SLOT vectors each: the shot's constants (target height, step, −gravity,
// −drag, wind, dt²/6, dt/6), its state (x, y, vx, vy) twice, before the step and after it (the two swap roles
// from step to step: the pairs step together), the stages' sums (the previous stage's acceleration,
// k1+2k2+2k3+k4 and k1+k2+k3), and the steps taken. The stages are flyPairs' operations, one for one, in the
// same order: the landings of both are the same to the bit.
const PAIRS = 4;
// A lane without a shot has the target height −∞ and steps −∞, so that its step never ends a flight.
const H = 0, DT = 1, G = 2, K = 3, W = 4, H2 = 5, H6 = 6, STATE_A = 7, STATE_B = 11, KX = 15, KY = 16, WX = 17, WY = 18, PX = 19, PY = 20, STEPS = 21;
const SLOT = 22;
const pairs = memory.data(PAIRS * SLOT * 16, 16);
/** Per lane: the index of the shot it flies (−1 for none). */
const laneShot = memory.data(PAIRS * 2 * 4, 16);
/** The lanes whose step ended their flight (or their steps), as shouldStop gives them. */
const ended = memory.data(32, 16);

@inline function pairAt(p: i32): usize { return pairs + <usize>(p * SLOT * 16); }
@inline function get(pair: usize, slot: i32): v128 { return v128.load(pair + (<usize>slot << 4)); }
@inline function set(pair: usize, slot: i32, value: v128): void { v128.store(pair + (<usize>slot << 4), value); }
@inline function laneOf(pair: usize, slot: i32, lane: i32): usize { return pair + (<usize>slot << 4) + (<usize>lane << 3); }

/** Puts the shot whose input record is at `record` into a lane of a pair, at the muzzle, in the state at `state`. */
@inline function launch(pair: usize, lane: i32, record: usize, state: i32): void {
  const dt = load<f64>(record, 32);
  store<f64>(laneOf(pair, H, lane), load<f64>(record, 24));
  store<f64>(laneOf(pair, DT, lane), dt);
  store<f64>(laneOf(pair, G, lane), -load<f64>(record, 40));
  store<f64>(laneOf(pair, K, lane), -load<f64>(record, 48));
  store<f64>(laneOf(pair, W, lane), load<f64>(record, 56));
  store<f64>(laneOf(pair, H2, lane), dt * dt * (1.0 / 6.0));
  store<f64>(laneOf(pair, H6, lane), dt * (1.0 / 6.0));
  store<f64>(laneOf(pair, state, lane), 0);
  store<f64>(laneOf(pair, state + 1, lane), load<f64>(record, 16));
  store<f64>(laneOf(pair, state + 2, lane), load<f64>(record, 0));
  store<f64>(laneOf(pair, state + 3, lane), load<f64>(record, 8));
  store<f64>(laneOf(pair, STEPS, lane), 0);
}

/** Leaves a lane without a shot. */
@inline function idle(pair: usize, lane: i32): void {
  store<f64>(laneOf(pair, H, lane), -Infinity);
  store<f64>(laneOf(pair, STEPS, lane), -Infinity);
}

/** The acceleration of a pair's shots at the velocity (ux, uy), into KX and KY. */
@inline function accelerate(pair: usize, ux: v128, uy: v128): void {
  const rx = sub(ux, get(pair, W));
  const s = airSpeed(rx, uy);
  const minusQ = minusDragRate(get(pair, K), s);
  set(pair, KX, acceleration(minusQ, rx));
  set(pair, KY, verticalAcceleration(get(pair, G), minusQ, uy));
}

/** RK4's first stage (offset 0): k1, and the sums begun with it. */
@inline function firstStage(pair: usize, before: i32): void {
  const zero = splat(0);
  // As flyPairs: the velocity plus the offset 0·dt times the (zero) previous stage.
  accelerate(pair, add(get(pair, before + 2), zero), add(get(pair, before + 3), zero));
  const wx = add(zero, get(pair, KX)), wy = add(zero, get(pair, KY));
  set(pair, WX, wx); set(pair, WY, wy);
  set(pair, PX, wx); set(pair, PY, wy);
}

/** RK4's second and third stages (offset dt/2, weight 2 in w, 1 in p). */
@inline function middleStage(pair: usize, before: i32): void {
  const c = mul(splat(0.5), get(pair, DT));
  accelerate(pair, madd(get(pair, before + 2), c, get(pair, KX)), madd(get(pair, before + 3), c, get(pair, KY)));
  const ax = get(pair, KX), ay = get(pair, KY);
  set(pair, WX, madd(get(pair, WX), splat(2), ax)); set(pair, WY, madd(get(pair, WY), splat(2), ay));
  set(pair, PX, add(get(pair, PX), ax)); set(pair, PY, add(get(pair, PY), ay));
}

/** RK4's last stage (offset dt, weight 1 in w, none in p), and the step: the state after it, into `after`. */
@inline function lastStage(pair: usize, before: i32, after: i32): void {
  const dt = get(pair, DT);
  const x0 = get(pair, before), y0 = get(pair, before + 1), vx0 = get(pair, before + 2), vy0 = get(pair, before + 3);
  accelerate(pair, madd(vx0, dt, get(pair, KX)), madd(vy0, dt, get(pair, KY)));
  const wx = add(get(pair, WX), get(pair, KX)), wy = add(get(pair, WY), get(pair, KY));
  const h2 = get(pair, H2), h6 = get(pair, H6);
  set(pair, after, add(madd(x0, dt, vx0), mul(h2, get(pair, PX))));
  set(pair, after + 1, add(madd(y0, dt, vy0), mul(h2, get(pair, PY))));
  set(pair, after + 2, madd(vx0, h6, wx));
  set(pair, after + 3, madd(vy0, h6, wy));
}

/** Flies `count` shots without sensitivities, PAIRS pairs at a time (see above). */
function flyShots(count: i32, input: usize, output: usize, maxSteps: i32): void {
  const zero = splat(0), one = splat(1), limit = splat(<f64>maxSteps);
  let next = 0, flying = 0;
  let before = STATE_A, after = STATE_B;
  // As many pairs as the shots fill (a single shot flies one pair, not four).
  const used = min(PAIRS, (count + 1) >> 1);
  for (let p = 0; p < used; p++) {
    const pair = pairAt(p);
    for (let slot = 0; slot < SLOT; slot++) set(pair, slot, zero);
    for (let lane = 0; lane < 2; lane++) {
      if (next < count) {
        launch(pair, lane, input + <usize>next * INPUT * 8, before);
        flying++;
        store<i32>(laneShot + (<usize>(2 * p + lane) << 2), next++);
      } else {
        idle(pair, lane);
        store<i32>(laneShot + (<usize>(2 * p + lane) << 2), -1);
      }
    }
  }
  while (flying > 0) {
    for (let p = 0; p < used; p++) firstStage(pairAt(p), before);
    for (let p = 0; p < used; p++) middleStage(pairAt(p), before);
    for (let p = 0; p < used; p++) middleStage(pairAt(p), before);
    for (let p = 0; p < used; p++) lastStage(pairAt(p), before, after);
    for (let p = 0; p < used; p++) {
      const pair = pairAt(p);
      const steps = add(get(pair, STEPS), one);
      set(pair, STEPS, steps);
      const stops = shouldStop(get(pair, before + 1), get(pair, after + 1), get(pair, after + 3), get(pair, H));
      const ends = v128.or(stops, f64x2.ge(steps, limit));
      if (!v128.any_true(ends)) continue;
      v128.store(ended, stops);
      v128.store(ended + 16, ends);
      for (let lane = 0; lane < 2; lane++) {
        if (load<i64>(ended + 16 + (<usize>lane << 3)) == 0) continue;
        const stopped = load<i64>(ended + (<usize>lane << 3)) != 0;
        const shotAt = laneShot + (<usize>(2 * p + lane) << 2);
        const out = output + <usize>load<i32>(shotAt) * OUTPUT * 8;
        store<f64>(out, stopped ? 1 : -1);
        store<f64>(out, load<f64>(laneOf(pair, STEPS, lane)), 8);
        for (let slot = 0; slot < 4; slot++) {
          store<f64>(out + 16 + (<usize>slot << 3), load<f64>(laneOf(pair, before + slot, lane)));
          store<f64>(out + 16 + (<usize>(STATE + slot) << 3), load<f64>(laneOf(pair, after + slot, lane)));
        }
        const theta = stopped
          ? descentThrough(load<f64>(laneOf(pair, H, lane)), load<f64>(laneOf(pair, before + 1, lane)), load<f64>(laneOf(pair, before + 3, lane)), load<f64>(laneOf(pair, after + 1, lane)), load<f64>(laneOf(pair, after + 3, lane)), load<f64>(laneOf(pair, DT, lane)))
          : -1;
        store<f64>(out + (<usize>THETA << 3), theta);
        if (next < count) {
          // The next step starts from the state written into `after`.
          launch(pair, lane, input + <usize>next * INPUT * 8, after);
          store<i32>(shotAt, next++);
        } else {
          idle(pair, lane);
          store<i32>(shotAt, -1);
          flying--;
        }
      }
    }
    const swap = before;
    before = after;
    after = swap;
  }
}

@inline function flyPairs(mode: i32, count: i32, input: usize, output: usize, maxSteps: i32, nodes: usize): void {
  const zero = splat(0);
  const one = splat(1);
  const sixth = splat(1.0 / 6.0);
  for (let i = 0; i < count; i += 2) {
    const pa = input + <usize>i * INPUT * 8;
    const single = i + 1 >= count;
    const pb = single ? pa : pa + INPUT * 8;
    let vx = lanes(pa, pb, 0), vy = lanes(pa, pb, 1), y = lanes(pa, pb, 2);
    const h = lanes(pa, pb, 3), dt = lanes(pa, pb, 4), w = lanes(pa, pb, 7);
    const g = f64x2.neg(lanes(pa, pb, 5)), k = f64x2.neg(lanes(pa, pb, 6)); // −g and −k, as dynamics.ts takes them
    let x = zero;
    const h2 = mul(mul(dt, dt), sixth), h6 = mul(dt, sixth), dt3 = mul(dt, splat(1.0 / 3.0));
    // Tangents (δx, δy, δvx, δvy) of directions 0, 1, 2; the SHOT set's moves of the step, δdt, per direction.
    const seeded = mode == SHOT;
    const dd0 = seeded ? lanes(pa, pb, 10) : zero, dd1 = seeded ? lanes(pa, pb, 13) : zero;
    let t0x = zero, t0y = zero, t0vx = mode == LAUNCH ? one : seeded ? lanes(pa, pb, 8) : zero, t0vy = seeded ? lanes(pa, pb, 9) : zero;
    let t1x = zero, t1y = zero, t1vx = seeded ? lanes(pa, pb, 11) : zero, t1vy = mode == LAUNCH ? one : seeded ? lanes(pa, pb, 12) : zero;
    let t2x = zero, t2y = zero, t2vx = zero, t2vy = zero;
    let doneA = false, doneB = single;
    if (nodes) {
      store<f64>(nodes, 0); store<f64>(nodes, f64x2.extract_lane(y, 0), 8);
      store<f64>(nodes, f64x2.extract_lane(vx, 0), 16); store<f64>(nodes, f64x2.extract_lane(vy, 0), 24);
    }
    for (let step = 1; ; step++) {
      const x0 = x, y0 = y, vx0 = vx, vy0 = vy;
      const s0x = t0x, s0y = t0y, s0vx = t0vx, s0vy = t0vy;
      const s1x = t1x, s1y = t1y, s1vx = t1vx, s1vy = t1vy;
      const s2x = t2x, s2y = t2y, s2vx = t2vx, s2vy = t2vy;
      // The previous stage's acceleration and its tangents; the sums k1+2k2+2k3+k4 (w) and k1+k2+k3 (p).
      let kx = zero, ky = zero, wx = zero, wy = zero, px = zero, py = zero;
      let k0x = zero, k0y = zero, k1x = zero, k1y = zero, k2x = zero, k2y = zero;
      let w0x = zero, w0y = zero, w1x = zero, w1y = zero, w2x = zero, w2y = zero;
      let p0x = zero, p0y = zero, p1x = zero, p1y = zero, p2x = zero, p2y = zero;
      for (let stage = 0; stage < 4; stage++) {
        const offset = splat(stage == 0 ? 0.0 : stage == 3 ? 1.0 : 0.5);
        const weightW = splat(stage == 0 || stage == 3 ? 1.0 : 2.0);
        const c = mul(offset, dt);
        const ux = madd(vx0, c, kx), uy = madd(vy0, c, ky);
        const rx = sub(ux, w);
        const s = airSpeed(rx, uy);
        const minusQ = minusDragRate(k, s);
        const ax = acceleration(minusQ, rx), ay = verticalAcceleration(g, minusQ, uy);
        if (mode != NONE) {
          const invS = inverseAirSpeed(s);
          const minusE = minusStiffness(k, invS);
          const jxx = jacobianDiagonal(minusQ, minusE, rx), jxy = jacobianOffDiagonal(minusE, rx, uy), jyy = jacobianDiagonal(minusQ, minusE, uy);
          const jyx = jxy;
          let dx = madd(s0vx, c, k0x), dy = madd(s0vy, c, k0y);
          if (seeded) {
            // The step size moves the stage's offset too: δc = offset·δdt.
            const dc = mul(offset, dd0);
            dx = madd(dx, dc, kx);
            dy = madd(dy, dc, ky);
          }
          k0x = add(mul(jxx, dx), mul(jxy, dy));
          k0y = add(mul(jyx, dx), mul(jyy, dy));
          dx = madd(s1vx, c, k1x);
          dy = madd(s1vy, c, k1y);
          if (mode == WORLD) dx = sub(dx, one); // the wind enters as −δw beside δvx
          if (seeded) {
            const dc = mul(offset, dd1);
            dx = madd(dx, dc, kx);
            dy = madd(dy, dc, ky);
          }
          k1x = add(mul(jxx, dx), mul(jxy, dy));
          k1y = add(mul(jyx, dx), mul(jyy, dy));
          if (!seeded) {
            dx = madd(s2vx, c, k2x);
            dy = madd(s2vy, c, k2y);
            if (mode == LAUNCH) {
              dx = madd(dx, offset, kx);
              dy = madd(dy, offset, ky);
            }
            k2x = add(mul(jxx, dx), mul(jxy, dy));
            k2y = add(mul(jyx, dx), mul(jyy, dy));
          }
          if (mode == WORLD) {
            k0x = add(k0x, partialPerDrag(rx, s)); // ∂a/∂k
            k0y = add(k0y, partialPerDrag(uy, s));
            k2y = sub(k2y, one); // ∂ay/∂g = −1
          }
          w0x = madd(w0x, weightW, k0x); w0y = madd(w0y, weightW, k0y);
          w1x = madd(w1x, weightW, k1x); w1y = madd(w1y, weightW, k1y);
          if (!seeded) { w2x = madd(w2x, weightW, k2x); w2y = madd(w2y, weightW, k2y); }
          if (stage < 3) {
            p0x = add(p0x, k0x); p0y = add(p0y, k0y); p1x = add(p1x, k1x); p1y = add(p1y, k1y);
            if (!seeded) { p2x = add(p2x, k2x); p2y = add(p2y, k2y); }
          }
        }
        kx = ax;
        ky = ay;
        wx = madd(wx, weightW, ax); wy = madd(wy, weightW, ay);
        if (stage < 3) { px = add(px, ax); py = add(py, ay); } // k1 + k2 + k3
      }
      x = add(madd(x0, dt, vx0), mul(h2, px));
      y = add(madd(y0, dt, vy0), mul(h2, py));
      vx = madd(vx0, h6, wx);
      vy = madd(vy0, h6, wy);
      if (mode != NONE) {
        t0x = add(madd(s0x, dt, s0vx), mul(h2, p0x)); t0y = add(madd(s0y, dt, s0vy), mul(h2, p0y));
        t0vx = madd(s0vx, h6, w0x); t0vy = madd(s0vy, h6, w0y);
        t1x = add(madd(s1x, dt, s1vx), mul(h2, p1x)); t1y = add(madd(s1y, dt, s1vy), mul(h2, p1y));
        t1vx = madd(s1vx, h6, w1x); t1vy = madd(s1vy, h6, w1y);
        if (!seeded) {
          t2x = add(madd(s2x, dt, s2vx), mul(h2, p2x)); t2y = add(madd(s2y, dt, s2vy), mul(h2, p2y));
          t2vx = madd(s2vx, h6, w2x); t2vy = madd(s2vy, h6, w2y);
        }
        if (mode == LAUNCH) {
          // δx ← … + δdt·(v + dt/3·p),   δv ← … + δdt/6·w, with δdt = 1 along direction 2.
          t2x = add(t2x, madd(vx0, dt3, px)); t2y = add(t2y, madd(vy0, dt3, py));
          t2vx = madd(t2vx, sixth, wx); t2vy = madd(t2vy, sixth, wy);
        }
        if (seeded) {
          // The same, δdt a direction's own.
          const ux = madd(vx0, dt3, px), uy = madd(vy0, dt3, py);
          const sx = mul(sixth, wx), sy = mul(sixth, wy);
          t0x = madd(t0x, dd0, ux); t0y = madd(t0y, dd0, uy); t0vx = madd(t0vx, dd0, sx); t0vy = madd(t0vy, dd0, sy);
          t1x = madd(t1x, dd1, ux); t1y = madd(t1y, dd1, uy); t1vx = madd(t1vx, dd1, sx); t1vy = madd(t1vy, dd1, sy);
        }
      }
      if (nodes) {
        const at = nodes + (<usize>step << 5);
        store<f64>(at, f64x2.extract_lane(x, 0)); store<f64>(at, f64x2.extract_lane(y, 0), 8);
        store<f64>(at, f64x2.extract_lane(vx, 0), 16); store<f64>(at, f64x2.extract_lane(vy, 0), 24);
      }
      // Stop where the ball is below the target height and either was above it (it came down through it
      // in this step) or is now falling (past the apex: it came down through it inside the step, or never will).
      const stops = shouldStop(y0, y, vy, h);
      const stopA = !doneA && i64x2.extract_lane(stops, 0) != 0;
      const stopB = !doneB && i64x2.extract_lane(stops, 1) != 0;
      const outOfSteps = step >= maxSteps;
      if (stopA || stopB || outOfSteps) {
        const slots = mode == NONE ? 4 : STATE;
        stash(0, x0); stash(1, y0); stash(2, vx0); stash(3, vy0);
        stash(4, s0x); stash(5, s0y); stash(6, s0vx); stash(7, s0vy);
        stash(8, s1x); stash(9, s1y); stash(10, s1vx); stash(11, s1vy);
        stash(12, s2x); stash(13, s2y); stash(14, s2vx); stash(15, s2vy);
        stash(16, x); stash(17, y); stash(18, vx); stash(19, vy);
        stash(20, t0x); stash(21, t0y); stash(22, t0vx); stash(23, t0vy);
        stash(24, t1x); stash(25, t1y); stash(26, t1vx); stash(27, t1vy);
        stash(28, t2x); stash(29, t2y); stash(30, t2vx); stash(31, t2vy);
        const out = output + <usize>i * OUTPUT * 8;
        if (stopA || (!doneA && outOfSteps)) {
          recordBracket(out, 0, stopA, step, slots, f64x2.extract_lane(h, 0), f64x2.extract_lane(dt, 0));
          doneA = true;
        }
        if (stopB || (!doneB && outOfSteps)) {
          recordBracket(out + OUTPUT * 8, 1, stopB, step, slots, f64x2.extract_lane(h, 1), f64x2.extract_lane(dt, 1));
          doneB = true;
        }
        if (doneA && doneB) break;
      }
    }
  }
}

/**
 * Writes a lane's record: whether it stopped (or ran out of steps), the stashed state before the step
 * (slots 0..15) and after it (16..31), and the impact in the step (h: the target height, dt: the step).
 */
function recordBracket(out: usize, lane: i32, stopped: bool, steps: i32, slots: i32, h: f64, dt: f64): void {
  store<f64>(out, stopped ? 1 : -1);
  store<f64>(out, <f64>steps, 8);
  for (let slot = 0; slot < slots; slot++) {
    store<f64>(out + 16 + (<usize>slot << 3), stashed(slot, lane));
    store<f64>(out + 16 + ((<usize>(STATE + slot)) << 3), stashed(STATE + slot, lane));
  }
  store<f64>(out + (<usize>THETA << 3), stopped ? descentThrough(h, stashed(1, lane), stashed(3, lane), stashed(STATE + 1, lane), stashed(STATE + 3, lane), dt) : -1);
}

/** Flies `count` shots (input records at `input`, output records at `output`) without sensitivities. */
export function flyValues(count: i32, input: usize, output: usize, maxSteps: i32): void {
  flyShots(count, input, output, maxSteps);
}

/** Flies `count` shots with the tangents along the launch vx, vy and the step size. */
export function flyLaunch(count: i32, input: usize, output: usize, maxSteps: i32): void {
  flyPairs(LAUNCH, count, input, output, maxSteps, 0);
}

/** Flies `count` shots with the tangents along the two directions their records seed (see SHOT). */
export function flyShot(count: i32, input: usize, output: usize, maxSteps: i32): void {
  flyPairs(SHOT, count, input, output, maxSteps, 0);
}

/** Flies `count` shots with the tangents along the drag, the wind and gravity. */
export function flyWorld(count: i32, input: usize, output: usize, maxSteps: i32): void {
  flyPairs(WORLD, count, input, output, maxSteps, 0);
}

/** Flies one shot and writes [x, y, vx, vy] at every step (from the muzzle) to `nodes`; for sampling its path. */
export function trace(input: usize, output: usize, maxSteps: i32, nodes: usize): void {
  flyPairs(NONE, 1, input, output, maxSteps, nodes);
}

/** Bytes of one input and one output record, for the caller's layout. */
export const inputBytes: i32 = INPUT * 8;
export const outputBytes: i32 = OUTPUT * 8;

/** Where the caller's records may start: memory below holds the kernel's own data. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

export { flyConstant3d, flyTable3d, trace3d } from './flight3d';
export { densityRatioAt, densityRatioPerUAt, prepareAir } from './air';
export { dragCoefficientAt, dragCoefficientPerMachAt } from './drag';
