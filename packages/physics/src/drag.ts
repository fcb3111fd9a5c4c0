import { checkNumber, InvalidInputError } from '@cannon/errors';
import { standardDragPoints } from './drag-tables.js';

/**
 * The drag model of a drag table: the drag coefficient Cd as a function of the Mach number M, a monotone piecewise
 * cubic (PCHIP, Fritsch–Carlson slopes with SciPy's end conditions, as py-ballisticcalc interpolates) through the
 * table's points, held at its first and last Cd beyond its ends. Cd is continuous and so is dCd/dM inside the
 * table; where the slope at an end is not 0, dCd/dM steps to 0 there.
 */
export interface DragTable {
  /** 'G1', 'G7', 'GS', or the name given to a table of your own. */
  readonly name: string;
  /** The table's Mach numbers, strictly increasing, ≥ 0. */
  readonly mach: Float64Array;
  /** Its drag coefficients, > 0. */
  readonly cd: Float64Array;
  /** dCd/dM at each point: the cubic's slopes. */
  readonly slopes: Float64Array;
}

/** A point of a drag table: a Mach number and the drag coefficient there. */
export type DragPoint = readonly [mach: number, cd: number];

/** Most points a table of your own may have: the standard tables have 79 to 84. */
const MAX_POINTS = 10_000;

/**
 * A drag table of your own from its [Mach, Cd] points (at least 2, Mach strictly increasing from ≥ 0, Cd > 0),
 * ready to evaluate with `dragCoefficientAt`. Throws an InvalidInputError naming the first bad point.
 */
export function dragTable(points: readonly DragPoint[], name = 'custom'): DragTable {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidInputError('name', 'a non-empty string', name);
  if (!Array.isArray(points) || points.length < 2 || points.length > MAX_POINTS) throw new InvalidInputError('points', `an array of 2 to ${MAX_POINTS} [Mach, Cd] pairs`, points);
  const n = points.length;
  const mach = new Float64Array(n);
  const cd = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const point = points[k];
    if (!Array.isArray(point) || point.length !== 2) throw new InvalidInputError(`points[${k}]`, 'a pair [Mach, Cd]', point);
    const [m, c] = point;
    const lowest = k === 0 ? 0 : mach[k - 1];
    if (!(typeof m === 'number' && Number.isFinite(m) && (k === 0 ? m >= 0 : m > lowest))) {
      throw new InvalidInputError(`points[${k}][0]`, k === 0 ? 'a finite Mach number ≥ 0' : `a finite Mach number > ${lowest} (the Mach numbers increase)`, m);
    }
    if (!(typeof c === 'number' && Number.isFinite(c) && c > 0)) throw new InvalidInputError(`points[${k}][1]`, 'a finite drag coefficient > 0', c);
    mach[k] = m;
    cd[k] = c;
  }
  return Object.freeze({ name, mach, cd, slopes: pchipSlopes(mach, cd) });
}

/** The standard tables: G1 (flat-base bullet), G7 (long boat-tail bullet), GS (smooth sphere: the cannonball). */
export const dragTables: Readonly<Record<'G1' | 'G7' | 'GS', DragTable>> = Object.freeze({
  G1: dragTable(standardDragPoints.G1, 'G1'),
  G7: dragTable(standardDragPoints.G7, 'G7'),
  GS: dragTable(standardDragPoints.GS, 'GS'),
});

/**
 * Cd at Mach number `mach` (≥ 0) on `table`, and dCd/dM there (the cubic's at the table's ends, 0 beyond them). Throws
 * an InvalidInputError naming `table` or `mach` when either is not one.
 */
export function dragCoefficientAt(table: DragTable, mach: number): { cd: number; perMach: number } {
  if (table === null || typeof table !== 'object' || !(table.mach instanceof Float64Array) || !(table.cd instanceof Float64Array) || !(table.slopes instanceof Float64Array)) {
    throw new InvalidInputError('table', 'a drag table: dragTables.G1, G7 or GS, or one made by dragTable', table);
  }
  checkNumber('mach', mach, { min: 0 });
  const { mach: x, cd: y, slopes } = table;
  const n = x.length;
  if (!(mach >= x[0])) return { cd: y[0], perMach: 0 };
  if (!(mach <= x[n - 1])) return { cd: y[n - 1], perMach: 0 };
  // The interval [x[k], x[k + 1]) that holds mach.
  let k = 0;
  let hi = n - 1;
  if (mach === x[n - 1]) k = n - 2; // the last point closes the last interval
  while (hi - k > 1) {
    const mid = (k + hi) >> 1;
    if (x[mid] <= mach) k = mid;
    else hi = mid;
  }
  const h = x[k + 1] - x[k];
  const t = (mach - x[k]) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  const [y0, y1, m0, m1] = [y[k], y[k + 1], h * slopes[k], h * slopes[k + 1]];
  return {
    cd: (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (3 * t2 - 2 * t3) * y1 + (t3 - t2) * m1,
    perMach: ((6 * t2 - 6 * t) * (y0 - y1) + (3 * t2 - 4 * t + 1) * m0 + (3 * t2 - 2 * t) * m1) / h,
  };
}

/**
 * The slopes of the monotone piecewise cubic through (x, y): at an interior point the weighted harmonic mean of the
 * secants on either side, or 0 where they differ in sign (a local extremum stays one); at the ends the
 * three-point estimate, kept from overshooting (SciPy's PchipInterpolator, point for point).
 */
function pchipSlopes(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const h = new Float64Array(n - 1);
  const secant = new Float64Array(n - 1);
  for (let k = 0; k < n - 1; k++) {
    h[k] = x[k + 1] - x[k];
    secant[k] = (y[k + 1] - y[k]) / h[k];
  }
  const slopes = new Float64Array(n);
  if (n === 2) return slopes.fill(secant[0]);
  for (let k = 1; k < n - 1; k++) {
    const [before, after] = [secant[k - 1], secant[k]];
    if (before === 0 || after === 0 || Math.sign(before) !== Math.sign(after)) continue;
    const w1 = 2 * h[k] + h[k - 1];
    const w2 = h[k] + 2 * h[k - 1];
    slopes[k] = (w1 + w2) / (w1 / before + w2 / after);
  }
  slopes[0] = endSlope(h[0], h[1], secant[0], secant[1]);
  slopes[n - 1] = endSlope(h[n - 2], h[n - 3], secant[n - 2], secant[n - 3]);
  return slopes;
}

/** The slope at an end from its two nearest intervals (h0, secant0 the one at the end). */
function endSlope(h0: number, h1: number, secant0: number, secant1: number): number {
  const slope = ((2 * h0 + h1) * secant0 - h0 * secant1) / (h0 + h1);
  if (Math.sign(slope) !== Math.sign(secant0)) return 0;
  if (Math.sign(secant0) !== Math.sign(secant1) && Math.abs(slope) > 3 * Math.abs(secant0)) return 3 * secant0;
  return slope;
}
