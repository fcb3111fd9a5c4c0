// Prints the figures of the differentiable-programming aimer, one JSON line each:
//  - inverse.vacuumSpec.msPerStep: the PyTorch peer's vacuum spec (1 → 32 tanh → 32 tanh → 2 sigmoid, batch 256
//    targets in [0.5, 10], Adam 0.01, closed-form range as decoder, 2000 steps) through trainAimer, and the peer's
//    time per step in the same run (bench/peers/vacuum_inverse.py at the repository root), as a ratio;
//  - inverse.field.secondsToP95: seconds of training until the p95 true error on 512 fixed probe conditions of the
//    field box is ≤ 10 cm, checked every CHECK_EVERY steps, with our fastest recipe, and the PyTorch peer's
//    (bench/peers/drag_aimer.py) and the JAX peer's (bench/peers/jax_aimer.py: the PyTorch peer's recipe in one
//    jax.jit), checked at the same interval, as ratios; the JAX peer's with and without its compilation; and
//    inverse.field.shippedRecipe.secondsToP95 with trainAimer's defaults (the peers' network and batch), whose ms
//    per step is set beside the JAX peer's;
//  - inverse.aim.batchAimsPerSecond: the shipped field aimer's shots for a million targets (predictBatch, not
//    verified), and the JAX peer's (bench/peers/jax_inference.py, the same network), as ratios;
//  - inverse.aim.{p50us,p99us}: one verified aim with the shipped field aimer at the default 5 cm, and
//    inverse.aim.{preciseP50us,preciseP99us} at 1 mm, over the same random field-box targets in the same run, with
//    their ratio, the largest miss of the precise aims and their refinement steps;
//  - inverse.shipped.<name>.error{P50,P95,Max}: the shipped aimers' true error before any refinement, and
//    inverse.shipped.<name>.speedOverMinimum{P95,Max}: how much faster than the slowest shot their default shot is.
import { minimumSpeed, vacuumMinimumSpeed } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { initializeBackend } from '@cannon/physics/tensor';
import { printFigure, quantile } from '@cannon/stats';
import { runJaxPeer, runPeer } from '../../../bench/peers/peer.mjs';
import { aim, aimerError, fieldDomain, sampleConditions, shippedAimer, unrefinedMisses, vacuumDomain } from '../dist/index.js';
import { defaultAimerTraining, trainAimer } from '../dist/tensor.js';

await initializeBackend();

// The vacuum spec, through the public training API.
const spec = await trainAimer({
  domain: { target: [0.5, 10], wind: [0, 0], drag: [0, 0], heightDifference: [0, 0], maxSpeed: 10 },
  hiddenLayers: [32, 32],
  batchSize: 256,
  steps: 2000,
  learningRate: 0.01,
  decoder: 'vacuum',
  speedPenalty: 0,
  seed: 0,
});
const msPerStep = (spec.metadata.training.seconds * 1000) / spec.metadata.training.steps;
printFigure('inverse.vacuumSpec.msPerStep', msPerStep, 'ms', { steps: 2000, batch: 256 });
const vacuumPeer = runPeer('vacuum_inverse.py', [1, 2000]);
if (vacuumPeer) {
  printFigure('inverse.vacuumSpec.peerMsPerStep', vacuumPeer[0].msPerStep, 'ms', { peer: 'pytorch', threads: 1 });
  printFigure('inverse.vacuumSpec.vsPeer', msPerStep / vacuumPeer[0].msPerStep, 'x');
}

