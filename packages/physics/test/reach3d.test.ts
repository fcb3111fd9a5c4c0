// The ranges in three dimensions: the farthest shot of a speed that lands on a ray from the muzzle, and the slowest
// that lands at a distance on it, held to `landing` (on the ray, as far as claimed, and no nearby elevation farther),
// to the plane's answers where the world turned to the ray stays in the plane, and to the signs a crosswind, the
// rotating Earth and a moving launcher must give the azimuth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, landing, maximumRange, minimumSpeed, vacuumMaximumRange, type World3d } from '../src/index.js';

/** Where a shot lands measured along the ray at `bearing` and across it (to its left). */
function onRay(launch: { speed: number; angle: number; azimuth: number }, world: World3d, bearing: number): { along: number; across: number } | null {
  const hit = landing(launch, world);
  if (!hit) return null;
  const { x, y } = hit.impact;
  return { along: x * Math.cos(bearing) + y * Math.sin(bearing), across: y * Math.cos(bearing) - x * Math.sin(bearing) };
}

/**
 * How far along the ray a shot of this speed and elevation lands with its azimuth turned onto the ray, found here on
 * its own (a secant on the azimuth through `landing`), from a start near the answer; −∞ where it does not land.
 */
function alongRayAt(speed: number, angle: number, world: World3d, bearing: number, start: number): number {
  const across = (azimuth: number) => onRay({ speed, angle, azimuth }, world, bearing)?.across ?? NaN;
  let [a0, a1] = [start, start + 1e-4];
  let [f0, f1] = [across(a0), across(a1)];
  for (let i = 0; i < 30 && Math.abs(f1) > 1e-9; i++) {
    [a0, a1] = [a1, a1 - (f1 * (a1 - a0)) / (f1 - f0)];
    [f0, f1] = [f1, across(a1)];
  }
  if (Number.isNaN(f1)) return -Infinity; // it does not come down to the target height
  expect(Math.abs(f1)).toBeLessThan(1e-6);
  return onRay({ speed, angle, azimuth: a1 }, world, bearing)!.along;
}

/** The returned shot lands on the ray, as far as claimed, and no elevation 0.01 or 0.001 rad either side lands farther on it. */
function expectFarthestOnRay(speed: number, world: World3d, bearing: number) {
  const best = maximumRange(speed, world, { bearing })!;
  expect(best).not.toBeNull();
  const hit = onRay({ speed, angle: best.angle, azimuth: best.azimuth }, world, bearing)!;
  expect(Math.abs(hit.across)).toBeLessThan(1e-6);
  expect(Math.abs(hit.along - best.distance)).toBeLessThanOrEqual(1e-6 * best.distance);
  for (const nearby of [-0.01, -0.001, 0.001, 0.01]) {
    const angle = best.angle + nearby;
    if (Math.abs(angle) >= Math.PI / 2) continue;
    expect(alongRayAt(speed, angle, world, bearing, best.azimuth)).toBeLessThanOrEqual(best.distance * (1 + 1e-9));
  }
  return best;
}

const cannonball = { table: 'GS', mass: 4, diameter: 0.1 } as const;

