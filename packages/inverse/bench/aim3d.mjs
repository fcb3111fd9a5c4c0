// Times aimAt on the physics alone (no network), one aim at a time after a warm-up, and prints the median and p99
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

const box = { aims: 2000, warmUp: 300 };
time('still.slowest', () => boxCase(false), {}, box);
time('still.speed40low', () => boxCase(false), { speed: 40 }, box);
time('moving.slowest', () => boxCase(true), {}, box);
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
