// What is solved: the forces on the ball, the one definition both kernels use (the plane's, kernel/flight.ts, and
// three dimensions', kernel/flight3d.ts), for two shots at once (one per lane of an f64x2 vector):
//
//   dv/dt = (0, …, −g) − q·r,   r = v − w (the ball's velocity through the air),   s = |r|,   q = D·s
//
// D is the drag per metre: a constant k, or a drag table's in the air along the path (kernel/drag.ts, kernel/air.ts),
// a function of s and the height. Position enters only through D. The Jacobian of the drag is
//
//   ∂a/∂r = −q·I − E·r·rᵀ,   E = D/s + ∂D/∂s   (for a constant k, E = k/s),
//
// and ∂a/∂D = −s·r. On the rotating Earth the ground's frame adds the Coriolis acceleration −2Ω×v (the
// centrifugal part is in g). The functions take the negated −g, −q and −E, which saves a negation per term and
// changes no bit: IEEE negation is exact.
import { madd, mul, sub } from './vectors';

/** s in the plane, where r = (rx, vy). */
@inline export function airSpeed(rx: v128, vy: v128): v128 {
  return f64x2.sqrt(madd(mul(rx, rx), vy, vy));
}

/** s in three dimensions, where r = (rx, ry, vz). */
@inline export function airSpeed3d(rx: v128, ry: v128, vz: v128): v128 {
  return f64x2.sqrt(madd(madd(mul(rx, rx), ry, ry), vz, vz));
}

/** 1/s, taken as 0 at s = 0, where the drag force and all its derivatives vanish with s. */
@inline export function inverseAirSpeed(s: v128): v128 {
  const zero = f64x2.splat(0.0);
  return v128.bitselect(f64x2.div(f64x2.splat(1.0), s), zero, f64x2.gt(s, zero));
}

/** −q = −D·s. */
@inline export function minusDragRate(minusDrag: v128, s: v128): v128 {
  return mul(minusDrag, s);
}

/** A horizontal component of the acceleration: −q·r. */
@inline export function acceleration(minusQ: v128, r: v128): v128 {
  return mul(minusQ, r);
}

/** The vertical component: −g − q·vz. */
@inline export function verticalAcceleration(minusG: v128, minusQ: v128, vz: v128): v128 {
  return madd(minusG, minusQ, vz);
}

/** −E = −k/s for a constant drag k (∂D/∂s = 0). */
@inline export function minusStiffness(minusDrag: v128, invS: v128): v128 {
  return mul(minusDrag, invS);
}

/** −E = −(D/s + ∂D/∂s) for a drag D that changes with the air speed (a drag table's, through the Mach number). */
@inline export function minusStiffnessOf(drag: v128, perSpeed: v128, invS: v128): v128 {
  return f64x2.neg(madd(perSpeed, drag, invS));
}

/** A diagonal entry of the Jacobian, ∂aᵢ/∂rᵢ = −q − E·rᵢ². */
@inline export function jacobianDiagonal(minusQ: v128, minusE: v128, r: v128): v128 {
  return madd(minusQ, minusE, mul(r, r));
}

/** An entry off the diagonal, ∂aᵢ/∂rⱼ = ∂aⱼ/∂rᵢ = −E·rᵢ·rⱼ (the Jacobian is symmetric). */
@inline export function jacobianOffDiagonal(minusE: v128, ri: v128, rj: v128): v128 {
  return mul(minusE, mul(ri, rj));
}

/**
 * A component of the Jacobian times a tangent δr, −q·δrᵢ + rᵢ·m, where m = −E·(r·δr) plus what moves D itself (a
 * move of the drag scale or of the height): the matrix-free form for many directions in three dimensions.
 */
@inline export function tangent(minusQ: v128, dr: v128, r: v128, m: v128): v128 {
  return madd(mul(minusQ, dr), r, m);
}

/** ∂aᵢ/∂k = −rᵢ·s for a constant drag k. */
@inline export function partialPerDrag(r: v128, s: v128): v128 {
  return f64x2.neg(mul(r, s));
}

/** Adds the Coriolis component to an acceleration (or its tangent): a − (2Ωⱼ·vₖ − 2Ωₖ·vⱼ). */
@inline export function withCoriolis(a: v128, spinJ: v128, vk: v128, spinK: v128, vj: v128): v128 {
  return sub(a, sub(mul(spinJ, vk), mul(spinK, vj)));
}
