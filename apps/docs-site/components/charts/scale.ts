// Scales and ticks for the site's SVG figures: drawing only (data space → pixels), no modelling.

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
  /** Round values across the domain, about `count` of them. */
  ticks(count?: number): number[];
}

/** A linear map of [d0, d1] onto [r0, r1]. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((value: number) => r0 + (value - d0) * k) as Scale;
  scale.domain = domain;
  scale.range = range;
  scale.ticks = (count = 5) => niceTicks(Math.min(d0, d1), Math.max(d0, d1), count);
  return scale;
}

/** A base-10 logarithmic map of [d0, d1] (both > 0) onto [r0, r1]; ticks at the powers of ten. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const scale = ((value: number) => inner(Math.log10(value))) as Scale;
  scale.domain = domain;
  scale.range = range;
  scale.ticks = () => {
    const ticks: number[] = [];
    const low = Math.ceil(Math.log10(Math.min(...domain)) - 1e-9);
    const high = Math.floor(Math.log10(Math.max(...domain)) + 1e-9);
    for (let e = low; e <= high; e++) ticks.push(10 ** e);
    return ticks;
  };
  return scale;
}

/** Multiples of 1, 2 or 5 × 10^k covering [low, high] with about `count` steps. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/** A tick label without float noise: 0.30000000000000004 → "0.3"; powers of ten on a log axis as 10⁻³. */
export function tickLabel(value: number, { log = false } = {}): string {
  if (log) {
    const exponent = Math.round(Math.log10(value));
    if (exponent >= 0 && exponent <= 3) return String(10 ** exponent);
    const superscripts: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
    return `10${[...String(exponent)].map((c) => superscripts[c]).join('')}`;
  }
  return String(Number(value.toPrecision(6)));
}

/** An SVG path through the points, "M x y L x y …", skipping points that are not finite. */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>, x: (v: number) => number, y: (v: number) => number): string {
  let path = '';
  let pen = 'M';
  for (let i = 0; i < xs.length; i++) {
    const px = x(xs[i]);
    const py = y(ys[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = 'M';
      continue;
    }
    path += `${pen}${px.toFixed(1)} ${py.toFixed(1)}`;
    pen = 'L';
  }
  return path;
}
