// The drag coefficient of a drag table, Cd(M): the monotone piecewise cubic the caller built (src/drag.ts: the
// table's Mach numbers, Cd and slopes), held at its first and last Cd beyond its ends. The caller lays the table
// out in memory, with a uniform grid of Mach numbers that names, for each cell, the piece at its start:
//   [n, gridLowest, 1/gridStep, gridCells, mach × n, cd × n, slopes × n, piece × gridCells]   (all f64)

/** dCd/dM at the last `dragCoefficient`. */
export let dragCoefficientPerMach: f64 = 0;

/** Cd at Mach number `mach` on the table at `table`; dCd/dM in `dragCoefficientPerMach`. */
export function dragCoefficient(table: usize, mach: f64): f64 {
  const n = <i32>load<f64>(table);
  const machs = table + 32;
  const cds = machs + (<usize>n << 3);
  const slopes = cds + (<usize>n << 3);
  if (!(mach > load<f64>(machs))) {
    dragCoefficientPerMach = 0;
    return load<f64>(cds);
  }
  if (!(mach < load<f64>(machs + (<usize>(n - 1) << 3)))) {
    dragCoefficientPerMach = 0;
    return load<f64>(cds + (<usize>(n - 1) << 3));
  }
  const cells = <i32>load<f64>(table, 24);
  let cell = <i32>((mach - load<f64>(table, 8)) * load<f64>(table, 16));
  if (cell >= cells) cell = cells - 1;
  let k = <i32>load<f64>(slopes + (<usize>n << 3) + (<usize>cell << 3));
  while (k < n - 2 && load<f64>(machs + (<usize>(k + 1) << 3)) <= mach) k++;
  const x0 = load<f64>(machs + (<usize>k << 3));
  const h = load<f64>(machs + (<usize>(k + 1) << 3)) - x0;
  const t = (mach - x0) / h;
  const t2 = t * t, t3 = t2 * t;
  const y0 = load<f64>(cds + (<usize>k << 3)), y1 = load<f64>(cds + (<usize>(k + 1) << 3));
  const m0 = h * load<f64>(slopes + (<usize>k << 3)), m1 = h * load<f64>(slopes + (<usize>(k + 1) << 3));
  dragCoefficientPerMach = ((6 * t2 - 6 * t) * (y0 - y1) + (3 * t2 - 4 * t + 1) * m0 + (3 * t2 - 2 * t) * m1) / h;
  return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (3 * t2 - 2 * t3) * y1 + (t3 - t2) * m1;
}
