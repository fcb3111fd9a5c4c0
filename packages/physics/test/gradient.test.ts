import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '@cannon/random';
import { landing, resolveWorld, shotColumns, shotFields, simulateLandings, type ShotColumns } from '../src/index.js';
import { flyLandings } from '../src/simulate.js';
import { initializeBackend, landingTensor } from '../src/tensor/index.js';

beforeAll(async () => {
  await initializeBackend();
});

/** Central finite difference of the discrete model, in float64. */
function finiteDifference(columns: ShotColumns, field: keyof ShotColumns, relativeStep = 1e-5): number {
  const value = columns[field][0];
  const h = relativeStep * Math.max(1, Math.abs(value));
  const at = (x: number) => simulateLandings({ ...columns, [field]: [x] }, 1).distance[0];
  return (at(value + h) - at(value - h)) / (2 * h);
}

function randomShot(random: ReturnType<typeof createRandom>): ShotColumns {
  return {
    speed: [random.between(3, 20)],
    angle: [random.between(0.15, 1.35)],
    gravity: [random.between(9, 10.5)],
    drag: [random.between(0, 0.1)],
    wind: [random.between(-5, 5)],
    launchHeight: [random.between(-1, 2)],
    targetHeight: [random.between(-2, 1)],
  };
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
}

