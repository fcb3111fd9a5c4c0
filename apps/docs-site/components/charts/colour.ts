// The surfaces' colour map, one for the 3D plots, the maps and their colour bars: viridis, sampled. It reads on
// a light and on a dark background, and in grey.

const stops = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'].map((hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)));

/** The colour at t in [0, 1] (clamped), as [r, g, b] bytes. */
export function viridis(t: number): [number, number, number] {
  const f = Math.min(0.9999, Math.max(0, t)) * (stops.length - 1);
  const i = Math.floor(f);
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * (f - i)));
  return [c[0], c[1], c[2]];
}

/** The same, as a CSS colour. */
export function colour(t: number, alpha = 1): string {
  const [r, g, b] = viridis(t);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
