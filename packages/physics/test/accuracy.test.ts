import { describe, expect, it } from 'vitest';
import { createRandom } from '@cannon/random';
import { landing, vacuumLanding } from '../src/index.js';
import { referenceLanding, shotInPromisedBox } from './reference.mjs';

describe('landing accuracy', () => {
  it('equals the vacuum closed form to a micrometre (RK4 is exact on a parabola)', () => {
    const random = createRandom(1);
    for (let i = 0; i < 500; i++) {
      const launch = { speed: random.between(0, 20), angle: random.between(-1.5, 1.5) };
      const world = { launchHeight: random.between(-2, 2), targetHeight: random.between(-2, 2), wind: random.between(-5, 5) };
      const exact = vacuumLanding(launch, world);
      const simulated = landing(launch, world);
      expect(simulated === null).toBe(exact === null);
      if (exact && simulated) {
        expect(Math.abs(simulated.distance - exact.distance)).toBeLessThan(1e-6);
        expect(Math.abs(simulated.flightTime - exact.flightTime)).toBeLessThan(1e-9);
      }
    }
  });

  it('is within 1 mm of a 10⁻⁴ s reference integration with drag, wind and heights', () => {
    const random = createRandom(2);
    let worst = 0;
    let landed = 0;
    for (let i = 0; i < 150; i++) {
      const shot = shotInPromisedBox(random);
      const { speed, angle, ...world } = shot;
      const reference = referenceLanding(shot);
      const simulated = landing({ speed, angle }, world);
      if (reference === null || simulated === null) {
        // Only a grazing shot (apex within a step of the target height) may disagree on landing at all.
        continue;
      }
      landed++;
      worst = Math.max(worst, Math.abs(simulated.distance - reference));
    }
    expect(landed).toBeGreaterThan(100);
    expect(worst).toBeLessThan(1e-3);
  });

  it('is within 1 mm at the corners of the domain (fastest, most drag, strongest wind)', () => {
    for (const angle of [0.2, 0.785, 1.3]) {
      for (const wind of [-5, 5]) {
        for (const [launchHeight, targetHeight] of [[2, -2], [-2, 2], [0, 0]]) {
          const shot = { speed: 20, angle, drag: 0.1, wind, launchHeight, targetHeight };
          const reference = referenceLanding(shot);
          const simulated = landing(shot, { drag: 0.1, wind, launchHeight, targetHeight });
          expect(simulated === null).toBe(reference === null);
          if (reference !== null) expect(Math.abs(simulated!.distance - reference)).toBeLessThan(1e-3);
        }
      }
    }
  });

  it('reports no landing when the apex stays below the target height', () => {
    expect(landing({ speed: 5, angle: 0.5 }, { targetHeight: 2 })).toBeNull();
    // In vacuum this shot would rise to 2.8 m; drag holds it under 2 m.
    expect(vacuumLanding({ speed: 8, angle: 1.2 }, { targetHeight: 2 })).not.toBeNull();
    expect(landing({ speed: 8, angle: 1.2 }, { targetHeight: 2, drag: 0.3 })).toBeNull();
    expect(referenceLanding({ speed: 8, angle: 1.2, targetHeight: 2, drag: 0.3 })).toBeNull();
  });

  it('lands a shot that only just rises above the target height inside one step', () => {
    // The vacuum apex is 1 mm above the target: the landing is just past the apex.
    const speed = 6;
    const angle = 1.0;
    const apex = (speed * Math.sin(angle)) ** 2 / (2 * 9.81);
    const exact = vacuumLanding({ speed, angle }, { targetHeight: apex - 1e-3 });
    const simulated = landing({ speed, angle }, { targetHeight: apex - 1e-3 });
    expect(simulated).not.toBeNull();
    expect(Math.abs(simulated!.distance - exact!.distance)).toBeLessThan(1e-6);
  });

  it('lands at the muzzle a shot fired level or downwards at the target height', () => {
    expect(landing({ speed: 5, angle: 0 })).toEqual({ distance: 0, drift: 0, flightTime: 0, impact: { x: 0, y: 0, z: 0 }, velocity: { x: 5, y: 0, z: 0 } });
    expect(landing({ speed: 5, angle: -0.3 })).toMatchObject({ distance: 0, drift: 0, flightTime: 0, impact: { x: 0, y: 0, z: 0 }, velocity: { x: 5 * Math.cos(-0.3), z: 5 * Math.sin(-0.3) } });
  });

  it('drifts a ball dropped from a height with the wind', () => {
    const dropped = landing({ speed: 0, angle: 0 }, { launchHeight: 2, drag: 0.05, wind: 3 });
    const reference = referenceLanding({ speed: 0, angle: 0, launchHeight: 2, drag: 0.05, wind: 3 });
    expect(dropped!.distance).toBeGreaterThan(0);
    expect(Math.abs(dropped!.distance - reference!)).toBeLessThan(1e-4);
  });
});
