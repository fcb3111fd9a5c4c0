import { createImpactBatchFlier, createImpactFlier, impactRow, InvalidInputError, resolveWorld3d, simulateImpacts } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { describe, expect, it } from 'vitest';

const random = createRandom(2026);
const uniform = (low: number, high: number) => low + (high - low) * random.uniform();
const fields = ['speed', 'azimuth', 'elevation', 'targetHeight'] as const;

/** What simulateImpacts gives a batch of one: [x, y, t], then ∂(x, y, t) by each field. */
function batchOfOne(world: ReturnType<typeof resolveWorld3d>, speed: number, elevation: number, azimuth: number, height: number): number[] {
  const { gravity, drag, windX, windY, launchHeight, tableDrag, earth } = world;
  const columns = { speed: [speed], elevation: [elevation], azimuth: [azimuth], gravity: [gravity], drag: [drag], windX: [windX], windY: [windY], launchHeight: [launchHeight], targetHeight: [height] };
  const batch = simulateImpacts(columns, 1, fields, tableDrag, earth);
  const expected = [batch.x[0], batch.y[0], batch.flightTime[0]];
  for (const field of fields) expected.push(batch.partials[field]!.x[0], batch.partials[field]!.y[0], batch.partials[field]!.flightTime[0]);
  expect(Array.from(impactRow(batch, fields, 0, new Float64Array(15)))).toEqual(expected);
  return expected;
}

describe('createImpactFlier', () => {
  const fly = createImpactFlier(fields);
  const out = new Float64Array(15);

  it('flies what simulateImpacts flies for a batch of one, to the last bit, under a constant drag', () => {
    let landed = 0;
    for (let i = 0; i < 300; i++) {
      const world = resolveWorld3d({ drag: uniform(0, 0.05), wind: [uniform(-10, 10), uniform(-10, 10)], launchHeight: uniform(0, 3) });
      const [speed, elevation, azimuth, height] = [uniform(1, 60), uniform(-0.5, 1.5), uniform(-4, 4), uniform(-10, 10)];
      const expected = batchOfOne(world, speed, elevation, azimuth, height);
      expect(fly(world, speed, elevation, azimuth, height, out)).toBe(!Number.isNaN(expected[0]));
      if (Number.isNaN(expected[0])) expect(out[0]).toBeNaN();
      else {
        expect(Array.from(out)).toEqual(expected);
        landed += 1;
      }
    }
    expect(landed).toBeGreaterThan(150);
  });

  it('on a drag table, on the rotating Earth and for a shot too short to step, as simulateImpacts does', () => {
    const worlds = [
      resolveWorld3d({ drag: { table: 'GS', mass: 5.4, diameter: 0.11 }, wind: [3, -4] }),
      resolveWorld3d({ drag: 0.001, earth: { latitude: 0.8, bearing: 1 } }),
    ];
    for (const world of worlds) {
      expect(fly(world, 300, 0.1, 0.3, 0, out)).toBe(true);
      expect(Array.from(out)).toEqual(batchOfOne(world, 300, 0.1, 0.3, 0));
    }
    // Fired down from a femtometre above the target: not stepped, it lands as the vacuum lands it.
    const near = resolveWorld3d({ drag: 0.01, launchHeight: 2 + 1e-15 });
    expect(fly(near, 1, -0.5, 0, 2, out)).toBe(true);
    expect(Array.from(out)).toEqual(batchOfOne(near, 1, -0.5, 0, 2));
  });

  it('carries any number of directions, odd or even, as the batch does (the kernel flies two copies, half of them each)', () => {
    const world = resolveWorld3d({ drag: 0.02, wind: [4, -3] });
    const expected = batchOfOne(world, 30, 0.6, 0.2, 1.5);
    for (let count = 0; count <= fields.length; count++) {
      const some = fields.slice(0, count);
      const flier = createImpactFlier(some);
      const got = new Float64Array(3 + 3 * count);
      expect(flier(world, 30, 0.6, 0.2, 1.5, got)).toBe(true);
      const wanted = [...expected.slice(0, 3), ...some.flatMap((field) => expected.slice(3 + 3 * fields.indexOf(field), 6 + 3 * fields.indexOf(field)))];
      expect(Array.from(got)).toEqual(wanted);
    }
    const odd = createImpactFlier(['targetHeight', 'speed', 'elevation']);
    const got = new Float64Array(12);
    odd(world, 30, 0.6, 0.2, 1.5, got);
    expect(Array.from(got)).toEqual([...expected.slice(0, 3), ...expected.slice(12, 15), ...expected.slice(3, 6), ...expected.slice(9, 12)]);
  });

  it('refuses fields it does not know or names twice, and an out too short, naming them', () => {
    expect(() => createImpactFlier(['speed', 'drag' as never])).toThrow(/fields\[1\]/);
    expect(() => createImpactFlier(['speed', 'speed'])).toThrow(/fields\[1\]/);
    expect(() => createImpactFlier('speed' as never)).toThrow(InvalidInputError);
    const world = resolveWorld3d({ drag: 0.01 });
    expect(() => fly(world, 30, 0.5, 0, 0, new Float64Array(14))).toThrow(/out must be a Float64Array of at least 15 numbers/);
    expect(() => fly(world, 30, 0.5, 0, 0, [] as never)).toThrow(InvalidInputError);
  });

  it('says when a shot never comes down through the target height', () => {
    expect(fly(resolveWorld3d({ drag: 0.01 }), 5, 0.5, 0, 100, out)).toBe(false);
    expect(out[0]).toBeNaN();
  });
});

