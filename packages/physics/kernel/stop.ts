// When a shot stops, and where: the one stop rule, used by every loop of the kernel.
//
// A step ends the flight when the ball is below the target height after it and either was above it before
// (it came down through it in this step) or is now falling (past the apex: it came down through it inside the
// step, or never will). Inside that step the path is the cubic Hermite interpolant of the step's end states
// (positions and velocities) in the step fraction θ ∈ [0, 1]; the impact is its root Y(θ) = h, solved to
// machine precision, so that the landing is a smooth function of everything that moves the step's end states
// (src/flight.ts differentiates it by the implicit function: δθ = −(δY − δh)/Y′(θ)).

/**
 * Whether the step from height y0 to y1 (vertical velocity vy1 after it) ends a flight stopping at height h, for
 * two shots at once: all ones in the lane of a shot whose flight it ends, zeros in the other.
 */
@inline export function shouldStop(y0: v128, y1: v128, vy1: v128, h: v128): v128 {
  return v128.and(f64x2.lt(y1, h), v128.or(f64x2.ge(y0, h), f64x2.le(vy1, f64x2.splat(0))));
}

/** Value of the Hermite cubic at θ, with end velocities v0, v1 per unit time and step dt. */
@inline export function hermite(p0: f64, v0: f64, p1: f64, v1: f64, dt: f64, theta: f64): f64 {
  const t2 = theta * theta;
  const t3 = t2 * theta;
  return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + theta) * dt * v0 + (3 * t2 - 2 * t3) * p1 + (t3 - t2) * dt * v1;
}

/** dY/dθ of the Hermite cubic. */
@inline export function hermiteSlope(p0: f64, v0: f64, p1: f64, v1: f64, dt: f64, theta: f64): f64 {
  const t2 = theta * theta;
  return (6 * t2 - 6 * theta) * (p0 - p1) + (3 * t2 - 4 * theta + 1) * dt * v0 + (3 * t2 - 2 * theta) * dt * v1;
}

/**
 * The step fraction where the height falls through h, or −1 when it does not in this step.
 * y0, vy0 / y1, vy1: height and vertical velocity at the step's ends.
 */
export function descentThrough(h: f64, y0: f64, vy0: f64, y1: f64, vy1: f64, dt: f64): f64 {
  if (!(y1 < h)) return -1;
  let lo: f64 = 0;
  if (y0 < h) {
    // Below at both ends: it can still rise above h and come back inside the step, if the apex is in it.
    if (!(vy0 > 0 && vy1 <= 0)) return -1;
    lo = apexFraction(y0, vy0, y1, vy1, dt);
    if (!(hermite(y0, vy0, y1, vy1, dt, lo) >= h)) return -1;
  }
  return bracketedRoot(h, y0, vy0, y1, vy1, dt, lo, 1);
}

/** The apex inside the step: the cubic's slope is positive at 0 and not at 1, so it has one root between. */
function apexFraction(y0: f64, vy0: f64, y1: f64, vy1: f64, dt: f64): f64 {
  let lo: f64 = 0;
  let hi: f64 = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (hermiteSlope(y0, vy0, y1, vy1, dt, mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Root of Y(θ) = h with Y(lo) ≥ h > Y(hi): Newton steps kept inside a shrinking bracket, until Y(θ) − h is
 * within what rounding leaves of it (a few ulps of the cubic's terms): past that, the steps would only chase the
 * rounding of Y, a few ulps of θ at a time (3 or 4 evaluations a shot, where chasing it took up to 48).
 */
function bracketedRoot(h: f64, y0: f64, vy0: f64, y1: f64, vy1: f64, dt: f64, lo: f64, hi: f64): f64 {
  const fLo = hermite(y0, vy0, y1, vy1, dt, lo) - h;
  const fHi = hermite(y0, vy0, y1, vy1, dt, hi) - h;
  if (fLo == 0) return lo;
  const rounding = 4 * f64.EPSILON * (Math.abs(y0) + Math.abs(dt * vy0) + Math.abs(y1) + Math.abs(dt * vy1) + Math.abs(h));
  let theta = lo + (hi - lo) * (fLo / (fLo - fHi));
  for (let i = 0; i < 100; i++) {
    const f = hermite(y0, vy0, y1, vy1, dt, theta) - h;
    if (Math.abs(f) <= rounding) return theta;
    if (f > 0) lo = theta;
    else hi = theta;
    const slope = hermiteSlope(y0, vy0, y1, vy1, dt, theta);
    let next = theta - f / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - theta) <= 1e-15 || hi - lo <= 1e-15) return next;
    theta = next;
  }
  return theta;
}
