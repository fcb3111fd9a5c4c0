import { acceleration, ACCELERATION_SLOTS, AX, AX_K, AX_VX, AX_VY, AY, AY_K, AY_VX, AY_VY } from './dynamics.js';

/**
 * The classical Runge–Kutta step of one ball, with forward sensitivities along up to three directions.
 *
 * State: [x, y, vx, vy, then for each direction j its tangent (δx, δy, δvx, δvy)] = STATE_SIZE numbers.
 * A direction starts from a unit launch velocity (δvx or δvy = 1) or from zero, and may also move the step
 * size, the drag, the wind or gravity: its row of DIRECTION_SIZE flags [dt, drag, wind, gravity].
 * Differentiating the step itself makes the tangents the exact derivatives of the discrete model.
 * The three directions are spelled out as locals: this is the innermost loop of every landing.
 */
export const DIRECTIONS = 3;
export const STATE_SIZE = 4 + 4 * DIRECTIONS;
export const DIRECTION_SIZE = 4;

export type DirectionKind = 'vx' | 'vy' | 'dt' | 'drag' | 'wind' | 'gravity';

/** The flag rows of up to three directions (missing ones are all zero and cost nothing but arithmetic). */
export function directionFlags(kinds: readonly DirectionKind[]): Float64Array {
  if (kinds.length > DIRECTIONS) throw new Error(`at most ${DIRECTIONS} directions at a time`);
  const flags = new Float64Array(DIRECTION_SIZE * DIRECTIONS);
  kinds.forEach((kind, j) => {
    const column = ['dt', 'drag', 'wind', 'gravity'].indexOf(kind);
    if (column >= 0) flags[DIRECTION_SIZE * j + column] = 1;
  });
  return flags;
}

/** Puts the ball at the muzzle, with each direction's starting tangent. */
export function startState(state: Float64Array, kinds: readonly DirectionKind[], vx: number, vy: number, height: number): void {
  state.fill(0);
  state[1] = height;
  state[2] = vx;
  state[3] = vy;
  kinds.forEach((kind, j) => {
    if (kind === 'vx') state[4 + 4 * j + 2] = 1;
    if (kind === 'vy') state[4 + 4 * j + 3] = 1;
  });
}

/** Slots of the parameter array `rk4Step` reads (an array, so that a call passes no loose numbers). */
export const STEP = 0;
export const GRAVITY = 1;
export const DRAG = 2;
export const WIND = 3;

const scratch = new Float64Array(ACCELERATION_SLOTS);

/**
 * Advances `state` by one step.
 *   stages: k1 = a(v), k2 = a(v + dt/2·k1), k3 = a(v + dt/2·k2), k4 = a(v + dt·k3)
 *   x ← x + dt·v + dt²/6·(k1 + k2 + k3),   v ← v + dt/6·(k1 + 2k2 + 2k3 + k4)
 * A stage's tangent is δk = J·(δv + δc·kPrev + c·δkPrev) + ∂a/∂θ·δθ, where c is its offset along the
 * previous stage (0, dt/2, dt/2, dt), δc moves with the step size, and the wind enters as −δw beside δvx.
 */
