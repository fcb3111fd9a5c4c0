import { describe, expect, it } from 'vitest';
import { landing } from '@cannon/physics';
import { landingSurface, lossSurface, physicsModel, surfaceGrid } from '../src/index.js';

describe('surfaces', () => {
  it('lay speeds from 0 to the fastest and angles at the middles of equal parts of 90°', () => {
    const { speeds, angles } = surfaceGrid({ speedSteps: 3, angleSteps: 2, maxSpeed: 10 });
    expect(speeds).toEqual([0, 5, 10]);
    expect(angles[0]).toBeCloseTo(Math.PI / 8, 15);
    expect(angles[1]).toBeCloseTo((3 * Math.PI) / 8, 15);
  });

  it('land every shot of the grid where the physics lands it alone', () => {
    const world = { drag: 0.05, wind: -1 };
    const { speeds, angles, landing: landed } = landingSurface(physicsModel(world), { speedSteps: 4, angleSteps: 3, maxSpeed: 12 });
    for (let i = 1; i < speeds.length; i++) {
      for (let j = 0; j < angles.length; j++) expect(landed[i][j]).toBeCloseTo(landing({ speed: speeds[i], angle: angles[j] }, world)!.distance, 12);
    }
  });

  it('give the loss as the squared miss of the landing surface', () => {
    const model = physicsModel({ drag: 0.02 });
    const { landing: landed } = landingSurface(model, { speedSteps: 5, angleSteps: 5 });
    const { loss } = lossSurface(model, 4, { speedSteps: 5, angleSteps: 5 });
    expect(loss).toEqual(landed.map((row) => row.map((d) => (d - 4) ** 2)));
  });

  it('refuse a grid of fewer than two steps, naming it', () => {
    expect(() => surfaceGrid({ speedSteps: 1 })).toThrow(/speedSteps must be a whole number in \[2, 1000\]/);
  });

  it("refuse a fastest speed beyond the physics' top speed, naming it (shots of 10³⁰⁸ m/s were flown, every step of them)", () => {
    expect(() => landingSurface(physicsModel(), { maxSpeed: 1e308 })).toThrow(/maxSpeed must be a finite number in \(0, 10000\]/);
    expect(surfaceGrid({ speedSteps: 2, maxSpeed: 10_000 }).speeds).toEqual([0, 10_000]);
  });
});
