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
/** Each piece's cubic in power form in its fraction t of the piece: c0 + t·(c1 + t·(c2 + t·c3)). */
const pieces = memory.data(PIECES * 32, 16);
let prepared = false;

/** Builds the table (once): each piece is the cubic Hermite interpolant of τⁿ and its slope at its ends. */
export function prepareAir(): void {
  if (prepared) return;
  let y0 = Math.pow(1 - LOWEST, DENSITY_EXPONENT);
  let m0 = (-DENSITY_EXPONENT * y0 * STEP) / (1 - LOWEST); // the slope per unit t
  for (let k = 0; k < PIECES; k++) {
    const tau = 1 - (LOWEST + <f64>(k + 1) * STEP);
    const y1 = Math.pow(tau, DENSITY_EXPONENT);
    const m1 = (-DENSITY_EXPONENT * y1 * STEP) / tau;
    const piece = pieces + (<usize>k << 5);
    store<f64>(piece, y0);
    store<f64>(piece, m0, 8);
    store<f64>(piece, 3 * (y1 - y0) - 2 * m0 - m1, 16);
    store<f64>(piece, 2 * (y0 - y1) + m0 + m1, 24);
    y0 = y1;
    m0 = m1;
  }
  prepared = true;
}

/** d(density ratio)/du at the last `densityRatio`, per lane. */
export let densityRatioPerU: v128 = f64x2.splat(0);

/** ρ/ρ_muzzle at u = L·(z − z_muzzle)/T_muzzle, for two shots at once; its derivative in `densityRatioPerU`. */
@inline export function densityRatio(u: v128): v128 {
  const unclamped = f64x2.mul(f64x2.sub(u, f64x2.splat(LOWEST)), f64x2.splat(1 / STEP));
  const inside = v128.and(f64x2.gt(unclamped, f64x2.splat(0)), f64x2.lt(unclamped, f64x2.splat(<f64>PIECES)));
  // Held at the ends beyond them (NaN, which no flight reaches, to the lowest end).
  const at = f64x2.min(f64x2.max(unclamped, f64x2.splat(0)), f64x2.splat(<f64>PIECES));
  const k = i32x4.min_s(i32x4.trunc_sat_f64x2_s_zero(at), i32x4.splat(PIECES - 1));
  const t = f64x2.sub(at, f64x2.convert_low_i32x4_s(k));
  const a = pieces + (<usize>i32x4.extract_lane(k, 0) << 5);
  const b = pieces + (<usize>i32x4.extract_lane(k, 1) << 5);
  const a01 = v128.load(a), a23 = v128.load(a, 16), b01 = v128.load(b), b23 = v128.load(b, 16);
  const c0 = v128.shuffle<f64>(a01, b01, 0, 2), c1 = v128.shuffle<f64>(a01, b01, 1, 3);
  const c2 = v128.shuffle<f64>(a23, b23, 0, 2), c3 = v128.shuffle<f64>(a23, b23, 1, 3);
  const slope = f64x2.add(c1, f64x2.mul(t, f64x2.add(f64x2.add(c2, c2), f64x2.mul(t, f64x2.mul(f64x2.splat(3), c3)))));
  densityRatioPerU = v128.and(f64x2.mul(slope, f64x2.splat(1 / STEP)), inside);
  return f64x2.add(c0, f64x2.mul(t, f64x2.add(c1, f64x2.mul(t, f64x2.add(c2, f64x2.mul(t, c3))))));
}

/** `densityRatio` of one u, for the tests that hold the table to τⁿ. */
export function densityRatioAt(u: f64): f64 {
  return f64x2.extract_lane(densityRatio(f64x2.splat(u)), 0);
}

/** `densityRatioPerU` of the last `densityRatioAt`. */
export function densityRatioPerUAt(): f64 {
  return f64x2.extract_lane(densityRatioPerU, 0);
}
