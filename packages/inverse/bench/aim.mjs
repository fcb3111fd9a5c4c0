// Prints the figures of the differentiable-programming aimer, one JSON line each:
//  - inverse.vacuumSpec.msPerStep: the PyTorch peer's vacuum spec (1 → 32 tanh → 32 tanh → 2 sigmoid, batch 256
//    targets in [0.5, 10], Adam 0.01, closed-form range as decoder, 2000 steps) through trainAimer, and the peer's
//    time per step in the same run (../shared/peer/torch_vacuum_inverse.py), as a ratio;
//  - inverse.field.secondsToP95: seconds of training until the p95 true error on 512 fixed probe conditions of the
//    field box is ≤ 10 cm, and the PyTorch peer's (torch_drag_aimer.py), as a ratio;
//  - inverse.aim.p50us / p99us: one verified aim (predict, verify, refine when needed) with the shipped field aimer;
//  - inverse.aim.perSecond: verified aims per second for a batch of 100 000 targets;
//  - inverse.shipped.<name>.error{P50,P95,Max}: the shipped aimers' true error before any refinement.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, initializeBackend, simulateLandings } from '@cannon/physics';
import { aim, aimBatch, aimerError, fieldDomain, shippedAimer, trainAimer } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const peerDir = process.env.CANNON_PEER_DIR ?? resolve(here, '../../../../shared/peer');
const print = (bench, value, unit, extra = {}) => console.log(JSON.stringify({ bench, value: Number(value.toPrecision(4)), unit, ...extra }));
const quantile = (xs, q) => Float64Array.from(xs).sort()[Math.floor(q * (xs.length - 1))];

function peer(script, args) {
  const path = resolve(peerDir, script);
  if (!existsSync(path) || !existsSync('/usr/bin/python3')) {
    console.error(`peer skipped: ${path} or /usr/bin/python3 not found (apt-get install python3-torch)`);
    return null;
  }
  try {
    return execFileSync('/usr/bin/python3', [path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').map((line) => JSON.parse(line));
  } catch (error) {
    console.error(`peer skipped: ${error.message.split('\n')[0]}`);
    return null;
  }
}

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
spec.dispose();
print('inverse.vacuumSpec.msPerStep', msPerStep, 'ms', { steps: 2000, batch: 256 });
const vacuumPeer = peer('torch_vacuum_inverse.py', ['1', '2000']);
if (vacuumPeer) {
  print('inverse.vacuumSpec.peerMsPerStep', vacuumPeer[0].msPerStep, 'ms', { peer: 'pytorch', threads: 1 });
  print('inverse.vacuumSpec.vsPeer', msPerStep / vacuumPeer[0].msPerStep, 'x');
}

// Time to accuracy on the field box.
const random = createRandom(7);
const probe = { target: [], wind: [], drag: [], heightDifference: [] };
for (let i = 0; i < 512; i++) for (const field of Object.keys(probe)) probe[field].push(random.between(...fieldDomain[field]));
function probeErrors(aimer) {
  const { speed, angle } = aimer.predictBatch(probe.target, probe);
  const columns = { speed, angle, gravity: [9.81], drag: probe.drag, wind: probe.wind, launchHeight: [0], targetHeight: probe.heightDifference };
  const { distance } = simulateLandings(columns, 512);
  return Array.from(distance, (d, i) => (Number.isNaN(d) ? Infinity : Math.abs(d - probe.target[i])));
}
let evaluating = 0;
let secondsToP95 = NaN;
let stepsToP95 = NaN;
const fieldRun = await trainAimer({
  domain: 'field',
  steps: 3000,
  seed: 1,
  progressEvery: 25,
  onProgress: ({ step, seconds, aimer }) => {
    const started = performance.now();
    const p95 = quantile(probeErrors(aimer), 0.95);
    evaluating += (performance.now() - started) / 1000;
    if (p95 <= 0.1) {
      secondsToP95 = seconds - (evaluating - (performance.now() - started) / 1000);
      stepsToP95 = step;
      return false;
    }
  },
});
fieldRun.dispose();
print('inverse.field.secondsToP95', secondsToP95, 's', { steps: stepsToP95, probes: 512, threshold: 0.1 });
const fieldPeer = peer('torch_drag_aimer.py', ['1', '1500', '40', '250']);
if (fieldPeer) {
  const reached = fieldPeer.find((line) => line.errP95 <= 0.1);
  if (reached) {
    print('inverse.field.peerSecondsToP95', reached.wallS, 's', { peer: 'pytorch', steps: reached.step, threads: 1 });
    print('inverse.field.secondsToP95VsPeer', secondsToP95 / reached.wallS, 'x');
  } else console.error('peer did not reach p95 ≤ 10 cm in 1500 steps');
}

// Aiming with the shipped field aimer.
const targets = [];
const conditions = [];
for (let i = 0; i < 100_000; i++) {
  targets.push(random.between(...fieldDomain.target));
  conditions.push({ wind: random.between(...fieldDomain.wind), drag: random.between(...fieldDomain.drag), heightDifference: random.between(...fieldDomain.heightDifference) });
}
// Warm up (the JIT compiles the path), then time 20 000 aims one by one.
for (let i = 0; i < 5000; i++) aim(targets[i], conditions[i]);
const latencies = [];
for (let i = 5000; i < 25_000; i++) {
  const started = process.hrtime.bigint();
  aim(targets[i], conditions[i]);
  latencies.push(Number(process.hrtime.bigint() - started) / 1000);
}
print('inverse.aim.p50us', quantile(latencies, 0.5), 'us', { aimer: 'field', verified: true });
print('inverse.aim.p99us', quantile(latencies, 0.99), 'us', { aimer: 'field', verified: true });
const started = performance.now();
const results = aimBatch(targets, conditions);
const seconds = (performance.now() - started) / 1000;
print('inverse.aim.perSecond', results.length / seconds, 'aims/s', { aimer: 'field', batch: results.length, refined: results.filter((r) => r.refined).length });

for (const name of ['vacuum', 'field']) {
  const error = aimerError(shippedAimer(name), { samples: 2000, seed: 11 });
  for (const [q, key] of [['P50', 'p50'], ['P95', 'p95'], ['Max', 'max']]) print(`inverse.shipped.${name}.error${q}`, error[key], 'm', { unrefined: true, targets: 2000 });
}
