// Times aimAt with the shipped 3D aimer over random targets in its box (1–100 m on any bearing, heights ±10 m, winds
// ±10 m/s along and across, drag ≤ 0.05 1/m, speeds to 40 m/s; targets a 40 m/s shot cannot reach are counted, not
// timed), still and moving (up to 5 m/s), with how much faster than the physics' own slowest shot its answers are.
// Then aimAt on the physics alone (no network), one aim at a time after a warm-up, and prints the median and p99
// in µs, one JSON line per figure, with the largest miss, the targets found unreachable and the median of the
// solver's steps:
//  - still and moving targets in a box (8 to 60 m away, heights ±5 m, crosswinds ±5 m/s, a constant drag ≤ 0.01
//    1/m, targets up to 5 m/s), the slowest shot and a fixed speed of 40 m/s on the low arc;
//  - a 5.4 kg, 0.11 m cannonball on the GS table at 1 km (bearings and crosswinds at random), 450 m/s on the low arc,
//    and the slowest shot.
// Then the reason to solve the intercept at all: on the same moving targets, the true miss of the first-order lead the
// ballistic calculators use (aim at where the target will be after the flight time to where it is now, p₀ + v·T₀,
// and stop) beside ours, each flown through the physics and measured where the target is when the ball comes down.
import { createRandom } from '@cannon/random';
import { printFigure, quantile } from '@cannon/stats';
import { landing } from '@cannon/physics';
import { aimAt, UnreachableTargetError } from '../dist/index.js';
import { shippedBox3dCase } from './box3d.mjs';

const random = createRandom(11);
const uniform = (low, high) => low + (high - low) * random.uniform();

function boxCase(moving) {
  const distance = uniform(8, 60);
  const bearing = uniform(-Math.PI, Math.PI);
  const heading = uniform(-Math.PI, Math.PI);
  const speed = uniform(0, 5);
  const target = { x: distance * Math.cos(bearing), y: distance * Math.sin(bearing), height: uniform(-5, 5), ...(moving ? { velocity: [speed * Math.cos(heading), speed * Math.sin(heading)] } : {}) };
  return { target, world: { drag: uniform(0, 0.01), wind: [uniform(-5, 5), uniform(-5, 5)] } };
}

function cannonballCase() {
  const bearing = uniform(-Math.PI, Math.PI);
  return { target: { x: 1000 * Math.cos(bearing), y: 1000 * Math.sin(bearing) }, world: { drag: { table: 'GS', mass: 5.4, diameter: 0.11 }, wind: [uniform(-5, 5), uniform(-5, 5)] } };
}

function time(name, makeCase, options, { aims, warmUp }) {
  const cases = Array.from({ length: aims + warmUp }, makeCase);
  const micros = [];
  const steps = [];
  let worst = 0;
  let unreachable = 0;
  cases.forEach(({ target, world }, i) => {
    const start = performance.now();
    let shot;
    try {
      shot = aimAt(target, world, options);
    } catch (error) {
      if (!(error instanceof UnreachableTargetError)) throw error;
      unreachable += 1;
      return;
    }
    const elapsed = (performance.now() - start) * 1000;
    if (i < warmUp) return;
    micros.push(elapsed);
    steps.push(shot.iterations);
    worst = Math.max(worst, shot.error);
  });
  const sorted = Float64Array.from(micros).sort();
  const details = { aims: micros.length, unreachable, largestMiss: worst, stepsP50: quantile(Float64Array.from(steps).sort(), 0.5), on: 'the physics alone, one aim at a time, one thread' };
  printFigure(`inverse.aimAt.${name}.p50`, quantile(sorted, 0.5), 'us', details);
  printFigure(`inverse.aimAt.${name}.p99`, quantile(sorted, 0.99), 'us', details);
}

/**
 * Times aimAt over the shipped box: random targets drawn first and sorted by what answers them (the learned path, the
 * physics' own search where the learned path hands a target over, or none: out of reach), then every answered aim timed
 * one after another, as an aimer that fires at target after target makes them. The learned path's figures, then all
 * answered aims' (the handed-over ones included); then the learned path's speeds against the physics' own slowest shot.
 */
