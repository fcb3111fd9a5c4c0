// The drag coefficient of a drag table, Cd(M): the monotone piecewise cubic the caller built (src/drag.ts, PCHIP),
// held at its first and last Cd beyond its ends. The caller lays it out in memory (src/impacts.ts, `layTable`),
// each piece in power form in its own fraction t = (M − M_k)/h_k, Cd = c0 + t·(c1 + t·(c2 + t·c3)), with a uniform
// grid of Mach numbers that names, for each cell, the piece at the cell's start:
//   header: [pieces, gridLowest, 1/gridStep, gridCells, firstMach, lastMach, 0, 0]
//   pieces: [M_k, 1/h_k, c0, c1, c2, c3, 0, 0] per piece, then two constant pieces (1/h = 0): the first Cd, held
//           below the table, and the last, held above it
//   grid:   the piece at each cell's start                                                      (all f64)
export const HEADER = 8;
export const PIECE = 8;

/** dCd/dM at the last `dragCoefficient`, per lane. */
export let dragCoefficientPerMach: v128 = f64x2.splat(0);

/** The piece of the table at `table` that holds Mach number `mach`. */
@inline function pieceOf(table: usize, mach: f64): usize {
  const pieces = <i32>load<f64>(table);
  const first = table + (HEADER << 3);
  if (!(mach > load<f64>(table, 32))) return first + <usize>(pieces * PIECE * 8);
  if (!(mach < load<f64>(table, 40))) return first + <usize>((pieces + 1) * PIECE * 8);
  const grid = first + <usize>((pieces + 2) * PIECE * 8);
  let cell = <i32>((mach - load<f64>(table, 8)) * load<f64>(table, 16));
  const cells = <i32>load<f64>(table, 24);
  if (cell >= cells) cell = cells - 1;
  let piece = first + <usize>(<i32>load<f64>(grid + (<usize>cell << 3))) * (PIECE * 8);
  const last = first + <usize>((pieces - 1) * PIECE * 8);
  while (piece < last && load<f64>(piece + PIECE * 8) <= mach) piece += PIECE * 8;
  return piece;
}

/** Cd at the Mach numbers `mach` of two shots on the table at `table`; dCd/dM in `dragCoefficientPerMach`. */
@inline export function dragCoefficient(table: usize, mach: v128): v128 {
  const a = pieceOf(table, f64x2.extract_lane(mach, 0));
  const b = pieceOf(table, f64x2.extract_lane(mach, 1));
  const a01 = v128.load(a), a23 = v128.load(a, 16), a45 = v128.load(a, 32);
  const b01 = v128.load(b), b23 = v128.load(b, 16), b45 = v128.load(b, 32);
  const start = v128.shuffle<f64>(a01, b01, 0, 2), perMach = v128.shuffle<f64>(a01, b01, 1, 3);
  const c0 = v128.shuffle<f64>(a23, b23, 0, 2), c1 = v128.shuffle<f64>(a23, b23, 1, 3);
  const c2 = v128.shuffle<f64>(a45, b45, 0, 2), c3 = v128.shuffle<f64>(a45, b45, 1, 3);
  const t = f64x2.mul(f64x2.sub(mach, start), perMach);
  const slope = f64x2.add(c1, f64x2.mul(t, f64x2.add(f64x2.add(c2, c2), f64x2.mul(t, f64x2.mul(f64x2.splat(3), c3)))));
  dragCoefficientPerMach = f64x2.mul(slope, perMach);
  return f64x2.add(c0, f64x2.mul(t, f64x2.add(c1, f64x2.mul(t, f64x2.add(c2, f64x2.mul(t, c3))))));
}
