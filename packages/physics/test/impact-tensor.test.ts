import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRandom } from '@cannon/random';
import { dragTables, InvalidInputError, simulateImpacts, type EarthRotation, type ImpactColumns, type ImpactField, type TableDrag } from '../src/index.js';
import * as impacts from '../src/impacts.js';
import { impactTensor, initializeBackend, type ImpactTensorOptions } from '../src/tensor/index.js';

// simulateImpacts, watched: which partials the kernel asks it for.
vi.mock('../src/impacts.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/impacts.js')>();
  return { ...original, simulateImpacts: vi.fn(original.simulateImpacts) };
});

beforeAll(async () => {
  await initializeBackend();
});

const worldFields = ['gravity', 'drag', 'windX', 'windY', 'launchHeight', 'targetHeight'] as const;
/** The fields in the order of the tensors handed to tf.grads below: speeds, elevations, azimuths, then the world's. */
const fields = ['speed', 'elevation', 'azimuth', ...worldFields] as const satisfies readonly ImpactField[];

/** Random shots in any direction under a constant drag, in float32 (the values the tensors hold). */
function randomShots(count: number, seed: number): ImpactColumns & Record<ImpactField, number[]> {
  const random = createRandom(seed);
  const column = (low: number, high: number) => Array.from({ length: count }, () => Math.fround(random.between(low, high)));
  return {
    speed: column(8, 25),
    elevation: column(0.15, 1.2),
    azimuth: column(-1.5, 1.5),
    gravity: column(9, 10.5),
    drag: column(0, 0.06),
    windX: column(-6, 6),
    windY: column(-6, 6),
    launchHeight: column(0, 1.5),
    targetHeight: column(-1, 1),
  };
}

function tensorsOf(columns: Record<ImpactField, number[]>): tf.Tensor1D[] {
  return fields.map((field) => tf.tensor1d(columns[field]));
}

/** impactTensor with every input a tensor, in the order of `fields`. */
function impactsOf(tensors: tf.Tensor[], options?: ImpactTensorOptions) {
  const [speeds, elevations, azimuths, ...world] = tensors;
  return impactTensor(speeds, elevations, azimuths, Object.fromEntries(worldFields.map((field, i) => [field, world[i]])), options);
}

/** The loss the tests differentiate: the squared miss of (X, Y), and a little of the flight time. */
const TIME_WEIGHT = 0.5;
function missLoss(targetX: number[], targetY: number[]) {
  return ({ x, y, flightTime }: { x: tf.Tensor; y: tf.Tensor; flightTime: tf.Tensor }) =>
    tf.sum(tf.addN([tf.square(tf.sub(x, targetX)), tf.square(tf.sub(y, targetY)), tf.mul(flightTime, TIME_WEIGHT)]));
}

/** The same loss of one shot in float64, from simulateImpacts. */
function shotLoss(columns: ImpactColumns, X: number, Y: number, table?: TableDrag, earth?: EarthRotation): number {
  const { x, y, flightTime } = simulateImpacts(columns, 1, [], table, earth);
  return (x[0] - X) ** 2 + (y[0] - Y) ** 2 + TIME_WEIGHT * flightTime[0];
}

function shot(columns: Record<ImpactField, ArrayLike<number>>, i: number): ImpactColumns {
  return Object.fromEntries(fields.map((field) => [field, [columns[field].length === 1 ? columns[field][0] : columns[field][i]]])) as unknown as ImpactColumns;
}

/** Central finite difference of the float64 model. */
function finiteDifference(loss: (columns: ImpactColumns) => number, columns: ImpactColumns, field: ImpactField, relativeStep = 1e-5): number {
  const value = columns[field][0];
  const h = relativeStep * Math.max(1, Math.abs(value));
  return (loss({ ...columns, [field]: [value + h] }) - loss({ ...columns, [field]: [value - h] })) / (2 * h);
}

function expectClose(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1), `${what}: ${actual} against ${expected}`).toBeLessThan(tolerance);
}