function timeLearned(name, moving, { aims, warmUp }) {
  const counts = { learned: 0, physics: 0, unreachable: 0, failed: 0 };
  const cases = [];
  while (counts.learned < aims + warmUp) {
    const { target, world } = shippedBox3dCase(moving, () => random.uniform());
    try {
      const { aimer } = aimAt(target, world, { maxSpeed: 40 });
      counts[aimer === 'physics' ? 'physics' : 'learned'] += 1;
      cases.push({ target, world, learned: aimer !== 'physics' });
    } catch (error) {
      counts[error instanceof UnreachableTargetError ? 'unreachable' : 'failed'] += 1;
    }
  }
  const micros = { learned: [], all: [], bestOfThree: [] };
  let worst = 0;
  cases.forEach(({ target, world, learned }, i) => {
    const start = performance.now();
    const shot = aimAt(target, world, { maxSpeed: 40 });
    const elapsed = (performance.now() - start) * 1000;
    worst = Math.max(worst, shot.error);
    if (i < warmUp) return;
    micros.all.push(elapsed);
    if (learned) micros.learned.push(elapsed);
  });
  // The same learned aims twice more, each target's fastest of its three: what the aim costs, without the machine's
  // interruptions of a few tens of µs that land on about one aim in fifty (machineJitter below).
  const learnedCases = cases.slice(warmUp).filter((one) => one.learned);
  const again = [1, 2].map(() =>
    learnedCases.map(({ target, world }) => {
      const start = performance.now();
      aimAt(target, world, { maxSpeed: 40 });
      return (performance.now() - start) * 1000;
    }),
  );
  micros.bestOfThree = micros.learned.map((first, k) => Math.min(first, again[0][k], again[1][k]));
  const sorted = (values) => Float64Array.from(values).sort();
  const handedOver = counts.physics / (counts.learned + counts.physics);
  const details = { ...counts, handedOver, largestMiss: worst, on: 'one aim after another, one thread, tolerance 1 mm' };
  printFigure(`inverse.aimAt.${name}.p50`, quantile(sorted(micros.learned), 0.5), 'us', { ...details, aims: 'answered by the learned path' });
  printFigure(`inverse.aimAt.${name}.p99`, quantile(sorted(micros.learned), 0.99), 'us', { ...details, aims: 'answered by the learned path' });
  printFigure(`inverse.aimAt.${name}.bestOfThreeP99`, quantile(sorted(micros.bestOfThree), 0.99), 'us', { ...details, aims: 'answered by the learned path, each the fastest of three timings' });
  printFigure(`inverse.aimAt.${name}.allAnsweredP50`, quantile(sorted(micros.all), 0.5), 'us', { ...details, aims: 'every answered target, the ones handed to the physics included' });
  printFigure(`inverse.aimAt.${name}.allAnsweredP99`, quantile(sorted(micros.all), 0.99), 'us', { ...details, aims: 'every answered target, the ones handed to the physics included' });
  printFigure(`inverse.aimAt.${name}.handedToPhysics`, handedOver, 'ratio', { ...details, of: 'the targets a 40 m/s shot reaches' });
  if (moving) return;
  const excess = cases.filter((one) => one.learned).slice(0, 500).map(({ target, world }) => aimAt(target, world, { maxSpeed: 40 }).speed / aimAt(target, world, { maxSpeed: 40, aimer: null }).speed - 1);
  const over = sorted(excess);
  printFigure(`inverse.aimAt.${name}.speedOverSlowestP50`, quantile(over, 0.5), 'ratio', { targets: over.length, against: "the physics' own slowest shot (aimer: null)" });
  printFigure(`inverse.aimAt.${name}.speedOverSlowestMax`, over[over.length - 1], 'ratio', { targets: over.length, promise: 0.01 });
}

/**
 * The machine's own tail: a fixed loop of arithmetic that takes about as long as a slow aim (the same work every time),
 * timed 2000 times as the aims are. Its p99 over its p50 is what interruptions add to any 20 µs of work here.
 */