// Time to accuracy on the field box: training stops once the p95 miss on the probes is 10 cm, checked every
// CHECK_EVERY steps on every side (ours and the peers'); the time spent evaluating the probes is not counted.
// Ours with the recipe that gets there fastest (FAST_RECIPE: a smaller network on smaller batches at a higher
// rate), first, so that it pays this process's warm-up of the physics' JavaScript; then with trainAimer's
// defaults (the shipped aimer's recipe, made for its final millimetres: the peer's network and batch), whose
// time per step is the one to set beside the peers'.
const CHECK_EVERY = 25;
const FAST_RECIPE = { hiddenLayers: [32, 32], batchSize: 128, learningRate: 0.02 };
const probe = sampleConditions(fieldDomain, 512, createRandom(7));
async function timeToP95(recipe) {
  let evaluating = 0;
  let reached = { seconds: NaN, steps: NaN };
  await trainAimer({
    domain: 'field',
    steps: 3000,
    seed: 1,
    ...recipe,
    progressEvery: CHECK_EVERY,
    onProgress: ({ step, seconds, aimer }) => {
      const started = performance.now();
      const p95 = quantile(unrefinedMisses(aimer, probe), 0.95);
      const spent = (performance.now() - started) / 1000;
      if (p95 <= 0.1) {
        reached = { seconds: seconds - evaluating, steps: step };
        return false;
      }
      evaluating += spent;
    },
  });
  return reached;
}
const fast = await timeToP95(FAST_RECIPE);
const secondsToP95 = fast.seconds;
printFigure('inverse.field.secondsToP95', secondsToP95, 's', { steps: fast.steps, probes: 512, threshold: 0.1, checkEvery: CHECK_EVERY, threads: 1, recipe: FAST_RECIPE });
const shipped = await timeToP95({});
const shippedRecipe = { hiddenLayers: defaultAimerTraining.hiddenLayers, batchSize: defaultAimerTraining.batchSize, learningRate: defaultAimerTraining.learningRate };
printFigure('inverse.field.shippedRecipe.secondsToP95', shipped.seconds, 's', { steps: shipped.steps, probes: 512, threshold: 0.1, checkEvery: CHECK_EVERY, threads: 1, recipe: shippedRecipe });
const fieldMsPerStep = (shipped.seconds * 1000) / shipped.steps;
printFigure('inverse.field.msPerStep', fieldMsPerStep, 'ms', { steps: shipped.steps, threads: 1, recipe: shippedRecipe });
const fieldPeer = runPeer('drag_aimer.py', [1, 1500, 40, CHECK_EVERY]);
if (fieldPeer) {
  const reached = fieldPeer.find((line) => line.errP95 <= 0.1);
  if (reached) {
    printFigure('inverse.field.peerSecondsToP95', reached.wallS, 's', { peer: 'pytorch', steps: reached.step, threads: 1, checkEvery: CHECK_EVERY });
    printFigure('inverse.field.secondsToP95VsPeer', secondsToP95 / reached.wallS, 'x');
  } else console.error('peer did not reach p95 ≤ 10 cm in 1500 steps');
}
// The JAX peer: the same recipe as the PyTorch peer, its whole step one jax.jit, on one core; compiling the step
// takes seconds before the first one, so its time is given with and without the compilation.
const jaxField = runJaxPeer('jax_aimer.py', [1, 1500, 40, CHECK_EVERY, '--stop-at', 0.1]);
if (jaxField) {
  const reached = jaxField.find((line) => line.errP95 <= 0.1);
  const last = jaxField.at(-1);
  printFigure('inverse.field.jaxMsPerStep', last.msPerStep, 'ms', { peer: 'jax', steps: last.step, threads: last.cores, recipe: 'drag_aimer.py, batch 256, 40 RK4 steps' });
  printFigure('inverse.field.msPerStepVsJax', fieldMsPerStep / last.msPerStep, 'x', { ours: shippedRecipe, jax: 'drag_aimer.py: the same network and batch, float32, 40 fixed RK4 steps' });
  if (reached) {
    const context = { peer: 'jax', steps: reached.step, threads: reached.cores, checkEvery: CHECK_EVERY, compileS: reached.compileS };
    printFigure('inverse.field.jaxSecondsToP95', reached.wallS, 's', { ...context, compilation: false });
    printFigure('inverse.field.jaxSecondsToP95WithCompile', reached.wallWithCompileS, 's', { ...context, compilation: true });
    printFigure('inverse.field.secondsToP95VsJax', secondsToP95 / reached.wallS, 'x', { compilation: false });
    printFigure('inverse.field.secondsToP95VsJaxWithCompile', secondsToP95 / reached.wallWithCompileS, 'x', { compilation: true });
  } else console.error('the JAX peer did not reach p95 ≤ 10 cm in 1500 steps');
}

// Batch aiming without verification: the shipped field aimer's network on a million targets, and the JAX peer's
// forward pass of the same network (float64 as ours, and float32; one core, and every core).
{
  const aimer = shippedAimer('field');
  const many = sampleConditions(fieldDomain, 1_000_000, createRandom(9));
  const conditions = { wind: many.wind, drag: many.drag, heightDifference: many.heightDifference };
  aimer.predictBatch(many.target.subarray(0, 10_000), { wind: many.wind.subarray(0, 10_000), drag: many.drag.subarray(0, 10_000), heightDifference: many.heightDifference.subarray(0, 10_000) });
  const times = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    aimer.predictBatch(many.target, conditions);
    times.push((performance.now() - started) / 1000);
  }
  const ours = 1_000_000 / quantile(times, 0.5);
  const hidden = aimer.metadata.hiddenLayers;
  printFigure('inverse.aim.batchAimsPerSecond', ours, 'aims/s', { aimer: 'field', verified: false, targets: 1_000_000, hidden, threads: 1 });
  for (const [suffix, dtype, threads] of [['', 'float64', '1'], ['AllCores', 'float64', 'all'], ['F32', 'float32', '1'], ['F32AllCores', 'float32', 'all']]) {
    const line = runJaxPeer('jax_inference.py', ['--threads', threads, '--dtype', dtype, '--hidden', hidden.join(','), '--targets', 1_000_000])?.[0];
    if (!line) break;
    printFigure(`inverse.aim.jax${suffix}AimsPerSecond`, line.aimsPerSecond, 'aims/s', { peer: 'jax', dtype, threads: line.cores, hidden, verified: false, targets: line.targets, compileS: line.compileS });
    printFigure(`inverse.aim.speedupVsJax${suffix}`, ours / line.aimsPerSecond, 'x', { dtype, jaxThreads: line.cores, ourThreads: 1 });
  }
}

