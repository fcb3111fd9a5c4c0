// The air along the path: the standard lapse rate anchored at the muzzle. With τ = 1 − u, u = L·(z − z_muzzle)/T_muzzle
// (T falls by L per metre), the density is ρ_muzzle·τⁿ, n = g₀/(R·L) − 1, and the speed of sound c_muzzle·√τ.
// τⁿ is read from a table of cubic Hermite pieces on a uniform grid of u (values and slopes exact at the nodes,
// 8192 pieces: within 2·10⁻¹⁴ of τⁿ), built once by `prepareAir`: no power is taken in flight. Beyond the grid
// (a ball more than 23 km above its muzzle or 10 km below it) the density is held at the grid's ends.

/** g₀/(R·L) − 1 of the ICAO standard atmosphere (src/air.ts holds the same constants). */
const DENSITY_EXPONENT: f64 = 9.80665 / (287.05287 * 0.0065) - 1;
const LOWEST: f64 = -0.2;
const HIGHEST: f64 = 0.8;
const PIECES = 8192;
const STEP: f64 = (HIGHEST - LOWEST) / PIECES;
/** τⁿ and d(τⁿ)/du at each node. */
const nodes = memory.data((PIECES + 1) * 16, 16);
let prepared = false;

/** Builds the table (once). */
export function prepareAir(): void {
  if (prepared) return;
  for (let i = 0; i <= PIECES; i++) {
    const tau = 1 - (LOWEST + <f64>i * STEP);
    const value = Math.pow(tau, DENSITY_EXPONENT);
    store<f64>(nodes + (<usize>i << 4), value);
    store<f64>(nodes + (<usize>i << 4), (-DENSITY_EXPONENT * value) / tau, 8);
  }
  prepared = true;
}

/** d(density ratio)/du at the last `densityRatio`. */
export let densityRatioPerU: f64 = 0;

/** ρ/ρ_muzzle at u = L·(z − z_muzzle)/T_muzzle; its derivative with respect to u in `densityRatioPerU`. */
export function densityRatio(u: f64): f64 {
  let at = (u - LOWEST) / STEP;
  if (!(at > 0)) at = 0;
  if (at > <f64>PIECES) at = <f64>PIECES;
  let k = <i32>at;
  if (k == PIECES) k = PIECES - 1;
  const t = at - <f64>k;
  const node = nodes + (<usize>k << 4);
  const y0 = load<f64>(node), m0 = STEP * load<f64>(node, 8), y1 = load<f64>(node, 16), m1 = STEP * load<f64>(node, 24);
  const t2 = t * t, t3 = t2 * t;
  const inside = u > LOWEST && u < HIGHEST;
  densityRatioPerU = inside ? ((6 * t2 - 6 * t) * (y0 - y1) + (3 * t2 - 4 * t + 1) * m0 + (3 * t2 - 2 * t) * m1) / STEP : 0;
  return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (3 * t2 - 2 * t3) * y1 + (t3 - t2) * m1;
}
