/**
 * An independent reference for the three-dimensional model, for the tests of its kernel: the equations of motion of
 * a point mass in plain JavaScript, integrated by classical RK4 at a fixed, very small time step (no step-size rule,
 * no Hermite cubic, no kernel), the crossing of the target height found by linear interpolation.
 *
 *   dv/dt = (0, 0, −g) − D·|v − w|·(v − w),   w = (wx, wy, 0)
 *
 * D is a constant `drag` k (1/m), or, with a `table`, ρ(z)·i·Cd(M)·A/(2m) with M = |v − w|/c(z): the air at the
 * ball's height (`air` of the package, anchored at the muzzle, which its own tests hold to the standard atmosphere)
 * and the table's Cd (`dragCoefficientAt`, held to SciPy's PCHIP). Axes: x along azimuth 0, y to its left, z up.
 * With `earth` ({ latitude, bearing }, radians: the muzzle's latitude and the compass bearing of +x), the ground
 * turns with the Earth and adds the Coriolis acceleration −2Ω×v, Ω the Earth's rotation in these axes.
 * Returns the impact { x, y, time } where the ball descends through targetHeight, or null.
 */
import { air, dragCoefficientAt } from '../dist/index.js';

export function referenceImpact(shot, dt = 1e-4) {
  const { speed, elevation, azimuth = 0, gravity = 9.81, drag = 0, wind = [0, 0], launchHeight = 0, targetHeight = 0 } = shot;
  const [wx, wy] = wind;
  const { table, mass, diameter, formFactor = 1, conditions = {}, earth } = shot;
  // The Earth's rotation (one turn a sidereal day, 86 164.0905 s) in east, north, up, turned into x, y, z.
  const omega = (2 * Math.PI) / 86164.0905;
  const spin = earth
    ? (() => {
        const east = [Math.sin(earth.bearing), Math.cos(earth.bearing)]; // x's east and north parts
        const up = omega * Math.sin(earth.latitude);
        const north = omega * Math.cos(earth.latitude);
        // Ω·x and Ω·y, with x = (sin β, cos β, 0) and y = (−cos β, sin β, 0) in east, north, up.
        return [north * east[1], north * east[0], up];
      })()
    : [0, 0, 0];
  const area = (Math.PI * diameter ** 2) / 4;
  const dragAt = (z, airSpeed) => {
    if (!table) return drag;
    const { density, speedOfSound } = air(z - launchHeight, conditions);
    return (density * formFactor * dragCoefficientAt(table, airSpeed / speedOfSound).cd * area) / (2 * mass);
  };
  const acceleration = (z, vx, vy, vz) => {
    const [rx, ry] = [vx - wx, vy - wy];
    const s = Math.hypot(rx, ry, vz);
    const d = dragAt(z, s) * s;
    const [ox, oy, oz] = spin;
    return [-d * rx - 2 * (oy * vz - oz * vy), -d * ry - 2 * (oz * vx - ox * vz), -gravity - d * vz - 2 * (ox * vy - oy * vx)];
  };
  let state = [0, 0, launchHeight, speed * Math.cos(elevation) * Math.cos(azimuth), speed * Math.cos(elevation) * Math.sin(azimuth), speed * Math.sin(elevation)];
  const derivative = (s) => [s[3], s[4], s[5], ...acceleration(s[2], s[3], s[4], s[5])];
  const plus = (s, k, h) => s.map((value, i) => value + h * k[i]);
  for (let step = 0; step < 20_000_000; step++) {
    const k1 = derivative(state);
    const k2 = derivative(plus(state, k1, dt / 2));
    const k3 = derivative(plus(state, k2, dt / 2));
    const k4 = derivative(plus(state, k3, dt));
    const next = state.map((value, i) => value + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    if (next[2] < targetHeight && state[2] >= targetHeight) {
      const f = (state[2] - targetHeight) / (state[2] - next[2]);
      return { x: state[0] + f * (next[0] - state[0]), y: state[1] + f * (next[1] - state[1]), time: (step + f) * dt };
    }
    if (next[5] <= 0 && next[2] < targetHeight) return null;
    state = next;
  }
  throw new Error('the reference did not land');
}
