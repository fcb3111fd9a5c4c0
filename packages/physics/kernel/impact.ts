// How a three-dimensional shot is differentiated where it stops. Inside the last step the path is the cubic
// Hermite interpolant of the step's end states in the step fraction θ, and the impact is at its root Z(θ) = h
// (kernel/stop.ts finds it). By the implicit function, a move δ of everything that sets the end states moves θ by
// δθ = −δZ(θ)/Z′(θ) (and by +δh/Z′(θ) for the target height), so the impact point moves by δX + X′(θ)·δθ (and the
// same for Y), and the flight time t = (steps − 1 + θ)·dt by (steps − 1 + θ)·δdt + dt·δθ.
//
// A shot flown to a vertical plane (`crossing`) stops where it crosses x = R instead: the same rule on Q = −x, whose
// "height" h is −R, and its record holds the height z where x holds the impact's (y and t as for an impact).
import { descentThrough, hermite, hermiteSlope } from './stop';

/** f64 of an output record before its directions: status, steps, θ, x, y, t, ∂(x, y, t)/∂h, and the velocity at the impact. */
export const IMPACT = 12;
/** f64 per direction in an output record: δx, δy, δt. */
export const PER_DIRECTION = 3;

/**
 * Writes a shot's output record at `out`. The state before the step and after it are 6 f64 each
 * (x, y, z, vx, vy, vz), `stride` bytes apart, at `before` and `after`; the tangents of direction d likewise, at
 * `tangentsBefore + d·directionStride` and `tangentsAfter + d·directionStride`; each direction moves the step by
 * the f64 at `stepMoves + d·directionStride`.
 */
export function recordImpact(
  out: usize, stopped: bool, steps: f64, h: f64, dt: f64, before: usize, after: usize, stride: usize,
  directions: i32, tangentsBefore: usize, tangentsAfter: usize, stepMoves: usize, directionStride: usize, crossing: bool = false,
): void {
  store<f64>(out, stopped ? 1 : -1);
  store<f64>(out, steps, 8);
  const z0 = load<f64>(before + 2 * stride), vz0 = load<f64>(before + 5 * stride);
  const z1 = load<f64>(after + 2 * stride), vz1 = load<f64>(after + 5 * stride);
  const x0 = load<f64>(before), y0 = load<f64>(before + stride), vx0 = load<f64>(before + 3 * stride), vy0 = load<f64>(before + 4 * stride);
  const x1 = load<f64>(after), y1 = load<f64>(after + stride), vx1 = load<f64>(after + 3 * stride), vy1 = load<f64>(after + 4 * stride);
  // The coordinate the shot stops on (Q: z, or −x to a plane) and the one recorded in x's place (A: x, or z).
  const q0 = crossing ? -x0 : z0, vq0 = crossing ? -vx0 : vz0, q1 = crossing ? -x1 : z1, vq1 = crossing ? -vx1 : vz1;
  const a0 = crossing ? z0 : x0, va0 = crossing ? vz0 : vx0, a1 = crossing ? z1 : x1, va1 = crossing ? vz1 : vx1;
  const theta = stopped ? descentThrough(h, q0, vq0, q1, vq1, dt) : -1;
  store<f64>(out, theta, 16);
  if (!(theta >= 0)) {
    for (let slot = 3; slot < IMPACT + PER_DIRECTION * directions; slot++) store<f64>(out + (<usize>slot << 3), slot < IMPACT ? NaN : 0);
    return;
  }
  const elapsed = steps - 1 + theta;
  store<f64>(out, hermite(a0, va0, a1, va1, dt, theta), 24);
  store<f64>(out, hermite(y0, vy0, y1, vy1, dt, theta), 32);
  store<f64>(out, elapsed * dt, 40);
  const slopeX = hermiteSlope(x0, vx0, x1, vx1, dt, theta);
  const slopeY = hermiteSlope(y0, vy0, y1, vy1, dt, theta);
  const slopeZ = hermiteSlope(z0, vz0, z1, vz1, dt, theta);
  const slopeQ = crossing ? -slopeX : slopeZ, slopeA = crossing ? slopeZ : slopeX;
  store<f64>(out, slopeA / slopeQ, 48);
  store<f64>(out, slopeY / slopeQ, 56);
  store<f64>(out, dt / slopeQ, 64);
  store<f64>(out, slopeX / dt, 72);
  store<f64>(out, slopeY / dt, 80);
  store<f64>(out, slopeZ / dt, 88);
  // The weights of (p0, dt·v0, p1, dt·v1) in the cubic at θ.
  const t2 = theta * theta, t3 = t2 * theta;
  const w0 = 2 * t3 - 3 * t2 + 1, w1 = t3 - 2 * t2 + theta, w2 = 3 * t2 - 2 * t3, w3 = t3 - t2;
  for (let d = 0; d < directions; d++) {
    const a = tangentsBefore + <usize>d * directionStride;
    const b = tangentsAfter + <usize>d * directionStride;
    const dd = load<f64>(stepMoves + <usize>d * directionStride);
    const dX = w0 * load<f64>(a) + w1 * (dd * vx0 + dt * load<f64>(a + 3 * stride)) + w2 * load<f64>(b) + w3 * (dd * vx1 + dt * load<f64>(b + 3 * stride));
    const dY = w0 * load<f64>(a + stride) + w1 * (dd * vy0 + dt * load<f64>(a + 4 * stride)) + w2 * load<f64>(b + stride) + w3 * (dd * vy1 + dt * load<f64>(b + 4 * stride));
    const dZ = w0 * load<f64>(a + 2 * stride) + w1 * (dd * vz0 + dt * load<f64>(a + 5 * stride)) + w2 * load<f64>(b + 2 * stride) + w3 * (dd * vz1 + dt * load<f64>(b + 5 * stride));
    const dTheta = crossing ? -dX / slopeX : -dZ / slopeZ;
    const at = out + ((<usize>(IMPACT + PER_DIRECTION * d)) << 3);
    store<f64>(at, crossing ? dZ + slopeZ * dTheta : dX + slopeX * dTheta);
    store<f64>(at, dY + slopeY * dTheta, 8);
    store<f64>(at, elapsed * dd + dt * dTheta, 16);
  }
}
