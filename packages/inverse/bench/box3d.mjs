// The shipped 3D aimer's box, as the 3D benchmarks draw their targets from it.

/**
 * A target in the shipped 3D aimer's box (1–100 m on any bearing, heights ±10 m, winds ±10 m/s along and across the
 * line to it, drag ≤ 0.05 1/m; moving ones up to 5 m/s), drawn from `draw` (0 to 1) in that order.
 */
export function shippedBox3dCase(moving, draw) {
  const uniform = (low, high) => low + (high - low) * draw();
  const [range, bearing, along, across] = [uniform(1, 100), uniform(-Math.PI, Math.PI), uniform(-10, 10), uniform(-10, 10)];
  const wind = [along * Math.cos(bearing) - across * Math.sin(bearing), along * Math.sin(bearing) + across * Math.cos(bearing)];
  const [heading, speed] = [uniform(-Math.PI, Math.PI), uniform(0, 5)];
  const target = { x: range * Math.cos(bearing), y: range * Math.sin(bearing), height: uniform(-10, 10), ...(moving ? { velocity: [speed * Math.cos(heading), speed * Math.sin(heading)] } : {}) };
  return { target, world: { drag: uniform(0, 0.05), wind } };
}
