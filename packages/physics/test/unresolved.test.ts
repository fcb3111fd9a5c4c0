import { describe, expect, it } from 'vitest';
import { NoLandingError } from '@cannon/errors';
import { landing, MAX_STEPS, resolveWorld, simulateLandings, supportedRanges, trajectory } from '../src/index.js';
import { referenceLanding } from './reference.mjs';

// 5000 m/s into a drag of 8 per metre: the ball is slowed within a few hundredths of a second and falls at about
// 1 m/s; it lands about a metre out, in 0.73 s, after about 240 000 steps of a fortieth of its first drag time.
const strong = { speed: 5000, angle: (35 * Math.PI) / 180 };
const thick = { drag: 8 };
// The edge of the supported ranges at once: the fastest shot into the thickest air under the weakest gravity
// falls so slowly, for so long, that following it at the steps its first moment needs takes ~10⁸ steps.
const endless = { speed: supportedRanges.speed[1], angle: 0.6 };
const endlessWorld = { drag: supportedRanges.drag[1], gravity: supportedRanges.gravity[0] };

describe('strong drag at high speed', () => {
  it('lands where an independent integrator at a step of 10⁻⁶ s lands, within 0.05 mm, from landing and from trajectory alike', () => {
    const shot = landing(strong, thick)!;
    const reference = referenceLanding({ ...strong, ...thick }, 1e-6)!;
    expect(Math.abs(shot.distance - reference)).toBeLessThan(5e-5);
    expect(shot.flightTime).toBeGreaterThan(0.7);
    const path = trajectory(strong, thick, { samples: 11 });
    expect(path.landing).toEqual(shot);
    expect(path.points.at(-1)!.x).toBeCloseTo(shot.distance, 12);
    expect(path.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
  });
});

describe('a shot the simulator cannot follow to its landing within its step budget', () => {
  it('is marked in a batch, NaN, and leaves the other shots as they are alone', () => {
    const world = resolveWorld(endlessWorld);
    const speeds = [3, endless.speed, 4];
    const angles = [0.6, endless.angle, 0.9];
    const columns = { speed: speeds, angle: angles, gravity: [world.gravity], drag: [world.drag], wind: [0], launchHeight: [0], targetHeight: [0] };
    const { distance, unresolved, partials } = simulateLandings(columns, 3, ['speed', 'angle']);
    expect(Array.from(unresolved)).toEqual([0, 1, 0]);
    expect(distance[1]).toBeNaN();
    expect(partials.speed![1]).toBe(0);
    for (const i of [0, 2]) expect(distance[i]).toBe(landing({ speed: speeds[i], angle: angles[i] }, endlessWorld)!.distance);
  });

  it('throws the same typed error from landing and from trajectory, naming the budget and why', () => {
    const fromLanding = (() => {
      try {
        landing(endless, endlessWorld);
      } catch (error) {
        return error;
      }
    })();
    expect(fromLanding).toBeInstanceOf(NoLandingError);
    expect((fromLanding as NoLandingError).message).toContain(`could not be followed to its landing within ${MAX_STEPS} steps: a drag of 100 1/m at this speed`);
    expect(() => trajectory(endless, endlessWorld)).toThrow((fromLanding as NoLandingError).message);
  });
});

describe('a flight too short to step (under 10⁻¹⁰⁰ s)', () => {
  it('lands where the vacuum lands it, with the vacuum derivatives', () => {
    // 10 000 m/s at 10⁻¹²⁰ rad: x = v²·sin 2θ/g, ∂x/∂θ = 2v²·cos 2θ/g.
    const columns = { speed: [1e4], angle: [1e-120], gravity: [9.81], drag: [5], wind: [3], launchHeight: [0], targetHeight: [0] };
    const { distance, partials } = simulateLandings(columns, 1, ['speed', 'angle', 'drag']);
    expect(distance[0]).toBeCloseTo((1e8 * 2e-120) / 9.81, 125);
    expect(partials.angle![0] / ((2 * 1e8) / 9.81)).toBeCloseTo(1, 12);
    expect(partials.drag![0]).toBe(0);
    expect(landing({ speed: 1e-300, angle: 0.6 })).toMatchObject({ distance: 0, drift: 0, flightTime: expect.any(Number), impact: { x: 0, y: 0, z: 0 } });
    expect(trajectory({ speed: 1e-300, angle: 0.6 }).landing).toEqual(landing({ speed: 1e-300, angle: 0.6 }));
  });
});

describe('a shot that falls by a few ulps of its heights', () => {
  // Fired down from a femtometre above the target, 2 m up: steps of its flight would move it by less than the
  // heights' rounding, so it is not flown; it lands as the vacuum lands it, at once.
  const launch = { speed: 5, angle: -0.5 };
  const world = { launchHeight: 2, targetHeight: 1.9999999999999984, drag: 0.05, wind: 3 };
  const vacuumTime = (2 - 1.9999999999999984) / (5 * Math.sin(0.5));

  it('lands in the plane and in three dimensions, next to the muzzle', () => {
    const plane = landing(launch, world)!;
    expect(plane.flightTime).toBeGreaterThan(0);
    expect(plane.flightTime).toBeLessThan(2 * vacuumTime);
    expect(Math.abs(plane.distance)).toBeLessThan(1e-14);
    const space = landing({ ...launch, azimuth: 0.3 }, { ...world, wind: [3, -2] })!;
    expect(space.flightTime).toBeLessThan(2 * vacuumTime);
    expect(Math.hypot(space.impact.x, space.impact.y)).toBeLessThan(1e-14);
    const batch = simulateLandings({ speed: [5, 5], angle: [-0.5, 0.4], gravity: [9.81], drag: [0.05], wind: [3], launchHeight: [2], targetHeight: [1.9999999999999984] }, 2);
    expect(Array.from(batch.unresolved)).toEqual([0, 0]);
    expect(batch.distance[1]).toBeGreaterThan(1);
  });
});
