// What one flight costs a solver that flies a shot, looks, and flies the next: the impact flier (createImpactFlier),
// the batch flier a shot at a time in batches (createImpactBatchFlier) and the crossing flier (createCrossingFlier, to
// the vertical plane through the same shot's impact), at the model's step and at 8 steps, with no derivatives and with
// three (speed, azimuth, elevation). Over 2000 random shots of the 3D aimer's box (5–40 m/s, elevations 0.1–1.4 rad,
// drag ≤ 0.05 1/m, winds ±10 m/s, target heights ±10 m) that come down; the median of 5 passes after 2. One JSON line
// per figure, µs per flight.
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { createCrossingFlier, createImpactBatchFlier, createImpactFlier, resolveWorld3d } from '../dist/index.js';

const random = createRandom(5);
const uniform = (low, high) => low + (high - low) * random.uniform();
const out = new Float64Array(15);
const landed = createImpactFlier([]);
const shots = [];
while (shots.length < 2000) {
  const world = resolveWorld3d({ drag: uniform(0, 0.05), wind: [uniform(-10, 10), uniform(-10, 10)] });
  const [speed, elevation, azimuth, height] = [uniform(5, 40), uniform(0.1, 1.4), uniform(-3, 3), uniform(-10, 10)];
  if (!landed(world, speed, elevation, azimuth, height, out)) continue;
  shots.push({ world, speed, elevation, azimuth, height, range: Math.hypot(out[0], out[1]), bearing: Math.atan2(out[1], out[0]) });
}

/** µs per flight of `fly` over the shots: the median of 5 passes after 2. */
function time(fly) {
  const passes = [];
  for (let pass = 0; pass < 7; pass++) {
    const start = performance.now();
    for (let repeat = 0; repeat < 10; repeat++) for (const shot of shots) fly(shot);
    passes.push(((performance.now() - start) * 1000) / (10 * shots.length));
  }
  return quantile(Float64Array.from(passes.slice(2)).sort(), 0.5);
}

const details = { shots: shots.length, threads: 1, on: "random shots of the 3D aimer's box that come down" };
for (const [steps, name] of [[32, 'model'], [8, 'coarse8']]) {
  for (const fields of [[], ['speed', 'azimuth', 'elevation']]) {
    const what = `${name}.${fields.length}derivatives`;
    const impact = createImpactFlier(fields, { stepsPerFlight: steps });
    const crossing = createCrossingFlier(fields, { stepsPerFlight: steps });
    const batch = createImpactBatchFlier(fields, { stepsPerFlight: steps });
    const columns = { speed: new Float64Array(256), elevation: new Float64Array(256), azimuth: new Float64Array(256), targetHeight: new Float64Array(256) };
    const rows = new Float64Array(256 * (3 + 3 * fields.length));
    printFigure(`physics.fliers.impact.${what}.usPerFlight`, time(({ world, speed, elevation, azimuth, height }) => impact(world, speed, elevation, azimuth, height, out)), 'us', details);
    printFigure(`physics.fliers.crossing.${what}.usPerFlight`, time(({ world, speed, elevation, azimuth, bearing, range }) => crossing(world, speed, elevation, azimuth, bearing, range, -200, out)), 'us', { ...details, plane: "through the shot's impact" });
    // The batch flier: 256 shots of one world at a time (each batch the world of its first shot).
    const batches = [];
    for (let start = 0; start + 256 <= shots.length; start += 256) batches.push(shots.slice(start, start + 256));
    const passes = [];
    for (let pass = 0; pass < 7; pass++) {
      const begin = performance.now();
      for (let repeat = 0; repeat < 10; repeat++) {
        for (const group of batches) {
          group.forEach((shot, k) => {
            columns.speed[k] = shot.speed;
            columns.elevation[k] = shot.elevation;
            columns.azimuth[k] = shot.azimuth;
            columns.targetHeight[k] = shot.height;
          });
          batch(group[0].world, columns, group.length, rows);
        }
      }
      passes.push(((performance.now() - begin) * 1000) / (10 * batches.length * 256));
    }
    printFigure(`physics.fliers.impactBatch.${what}.usPerFlight`, quantile(Float64Array.from(passes.slice(2)).sort(), 0.5), 'us', { ...details, batch: 256 });
  }
}