describe('exact derivatives of the discrete model', () => {
  it('match central finite differences for every field to 1e-6 in float64', () => {
    const random = createRandom(3);
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const columns = randomShot(random);
      const { distance, partials } = simulateLandings(columns, 1, shotFields);
      if (Number.isNaN(distance[0])) continue;
      checked++;
      for (const field of shotFields) {
        expect(relativeError(partials[field]![0], finiteDifference(columns, field)), `${field} at shot ${i}`).toBeLessThan(1e-6);
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('match central finite differences with respect to speed and angle alone (two seeded directions) to 1e-6 in float64', () => {
    const random = createRandom(5);
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const columns = randomShot(random);
      const { distance, partials } = simulateLandings(columns, 1, ['speed', 'angle']);
      if (Number.isNaN(distance[0])) continue;
      checked++;
      for (const field of ['speed', 'angle'] as const) {
        expect(relativeError(partials[field]![0], finiteDifference(columns, field)), `${field} at shot ${i}`).toBeLessThan(1e-6);
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('move the landing with the impact point, never a zero gradient from the stop', () => {
    // A shot onto a lower target: the height difference alone moves where the descent crosses it.
    const columns = { ...randomShot(createRandom(4)), drag: [0.05], launchHeight: [0], targetHeight: [-1] };
    const { partials } = simulateLandings(columns, 1, ['targetHeight', 'launchHeight']);
    expect(partials.targetHeight![0]).toBeLessThan(0);
    expect(partials.launchHeight![0]).toBeGreaterThan(0);
    expect(relativeError(partials.targetHeight![0], finiteDifference(columns, 'targetHeight'))).toBeLessThan(1e-6);
  });
});

describe('landingTensor gradients', () => {
  it('equal finite differences of landing() to 1e-4 for speeds and angles', () => {
    const random = createRandom(5);
    const world = { drag: 0.04, wind: -3, launchHeight: 0.5, targetHeight: -0.5 };
    const speeds = Array.from({ length: 64 }, () => random.between(3, 20));
    const angles = Array.from({ length: 64 }, () => random.between(0.15, 1.35));
    const [dSpeed, dAngle] = tf.tidy(() =>
      tf.grads((s: tf.Tensor, a: tf.Tensor) => tf.sum(landingTensor(s, a, world)))([tf.tensor1d(speeds), tf.tensor1d(angles)]).map((g) => g.arraySync() as number[]),
    );
    const resolved = resolveWorld(world);
    speeds.forEach((speed, i) => {
      // float32 inputs: compare at the float32 values the tensor saw.
      const s = Math.fround(speed);
      const a = Math.fround(angles[i]);
      const columns = shotColumns(s, a, resolved);
      expect(relativeError(dSpeed[i], finiteDifference(columns, 'speed'))).toBeLessThan(1e-4);
      expect(relativeError(dAngle[i], finiteDifference(columns, 'angle'))).toBeLessThan(1e-4);
    });
  });

  it('of drag, wind and gravity are the launch pass\'s part plus the world pass\'s, as simulateLandings sums them', () => {
    const random = createRandom(21);
    const count = 64;
    const column = (low: number, high: number) => Float64Array.from({ length: count }, () => random.between(low, high));
    // Slow shots among them, and one settled without flying (a flight shorter than INSTANT_FLIGHT).
    const columns = { speed: column(0.5, 25), angle: column(-0.3, 1.4), gravity: column(1, 20), drag: column(0, 0.2), wind: column(-8, 8), launchHeight: column(-1, 2), targetHeight: column(-1, 1) };
    Object.assign(columns.speed, [1e-110]);
    Object.assign(columns.angle, [0.5]);
    Object.assign(columns.launchHeight, [0]);
    Object.assign(columns.targetHeight, [0]);
    const fields = ['drag', 'wind', 'gravity'] as const;
    const both = simulateLandings(columns, count, fields);
    const launch = flyLandings(columns, count, fields, 'launch');
    const world = flyLandings(columns, count, fields, 'world');
    expect(Array.from(world.distance)).toEqual(Array.from(both.distance));
    expect(Array.from(launch.distance)).toEqual(Array.from(both.distance));
    let compared = 0;
    for (const field of fields) {
      for (let i = 0; i < count; i++) {
        if (!Number.isFinite(both.distance[i])) continue;
        expect(launch.partials[field]![i] + world.partials[field]![i]).toBe(both.partials[field]![i]); // the same sum, in the same order
        if (world.partials[field]![i] !== 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(count);
  });

  it('flow to per-shot world tensors and to scalar world tensors', () => {
    const speeds = tf.tensor1d([8, 12, 15]);
    const angles = tf.tensor1d([0.4, 0.7, 1.0]);
    const drag = tf.tensor1d([0.01, 0.03, 0.05]);
    const wind = tf.scalar(2);
    const grads = tf.grads((k: tf.Tensor, w: tf.Tensor) => tf.sum(landingTensor(speeds, angles, { drag: k, wind: w })))([drag, wind]);
    const [dDrag, dWind] = grads.map((g) => g.arraySync());
    expect(grads[1].shape).toEqual([]);
    const shots = [0, 1, 2].map((i) => ({
      speed: [Math.fround([8, 12, 15][i])],
      angle: [Math.fround([0.4, 0.7, 1.0][i])],
      gravity: [9.81],
      drag: [Math.fround([0.01, 0.03, 0.05][i])],
      wind: [2],
      launchHeight: [0],
      targetHeight: [0],
    }));
    shots.forEach((columns, i) => expect(relativeError((dDrag as number[])[i], finiteDifference(columns, 'drag'))).toBeLessThan(1e-4));
    const windSum = shots.reduce((sum, columns) => sum + finiteDifference(columns, 'wind'), 0);
    expect(relativeError(dWind as number, windSum)).toBeLessThan(1e-4);
    tf.dispose([speeds, angles, drag, wind, ...grads]);
  });

  it('scale with the upstream gradient', () => {
    const speeds = tf.tensor1d([9, 11]);
    const angles = tf.tensor1d([0.6, 0.9]);
    const [plain] = tf.grads((s: tf.Tensor) => tf.sum(landingTensor(s, angles, { drag: 0.02 })))([speeds]);
    const [weighted] = tf.grads((s: tf.Tensor) => tf.sum(tf.mul(landingTensor(s, angles, { drag: 0.02 }), tf.tensor1d([2, -3]))))([speeds]);
    const p = plain.arraySync() as number[];
    const w = weighted.arraySync() as number[];
    expect(w[0]).toBeCloseTo(2 * p[0], 4);
    expect(w[1]).toBeCloseTo(-3 * p[1], 4);
    tf.dispose([speeds, angles, plain, weighted]);
  });

  it('descend the squared error to a hit (the gradient points the right way)', () => {
    const target = 7;
    const speed = tf.variable(tf.tensor1d([6]));
    const angle = tf.tensor1d([0.6]);
    const optimizer = tf.train.sgd(0.02);
    for (let i = 0; i < 200; i++) {
      optimizer.minimize(() => tf.sum(tf.square(tf.sub(landingTensor(speed, angle, { drag: 0.02, wind: 1 }), target))));
    }
    const hit = landing({ speed: (speed.arraySync() as number[])[0], angle: Math.fround(0.6) }, { drag: 0.02, wind: 1 });
    expect(Math.abs(hit!.distance - target)).toBeLessThan(1e-3);
    tf.dispose([speed, angle]);
    optimizer.dispose();
  });

  it('leak no tensors across forward and backward passes', () => {
    const speeds = tf.tensor1d([5, 10, 15]);
    const angles = tf.tensor1d([0.3, 0.8, 1.2]);
    const drag = tf.tensor1d([0.01, 0.02, 0.03]);
    const wind = tf.scalar(1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const grads = tf.grads((s: tf.Tensor, a: tf.Tensor, k: tf.Tensor, w: tf.Tensor) => tf.sum(landingTensor(s, a, { drag: k, wind: w })))([speeds, angles, drag, wind]);
      tf.dispose(grads);
      tf.tidy(() => {
        landingTensor(speeds, angles, { drag });
      });
      landingTensor(speeds, angles, { drag, wind }).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([speeds, angles, drag, wind]);
  });
});
