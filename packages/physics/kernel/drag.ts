// The drag coefficient of a drag table, Cd(M): the monotone piecewise cubic the caller built (src/drag.ts, PCHIP),
// held at its first and last Cd beyond its ends. The caller lays it out in memory (src/impacts.ts, `layTable`),
// each piece in power form in its own fraction t = (M − M_k)/h_k, Cd = c0 + t·(c1 + t·(c2 + t·c3)), with a uniform
// grid of Mach numbers, cells narrower than any piece, that names for each cell the piece at the cell's start:
//   header: [pieces, firstMach, 1/cellWidth, cells, firstMach, lastMach, (grid's offset, last cell: two i32), 0]
//   pieces: [M_k, 1/h_k, c0, c1, c2, c3, M_k+1 (∞ for the last), 0] per piece                           (f64)
//   grid:   the byte offset from the table's start of the piece at each cell's start                    (i32)
// A Mach number is clamped into the table, so that beyond its ends the end pieces give the held Cd, with a slope 0;
// a cell holds at most one knot (unless the table's narrowest piece is under 1/65 536 of its span), so the piece is
// its cell's, or the next.
export const HEADER = 8;
export const PIECE = 8;

/** dCd/dM at the last `dragCoefficient`, per lane. */
export let dragCoefficientPerMach: v128 = f64x2.splat(0);

/** Cd at the Mach numbers `mach` of two shots on the table at `table`; dCd/dM in `dragCoefficientPerMach`. */
@inline export function dragCoefficient(table: usize, mach: v128): v128 {
  const first = v128.load64_splat(table + 32), last = v128.load64_splat(table + 40);
  const inside = v128.and(f64x2.gt(mach, first), f64x2.lt(mach, last));
  const m = f64x2.min(f64x2.max(mach, first), last);
  const cell = i32x4.min_s(
    i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(m, first), v128.load64_splat(table + 16))),
    i32x4.splat(load<i32>(table, 52)),
  );
  const grid = table + <usize>load<i32>(table, 48);
  let a = table + <usize>load<i32>(grid + (<usize>i32x4.extract_lane(cell, 0) << 2));
  let b = table + <usize>load<i32>(grid + (<usize>i32x4.extract_lane(cell, 1) << 2));
  const ma = f64x2.extract_lane(m, 0), mb = f64x2.extract_lane(m, 1);
  a += select<usize>(PIECE * 8, 0, load<f64>(a, 48) <= ma);
  b += select<usize>(PIECE * 8, 0, load<f64>(b, 48) <= mb);
  // More knots to a cell only where a table's pieces are narrower than its grid allows (65 536 cells).
  while (load<f64>(a, 48) <= ma) a += PIECE * 8;
  while (load<f64>(b, 48) <= mb) b += PIECE * 8;
  const a01 = v128.load(a), a23 = v128.load(a, 16), a45 = v128.load(a, 32);
  const b01 = v128.load(b), b23 = v128.load(b, 16), b45 = v128.load(b, 32);
  const start = v128.shuffle<f64>(a01, b01, 0, 2), perMach = v128.shuffle<f64>(a01, b01, 1, 3);
  const c0 = v128.shuffle<f64>(a23, b23, 0, 2), c1 = v128.shuffle<f64>(a23, b23, 1, 3);
  const c2 = v128.shuffle<f64>(a45, b45, 0, 2), c3 = v128.shuffle<f64>(a45, b45, 1, 3);
  const t = f64x2.mul(f64x2.sub(m, start), perMach);
  const slope = f64x2.add(c1, f64x2.mul(t, f64x2.add(f64x2.add(c2, c2), f64x2.mul(t, f64x2.mul(f64x2.splat(3), c3)))));
  dragCoefficientPerMach = v128.and(f64x2.mul(slope, perMach), inside);
  return f64x2.add(c0, f64x2.mul(t, f64x2.add(c1, f64x2.mul(t, f64x2.add(c2, f64x2.mul(t, c3))))));
}

/** `dragCoefficient` of one Mach number on the table at `table`, for the tests that hold the kernel to the table. */
export function dragCoefficientAt(table: usize, mach: f64): f64 {
  return f64x2.extract_lane(dragCoefficient(table, f64x2.splat(mach)), 0);
}

/** `dragCoefficientPerMach` of the last `dragCoefficientAt`. */
export function dragCoefficientPerMachAt(): f64 {
  return f64x2.extract_lane(dragCoefficientPerMach, 0);
}