describe('maximumRange in three dimensions', () => {
  it('lands its shot on the ray, as far as it says, and no elevation nearby lands farther: crosswind, drag table, Earth, moving launcher', () => {
    expectFarthestOnRay(30, { drag: 0.02, wind: [1, 4] }, 0);
    expectFarthestOnRay(30, { drag: 0.02, wind: [1, 4], targetHeight: 2, launchHeight: 1 }, 2.5);
    expectFarthestOnRay(450, { drag: cannonball, wind: [0, 10] }, -2);
    expectFarthestOnRay(450, { drag: cannonball, air: { altitude: 1500, temperature: 30 }, earth: { latitude: 0.8, bearing: 0.3 } }, 1);
    expectFarthestOnRay(20, { drag: 0.01, launcherVelocity: [3, 2], wind: [-2, 1] }, 0.3);
  });

  it("is the plane's answer, turned, where nothing blows across the ray: to the bit with no wind, to 1e-9 with the wind along it", () => {
    const plane = maximumRange(12, { drag: 0.03, wind: 4, targetHeight: 1 })!;
    expect(plane.azimuth).toBe(0);
    for (const bearing of [0.7, -2, Math.PI]) {
      const calm = maximumRange(12, { drag: 0.03, targetHeight: 1 }, { bearing })!;
      expect(calm).toEqual({ ...maximumRange(12, { drag: 0.03, targetHeight: 1 })!, azimuth: bearing });
      const turned = maximumRange(12, { drag: 0.03, wind: [4 * Math.cos(bearing), 4 * Math.sin(bearing)], targetHeight: 1 }, { bearing })!;
      expect(turned.distance / plane.distance - 1).toBeCloseTo(0, 9);
      expect(turned.angle).toBeCloseTo(plane.angle, 6);
      expect(turned.azimuth).toBeCloseTo(bearing, 9);
    }
  });

  it('aims into a crosswind, against the Coriolis drift and against a launcher moving across the ray', () => {
    // y is to the left of +x: a wind with wy < 0 blows to the right, so the shot is aimed left of the ray (azimuth > 0).
    expect(maximumRange(30, { drag: 0.02, wind: [0, -5] })!.azimuth).toBeGreaterThan(0.01);
    expect(maximumRange(30, { drag: 0.02, wind: [0, 5] })!.azimuth).toBeLessThan(-0.01);
    expect(maximumRange(30, { drag: 0.02, wind: [0, -5] }, { bearing: 1 })!.azimuth - 1).toBeGreaterThan(0.01);
    // Fired north at 46° north, the ball is carried to the right: aimed left. Fired south in the south, the same.
    expect(maximumRange(450, { drag: cannonball, earth: { latitude: 0.8, bearing: 0 } })!.azimuth).toBeGreaterThan(1e-5);
    expect(maximumRange(450, { drag: cannonball, earth: { latitude: -0.8, bearing: 0 } })!.azimuth).toBeLessThan(-1e-5);
    // A launcher moving to the left carries the ball left: aimed right.
    expect(maximumRange(20, { launcherVelocity: [0, 3] })!.azimuth).toBeLessThan(-0.01);
  });

  it("gives a 4 kg, 10 cm cannonball at 450 m/s on the GS table a finite range, short of the vacuum's", () => {
    const still = maximumRange(450, { drag: cannonball })!;
    const vacuum = vacuumMaximumRange(450)!;
    expect(Number.isFinite(still.distance)).toBe(true);
    expect(still.distance).toBeGreaterThan(1000);
    expect(still.distance).toBeLessThan(0.5 * vacuum.distance);
    // Drag flattens the best elevation below 45°; the still air leaves the azimuth on the ray.
    expect(still.angle).toBeLessThan(Math.PI / 4);
    expect(still.azimuth).toBe(0);
    const windy = maximumRange(450, { drag: cannonball, wind: [-5, 8] })!;
    expect(windy.distance).toBeLessThan(still.distance);
    expect(windy.azimuth).toBeLessThan(0);
  });

  it('names bad options', () => {
    const named = (call: () => unknown, field: string) => {
      expect(call).toThrow(InvalidInputError);
      try {
        call();
      } catch (error) {
        expect((error as InvalidInputError).field).toBe(field);
      }
    };
    named(() => maximumRange(10, {}, { bearing: Number.NaN }), 'bearing');
    named(() => maximumRange(10, {}, { bearing: Infinity }), 'bearing');
    named(() => minimumSpeed(10, {}, { bearing: '1' as unknown as number }), 'bearing');
    named(() => maximumRange(10, {}, { azimuth: 1 } as never), 'options.azimuth');
    named(() => minimumSpeed(10, {}, null as never), 'options');
    named(() => maximumRange(10, { wind: [0, Number.NaN] }), 'world.wind[1]');
    named(() => minimumSpeed(10, { drag: { table: 'GS', mass: 4, diameter: -1 } }), 'world.drag.diameter');
  });
});

