/**
 * The forces on the ball: gravity and quadratic drag against the air, which moves with the wind.
 *   dvx/dt = −k·(vx − w)·s,   dvy/dt = −g − k·vy·s,   s = |(vx − w, vy)|
 * Position does not enter the forces, so only the velocity is an argument.
 */

/** Slots of the array `acceleration` writes. */
export const AX = 0;
export const AY = 1;
/** ∂ax/∂vx, ∂ax/∂vy, ∂ay/∂vx, ∂ay/∂vy */
export const AX_VX = 2;
export const AX_VY = 3;
export const AY_VX = 4;
export const AY_VY = 5;
/** ∂ax/∂k, ∂ay/∂k. (∂/∂w is −∂/∂vx, and ∂ay/∂g is −1: callers derive those.) */
export const AX_K = 6;
export const AY_K = 7;
export const ACCELERATION_SLOTS = 8;

/** Writes the acceleration at velocity (vx, vy) and its partial derivatives into `out`. */
export function acceleration(vx: number, vy: number, gravity: number, drag: number, wind: number, out: Float64Array): void {
  const rx = vx - wind;
  const s = Math.sqrt(rx * rx + vy * vy);
  // At s = 0 the drag force and its derivatives all vanish (they scale with s), so 1/s may be taken as 0.
  const invS = s > 0 ? 1 / s : 0;
  const krs = drag * rx * invS;
  const kvs = drag * vy * invS;
  out[AX] = -drag * rx * s;
  out[AY] = -gravity - drag * vy * s;
  out[AX_VX] = -drag * s - krs * rx;
  out[AX_VY] = -krs * vy;
  out[AY_VX] = -kvs * rx;
  out[AY_VY] = -drag * s - kvs * vy;
  out[AX_K] = -rx * s;
  out[AY_K] = -vy * s;
}
