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
import { interleavedMs, perSecond } from './timing.mjs';

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

// What the peers get: the shots, the table and the air as ours has them, and our impacts and derivatives to check.
const list = (values) => Array.from(values, (x) => (Number.isFinite(x) ? x : null));
const muzzle = air(0);
const input = JSON.stringify({
  models: Object.fromEntries(
    models.map(({ name, shots, tableDrag, ours }) => [
      name,
      {
        columns: Object.fromEntries(impactFields.map((field) => [field, list(shots[field])])),
        ...(tableDrag && {
          tableDrag: {
            mass: tableDrag.mass,
            diameter: tableDrag.diameter,
            table: { mach: list(tableDrag.table.mach), cd: list(tableDrag.table.cd), slopes: list(tableDrag.table.slopes) },
            air: { density: muzzle.density, speedOfSound: muzzle.speedOfSound, temperature: muzzle.temperature },
          },
        }),
        ours: {
          x: list(ours.x),
          y: list(ours.y),
          t: list(ours.flightTime),
          partials: Object.fromEntries(impactFields.map((field) => [field, { x: list(ours.partials[field].x), y: list(ours.partials[field].y), t: list(ours.partials[field].flightTime) }])),
        },
      },
    ]),
  ),
});

// JAX, one core then every core. On one core, float64 tries reverse mode, forward mode and vmap of jvp, and float32
// takes float64's winner; every core takes the one-core winners.
const jax = [];
const oneCore = runJaxPeer('jax_impacts.py', ['--threads', '1', '--stdin'], { input });
if (oneCore) {
  jax.push(...oneCore);
  const winners = [...new Set(oneCore.filter((line) => line.kind === 'time' && line.what === 'allGrad' && line.dtype === 'float64').map((line) => line.mode))];
  const allCores = runJaxPeer('jax_impacts.py', ['--threads', 'all', '--stdin', '--modes', winners.join(',')], { input });
  if (allCores) jax.push(...allCores);
}
for (const check of jax.filter((line) => line.kind === 'check' && (line.dtype === 'float64' || line.dtype === 'float32'))) {
  if (jax.find((line) => line.kind === 'check' && line.model === check.model && line.dtype === check.dtype) !== check) continue; // one core's
  const suffix = check.dtype === 'float32' ? 'F32' : '';
  const context = {
    peer: 'jax', dtype: check.dtype, shots: check.shots, impactDisagreements: check.impactDisagreements, maxRelativePositionDiff: check.maxRelativePositionDiff,
    maxTimeDiff: check.maxTimeDiff, maxRelativePartialDiff: check.maxRelativePartialDiff, worstPartial: check.worstPartial, against: 'simulateImpacts, float64',
  };
  printFigure(`physics.impacts.${check.model}.jaxMaxDifference${suffix}`, check.maxPositionDiff, 'm', context);
  printFigure(`physics.impacts.${check.model}.jaxMaxPartialDifference${suffix}`, check.maxRelativePartialDiff, 'relative', {
    peer: 'jax', dtype: check.dtype, of: 'all 27 derivatives, each over its column\'s largest', worstPartial: check.worstPartial, maxPartialDiff: check.maxPartialDiff,
  });
}
for (const m of models) {
  for (const [suffix, dtype, threads] of [['', 'float64', '1'], ['AllCores', 'float64', 'all'], ['F32', 'float32', '1'], ['F32AllCores', 'float32', 'all']]) {
    const find = (what) => jax.find((line) => line.kind === 'time' && line.model === m.name && line.dtype === dtype && line.threads === threads && line.what === what);
    const [value, all] = [find('value'), find('allGrad')];
    if (!value || !all) continue;
    const context = { peer: 'jax', dtype, threads: all.cores, batch: all.batch, steps: all.steps, model: m.model, ourThreads: 1 };
    printFigure(`physics.impacts.${m.name}.jaxValue${suffix}UsPerShot`, value.usPerShot, 'us', context);
    printFigure(`physics.impacts.${m.name}.speedupVsJaxValue${suffix}`, value.usPerShot / m.valueUs, 'x', { ...context, ours: 'simulateImpacts, no derivatives' });
    printFigure(`physics.impacts.${m.name}.jax${suffix}UsPerShot`, all.usPerShot, 'us', { ...context, mode: all.mode, modes: all.modes, what: 'value and all 27 derivatives' });
    printFigure(`physics.impacts.${m.name}.speedupVsJax${suffix}`, all.usPerShot / m.allUs, 'x', { ...context, jaxMode: all.mode, ours: 'simulateImpacts, all 9 fields' });
  }
}

