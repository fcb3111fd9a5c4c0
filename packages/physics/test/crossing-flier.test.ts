import { createCrossingFlier, createImpactFlier, InvalidInputError, resolveWorld3d } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { describe, expect, it } from 'vitest';
import { referenceImpact } from './reference3d.mjs';

const random = createRandom(2027);
const uniform = (low: number, high: number) => low + (high - low) * random.uniform();
const fields = ['speed', 'azimuth', 'elevation'] as const;

/** A random world and a shot at a plane it crosses descending, or not: the plane through its impact at a height. */
function drawShot() {
  const wind: [number, number] = [uniform(-10, 10), uniform(-10, 10)];
  const world = resolveWorld3d({ drag: uniform(0, 0.05), wind, launchHeight: uniform(0, 3) });
  const [speed, elevation, azimuth, height] = [uniform(5, 60), uniform(0.05, 1.45), uniform(-3, 3), uniform(-10, 10)];
  return { world, wind, speed, elevation, azimuth, height };
}

describe('createCrossingFlier', () => {
  const cross = createCrossingFlier(fields);
  const out = new Float64Array(15);
  const impact = createImpactFlier([]);
  const landed = new Float64Array(3);

  it("crosses the plane through a shot's impact at the impact's height, and where the independent integrator says", () => {
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const { world, wind, speed, elevation, azimuth, height } = drawShot();
      if (!impact(world, speed, elevation, azimuth, height, landed)) continue;
      const [range, bearing] = [Math.hypot(landed[0], landed[1]), Math.atan2(landed[1], landed[0])];
      expect(cross(world, speed, elevation, azimuth, bearing, range, -1000, out)).toBe(true);
      // A ball a headwind blows back comes down through the plane after crossing it on the way out: not this case.
      if (Math.abs(out[2] - landed[2]) > 1e-3 * landed[2]) continue;
      // The plane through the impact: crossed at the impact's height (both fly the model's RK4, on their own steps).
      expect(Math.abs(out[0] - height)).toBeLessThan(2e-4 * Math.max(1, range));
      expect(Math.abs(out[1])).toBeLessThan(2e-4 * Math.max(1, range));
      expect(Math.abs(out[2] - landed[2])).toBeLessThan(1e-4 * landed[2]);
      // The reference, an adaptive integrator of its own, comes down through the crossing's height at the plane.
      const truth = referenceImpact({ speed, elevation, azimuth, drag: world.drag, wind, launchHeight: world.launchHeight, targetHeight: out[0] });
      expect(truth).not.toBeNull();
      const along = truth!.x * Math.cos(bearing) + truth!.y * Math.sin(bearing);
      const offset = truth!.y * Math.cos(bearing) - truth!.x * Math.sin(bearing);
      // A height error δz moves the reference's impact by δz/tan(descent) along the path.
      const descent = -out[5] / Math.hypot(out[3], out[4]);
      expect(Math.abs(along - range) * Math.min(1, descent)).toBeLessThan(1e-4 * Math.max(1, range));
      expect(Math.abs(offset - out[1]) * Math.min(1, descent)).toBeLessThan(1e-4 * Math.max(1, range));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has exact derivatives: against central differences of its own flights', () => {
    const alone = createCrossingFlier([]);
    const [plus, minus] = [new Float64Array(6), new Float64Array(6)];
    let checked = 0;
    for (let i = 0; i < 100; i++) {
      const { world, speed, elevation, azimuth } = drawShot();
      const [range, bearing] = [uniform(1, 80), azimuth + uniform(-0.3, 0.3)];
      if (!cross(world, speed, elevation, azimuth, bearing, range, -50, out)) continue;
      const shot = [speed, azimuth, elevation];
      fields.forEach((_, d) => {
        const h = 1e-6 * Math.max(1, Math.abs(shot[d]));
        const [up, down] = [[...shot], [...shot]];
        up[d] += h;
        down[d] -= h;
        expect(alone(world, up[0], up[2], up[1], bearing, range, -50, plus)).toBe(true);
        expect(alone(world, down[0], down[2], down[1], bearing, range, -50, minus)).toBe(true);
        for (let k = 0; k < 3; k++) {
          const numeric = (plus[k] - minus[k]) / (2 * h);
          expect(Math.abs(out[6 + 3 * d + k] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
        }
      });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('coarse flights approach the model by about the fourth power of the step', () => {
    const fine = createCrossingFlier([], { stepsPerFlight: 256 });
    const [at8, at16, exact] = [new Float64Array(6), new Float64Array(6), new Float64Array(6)];
    const coarse8 = createCrossingFlier([], { stepsPerFlight: 8 });
    const coarse16 = createCrossingFlier([], { stepsPerFlight: 16 });
    const ratios: number[] = [];
    for (let i = 0; i < 60; i++) {
      const { speed, elevation, azimuth } = drawShot();
      // Thin air: the step rule adds steps per drag time that the coarse flights keep.
      const world = resolveWorld3d({ drag: uniform(0, 0.002), wind: [uniform(-5, 5), uniform(-5, 5)] });
      const range = uniform(5, 60);
      if (!fine(world, speed, elevation, azimuth, azimuth, range, -50, exact)) continue;
      coarse8(world, speed, elevation, azimuth, azimuth, range, -50, at8);
      coarse16(world, speed, elevation, azimuth, azimuth, range, -50, at16);
      const [e8, e16] = [Math.abs(at8[0] - exact[0]), Math.abs(at16[0] - exact[0])];
      if (e16 > 1e-9) ratios.push(e8 / e16);
    }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(20);
    // Halving the step divides the error by about 2⁴ = 16 (the median; the Hermite stop and the step rule add some spread).
    expect(ratios[ratios.length >> 1]).toBeGreaterThan(8);
    expect(ratios[ratios.length >> 1]).toBeLessThan(32);
  });

  it('says false, with NaN, for a shot that never crosses: heading away, or falling below the floor first', () => {
    const world = resolveWorld3d({ drag: 0.01 });
    expect(cross(world, 20, 0.5, Math.PI, 0, 10, -50, out)).toBe(false);
    expect(Array.from(out.subarray(0, 6)).every(Number.isNaN)).toBe(true);
    expect(Array.from(out.subarray(6)).every((value) => value === 0)).toBe(true);
    // 20 m/s at 45° comes down about 33 m away in this drag: a plane at 40 m is crossed only below the ground.
    expect(impact(world, 20, Math.PI / 4, 0, 0, landed)).toBe(true);
    expect(landed[0]).toBeLessThan(35);
    expect(cross(world, 20, Math.PI / 4, 0, 0, 40, -1, out)).toBe(false);
    expect(cross(world, 20, Math.PI / 4, 0, 0, 40, -1e4, out)).toBe(true);
    expect(out[0]).toBeLessThan(-1);
  });

  it('refuses what it cannot fly, naming it', () => {
    const world = resolveWorld3d({});
    expect(() => createCrossingFlier(['speed', 'targetHeight' as 'speed'])).toThrow(/fields\[1\]/);
    expect(() => createCrossingFlier(['speed', 'speed'])).toThrow(InvalidInputError);
    expect(() => createCrossingFlier([], { stepsPerFlight: 0 })).toThrow(/options\.stepsPerFlight/);
    expect(() => cross(world, 20, 0.5, 0, 0, 10, -50, new Float64Array(14))).toThrow(/out/);
    const table = resolveWorld3d({ drag: { table: 'G1', mass: 0.01, diameter: 0.008 } });
    expect(() => cross(table, 300, 0.01, 0, 0, 100, -50, out)).toThrow(/world\.tableDrag/);
  });
});
