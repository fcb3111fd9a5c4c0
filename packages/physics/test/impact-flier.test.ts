import { createImpactFlier, impactRow, InvalidInputError, resolveWorld3d, simulateImpacts } from '@cannon/physics';
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