describe('coarse flights (stepsPerFlight)', () => {
  const world = resolveWorld3d({ drag: 0.02, wind: [4, -3] });
  const model = createImpactFlier(fields);
  const out = new Float64Array(15);
  const coarseOut = new Float64Array(15);

  it("approach the model's flight as their steps approach its 32, by about the fourth power of the step (RK4)", () => {
    // The steps per drag time stay the model's: on this shot 8 steps in thin air are about 14 in all, 16 about 22.
    model(world, 30, 0.6, 0.2, 1.5, out);
    const misses = [8, 16].map((steps) => {
      createImpactFlier(fields, { stepsPerFlight: steps })(world, 30, 0.6, 0.2, 1.5, coarseOut);
      return Math.hypot(coarseOut[0] - out[0], coarseOut[1] - out[1]);
    });
    // 8 steps land within a few millimetres of the model's 32 on this shot; 16 about (22/14)⁴ ≈ 6 times closer.
    expect(misses[0]).toBeGreaterThan(0);
    expect(misses[0]).toBeLessThan(5e-3);
    expect(misses[0] / misses[1]).toBeGreaterThan(4);
    expect(misses[0] / misses[1]).toBeLessThan(16);
    createImpactFlier(fields, { stepsPerFlight: 32 })(world, 30, 0.6, 0.2, 1.5, coarseOut);
    expect(Array.from(coarseOut)).toEqual(Array.from(out));
  });

  it("carry the coarse flight's own exact derivatives (against its central differences)", () => {
    const coarse = createImpactFlier(fields, { stepsPerFlight: 8 });
    coarse(world, 30, 0.6, 0.2, 1.5, coarseOut);
    const shot = [30, 0.6, 0.2, 1.5];
    const order = [0, 2, 1, 3]; // fields are speed, azimuth, elevation, targetHeight; the flier takes speed, elevation, azimuth, height
    fields.forEach((_, d) => {
      const h = 1e-6 * Math.max(1, Math.abs(shot[order[d]]));
      const [up, down] = [new Float64Array(15), new Float64Array(15)];
      const moved = (by: number) => shot.map((value, k) => (k === order[d] ? value + by : value)) as [number, number, number, number];
      coarse(world, ...moved(h), up);
      coarse(world, ...moved(-h), down);
      for (let k = 0; k < 3; k++) expect(coarseOut[3 + 3 * d + k]).toBeCloseTo((up[k] - down[k]) / (2 * h), 4);
    });
  });

  it('refuses a number of steps that is not a finite number ≥ 1, naming options.stepsPerFlight', () => {
    for (const bad of [0, -8, Number.NaN, Infinity, '8']) expect(() => createImpactFlier([], { stepsPerFlight: bad as never })).toThrow(/options\.stepsPerFlight/);
  });
});

describe('createImpactBatchFlier', () => {
  it('flies each shot of a batch as the one-shot flier does, to the last bit, coarse or not, tables and unflown shots included', () => {
    const worlds = [
      resolveWorld3d({ drag: 0.03, wind: [-6, 2] }),
      resolveWorld3d({ drag: { table: 'G7', mass: 0.01, diameter: 0.0078 }, wind: [2, 1] }),
      resolveWorld3d({ drag: 0.01, launchHeight: 2 + 1e-15 }),
    ];
    for (const [w, world] of worlds.entries()) {
      for (const options of [{}, { stepsPerFlight: 8 }]) {
        for (const some of [[], fields.slice(0, 3), fields] as const) {
          const one = createImpactFlier(some, options);
          const batch = createImpactBatchFlier(some, options);
          const n = 37;
          const shots = { speed: new Float64Array(n), elevation: new Float64Array(n), azimuth: new Float64Array(n), targetHeight: new Float64Array(n) };
          for (let i = 0; i < n; i++) {
            shots.speed[i] = w === 1 ? uniform(200, 900) : uniform(1, 50);
            shots.elevation[i] = w === 2 ? -0.5 : uniform(-0.3, 1.4);
            shots.azimuth[i] = uniform(-4, 4);
            shots.targetHeight[i] = w === 2 ? 2 : uniform(-5, 15);
          }
          const row = 3 + 3 * some.length;
          const out = new Float64Array(n * row);
          batch(world, shots, n, out);
          const single = new Float64Array(row);
          for (let i = 0; i < n; i++) {
            one(world, shots.speed[i], shots.elevation[i], shots.azimuth[i], shots.targetHeight[i], single);
            expect(Array.from(out.subarray(i * row, (i + 1) * row)), `world ${w}, shot ${i}`).toEqual(Array.from(single));
          }
        }
      }
    }
  });

  it('refuses a short column, a bad count or an out too short, naming them', () => {
    const batch = createImpactBatchFlier(['speed']);
    const world = resolveWorld3d({ drag: 0.01 });
    const shots = { speed: [20, 30], elevation: [0.5, 0.6], azimuth: [0, 1], targetHeight: [0, 0] };
    expect(() => batch(world, { ...shots, azimuth: [0] }, 2, new Float64Array(12))).toThrow(/shots\.azimuth/);
    expect(() => batch(world, shots, 2.5, new Float64Array(12))).toThrow(/count/);
    expect(() => batch(world, shots, 2, new Float64Array(11))).toThrow(/out must be a Float64Array of at least 12 numbers/);
    expect(() => createImpactBatchFlier(['drag' as never])).toThrow(/fields\[0\]/);
  });
});
