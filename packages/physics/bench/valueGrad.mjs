// Prints the physics benchmarks, one JSON line per figure: microseconds per shot for landing distances
// and their gradients on a batch of 4096 shots with drag and wind, on the wasm backend; and, in the same
// run, the PyTorch peer's time per shot (an unrolled RK4 with autograd), as a ratio.
import * as tf from '@tensorflow/tfjs';
import { printFigure, quantile } from '@cannon/stats';
import { runPeer } from '../../../bench/peers/peer.mjs';
import { createRandom } from '@cannon/random';
import { benchmarkLandings } from '../dist/index.js';
import { initializeBackend, landingTensor } from '../dist/tensor.js';

const BATCH = 4096;
const REPEATS = 15;

/** Median wall time of fn in ms, after warm-up. */
function medianMs(fn) {
  for (let i = 0; i < 3; i++) fn();
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

const info = await initializeBackend();
const random = createRandom(11);
const column = (low, high) => tf.tensor1d(Array.from({ length: BATCH }, () => random.between(low, high)));
// The field aimer's box: speeds up to 15 m/s, drag up to 0.05 1/m, wind ±5 m/s, heights ±1 m.
const speeds = column(4, 15);
const angles = column(0.2, 1.3);
const world = { drag: column(0, 0.05), wind: column(-5, 5), targetHeight: column(-1, 1) };
const context = { batch: BATCH, backend: info.backend, simd: info.simd, threads: info.threads };

// (Read the results inside tidy without returning them: tidy walks what it returns, element by element.)
const forward = medianMs(() => tf.tidy(() => void landingTensor(speeds, angles, world).dataSync()));
printFigure('physics.value.usPerShot', (forward * 1000) / BATCH, 'us', context);

const valueGrad = tf.grads((s, a) => tf.sum(landingTensor(s, a, world)));
const withGrad = medianMs(() => tf.tidy(() => valueGrad([speeds, angles]).forEach((g) => g.dataSync())));
const usPerShot = (withGrad * 1000) / BATCH;
printFigure('physics.valueGrad.usPerShot', usPerShot, 'us', context);

const allGrad = tf.grads((s, a, k, w) => tf.sum(landingTensor(s, a, { ...world, drag: k, wind: w })));
const withWorldGrad = medianMs(() => tf.tidy(() => allGrad([speeds, angles, world.drag, world.wind]).forEach((g) => g.dataSync())));
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
tf.dispose([speeds, angles, ...Object.values(world)]);

// The same physics on plain numbers (no tensor engine), as `cannon bench` measures it.
for (const measured of benchmarkLandings()) console.log(JSON.stringify(measured));
