// A short tour of @cannon/physics: where shots land with and without air, the exact vacuum answers,
// and a gradient through the simulator that aims a shot into a headwind.
import * as tf from '@tensorflow/tfjs';
import { landing, maximumRange, trajectory, vacuumMinimumSpeed } from '../dist/index.js';
import { initializeBackend, landingTensor } from '../dist/tensor.js';

const info = await initializeBackend();
console.log(`TensorFlow.js backend: ${info.backend} (SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread)\n`);

const field = { drag: 0.05, wind: -5, targetHeight: 0.5 };
console.log('speed  angle   vacuum   drag 0.05 1/m, 5 m/s headwind, target 0.5 m up');
for (const [speed, angleDeg] of [[6, 30], [8, 45], [10, 45], [12, 60]]) {
  const launch = { speed, angle: (angleDeg * Math.PI) / 180 };
  const vacuum = landing(launch);
  const windy = landing(launch, field);
  const where = windy ? `${windy.distance.toFixed(3)} m after ${windy.flightTime.toFixed(3)} s` : 'never comes down through 0.5 m';
  console.log(`${String(speed).padStart(3)} m/s ${String(angleDeg).padStart(3)}°  ${vacuum.distance.toFixed(3).padStart(7)} m   ${where}`);
}

const slowest = vacuumMinimumSpeed(8);
console.log(`\nVacuum: the slowest shot to 8 m is ${slowest.speed.toFixed(4)} m/s at ${((slowest.angle * 180) / Math.PI).toFixed(2)}°`);
const best = maximumRange(10, field);
console.log(`Into the wind, 10 m/s reaches at most ${best.distance.toFixed(3)} m, at ${((best.angle * 180) / Math.PI).toFixed(2)}°`);

// Differentiable programming in one loop: Newton steps on the speed, with the exact derivative of the
// simulated landing, until the shot lands on 6 m into the headwind.
const target = 6;
const angle = tf.scalar(Math.PI / 4);
let speed = 9;
console.log(`\nAiming at ${target} m at 45° into the headwind (Newton on the speed, exact gradient):`);
for (let iteration = 1; iteration <= 6; iteration++) {
  const [distance, slope] = tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((s) => tf.sum(landingTensor(s, angle, field)))(tf.scalar(speed));
    return [value.dataSync()[0], grad.dataSync()[0]];
  });
  console.log(`  ${iteration}: speed ${speed.toFixed(6)} m/s lands at ${distance.toFixed(6)} m (miss ${(distance - target).toExponential(2)} m)`);
  if (Math.abs(distance - target) < 1e-5) break;
  speed -= (distance - target) / slope;
}
angle.dispose();
const path = trajectory({ speed, angle: Math.PI / 4 }, field, { samples: 6 });
console.log(`\nIts path: ${path.points.map((p) => `(${p.x.toFixed(2)}, ${p.y.toFixed(2)})`).join(' ')}`);
console.log(`Tensors left alive: ${tf.memory().numTensors}`);
