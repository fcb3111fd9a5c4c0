/**
 * The stop: where, inside one step, the ball descends through the target height.
 *
 * Between two steps the path is the cubic Hermite interpolant of the step's end states (positions and
 * velocities), in the step fraction θ ∈ [0, 1]. The impact is its root Y(θ) = h, solved to machine
 * precision, so the landing is a smooth function of everything that moves the step's end states, and its
 * derivative follows from the implicit function theorem: δθ = −(δY − δh)/Y′(θ).
 */

/** Value of the Hermite cubic at θ, with end velocities v0, v1 per unit time and step dt. */
export function hermite(p0: number, v0: number, p1: number, v1: number, dt: number, theta: number): number {
  const t2 = theta * theta;
  const t3 = t2 * theta;
  return (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + theta) * dt * v0 + (3 * t2 - 2 * t3) * p1 + (t3 - t2) * dt * v1;
}

/** dY/dθ of the Hermite cubic. */
export function hermiteSlope(p0: number, v0: number, p1: number, v1: number, dt: number, theta: number): number {
  const t2 = theta * theta;
  return (6 * t2 - 6 * theta) * (p0 - p1) + (3 * t2 - 4 * theta + 1) * dt * v0 + (3 * t2 - 2 * theta) * dt * v1;
}

/** Weights of (p0, dt·v0, p1, dt·v1) in the cubic at θ: the tangent of Y at fixed θ is their dot with the tangents. */
export function hermiteWeights(theta: number, out: Float64Array): void {
  const t2 = theta * theta;
  const t3 = t2 * theta;
  out[0] = 2 * t3 - 3 * t2 + 1;
  out[1] = t3 - 2 * t2 + theta;
  out[2] = 3 * t2 - 2 * t3;
  out[3] = t3 - t2;
}

/**
 * The step fraction where the height falls through h, or −1 when it does not in this step.
 * y0, vy0 / y1, vy1: height and vertical velocity at the step's ends.
 */
export function descentThrough(h: number, y0: number, vy0: number, y1: number, vy1: number, dt: number): number {
  if (!(y1 < h)) return -1;
  let lo = 0;
  if (y0 < h) {
    // Below at both ends: it can still rise above h and come back inside the step, if the apex is in it.
    if (!(vy0 > 0 && vy1 <= 0)) return -1;
    lo = apexFraction(y0, vy0, y1, vy1, dt);
    if (!(hermite(y0, vy0, y1, vy1, dt, lo) >= h)) return -1;
  }
  return bracketedRoot(h, y0, vy0, y1, vy1, dt, lo, 1);
}

/** The apex inside the step: the cubic's slope is positive at 0 and not at 1, so it has one root between. */
function apexFraction(y0: number, vy0: number, y1: number, vy1: number, dt: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (hermiteSlope(y0, vy0, y1, vy1, dt, mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Root of Y(θ) = h with Y(lo) ≥ h > Y(hi): Newton steps kept inside a shrinking bracket. */
function bracketedRoot(h: number, y0: number, vy0: number, y1: number, vy1: number, dt: number, lo: number, hi: number): number {
  const fLo = hermite(y0, vy0, y1, vy1, dt, lo) - h;
  const fHi = hermite(y0, vy0, y1, vy1, dt, hi) - h;
  if (fLo === 0) return lo;
  let theta = lo + (hi - lo) * (fLo / (fLo - fHi));
  for (let i = 0; i < 100; i++) {
    const f = hermite(y0, vy0, y1, vy1, dt, theta) - h;
    if (f === 0) return theta;
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