// Aiming with the shipped field aimer, at the default tolerance and at 1 mm, over the same targets.
const targets = sampleConditions(fieldDomain, 100_000, createRandom(8));
const conditionsOf = (i) => ({ wind: targets.wind[i], drag: targets.drag[i], heightDifference: targets.heightDifference[i] });
const conditions = Array.from({ length: targets.target.length }, (_, i) => conditionsOf(i));
const latencies = { default: [], precise: [] };
let preciseMaxError = 0;
const preciseSteps = [];
// Warm up (the JIT compiles both paths), then time 20 000 aims of each kind, interleaved.
for (let i = 0; i < 5000; i++) {
  aim(targets.target[i], conditions[i]);
  aim(targets.target[i], conditions[i], { tolerance: 0.001 });
}
for (let i = 5000; i < 25_000; i++) {
  let started = process.hrtime.bigint();
  aim(targets.target[i], conditions[i]);
  latencies.default.push(Number(process.hrtime.bigint() - started) / 1000);
  started = process.hrtime.bigint();
  const precise = aim(targets.target[i], conditions[i], { tolerance: 0.001 });
  latencies.precise.push(Number(process.hrtime.bigint() - started) / 1000);
  preciseMaxError = Math.max(preciseMaxError, precise.error);
  preciseSteps.push(precise.iterations);
}
const context = { aimer: 'field', verified: true, aims: 20_000 };
printFigure('inverse.aim.p50us', quantile(latencies.default, 0.5), 'us', { ...context, tolerance: 0.05 });
printFigure('inverse.aim.p99us', quantile(latencies.default, 0.99), 'us', { ...context, tolerance: 0.05 });
printFigure('inverse.aim.preciseP50us', quantile(latencies.precise, 0.5), 'us', { ...context, tolerance: 0.001 });
printFigure('inverse.aim.preciseP99us', quantile(latencies.precise, 0.99), 'us', { ...context, tolerance: 0.001 });
printFigure('inverse.aim.preciseVsDefaultP50', quantile(latencies.precise, 0.5) / quantile(latencies.default, 0.5), 'x', context);
printFigure('inverse.aim.preciseMaxError', preciseMaxError, 'm', { ...context, tolerance: 0.001 });
printFigure('inverse.aim.preciseStepsP50', quantile(preciseSteps, 0.5), 'steps', { ...context, tolerance: 0.001 });
printFigure('inverse.aim.preciseStepsMax', Math.max(...preciseSteps), 'steps', { ...context, tolerance: 0.001 });
// The shipped aimers: their unrefined miss, and how close their default shot is to the slowest one.
for (const name of ['vacuum', 'field']) {
  const error = aimerError(shippedAimer(name), { samples: 2000, seed: 11 });
  for (const [suffix, key] of [['P50', 'p50'], ['P95', 'p95'], ['Max', 'max']]) printFigure(`inverse.shipped.${name}.error${suffix}`, error[key], 'm', { unrefined: true, targets: 2000 });
}
const ratios = { vacuum: [], field: [] };
const steps = ([low, high], n) => Array.from({ length: n }, (_, i) => low + ((high - low) * i) / (n - 1));
for (const target of steps(vacuumDomain.target, 200)) ratios.vacuum.push(shippedAimer('vacuum').predict(target).speed / vacuumMinimumSpeed(target).speed - 1);
for (const target of steps(fieldDomain.target, 8))
  for (const wind of steps(fieldDomain.wind, 5))
    for (const drag of steps(fieldDomain.drag, 4))
      for (const heightDifference of steps(fieldDomain.heightDifference, 5)) {
        const slowest = minimumSpeed(target, { wind, drag, targetHeight: heightDifference });
        ratios.field.push(shippedAimer('field').predict(target, { wind, drag, heightDifference }).speed / slowest.speed - 1);
      }
for (const name of ['vacuum', 'field']) {
  const over = ratios[name].map(Math.abs);
  const grid = name === 'vacuum' ? '200 targets over the range' : '800 points of the box, corners included';
  printFigure(`inverse.shipped.${name}.speedOverMinimumP95`, quantile(over, 0.95), 'fraction', { grid });
  printFigure(`inverse.shipped.${name}.speedOverMinimumMax`, Math.max(...over), 'fraction', { grid });
}
