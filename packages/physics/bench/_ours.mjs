// Prints the three-dimensional benchmarks, one JSON line per figure: microseconds per shot for the impacts of a batch
// of 4096 shots (`simulateImpacts`, one thread), alone and with their derivatives with respect to all nine inputs,
// under a constant drag and on the GS table in standard air (a cannonball, and a ball on the constant box's own
// shots); in the same run, the JAX peer's time for the same discrete model on the same shots
// (bench/peers/jax_impacts.py: jitted by XLA, float64 and float32, one core and every core, which also checks its
// impacts and derivatives against ours) and the PyTorch peer's (torch_impacts.py: eager autograd through the unrolled
// RK4, one thread, the first 256 shots), as ratios; and one G7 bullet's trajectory to 1000 m against js-ballistics
// (npm), trajectories per second.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createRandom } from '@cannon/random';
import { printFigure } from '@cannon/stats';
import { runJaxPeer, runPeer } from '../../../bench/peers/peer.mjs';
import { air, defaultWorld, dragTables, impactFields, shotFields, simulateImpacts, simulateLandings, STANDARD_GRAVITY } from '../dist/index.js';
import { interleavedMs, medianMs, perSecond } from './timing.mjs';

const BATCH = 4096;
/** Shots the PyTorch peer flies (the first of the batch): eager autograd pays per tensor operation. */
const PEER_BATCH = 256;

// The shots, seeded: the constant box (speeds 4–15 m/s, elevations 0.2–1.3, any azimuth, drag 0–0.05 1/m, wind ±5 m/s
// each way, target height ±1 m), and the GS box: a 5.4 kg, 0.11 m cannonball (form factor 1) at 100–450 m/s,
// elevations 0.05–0.7, target height ±10 m, in standard air at sea level, with the same azimuths and winds.
const random = createRandom(3);
const spread = (low, high) => Float64Array.from({ length: BATCH }, () => random.between(low, high));
const same = (value) => new Float64Array(BATCH).fill(value);
const constantShots = {
  speed: spread(4, 15), elevation: spread(0.2, 1.3), azimuth: spread(-Math.PI, Math.PI), gravity: same(defaultWorld.gravity), drag: spread(0, 0.05),
  windX: spread(-5, 5), windY: spread(-5, 5), launchHeight: same(0), targetHeight: spread(-1, 1),
};
const gsShots = { ...constantShots, speed: spread(100, 450), elevation: spread(0.05, 0.7), drag: same(1), targetHeight: spread(-10, 10) };
const ball = { table: dragTables.GS, mass: 5.4, diameter: 0.11 };
const models = [
  { name: 'constant', shots: constantShots, tableDrag: undefined, model: 'constant drag' },
  { name: 'gs', shots: gsShots, tableDrag: ball, model: 'GS table, 5.4 kg 0.11 m ball, standard air' },
];

// Ours, one thread: the impacts alone, and with the derivatives of (x, y, t) with respect to all nine inputs; beside
// the plane's model with every derivative (simulateLandings) on the same shots turned into its plane, timed in turn
// round by round, so that the ratios to the plane hold through the machine's bursts of load. Then the table's own
// cost, apart from the longer flights of a fast cannonball (they take more steps: its drag time is short beside its
// flight): the GS table on the very shots of the constant box, a 57 g, 67 mm ball (a tennis ball) with form factors
// 0 to 3, whose drag per metre at low Mach, 0 to 0.053 1/m, spans the box's k (0 to 0.05).
const usPer = (ms) => (ms * 1000) / BATCH;
const plane = { speed: constantShots.speed, angle: constantShots.elevation, gravity: [defaultWorld.gravity], drag: constantShots.drag, wind: constantShots.windX, launchHeight: [0], targetHeight: constantShots.targetHeight };
const tennisBall = { table: dragTables.GS, mass: 0.057, diameter: 0.067 };
const onPlaneShots = { name: 'gsOnPlaneShots', shots: { ...constantShots, drag: spread(0, 3) }, tableDrag: tennisBall, model: "GS table, 57 g 67 mm ball, form factor 0-3, the constant box's shots" };
const timed = await interleavedMs({
  plane: () => simulateLandings(plane, BATCH, shotFields),
  ...Object.fromEntries([...models, onPlaneShots].flatMap((m) => [
    [`${m.name}.value`, () => simulateImpacts(m.shots, BATCH, [], m.tableDrag)],
    [`${m.name}.all`, () => simulateImpacts(m.shots, BATCH, impactFields, m.tableDrag)],
  ])),
});
const planeUs = usPer(timed.plane.ms);
printFigure('physics.plane.allPartialsUsPerShot', planeUs, 'us', { batch: BATCH, threads: 1, ours: 'simulateLandings, every field' });
for (const m of [...models, onPlaneShots]) {
  m.valueUs = usPer(timed[`${m.name}.value`].ms);
  m.allUs = usPer(timed[`${m.name}.all`].ms);
  m.ours = simulateImpacts(m.shots, BATCH, impactFields, m.tableDrag);
  const details = { batch: BATCH, threads: 1, model: m.model, ours: 'simulateImpacts, float64' };
  printFigure(`physics.impacts.${m.name}.valueUsPerShot`, m.valueUs, 'us', details);
  printFigure(`physics.impacts.${m.name}.allPartialsUsPerShot`, m.allUs, 'us', { ...details, what: `value and the ${3 * impactFields.length} derivatives` });
  printFigure(`physics.impacts.${m.name}.allPartialsVsPlane`, timed[`${m.name}.all`].overFirst, 'x', {
    ...details, plane: 'simulateLandings, every field, the same shots in the plane', how: 'median over 25 rounds of the ratio of times taken in turn',
  });
}