describe('impactTensor', () => {
  it('comes down where simulateImpacts does, rounded to float32, NaN where it never comes down', () => {
    const columns = randomShots(48, 1);
    // A slow shot under a high target: no impact.
    Object.assign(columns, { speed: [3, ...columns.speed.slice(1)], elevation: [0.5, ...columns.elevation.slice(1)], targetHeight: [1, ...columns.targetHeight.slice(1)] });
    const out = tf.tidy(() => {
      const { x, y, flightTime } = impactsOf(tensorsOf(columns));
      return { x: x.arraySync() as number[], y: y.arraySync() as number[], flightTime: flightTime.arraySync() as number[] };
    });
    const expected = simulateImpacts(columns, 48);
    expect(out.x).toEqual(Array.from(Float32Array.from(expected.x)));
    expect(out.y).toEqual(Array.from(Float32Array.from(expected.y)));
    expect(out.flightTime).toEqual(Array.from(Float32Array.from(expected.flightTime)));
    expect(out.x[0]).toBeNaN();
    expect(out.x.filter(Number.isNaN)).toHaveLength(1);
  });

  it('takes numbers and scalar tensors for the world, and keeps the shape of speeds', () => {
    const world = { gravity: 9.81, drag: 0.02, windX: tf.scalar(-3), windY: 4, launchHeight: tf.tensor1d([1]), targetHeight: 0.5 };
    const out = tf.tidy(() => {
      const { x, y, flightTime } = impactTensor(tf.fill([2, 3], 15), tf.fill([2, 3], 0.6), tf.fill([2, 3], 0.3), world);
      return { shape: x.shape, x: x.dataSync()[0], y: y.dataSync()[0], flightTime: flightTime.dataSync()[0] };
    });
    expect(out.shape).toEqual([2, 3]);
    const expected = simulateImpacts({ speed: [15], elevation: [Math.fround(0.6)], azimuth: [Math.fround(0.3)], gravity: [Math.fround(9.81)], drag: [Math.fround(0.02)], windX: [-3], windY: [4], launchHeight: [1], targetHeight: [0.5] }, 1);
    expect([out.x, out.y, out.flightTime]).toEqual([expected.x[0], expected.y[0], expected.flightTime[0]].map(Math.fround));
    tf.dispose(Object.values(world).filter((value) => value instanceof tf.Tensor));
  });

  it('asks for partials only while a gradient is recorded, and only of the inputs that are tensors', () => {
    const asked = () => vi.mocked(impacts.simulateImpacts).mock.lastCall![2];
    tf.tidy(() => {
      const [speeds, elevations, azimuths, windY] = [[10, 14], [0.5, 0.8], [0.2, -0.3], [1, -2]].map((values) => tf.tensor1d(values));
      impactTensor(speeds, elevations, azimuths, { drag: 0.02, windY });
      expect(asked()).toEqual([]);
      tf.grads((s: tf.Tensor) => tf.sum(impactTensor(s, elevations, azimuths, { drag: 0.02, windY }).x))([speeds]);
      expect(asked()).toEqual(['speed', 'elevation', 'azimuth', 'windY']);
      tf.grads((s: tf.Tensor) => tf.sum(impactTensor(s, elevations, azimuths, { gravity: tf.scalar(9.81), targetHeight: windY }).x))([speeds]);
      expect(asked()).toEqual(['speed', 'elevation', 'azimuth', 'gravity', 'targetHeight']);
    });
  });

  it('flies only the inputs options.differentiate names, gives their gradients, and NaN for another\'s', () => {
    const asked = () => vi.mocked(impacts.simulateImpacts).mock.lastCall![2];
    tf.tidy(() => {
      const [speeds, elevations, azimuths, windX, windY] = [[10, 14], [0.5, 0.8], [0.2, -0.3], [2, -1], [1, -2]].map((values) => tf.tensor1d(values));
      const differentiate = ['speeds', 'elevations', 'azimuths'] as const;
      const loss = (s: tf.Tensor, e: tf.Tensor, a: tf.Tensor) => tf.sum(impactTensor(s, e, a, { drag: 0.02, windX, windY }, { differentiate }).x);
      const narrow = tf.grads(loss)([speeds, elevations, azimuths]);
      expect(asked()).toEqual(['speed', 'elevation', 'azimuth']);
      const full = tf.grads((s: tf.Tensor, e: tf.Tensor, a: tf.Tensor) => tf.sum(impactTensor(s, e, a, { drag: 0.02, windX, windY }).x))([speeds, elevations, azimuths]);
      expect(asked()).toEqual(['speed', 'elevation', 'azimuth', 'windX', 'windY']);
      narrow.forEach((gradient, i) => expect(Array.from(gradient.dataSync())).toEqual(Array.from(full[i].dataSync())));
      // Another's gradient is NaN, never a plausible zero: its sensitivities were not flown.
      const [byWind] = tf.grads((w: tf.Tensor) => tf.sum(impactTensor(speeds, elevations, azimuths, { windX: w }, { differentiate }).x))([windX]);
      expect(Array.from(byWind.dataSync()).every(Number.isNaN)).toBe(true);
    });
    const [speeds, elevations, azimuths] = [[10], [0.5], [0.2]].map((values) => tf.tensor1d(values));
    const before = tf.memory().numTensors;
    tf.dispose(tf.grads((s: tf.Tensor) => tf.sum(impactTensor(s, elevations, azimuths, {}, { differentiate: ['azimuths'] }).x))([speeds]));
    expect(tf.memory().numTensors, 'no tensor left behind by a gradient not flown').toBe(before);
    expect(() => impactTensor(speeds, elevations, azimuths, {}, { differentiate: ['speed' as never] })).toThrow(/options\.differentiate\[0\] must be one of speeds, elevations/);
    expect(() => impactTensor(speeds, elevations, azimuths, {}, { differentiate: 'speeds' as never })).toThrow(/options\.differentiate must be an array of input names/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => impactTensor(speeds, elevations, azimuths, {}, { differentiate: [, 'speeds'] as never })).toThrow(/options\.differentiate\[0\] must be one of speeds/);
    tf.dispose([speeds, elevations, azimuths]);
  });

  it('computes the same impacts on the cpu backend', async () => {
    const columns = randomShots(8, 2);
    const run = () => tf.tidy(() => Object.values(impactsOf(tensorsOf(columns))).map((t) => t.arraySync()));
    const onWasm = run();
    await initializeBackend({ backend: 'cpu' });
    try {
      expect(run()).toEqual(onWasm);
    } finally {
      await initializeBackend();
    }
  });
});

