// Prints how far the model's landings are from an independent reference (a 10⁻⁴ s RK4 integration in
// plain JavaScript) over random shots in the box the accuracy is promised for: speed ≤ 20 m/s,
// k ≤ 0.1 1/m, |wind| ≤ 5 m/s, heights in [−2, 2] m. One JSON line per figure.
import { summarize } from '@cannon/stats';
import { createRandom } from '@cannon/random';
import { landing } from '../dist/index.js';
import { referenceLanding, shotInPromisedBox } from '../test/reference.mjs';

const SHOTS = 400;
const random = createRandom(21);
const errors = [];
for (let i = 0; i < SHOTS; i++) {
  const shot = shotInPromisedBox(random);
  const { speed, angle, ...world } = shot;
  const model = landing({ speed, angle }, world);
  const reference = referenceLanding(shot);
  if (model && reference !== null) errors.push(Math.abs(model.distance - reference));
}
const { p50, max } = summarize(errors);
const context = { shots: errors.length, reference: 'RK4, dt 1e-4 s' };
console.log(JSON.stringify({ bench: 'physics.landing.errorP50', value: Number(p50.toPrecision(3)), unit: 'm', ...context }));
console.log(JSON.stringify({ bench: 'physics.landing.errorMax', value: Number(max.toPrecision(3)), unit: 'm', ...context }));
