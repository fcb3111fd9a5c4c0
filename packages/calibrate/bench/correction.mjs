// How many shots the learned drag correction needs. The true cannon is a 12-pounder's iron ball (5.4 kg, 117 mm) on
// the smooth sphere's table, whose Cd rises from 0.47 towards the sound barrier; it shoots 4% slow in a wind of
// (3, −2) m/s, and every landing is seen to 1 m in x and y. The physics is calibrated from N of its shots (120–420 m/s,
// 3°–40°, azimuths ±30°) twice: in the textbook's family (one Cd for every speed: the quadratic drag, its level
// fitted), and with the learned correction Cd·(1 + network(M)) on it. Each calibration then predicts 300 shots it was
// not fitted on, at settings drawn alike: its miss there is the true miss of a shot it aims there (its own model
// lands that shot on the target). Beside them, the floor: the calibration that knows the true law (the sphere's
// table, its level fitted). Prints the median and the 95th percentile of those misses in m, the median over three sets
// of shots, and the seconds a corrected calibration takes.
import { dragTable, landing } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { calibrate } from '../dist/index.js';

const ball = { mass: 5.4, diameter: 0.117 };
const trueWorld = { drag: { table: 'GS', ...ball }, wind: [3, -2] };
const trueScale = 0.96;
const textbook = dragTable([[0, 0.47], [3, 0.47]], 'one Cd');
const conditions = { drag: { table: textbook, ...ball } };

const settings = (n, random) => Array.from({ length: n }, () => ({ speed: 120 + 300 * random.uniform(), angle: 3 + 37 * random.uniform(), azimuth: -30 + 60 * random.uniform(), targetHeight: 0 }));
/** Where shots set so land in `world`, the speed `scale` times the one set. */
const land = (set, world, scale) => set.map((s) => landing({ speed: s.speed * scale, angle: (s.angle * Math.PI) / 180, azimuth: (s.azimuth * Math.PI) / 180 }, world).impact);

const held = settings(300, createRandom(1));
const trueHeld = land(held, trueWorld, trueScale);
const misses = (calibration) => {
  const predicted = land(held, calibration.world, calibration.fit.speedScale);
  return Float64Array.from(held, (_, i) => Math.hypot(predicted[i].x - trueHeld[i].x, predicted[i].y - trueHeld[i].y)).sort();
};
const median = (values) => quantile(Float64Array.from(values).sort(), 0.5);

for (const n of [5, 8, 12, 20, 40]) {
  const figures = { plain: [], corrected: [], known: [], plain95: [], corrected95: [], known95: [], seconds: [] };
  for (const seed of [2, 3, 4]) {
    const random = createRandom(100 * n + seed);
    const set = settings(n, random);
    const flown = land(set, trueWorld, trueScale);
    const shots = set.map((s, i) => ({ ...s, x: flown[i].x + random.normal(), y: flown[i].y + random.normal() }));
    const plain = misses(calibrate(shots, { fit: ['drag', 'wind', 'speedScale'], conditions }));
    const start = performance.now();
    const corrected = misses(calibrate(shots, { fit: ['wind', 'speedScale', 'dragCorrection'], conditions }));
    figures.seconds.push((performance.now() - start) / 1000);
    const known = misses(calibrate(shots, { fit: ['drag', 'wind', 'speedScale'], conditions: { drag: trueWorld.drag } }));
    figures.known.push(quantile(known, 0.5));
    figures.known95.push(quantile(known, 0.95));
    figures.plain.push(quantile(plain, 0.5));
    figures.plain95.push(quantile(plain, 0.95));
    figures.corrected.push(quantile(corrected, 0.5));
    figures.corrected95.push(quantile(corrected, 0.95));
  }
  const details = { shots: n, sets: 3, noise: '1 m in x and y', heldOut: 300 };
  printFigure(`calibrate.correction.shots-${n}.textbook.miss-p50`, median(figures.plain), 'm', details);
  printFigure(`calibrate.correction.shots-${n}.textbook.miss-p95`, median(figures.plain95), 'm', details);
  printFigure(`calibrate.correction.shots-${n}.corrected.miss-p50`, median(figures.corrected), 'm', details);
  printFigure(`calibrate.correction.shots-${n}.corrected.miss-p95`, median(figures.corrected95), 'm', details);
  printFigure(`calibrate.correction.shots-${n}.true-law.miss-p50`, median(figures.known), 'm', details);
  printFigure(`calibrate.correction.shots-${n}.true-law.miss-p95`, median(figures.known95), 'm', details);
  printFigure(`calibrate.correction.shots-${n}.corrected.fit`, median(figures.seconds), 's', details);
}
