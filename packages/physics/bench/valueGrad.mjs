// Prints the physics benchmarks, one JSON line per figure: microseconds per shot for landing distances
// and their gradients on a batch of 4096 shots with drag and wind, on the wasm backend; in the same run,
// the PyTorch peer's time per shot (an unrolled RK4 with autograd) and the JAX peer's (the same discrete
// model on the same shots, jitted by XLA, float64 and float32, one core and every core), as ratios; the same
// batch on every core (a landing pool), against the same peers; and the fraction of this machine's peak f64 flop/s (one thread, WebAssembly SIMD) the kernel reaches.
import * as tf from '@tensorflow/tfjs';
import { printFigure } from '@cannon/stats';
import { runJaxPeer, runPeer } from '../../../bench/peers/peer.mjs';
import { createRandom } from '@cannon/random';
import { benchmarkLandings, defaultWorld, simulateLandings, STEPS_PER_DRAG_TIME, STEPS_PER_FLIGHT } from '../dist/index.js';
import { createLandingPool } from '../dist/pool.js';
import { initializeBackend, landingTensor } from '../dist/tensor.js';
import { FLOPS_PER_STEP, peakFlops } from './roofline.mjs';
import { medianMs } from './timing.mjs';

const BATCH = 4096;

const info = await initializeBackend();
const random = createRandom(11);
const column = (low, high) => tf.tensor1d(Array.from({ length: BATCH }, () => random.between(low, high)));
// The field aimer's box: speeds up to 15 m/s, drag up to 0.05 1/m, wind ±5 m/s, heights ±1 m.
const speeds = column(4, 15);
const angles = column(0.2, 1.3);
const world = { drag: column(0, 0.05), wind: column(-5, 5), targetHeight: column(-1, 1) };
const context = { batch: BATCH, backend: info.backend, simd: info.simd, threads: info.threads };

// (Read the results inside tidy without returning them: tidy walks what it returns, element by element.)
const forward = await medianMs(() => tf.tidy(() => void landingTensor(speeds, angles, world).dataSync()));
printFigure('physics.value.usPerShot', (forward * 1000) / BATCH, 'us', context);

const valueGrad = tf.grads((s, a) => tf.sum(landingTensor(s, a, world)));
const withGrad = await medianMs(() => tf.tidy(() => valueGrad([speeds, angles]).forEach((g) => g.dataSync())));
const usPerShot = (withGrad * 1000) / BATCH;
printFigure('physics.valueGrad.usPerShot', usPerShot, 'us', context);

const allGrad = tf.grads((s, a, k, w) => tf.sum(landingTensor(s, a, { ...world, drag: k, wind: w })));
const withWorldGrad = await medianMs(() => tf.tidy(() => allGrad([speeds, angles, world.drag, world.wind]).forEach((g) => g.dataSync())));
printFigure('physics.valueGradWithWorld.usPerShot', (withWorldGrad * 1000) / BATCH, 'us', context);

// The peer (bench/peers/drag_aimer.py): 60 training steps of 256 shots, 40 RK4 steps each, one thread; its last
// line has the ms per training step.
const peerLines = runPeer('drag_aimer.py', [1, 60, 40, 60]);
if (peerLines) {
  const { msPerStep } = peerLines.at(-1);
  const peerUsPerShot = (msPerStep * 1000) / 256;
  printFigure('physics.valueGrad.peerUsPerShot', peerUsPerShot, 'us', { peer: 'pytorch unrolled RK4 + autograd, one training step of 256 shots', threads: 1 });
  printFigure('physics.valueGrad.speedupVsPeer', peerUsPerShot / usPerShot, 'x');
}

// The JAX peer (bench/peers/jax_physics.py) on the very same shots (as the float32 tensors hold them); it
// checks its landings and derivatives against ours (simulateLandings, float64) and times itself.
const shots = { speed: speeds.dataSync(), angle: angles.dataSync(), drag: world.drag.dataSync(), wind: world.wind.dataSync(), targetHeight: world.targetHeight.dataSync() };
const columns = { ...shots, gravity: [defaultWorld.gravity], launchHeight: [0] };
const ours = simulateLandings(columns, BATCH, ['speed', 'angle']);
const list = (values) => Array.from(values, (x) => (Number.isFinite(x) ? x : null));
const input = JSON.stringify({
  ...Object.fromEntries(Object.entries(shots).map(([name, values]) => [name, list(values)])),
  distance: list(ours.distance),
  dSpeed: list(ours.partials.speed),
  dAngle: list(ours.partials.angle),
});
const oursUs = { value: (forward * 1000) / BATCH, valueGrad: usPerShot, valueGradWithWorld: (withWorldGrad * 1000) / BATCH };