describe('impactTensor gradients', () => {
  const count = 32;
  const columns = randomShots(count, 3);
  const random = createRandom(4);
  const targetX = Array.from({ length: count }, () => random.between(-20, 20));
  const targetY = Array.from({ length: count }, () => random.between(-20, 20));

  /** tf.grads of the loss with respect to every input, each given per shot. */
  function tensorGradients(options?: ImpactTensorOptions, of: Record<ImpactField, number[]> = columns, X = targetX, Y = targetY): number[][] {
    return tf.tidy(() => {
      const loss = missLoss(X, Y);
      return tf.grads((...inputs: tf.Tensor[]) => loss(impactsOf(inputs, options)))(tensorsOf(of)).map((g) => g.arraySync() as number[]);
    });
  }

  it('equal the loss\'s gradient assembled from the partials simulateImpacts returns, for every input', () => {
    const grads = tensorGradients();
    const { x, y, partials } = simulateImpacts(columns, count, fields);
    fields.forEach((field, f) => {
      for (let i = 0; i < count; i++) {
        const { x: dx, y: dy, flightTime: dT } = partials[field]!;
        const expected = 2 * (x[i] - targetX[i]) * dx[i] + 2 * (y[i] - targetY[i]) * dy[i] + TIME_WEIGHT * dT[i];
        expectClose(grads[f][i], expected, 1e-5, `∂loss/∂${field} of shot ${i}`);
      }
    });
  });

  it('equal central finite differences of simulateImpacts in float64', () => {
    const grads = tensorGradients();
    for (const field of ['speed', 'elevation', 'azimuth', 'windX', 'windY', 'drag'] as const) {
      for (let i = 0; i < count; i++) {
        const reference = finiteDifference((c) => shotLoss(c, targetX[i], targetY[i]), shot(columns, i), field);
        expectClose(grads[fields.indexOf(field)][i], reference, 1e-4, `∂loss/∂${field} of shot ${i}`);
      }
    }
  });

  it('flow only through the outputs the loss uses', () => {
    const [dSpeed, dWindY] = tf.tidy(() => {
      const [speeds, elevations, azimuths, windY] = [columns.speed, columns.elevation, columns.azimuth, columns.windY].map((values) => tf.tensor1d(values));
      return tf
        .grads((s: tf.Tensor, w: tf.Tensor) => tf.sum(impactTensor(s, elevations, azimuths, { drag: 0.03, windY: w }).y))([speeds, windY])
        .map((g) => g.arraySync() as number[]);
    });
    const { partials } = simulateImpacts({ ...columns, gravity: [9.81], drag: [Math.fround(0.03)], windX: [0], launchHeight: [0], targetHeight: [0] }, count, ['speed', 'windY']);
    for (let i = 0; i < count; i++) {
      expectClose(dSpeed[i], partials.speed!.y[i], 1e-6, `∂y/∂speed of shot ${i}`);
      expectClose(dWindY[i], partials.windY!.y[i], 1e-6, `∂y/∂windY of shot ${i}`);
    }
  });

  it('of a scalar world tensor sum over the shots', () => {
    const [dWindX, dGravity] = tf.tidy(() => {
      const [speeds, elevations, azimuths] = [columns.speed, columns.elevation, columns.azimuth].map((values) => tf.tensor1d(values));
      const loss = missLoss(targetX, targetY);
      return tf
        .grads((w: tf.Tensor, g: tf.Tensor) => loss(impactTensor(speeds, elevations, azimuths, { drag: 0.02, windX: w, gravity: g })))([tf.scalar(2.5), tf.tensor1d([9.81])])
        .map((g) => ({ shape: g.shape, value: g.dataSync()[0] }));
    });
    expect(dWindX.shape).toEqual([]);
    expect(dGravity.shape).toEqual([1]);
    const world = { gravity: [Math.fround(9.81)], drag: [Math.fround(0.02)], windX: [2.5], windY: [0], launchHeight: [0], targetHeight: [0] };
    const { x, y, partials } = simulateImpacts({ ...columns, ...world }, count, ['windX', 'gravity']);
    const sum = (field: 'windX' | 'gravity') => {
      let total = 0;
      for (let i = 0; i < count; i++) {
        const p = partials[field]!;
        total += 2 * (x[i] - targetX[i]) * p.x[i] + 2 * (y[i] - targetY[i]) * p.y[i] + TIME_WEIGHT * p.flightTime[i];
      }
      return total;
    };
    expectClose(dWindX.value, sum('windX'), 1e-5, '∂loss/∂windX');
    expectClose(dGravity.value, sum('gravity'), 1e-5, '∂loss/∂gravity');
  });

  it('are zero for a shot that never comes down (its NaN masked out of the loss)', () => {
    const grads = tf.tidy(() => {
      const speeds = tf.tensor1d([3, 15]);
      const elevations = tf.tensor1d([0.5, 0.5]);
      const azimuths = tf.tensor1d([0.2, 0.2]);
      const windY = tf.tensor1d([2, 2]);
      return tf
        .grads((s: tf.Tensor, e: tf.Tensor, a: tf.Tensor, w: tf.Tensor) => {
          const { x } = impactTensor(s, e, a, { drag: 0.02, windY: w, targetHeight: 1 });
          return tf.sum(tf.square(tf.where(tf.isNaN(x), tf.zerosLike(x), x)));
        })([speeds, elevations, azimuths, windY])
        .map((g) => g.arraySync() as number[]);
    });
    for (const [first, second] of grads) {
      expect(first).toBe(0);
      expect(Number.isFinite(second) && second !== 0).toBe(true);
    }
  });

  it('on a drag table: values and gradients (the form factor\'s too) equal simulateImpacts\' and finite differences', () => {
    const n = 12;
    const shots = randomShots(n, 5);
    const fast = createRandom(6);
    Object.assign(shots, {
      speed: shots.speed.map(() => Math.fround(fast.between(150, 450))),
      elevation: shots.elevation.map(() => Math.fround(fast.between(0.05, 0.35))),
      drag: shots.drag.map(() => Math.fround(fast.between(0.8, 1.2))), // the form factor
    });
    const X = shots.speed.map((speed) => speed * 3);
    const Y = shots.speed.map(() => 50);
    const options = { table: { table: 'GS', mass: 5.4, diameter: 0.11 }, air: { altitude: 300 } } as const;
    const table: TableDrag = { table: dragTables.GS, mass: 5.4, diameter: 0.11, conditions: { altitude: 300 } };
    const x = tf.tidy(() => impactsOf(tensorsOf(shots), options).x.arraySync());
    const expected = simulateImpacts(shots, n, fields, table);
    expect(x).toEqual(Array.from(Float32Array.from(expected.x)));
    const grads = tensorGradients(options, shots, X, Y);
    fields.forEach((field, f) => {
      for (let i = 0; i < n; i++) {
        const { x: dx, y: dy, flightTime: dT } = expected.partials[field]!;
        const assembled = 2 * (expected.x[i] - X[i]) * dx[i] + 2 * (expected.y[i] - Y[i]) * dy[i] + TIME_WEIGHT * dT[i];
        expectClose(grads[f][i], assembled, 1e-5, `∂loss/∂${field} of shot ${i}`);
        if (field === 'speed' || field === 'drag' || field === 'windY') {
          const reference = finiteDifference((c) => shotLoss(c, X[i], Y[i], table), shot(shots, i), field);
          expectClose(grads[f][i], reference, 1e-4, `∂loss/∂${field} of shot ${i} against finite differences`);
        }
      }
    });
  });

  it('take the ball\'s form factor when world.drag is left out, and fly on the rotating Earth', () => {
    const earth = { latitude: 0.8, bearing: 1.1 };
    const options = { table: { table: 'G7', mass: 0.0113, diameter: 0.00782, formFactor: 0.9 }, earth } as const;
    const speeds = [800, 820];
    const elevations = [0.01, 0.012].map(Math.fround);
    const azimuths = [-0.7, 0.4].map(Math.fround);
    const [x, dAzimuth] = tf.tidy(() => {
      const [s, e, a] = [speeds, elevations, azimuths].map((values) => tf.tensor1d(values));
      const [grad] = tf.grads((az: tf.Tensor) => tf.sum(impactTensor(s, e, az, { windY: 3 }, options).y))([a]);
      return [impactTensor(s, e, a, { windY: 3 }, options).x.arraySync() as number[], grad.arraySync() as number[]];
    });
    const columns = { speed: speeds, elevation: elevations, azimuth: azimuths, gravity: [Math.fround(9.81)], drag: [Math.fround(0.9)], windX: [0], windY: [3], launchHeight: [0], targetHeight: [0] };
    const table: TableDrag = { table: dragTables.G7, mass: 0.0113, diameter: 0.00782 };
    const expected = simulateImpacts(columns, 2, ['azimuth'], table, earth);
    expect(x).toEqual(Array.from(Float32Array.from(expected.x)));
    // On the rotating Earth the azimuth's derivative has a direction of its own (no symmetry gives it).
    dAzimuth.forEach((d, i) => {
      expectClose(d, expected.partials.azimuth!.y[i], 1e-6, `∂y/∂azimuth of shot ${i}`);
      expectClose(d, finiteDifference((c) => simulateImpacts(c, 1, [], table, earth).y[0], shot(columns, i), 'azimuth'), 1e-4, `∂y/∂azimuth of shot ${i} against finite differences`);
    });
  });

  it('aim a shot off the axis in a crosswind: a few Adam steps on speed, elevation and azimuth take the miss to centimetres', () => {
    const [X, Y] = [35, 12];
    const world = { drag: 0.01, windX: -2, windY: -5, targetHeight: 0.5 };
    const speed = tf.variable(tf.tensor1d([22]));
    const elevation = tf.variable(tf.tensor1d([0.5]));
    const azimuth = tf.variable(tf.tensor1d([0]));
    const miss = () => {
      const columns = { speed: speed.dataSync(), elevation: elevation.dataSync(), azimuth: azimuth.dataSync(), gravity: [Math.fround(9.81)], drag: [Math.fround(0.01)], windX: [-2], windY: [-5], launchHeight: [0], targetHeight: [0.5] };
      const { x, y } = simulateImpacts(columns, 1);
      return Math.hypot(x[0] - X, y[0] - Y);
    };
    const before = miss();
    const optimizer = tf.train.adam(0.05);
    for (let step = 0; step < 120; step++) {
      optimizer.minimize(() => {
        const { x, y } = impactTensor(speed, elevation, azimuth, world);
        return tf.sum(tf.add(tf.square(tf.sub(x, X)), tf.square(tf.sub(y, Y))));
      });
    }
    const after = miss();
    expect(before).toBeGreaterThan(10);
    expect(after).toBeLessThan(0.05);
    tf.dispose([speed, elevation, azimuth]);
    optimizer.dispose();
  });

  it('through tf.variableGrads, as an optimizer takes them', () => {
    const speed = tf.variable(tf.tensor1d([12, 18]));
    const elevation = tf.variable(tf.tensor1d([0.7, 0.4]));
    const azimuth = tf.variable(tf.tensor1d([0.3, -0.2]));
    const { value, grads } = tf.variableGrads(() => tf.sum(impactTensor(speed, elevation, azimuth, { drag: 0.02, windY: 3 }).x), [speed, elevation, azimuth]);
    const columns = { speed: [12, 18], elevation: [0.7, 0.4].map(Math.fround), azimuth: [0.3, -0.2].map(Math.fround), gravity: [Math.fround(9.81)], drag: [Math.fround(0.02)], windX: [0], windY: [3], launchHeight: [0], targetHeight: [0] };
    const expected = simulateImpacts(columns, 2, ['speed', 'elevation', 'azimuth']);
    for (const [variable, field] of [[speed, 'speed'], [elevation, 'elevation'], [azimuth, 'azimuth']] as const) {
      const got = grads[variable.name].arraySync() as number[];
      got.forEach((g, i) => expectClose(g, expected.partials[field]!.x[i], 1e-6, `∂x/∂${field} of shot ${i}`));
    }
    tf.dispose([value, ...Object.values(grads), speed, elevation, azimuth]);
  });
});

