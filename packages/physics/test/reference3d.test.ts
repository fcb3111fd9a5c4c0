// The three-dimensional reference (test/reference3d.mjs) held to what is known without it, before any kernel is
// held to it: the vacuum's closed form in any direction, the plane's reference where the shot stays in the plane,
// the symmetry of turning the shot and the wind together, and a constant drag coefficient in still air.
import { describe, expect, it } from 'vitest';
import { air, dragTable, landing } from '../src/index.js';
import { referenceLanding } from './reference.mjs';
import { referenceImpact } from './reference3d.mjs';

describe('the three-dimensional reference', () => {
  it('lands where the vacuum lands, in any direction', () => {
    for (const [speed, elevation, azimuth, launchHeight, targetHeight] of [[12, 0.7, 0.4, 1, 0], [30, 0.3, -2.5, 0, 2], [5, 1.2, 3, 2, -1]]) {
      const impact = referenceImpact({ speed, elevation, azimuth, launchHeight, targetHeight })!;
      const [vh, vz] = [speed * Math.cos(elevation), speed * Math.sin(elevation)];
      const time = (vz + Math.sqrt(vz * vz + 2 * 9.81 * (launchHeight - targetHeight))) / 9.81;
      expect(impact.time).toBeCloseTo(time, 6);
      expect(impact.x).toBeCloseTo(vh * Math.cos(azimuth) * time, 6);
      expect(impact.y).toBeCloseTo(vh * Math.sin(azimuth) * time, 6);
    }
  });

  it("is the plane's reference for a shot along x with the wind along x, and the kernel's landing within 1 mm", () => {
    for (const [speed, elevation, drag, wind] of [[15, 0.6, 0.05, 3], [8, 1.0, 0.1, -5], [20, 0.3, 0.02, 0]]) {
      const impact = referenceImpact({ speed, elevation, drag, wind: [wind, 0], launchHeight: 1 })!;
      expect(impact.y).toBe(0);
      expect(impact.x).toBeCloseTo(referenceLanding({ speed, angle: elevation, drag, wind, launchHeight: 1 })!, 9);
      expect(Math.abs(impact.x - landing({ speed, angle: elevation }, { drag, wind, launchHeight: 1 })!.distance)).toBeLessThan(1e-3);
    }
  });

  it('turns its impact with the shot and the wind turned together', () => {
    const shot = { speed: 18, elevation: 0.5, drag: 0.04, wind: [2, -3] as [number, number], targetHeight: -1 };
    const base = referenceImpact({ ...shot, azimuth: 0 })!;
    for (const turn of [0.7, 2, -1.3]) {
      const [c, s] = [Math.cos(turn), Math.sin(turn)];
      const turned = referenceImpact({ ...shot, azimuth: turn, wind: [c * shot.wind[0] - s * shot.wind[1], s * shot.wind[0] + c * shot.wind[1]] })!;
      expect(turned.x).toBeCloseTo(c * base.x - s * base.y, 7);
      expect(turned.y).toBeCloseTo(s * base.x + c * base.y, 7);
      expect(turned.time).toBeCloseTo(base.time, 9);
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
});
