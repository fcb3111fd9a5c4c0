// The three-dimensional reference (test/reference3d.mjs) held to what is known without it, before any kernel is
// held to it: the vacuum's closed form in any direction, the plane's reference where the shot stays in the plane,
// the symmetry of turning the shot and the wind together, a constant drag coefficient in still air, and its own
// convergence as its tolerance tightens.
import { describe, expect, it } from 'vitest';
import { air, dragTable, dragTables, landing } from '../src/index.js';
import { referenceLanding } from './reference.mjs';
import { referenceImpact } from './reference3d.mjs';

describe('the three-dimensional reference', () => {
  it('lands where the vacuum lands, in any direction', () => {
    for (const [speed, elevation, azimuth, launchHeight, targetHeight] of [[12, 0.7, 0.4, 1, 0], [30, 0.3, -2.5, 0, 2], [5, 1.2, 3, 2, -1]]) {
      const impact = referenceImpact({ speed, elevation, azimuth, launchHeight, targetHeight })!;
      const [vh, vz] = [speed * Math.cos(elevation), speed * Math.sin(elevation)];
      const time = (vz + Math.sqrt(vz * vz + 2 * 9.81 * (launchHeight - targetHeight))) / 9.81;
      // (An eighth-order step is exact on a parabola: what is left is rounding, 10⁻¹³ m.)
      expect(Math.abs(impact.time - time)).toBeLessThan(1e-9);
      expect(Math.abs(impact.x - vh * Math.cos(azimuth) * time)).toBeLessThan(1e-9);
      expect(Math.abs(impact.y - vh * Math.sin(azimuth) * time)).toBeLessThan(1e-9);
    }
  });

  it('comes down through a target height a micrometre under its apex, and not through one a micrometre over it', () => {
    // Its steps grow long where the error allows (on a parabola, without bound): a step that passes the apex must
    // not carry the ball up through the target height and back down unseen.
    for (const [speed, elevation, azimuth, launchHeight] of [[12, 0.7, 0.4, 1], [30, 1.5, -2.5, 0]]) {
      const [vh, vz] = [speed * Math.cos(elevation), speed * Math.sin(elevation)];
      const apex = launchHeight + (vz * vz) / (2 * 9.81);
      const targetHeight = apex - 1e-6;
      const impact = referenceImpact({ speed, elevation, azimuth, launchHeight, targetHeight })!;
      const time = (vz + Math.sqrt(vz * vz + 2 * 9.81 * (launchHeight - targetHeight))) / 9.81;
      // The ball crosses at 4.4 mm/s: a height's rounding of 10⁻¹⁵ m is one of 2·10⁻¹³ s in time.
      expect(Math.abs(impact.time - time)).toBeLessThan(1e-9);
      expect(Math.abs(impact.x - vh * Math.cos(azimuth) * time)).toBeLessThan(1e-9);
      expect(Math.abs(impact.y - vh * Math.sin(azimuth) * time)).toBeLessThan(1e-9);
      expect(referenceImpact({ speed, elevation, azimuth, launchHeight, targetHeight: apex + 1e-6 })).toBeNull();
    }
  });

  it("is the plane's reference for a shot along x with the wind along x, and the kernel's landing within 1 mm", () => {
    for (const [speed, elevation, drag, wind] of [[15, 0.6, 0.05, 3], [8, 1.0, 0.1, -5], [20, 0.3, 0.02, 0]]) {
      const impact = referenceImpact({ speed, elevation, drag, wind: [wind, 0], launchHeight: 1 })!;
      expect(impact.y).toBe(0);
      // The plane's reference is RK4 at a fixed 10⁻⁵ s, whose linear interpolation of the crossing errs by 10⁻¹⁰ m.
      expect(impact.x).toBeCloseTo(referenceLanding({ speed, angle: elevation, drag, wind, launchHeight: 1 }, 1e-5)!, 9);
      expect(Math.abs(impact.x - landing({ speed, angle: elevation }, { drag, wind, launchHeight: 1 })!.distance)).toBeLessThan(1e-3);
    }
  });

  it('turns its impact with the shot and the wind turned together', () => {
    const shot = { speed: 18, elevation: 0.5, drag: 0.04, wind: [2, -3] as [number, number], targetHeight: -1 };
    const base = referenceImpact({ ...shot, azimuth: 0 })!;
    for (const turn of [0.7, 2, -1.3]) {
      const [c, s] = [Math.cos(turn), Math.sin(turn)];
      const turned = referenceImpact({ ...shot, azimuth: turn, wind: [c * shot.wind[0] - s * shot.wind[1], s * shot.wind[0] + c * shot.wind[1]] })!;
      // Not to the last bit: the error of a step is weighed per axis, so turned shots take slightly other steps.
      expect(Math.abs(turned.x - (c * base.x - s * base.y))).toBeLessThan(1e-10);
      expect(Math.abs(turned.y - (s * base.x + c * base.y))).toBeLessThan(1e-10);
      expect(Math.abs(turned.time - base.time)).toBeLessThan(1e-12);
    }
    // A crosswind from the right (towards +y) carries the ball to the left.
    expect(referenceImpact({ ...shot, wind: [0, 4], azimuth: 0 })!.y).toBeGreaterThan(0.1);
  });

  it('with a table of one drag coefficient, low in the air, is the constant drag ρ·Cd·A/(2m)', () => {
    // A 74 mm, 145 g ball with Cd 0.3 whose apex stays below 3 m: the air's density changes by 3·10⁻⁴ over it.
    const ball = { mass: 0.145, diameter: 0.074, table: dragTable([[0, 0.3], [10, 0.3]]) };
    const k = (air(0).density * 0.3 * Math.PI * 0.074 ** 2) / (4 * 2 * 0.145);
    const constant = referenceImpact({ speed: 25, elevation: 0.2, drag: k, launchHeight: 1 })!;
    const tabled = referenceImpact({ speed: 25, elevation: 0.2, ...ball, launchHeight: 1 })!;
    expect(Math.abs(tabled.x - constant.x) / constant.x).toBeLessThan(1e-3);
    // Thinner air (a muzzle 2000 m up) carries it farther.
    expect(referenceImpact({ speed: 25, elevation: 0.2, ...ball, launchHeight: 1, conditions: { altitude: 2000 } })!.x).toBeGreaterThan(tabled.x + 0.1);
  });

  it('converges as its tolerance tightens: under a constant drag to 10⁻⁸ m, on drag tables in real air to 10⁻⁹ of the range', () => {
    // A tolerance is met step by step, so the impact's error is the steps' errors carried to the ground: about the
    // tolerance times the range and the number of steps.
    const shot = { speed: 40, elevation: 1.2, azimuth: 2, drag: 0.08, wind: [-10, 7] as [number, number], launchHeight: 5, targetHeight: -3 };
    const [loose, tight] = [referenceImpact(shot, { tolerance: 1e-10 })!, referenceImpact(shot)!];
    expect(Math.hypot(loose.x - tight.x, loose.y - tight.y)).toBeLessThan(1e-8);
    expect(Math.abs(loose.time - tight.time)).toBeLessThan(1e-10);
    // Fast balls through the transonic rise of Cd and over the PCHIP pieces' joins, and one fired at Mach 4.7 across
    // the kink where the GS table ends at Mach 4 (Cd held beyond it): the default tolerance against one a hundred
    // times tighter.
    const cannonball = { table: dragTables.GS, mass: 5.4, diameter: 0.11, conditions: { altitude: 300 } };
    const bullet = { table: dragTables.G7, mass: 0.0113, diameter: 0.00782 };
    for (const tabled of [
      { speed: 450, elevation: 0.3, azimuth: -0.5, wind: [0, 4] as [number, number], targetHeight: -5, ...cannonball, earth: { latitude: -0.6, bearing: 4 } },
      { speed: 1600, elevation: 0.05, azimuth: 0.3, wind: [2, -3] as [number, number], launchHeight: 1, ...cannonball },
      { speed: 820, elevation: 0.004, formFactor: 0.9, wind: [0, 4] as [number, number], launchHeight: 1.5, ...bullet },
      { speed: 300, elevation: 0.5, azimuth: 0.8, formFactor: 1.2, wind: [-6, 0] as [number, number], targetHeight: 20, ...bullet },
    ]) {
      const [usual, tighter] = [referenceImpact(tabled)!, referenceImpact(tabled, { tolerance: 1e-14 })!];
      const range = Math.hypot(tighter.x, tighter.y);
      expect(Math.hypot(usual.x - tighter.x, usual.y - tighter.y)).toBeLessThan(1e-9 * range);
      expect(Math.abs(usual.time / tighter.time - 1)).toBeLessThan(1e-9);
    }
  });
});