function machineJitter() {
  let sink = 0;
  const work = () => {
    let sum = 0;
    for (let i = 0; i < 8000; i++) sum += Math.sqrt(i + sink);
    sink = sum * 1e-12;
  };
  for (let i = 0; i < 2000; i++) work();
  const micros = Array.from({ length: 2000 }, () => {
    const start = performance.now();
    work();
    return (performance.now() - start) * 1000;
  });
  const sorted = Float64Array.from(micros).sort();
  const details = { what: 'a fixed loop of arithmetic timed 2000 times, one after another, one thread' };
  printFigure('inverse.aimAt.machineJitter.p50', quantile(sorted, 0.5), 'us', details);
  printFigure('inverse.aimAt.machineJitter.p99', quantile(sorted, 0.99), 'us', details);
}

machineJitter();
timeLearned('shippedBox.still.slowest', false, { aims: 2000, warmUp: 300 });
timeLearned('shippedBox.moving.slowest', true, { aims: 2000, warmUp: 300 });


const box = { aims: 2000, warmUp: 300 };
const alone = { aimer: null };
time('still.slowest', () => boxCase(false), alone, box);
time('still.speed40low', () => boxCase(false), { speed: 40 }, box);
time('moving.slowest', () => boxCase(true), alone, box);
time('moving.speed40low', () => boxCase(true), { speed: 40 }, box);
const cannon = { aims: 300, warmUp: 50 };
time('cannonball1km.speed450low', cannonballCase, { speed: 450 }, cannon);
time('cannonball1km.slowest', cannonballCase, {}, cannon);

/** Where a target is at time t. */
const targetAt = ({ x, y, height = 0, velocity = [0, 0, 0] }, t) => ({ x: x + velocity[0] * t, y: y + velocity[1] * t, z: height + (velocity[2] ?? 0) * t });

/** The true miss of a shot: flown to the height the target has when it comes down, there. */
function trueMiss(target, world, shot) {
  const hit = landing({ speed: shot.speed, angle: shot.angle, azimuth: shot.azimuth }, { ...world, targetHeight: shot.intercept.z });
  const at = targetAt(target, hit.flightTime);
  return Math.hypot(hit.impact.x - at.x, hit.impact.y - at.y);
}

function leadTable(name, makeCase, options, count) {
  const ours = [];
  const lead = [];
  while (ours.length < count) {
    const { target, world } = makeCase();
    try {
      const still = aimAt({ x: target.x, y: target.y, height: target.height }, world, options);
      const led = targetAt(target, still.flightTime);
      const leadShot = aimAt({ x: led.x, y: led.y, height: led.z }, world, options);
      const hit = landing({ speed: leadShot.speed, angle: leadShot.angle, azimuth: leadShot.azimuth }, { ...world, targetHeight: led.z });
      const at = targetAt(target, hit.flightTime);
      const solved = aimAt(target, world, options);
      lead.push(Math.hypot(hit.impact.x - at.x, hit.impact.y - at.y));
      ours.push(trueMiss(target, world, solved));
    } catch (error) {
      if (!(error instanceof UnreachableTargetError)) throw error;
    }
  }
  const sorted = (values) => Float64Array.from(values).sort();
  const details = { targets: count, what: 'true miss at the impact time, flown through the physics' };
  printFigure(`inverse.aimAt.${name}.oursMissP50`, quantile(sorted(ours), 0.5), 'm', details);
  printFigure(`inverse.aimAt.${name}.oursMissMax`, Math.max(...ours), 'm', details);
  printFigure(`inverse.aimAt.${name}.firstOrderLeadMissP50`, quantile(sorted(lead), 0.5), 'm', { ...details, lead: 'aim at p0 + v·T0, T0 the flight time to p0' });
  printFigure(`inverse.aimAt.${name}.firstOrderLeadMissP95`, quantile(sorted(lead), 0.95), 'm', { ...details, lead: 'aim at p0 + v·T0, T0 the flight time to p0' });
}

/** A cannonball's target 1 km out on any bearing, crossing at 10 to 20 m/s in any direction. */
function movingCannonballCase() {
  const { target, world } = cannonballCase();
  const [heading, speed] = [uniform(-Math.PI, Math.PI), uniform(10, 20)];
  return { target: { ...target, velocity: [speed * Math.cos(heading), speed * Math.sin(heading)] }, world };
}

leadTable('moving.speed40low', () => boxCase(true), { speed: 40 }, 300);
leadTable('moving.slowest', () => boxCase(true), {}, 100);
leadTable('movingCannonball1km.speed450low', movingCannonballCase, { speed: 450 }, 100);
