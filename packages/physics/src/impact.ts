/**
 * The path inside one step: the cubic Hermite interpolant of the step's end states (positions and
 * velocities), in the step fraction θ ∈ [0, 1]. The kernel finds the impact on it (kernel/stop.ts: the root
 * Y(θ) = h, to machine precision); here are the landing at θ, its slope, and the weights that carry the
 * tangents of the end states to the landing's derivatives (implicit function: δθ = −(δY − δh)/Y′(θ)).
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
