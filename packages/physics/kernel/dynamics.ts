// The forces on the ball, for two shots at once (one per lane of an f64x2 vector):
//   dvx/dt = −k·(vx − w)·s,   dvy/dt = −g − k·vy·s,   s = |(vx − w, vy)|
// Position does not enter the forces. The partial derivatives are for the sensitivities. They take −k and
// −g (negated once per shot), which saves a negation per term and changes no bit: IEEE negation is exact.

/** s: the ball's speed through the air, whose velocity relative to the ground is the wind (rx = vx − w). */
@inline export function airSpeed(rx: v128, vy: v128): v128 {
  return f64x2.sqrt(f64x2.add(f64x2.mul(rx, rx), f64x2.mul(vy, vy)));
}

/** 1/s, taken as 0 at s = 0, where the drag force and all its derivatives vanish with s. */
@inline export function inverseAirSpeed(s: v128): v128 {
  const zero = f64x2.splat(0.0);
  return v128.bitselect(f64x2.div(f64x2.splat(1.0), s), zero, f64x2.gt(s, zero));
}

@inline export function accelerationX(minusDrag: v128, rx: v128, s: v128): v128 {
  return f64x2.mul(f64x2.mul(minusDrag, rx), s);
}

@inline export function accelerationY(minusGravity: v128, minusDrag: v128, vy: v128, s: v128): v128 {
  return f64x2.add(minusGravity, f64x2.mul(f64x2.mul(minusDrag, vy), s));
}

/** ∂ax/∂vx = −k·(s + rx²/s); the other entries of the Jacobian follow the same pattern. */
@inline export function partialAxVx(minusDrag: v128, rx: v128, s: v128, invS: v128): v128 {
  return f64x2.mul(minusDrag, f64x2.add(s, f64x2.mul(f64x2.mul(rx, rx), invS)));
}

/** ∂ax/∂vy = ∂ay/∂vx = −k·rx·vy/s (the Jacobian is symmetric). */
@inline export function partialAxVy(minusDrag: v128, rx: v128, vy: v128, invS: v128): v128 {
  return f64x2.mul(f64x2.mul(minusDrag, rx), f64x2.mul(vy, invS));
}

/** ∂ay/∂vy = −k·(s + vy²/s). */
@inline export function partialAyVy(minusDrag: v128, vy: v128, s: v128, invS: v128): v128 {
  return f64x2.mul(minusDrag, f64x2.add(s, f64x2.mul(f64x2.mul(vy, vy), invS)));
}

/** ∂ax/∂k = −rx·s; ∂ay/∂k = −vy·s. (∂a/∂w = −∂a/∂vx, and ∂ay/∂g = −1.) */
@inline export function partialPerDrag(component: v128, s: v128): v128 {
  return f64x2.neg(f64x2.mul(component, s));
}