describe('impactTensor memory', () => {
  it('leaks no tensor across forward and backward passes', () => {
    const [speeds, elevations, azimuths, windY] = [[10, 14], [0.5, 0.8], [0.2, -0.3], [1, -2]].map((values) => tf.tensor1d(values));
    const windX = tf.scalar(1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      const grads = tf.grads((s: tf.Tensor, e: tf.Tensor, a: tf.Tensor, wy: tf.Tensor, wx: tf.Tensor) => tf.sum(impactTensor(s, e, a, { windX: wx, windY: wy, drag: 0.01 }).x))([speeds, elevations, azimuths, windY, windX]);
      tf.dispose(grads);
      tf.dispose(impactTensor(speeds, elevations, azimuths, { windY }) as never);
      tf.tidy(() => {
        impactTensor(speeds, elevations, azimuths, { windY, windX }, { table: { table: 'G1', mass: 0.01, diameter: 0.008 } });
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([speeds, elevations, azimuths, windY, windX]);
  });

  it('leaks no tensor when it throws, recording a gradient or not', () => {
    const [speeds, elevations, azimuths, bad] = [[10, 14], [0.5, 0.8], [0.2, -0.3], [1, 2000]].map((values) => tf.tensor1d(values));
    const before = tf.memory().numTensors;
    expect(() => impactTensor(speeds, elevations, azimuths, { windX: bad })).toThrow(InvalidInputError);
    expect(() => tf.grads((s: tf.Tensor) => tf.sum(impactTensor(s, elevations, azimuths, { windX: bad }).x))([speeds])).toThrow(InvalidInputError);
    expect(() => impactTensor(speeds, elevations, azimuths, { gravity: 0 })).toThrow(InvalidInputError);
    expect(() => impactTensor(speeds, elevations, azimuths, {}, { table: { table: 'G9', mass: 1, diameter: 0.1 } as never })).toThrow(InvalidInputError);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([speeds, elevations, azimuths, bad]);
  });
});

describe('impactTensor input checks', () => {
  it('name the field and what is allowed', () => {
    tf.tidy(() => {
      const two = (a: number, b: number) => tf.tensor1d([a, b]);
      const [s, e, a] = [two(10, 12), two(0.5, 0.6), two(0, 0.1)];
      const cases: [() => unknown, string | RegExp][] = [
        [() => impactTensor([10] as never, e, a), /^speeds must be a tf\.Tensor/],
        [() => impactTensor(tf.tensor1d([10, 12], 'int32'), e, a), 'speeds must be a float32 tensor; received'],
        [() => impactTensor(s, tf.tensor1d([0.5]), a), /^elevations must be a tensor of the shape of speeds \[2\]/],
        [() => impactTensor(s, e, tf.tensor2d([[0, 0]])), /^azimuths must be a tensor of the shape of speeds \[2\]/],
        [() => impactTensor(two(10, -1), e, a), 'speeds[1] must be a finite number in [0, 10000]; received -1'],
        [() => impactTensor(s, two(0.5, 1.6), a), /^elevations\[1\] must be a finite number in \(−π\/2, π\/2\)/],
        [() => impactTensor(s, e, two(0, NaN)), /^azimuths\[1\] must be a finite number in \[-6\.28/],
        [() => impactTensor(s, e, a, { windX: tf.tensor1d([1, 2, 3]) }), /^world\.windX must be a number, a scalar tensor or a tensor of the shape of speeds \[2\]/],
        [() => impactTensor(s, e, a, { windY: two(0, 1e4) }), 'world.windY[1] must be a finite number in [-1000, 1000]; received 10000'],
        [() => impactTensor(s, e, a, { drag: two(0.01, -0.01) }), /^world\.drag\[1\] must be a finite number in \[0, 100\]/],
        [() => impactTensor(s, e, a, { gravity: -9.81 }), 'world.gravity must be a finite number in [0.01, 1000]; received -9.81'],
        [() => impactTensor(s, e, a, { wind: 3 } as never), /^world\.wind must be one of gravity, drag, windX, windY, launchHeight, targetHeight/],
        [() => impactTensor(s, e, a, {}, { tables: {} } as never), /^options\.tables must be one of table, air, earth/],
        [() => impactTensor(s, e, a, {}, { table: { table: 'GS', mass: 0, diameter: 0.1 } }), /^options\.table\.mass must be a finite number in \(0, 1000000\]/],
        [() => impactTensor(s, e, a, { drag: 1 }, { table: { table: 'GS', mass: 5, diameter: 0.1, formFactor: 1 } }), /^options\.table\.formFactor must be left out when world\.drag is given/],
        [() => impactTensor(s, e, a, {}, { table: { table: 'GS', mass: 5, diameter: 0.1 }, air: { temperature: 100 } }), /^options\.air\.temperature must be/],
        [() => impactTensor(s, e, a, {}, { air: { altitude: 100 } }), /^options\.air must be given only with a drag table/],
        [() => impactTensor(s, e, a, {}, { earth: { latitude: 2, bearing: 0 } }), /^options\.earth\.latitude must be a finite number in \[−π\/2, π\/2\]/],
      ];
      for (const [call, message] of cases) {
        expect(call).toThrow(InvalidInputError);
        expect(call).toThrow(message);
      }
    });
  });
});