export function rk4Step(state: Float64Array, parameters: Float64Array, flags: Float64Array, withTangents: boolean): void {
  const dt = parameters[STEP];
  const gravity = parameters[GRAVITY];
  const drag = parameters[DRAG];
  const wind = parameters[WIND];
  const a = scratch;
  const vx = state[2];
  const vy = state[3];
  // The previous stage's acceleration, and the sums k1+k2+k3 (p) and k1+2k2+2k3+k4 (w).
  let kx = 0, ky = 0, px = 0, py = 0, wx = 0, wy = 0;
  // Per direction: its velocity tangent, the previous stage's δk, and the two sums of δk.
  const v0x = state[6], v0y = state[7], v1x = state[10], v1y = state[11], v2x = state[14], v2y = state[15];
  let k0x = 0, k0y = 0, k1x = 0, k1y = 0, k2x = 0, k2y = 0;
  let p0x = 0, p0y = 0, p1x = 0, p1y = 0, p2x = 0, p2y = 0;
  let w0x = 0, w0y = 0, w1x = 0, w1y = 0, w2x = 0, w2y = 0;
  const d0 = flags[0], d1 = flags[4], d2 = flags[8]; // moves the step
  const q0 = flags[1], q1 = flags[5], q2 = flags[9]; // moves the drag
  const u0 = flags[2], u1 = flags[6], u2 = flags[10]; // moves the wind
  const g0 = flags[3], g1 = flags[7], g2 = flags[11]; // moves gravity

  for (let stage = 0; stage < 4; stage++) {
    const offset = stage === 0 ? 0 : stage === 3 ? 1 : 0.5;
    const weightW = stage === 0 || stage === 3 ? 1 : 2;
    const weightP = stage === 3 ? 0 : 1;
    const c = offset * dt;
    acceleration(vx + c * kx, vy + c * ky, gravity, drag, wind, a);
    if (withTangents) {
      const jxx = a[AX_VX], jxy = a[AX_VY], jyx = a[AY_VX], jyy = a[AY_VY], axk = a[AX_K], ayk = a[AY_K];
      // δu = δv + δc·kPrev + c·δkPrev − (δw, 0), then δk = J·δu + ∂a/∂k·δk_drag − (0, δg).
      let ux = v0x + offset * d0 * kx + c * k0x - u0;
      let uy = v0y + offset * d0 * ky + c * k0y;
      k0x = jxx * ux + jxy * uy + q0 * axk;
      k0y = jyx * ux + jyy * uy + q0 * ayk - g0;
      ux = v1x + offset * d1 * kx + c * k1x - u1;
      uy = v1y + offset * d1 * ky + c * k1y;
      k1x = jxx * ux + jxy * uy + q1 * axk;
      k1y = jyx * ux + jyy * uy + q1 * ayk - g1;
      ux = v2x + offset * d2 * kx + c * k2x - u2;
      uy = v2y + offset * d2 * ky + c * k2y;
      k2x = jxx * ux + jxy * uy + q2 * axk;
      k2y = jyx * ux + jyy * uy + q2 * ayk - g2;
      w0x += weightW * k0x; w0y += weightW * k0y; p0x += weightP * k0x; p0y += weightP * k0y;
      w1x += weightW * k1x; w1y += weightW * k1y; p1x += weightP * k1x; p1y += weightP * k1y;
      w2x += weightW * k2x; w2y += weightW * k2y; p2x += weightP * k2x; p2y += weightP * k2y;
    }
    kx = a[AX];
    ky = a[AY];
    wx += weightW * kx;
    wy += weightW * ky;
    px += weightP * kx;
    py += weightP * ky;
  }

  const h2 = (dt * dt) / 6;
  const h6 = dt / 6;
  if (withTangents) {
    // δx ← δx + δdt·(vx + dt/3·p) + dt·δvx + dt²/6·δp,   δv ← δv + δdt/6·w + dt/6·δw
    const mx = vx + (dt / 3) * px, my = vy + (dt / 3) * py;
    state[4] += d0 * mx + dt * v0x + h2 * p0x;
    state[5] += d0 * my + dt * v0y + h2 * p0y;
    state[6] = v0x + (d0 / 6) * wx + h6 * w0x;
    state[7] = v0y + (d0 / 6) * wy + h6 * w0y;
    state[8] += d1 * mx + dt * v1x + h2 * p1x;
    state[9] += d1 * my + dt * v1y + h2 * p1y;
    state[10] = v1x + (d1 / 6) * wx + h6 * w1x;
    state[11] = v1y + (d1 / 6) * wy + h6 * w1y;
    state[12] += d2 * mx + dt * v2x + h2 * p2x;
    state[13] += d2 * my + dt * v2y + h2 * p2y;
    state[14] = v2x + (d2 / 6) * wx + h6 * w2x;
    state[15] = v2y + (d2 / 6) * wy + h6 * w2y;
  }
  state[0] += dt * vx + h2 * px;
  state[1] += dt * vy + h2 * py;
  state[2] = vx + h6 * wx;
  state[3] = vy + h6 * wy;
}