// PyTorch, one thread, on the first PEER_BATCH shots (from a file: runPeer gives the peer no stdin).
const scratch = mkdtempSync(join(tmpdir(), 'impacts-bench-'));
try {
  const shotsFile = join(scratch, 'shots.json');
  writeFileSync(shotsFile, input);
  const peer = runPeer('torch_impacts.py', ['--shots', shotsFile, '--batch', PEER_BATCH, '--threads', 1]);
  for (const line of peer ?? []) {
    const m = models.find(({ name }) => name === line.model);
    if (line.kind === 'check') {
      printFigure(`physics.impacts.${m.name}.peerMaxDifference`, line.maxPositionDiff, 'm', {
        peer: 'pytorch', shots: line.shots, impactDisagreements: line.impactDisagreements, maxTimeDiff: line.maxTimeDiff, maxRelativePartialDiff: line.maxRelativePartialDiff,
      });
    } else if (line.kind === 'time') {
      const context = { peer: 'pytorch eager, unrolled RK4 + autograd (1 forward, 3 backward)', threads: line.threads, batch: line.batch, steps: line.steps, dtype: line.dtype };
      printFigure(`physics.impacts.${m.name}.peerUsPerShot`, line.usPerShot, 'us', context);
      printFigure(`physics.impacts.${m.name}.speedupVsPeer`, line.usPerShot / m.allUs, 'x', { ...context, ourBatch: BATCH, ours: 'simulateImpacts, all 9 fields' });
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// One G7 trajectory against js-ballistics: a .308 175 gr bullet (BC 0.243 on G7) at 800 m/s and 10 mrad, in standard
// air at sea level, to 1000 m. Theirs: one `fire` of the shot to 1000 m (rows every 100 m, its default step of a
// quarter foot). Ours: one `simulateImpacts` of the same bullet (form factor i = m/(BC·d²), pounds and inches) to
// its impact at the height js-ballistics reports at 1000 m.
{
  const peer = await loadJsBallistics();
  const { UNew, Unit } = peer;
  const GRAINS = 175;
  const INCHES = 0.308;
  const BC = 0.243;
  const [SPEED, ELEVATION, RANGE] = [800, 0.01, 1000];
  const dm = new peer.DragModel({ bc: BC, dragTable: peer.Table.G7, weight: UNew.Grain(GRAINS), diameter: UNew.Inch(INCHES) });
  const weapon = new peer.Weapon({ sightHeight: UNew.Meter(0), twist: UNew.Inch(0) });
  const shot = new peer.Shot({ weapon, ammo: new peer.Ammo({ dm, mv: UNew.MPS(SPEED) }), atmo: peer.Atmo.icao({}), relativeAngle: UNew.Radian(ELEVATION) });
  // (Asked for rows to 1000 m, it ends at the 900 m row; to 1005 m, its last row is its first step past 1000 m.)
  const fire = () => new peer.Calculator().fire({ shot, trajectoryRange: UNew.Meter(RANGE + 5), trajectoryStep: UNew.Meter(100) }).trajectory;
  const last = fire().at(-1);
  const theirs = { x: last.distance.In(Unit.Meter), height: last.height.In(Unit.Meter), time: last.time };
  if (!(theirs.x >= RANGE && theirs.x < RANGE + 0.1)) throw new Error(`js-ballistics's last row is at ${theirs.x} m, not at ${RANGE} m`);

  const formFactor = GRAINS / 7000 / (BC * INCHES ** 2);
  const bullet = { table: dragTables.G7, mass: GRAINS * 64.79891e-6, diameter: INCHES * 0.0254 };
  const columns = { speed: [SPEED], elevation: [ELEVATION], azimuth: [0], gravity: [STANDARD_GRAVITY], drag: [formFactor], windX: [0], windY: [0], launchHeight: [0], targetHeight: [theirs.height] };
  const ours = simulateImpacts(columns, 1, [], bullet);
  const oursRate = perSecond(() => simulateImpacts(columns, 1, [], bullet));
  const theirRate = perSecond(fire);
  const shotDetails = { bullet: '.308 175 gr, G7 BC 0.243', formFactor, speed: SPEED, elevation: ELEVATION, range: RANGE, air: 'standard, sea level' };
  printFigure('physics.impacts.g7.jsBallisticsTrajectoriesPerSecond', theirRate, '1/s', {
    ...shotDetails, peer: 'js-ballistics 2.0.0, Calculator.fire to 1000 m, rows every 100 m', x: theirs.x, height: theirs.height, time: theirs.time,
  });
  printFigure('physics.impacts.g7.trajectoriesPerSecond', oursRate, '1/s', {
    ...shotDetails, ours: 'simulateImpacts of the one shot to its impact at the height js-ballistics reports at 1000 m, no derivatives', x: ours.x[0], time: ours.flightTime[0],
  });
  printFigure('physics.impacts.g7.speedupVsJsBallistics', oursRate / theirRate, 'x', shotDetails);
}

/**
 * js-ballistics (npm), the JavaScript port of py-ballisticcalc. Its ES modules import without file extensions, which
 * Node does not resolve, so it is bundled with esbuild first and imported from the bundle (as test/js-ballistics.ts).
 */
async function loadJsBallistics() {
  const entry = createRequire(import.meta.url).resolve('js-ballistics');
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const module = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
  return { ...module, Calculator: module.default };
}
