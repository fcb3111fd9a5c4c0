import { describe, expect, it } from 'vitest';
import { NoLandingError } from '@cannon/errors';
import { landing, resolveWorld, simulateLandings, trajectory } from '../src/index.js';

// 5000 m/s into a drag of 8 per metre: it lands about a metre out, but its step, chosen from the vacuum flight
// time (ten minutes), is far too small to follow it there within the simulator's steps.
const strong = { speed: 5000, angle: (35 * Math.PI) / 180 };
const thick = { drag: 8 };

describe('a shot the simulator cannot follow to its landing', () => {
  it('is marked in a batch, NaN, and leaves the other shots as they are alone', () => {
    const world = resolveWorld(thick);
    const speeds = [3, strong.speed, 4];
    const angles = [0.6, strong.angle, 0.9];
    const columns = { speed: speeds, angle: angles, gravity: [world.gravity], drag: [world.drag], wind: [0], launchHeight: [0], targetHeight: [0] };
    const { distance, unresolved, partials } = simulateLandings(columns, 3, ['speed', 'angle']);
    expect(Array.from(unresolved)).toEqual([0, 1, 0]);
    expect(distance[1]).toBeNaN();
    expect(partials.speed![1]).toBe(0);
    for (const i of [0, 2]) expect(distance[i]).toBe(landing({ speed: speeds[i], angle: angles[i] }, thick)!.distance);
  });

  it('throws the same typed error from landing and from trajectory', () => {
    const fromLanding = (() => {
      try {
        landing(strong, thick);
      } catch (error) {
        return error;
      }
    })();
    expect(fromLanding).toBeInstanceOf(NoLandingError);
    expect((fromLanding as NoLandingError).message).toMatch(/could not be followed to its landing within \d+ steps/);
    expect(() => trajectory(strong, thick)).toThrow((fromLanding as NoLandingError).message);
  });
});