describe('minimumSpeed in three dimensions', () => {
  it('lands the slowest shot on the ray at the distance, whose maximum range is that distance', () => {
    const cases: [number, World3d, number][] = [
      [40, { drag: 0.02, wind: [1, 4] }, 0],
      [25, { drag: 0.02, wind: [-3, -6], targetHeight: 1 }, 2],
      [2000, { drag: cannonball, wind: [0, 10] }, -1],
      [30, { drag: 0.01, launcherVelocity: [2, -3] }, 0.5],
    ];
    for (const [distance, world, bearing] of cases) {
      const slowest = minimumSpeed(distance, world, { bearing });
      const hit = onRay(slowest, world, bearing)!;
      expect(Math.abs(hit.across)).toBeLessThan(1e-6);
      expect(Math.abs(hit.along / distance - 1)).toBeLessThan(1e-6);
      expect(maximumRange(slowest.speed, world, { bearing })!.distance / distance - 1).toBeCloseTo(0, 8);
      expect(maximumRange(slowest.speed * 0.999, world, { bearing })!.distance).toBeLessThan(distance);
      expect(slowest.iterations).toBeLessThan(15);
    }
  });

  it("is the plane's where the world turned to the ray stays in the plane, with the azimuth the bearing", () => {
    const plane = minimumSpeed(6, { drag: 0.05, targetHeight: 1 });
    expect(minimumSpeed(6, { drag: 0.05, targetHeight: 1 }, { bearing: -1.2 })).toEqual({ ...plane, azimuth: -1.2 });
    // Into a crosswind it takes more speed than into the same wind along the ray.
    const along = minimumSpeed(6, { drag: 0.05, wind: -4 }).speed;
    expect(minimumSpeed(6, { drag: 0.05, wind: [0, -4] }).speed).toBeLessThan(along);
    expect(minimumSpeed(6, { drag: 0.05, wind: [0, -4] }).speed).toBeGreaterThan(plane.speed * 0.9);
  });
});

describe('the ranges over random worlds', () => {
  it('land on the ray, as far as claimed, farther than the elevations nearby; the slowest shot reaches exactly', () => {
    // Heights in whole centimetres: a shot launched down from a femtometre above the target height never crosses it
    // in floating point (its steps are shorter than the last bit of its height) and runs out of steps, slowly.
    const height = fc.integer({ min: -200, max: 200 }).map((cm) => cm / 100);
    const world = fc.record({
      gravity: fc.double({ min: 3, max: 20, noNaN: true }),
      wind: fc.tuple(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true })),
      drag: fc.oneof(fc.double({ min: 0, max: 0.05, noNaN: true }), fc.record({ table: fc.constantFrom('GS', 'G1', 'G7'), mass: fc.double({ min: 0.5, max: 10, noNaN: true }), diameter: fc.constant(0.1) })),
      launchHeight: height,
      targetHeight: height,
      earth: fc.record({ latitude: fc.double({ min: -1.5, max: 1.5, noNaN: true }), bearing: fc.double({ min: -6, max: 6, noNaN: true }) }),
      launcherVelocity: fc.tuple(fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true })),
    }, { requiredKeys: ['gravity', 'wind', 'drag', 'launchHeight', 'targetHeight'] });
    fc.assert(
      fc.property(world, fc.double({ min: 15, max: 60, noNaN: true }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (world, speed, bearing) => {
        const best = expectFarthestOnRay(speed, world as World3d, bearing);
        const slowest = minimumSpeed(0.8 * best.distance, world as World3d, { bearing });
        expect(slowest.speed).toBeLessThan(speed);
        const hit = onRay(slowest, world as World3d, bearing)!;
        expect(Math.abs(hit.across)).toBeLessThan(1e-6);
        expect(Math.abs(hit.along / (0.8 * best.distance) - 1)).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });
});