// Every core: the same batch through a landing pool (simulateLandings on worker threads, float64 in and out).
const pool = await createLandingPool();
const poolColumns = Object.fromEntries(Object.entries(columns).map(([field, values]) => [field, Float64Array.from(values)]));
const oursAllCoresUs = {};
for (const [what, fields] of [['value', []], ['valueGrad', ['speed', 'angle']], ['valueGradWithWorld', ['speed', 'angle', 'drag', 'wind']]]) {
  oursAllCoresUs[what] = ((await medianMs(() => pool.simulateLandings(poolColumns, BATCH, fields))) * 1000) / BATCH;
  printFigure(`physics.${what}.allCoresUsPerShot`, oursAllCoresUs[what], 'us', { ...context, threads: pool.workers, ours: 'createLandingPool().simulateLandings, float64' });
}
const oursAllCoresThreads = pool.workers;
await pool.terminate();
const jax = {};
for (const threads of ['1', 'all']) {
  const lines = runJaxPeer('jax_physics.py', ['--threads', threads, '--stdin'], { input });
  if (!lines) break;
  for (const line of lines) if (line.kind === 'time') jax[`${line.what}.${line.dtype}.${threads}`] = line;
  if (threads === '1') {
    for (const check of lines.filter((line) => line.kind === 'check')) {
      const context = { peer: 'jax', dtype: check.dtype, shots: check.shots, landingDisagreements: check.landingDisagreements, against: 'simulateLandings, float64' };
      printFigure(`physics.value.jaxMaxDifference${check.dtype === 'float32' ? 'F32' : ''}`, check.maxDistanceDiff, 'm', context);
      printFigure(`physics.valueGrad.jaxMaxDifference${check.dtype === 'float32' ? 'F32' : ''}`, check.maxGradDiff, 'm', { ...context, of: 'd/d(speed, angle)' });
    }
  }
}
for (const what of ['value', 'valueGrad', 'valueGradWithWorld']) {
  for (const [suffix, dtype, threads] of [['', 'float64', '1'], ['AllCores', 'float64', 'all'], ['F32', 'float32', '1'], ['F32AllCores', 'float32', 'all']]) {
    const line = jax[`${what}.${dtype}.${threads}`];
    if (!line) continue;
    const context = { peer: 'jax', dtype, threads: line.cores, mode: line.mode, ...(line.modes ? { modes: line.modes } : {}), batch: line.batch, steps: line.steps, ourThreads: 1 };
    printFigure(`physics.${what}.jax${suffix}UsPerShot`, line.usPerShot, 'us', context);
    printFigure(`physics.${what}.speedupVsJax${suffix}`, line.usPerShot / oursUs[what], 'x', { dtype, jaxThreads: line.cores, ourThreads: 1, jaxMode: line.mode, ours: 'landingTensor, wasm backend' });
    printFigure(`physics.${what}.allCoresSpeedupVsJax${suffix}`, line.usPerShot / oursAllCoresUs[what], 'x', { dtype, jaxThreads: line.cores, ourThreads: oursAllCoresThreads, jaxMode: line.mode, ours: 'createLandingPool().simulateLandings' });
  }
}

// The roofline: the flops the landed shots' steps cost (roofline.mjs counts them from the kernel's source),
// over the time they took, as a fraction of this machine's peak on one thread.
const peak = peakFlops();
let landedSteps = 0;
for (let i = 0; i < BATCH; i++) {
  if (!Number.isFinite(ours.flightTime[i])) continue;
  const g = defaultWorld.gravity;
  const vy = shots.speed[i] * Math.sin(shots.angle[i]);
  const T = (vy + Math.sqrt(vy * vy - 2 * g * shots.targetHeight[i])) / g;
  const S = Math.sqrt(shots.speed[i] ** 2 + shots.wind[i] ** 2 + (g * T) ** 2);
  const dt = T / (STEPS_PER_FLIGHT + STEPS_PER_DRAG_TIME * shots.drag[i] * S * T);
  landedSteps += Math.max(1, Math.ceil(ours.flightTime[i] / dt - 1e-9));
}
printFigure('physics.roofline.peakGflops', peak.flops / 1e9, 'Gflop/s', { threads: 1, simd: 'f64x2', fusedMultiplyAdd: peak.fused, accumulators: peak.width });
for (const what of ['value', 'valueGrad', 'valueGradWithWorld']) {
  const flopsPerShot = (FLOPS_PER_STEP[what] * landedSteps) / BATCH;
  const achieved = flopsPerShot / (oursUs[what] * 1e-6);
  printFigure(`physics.${what}.fractionOfPeak`, achieved / peak.flops, 'fraction', { flopsPerShot: Math.round(flopsPerShot), gflops: achieved / 1e9, peakGflops: peak.flops / 1e9, stepsPerLandedShot: landedSteps / BATCH, ours: 'landingTensor, wasm backend' });
}
tf.dispose([speeds, angles, ...Object.values(world)]);

// The same physics on plain numbers (no tensor engine), as `cannon bench` measures it.
for (const measured of benchmarkLandings()) console.log(JSON.stringify(measured));
