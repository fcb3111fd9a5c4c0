import * as tf from '@tensorflow/tfjs';
import { landing, maximumRange, vacuumMinimumSpeed } from '@cannon/physics';
import { InvalidInputError } from '@cannon/errors';
import { initializeBackend, landingTensor } from '@cannon/physics/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { physicsModel, refine, solve, solveBatch, type Solution } from '../src/index.js';
import { tensorModel } from '../src/tensor/index.js';

beforeAll(async () => {
  await initializeBackend();
});

const vacuumTargets = Array.from({ length: 100 }, (_, i) => 0.3 + (9.8 * i) / 99); // up to 10.1 m of 10.19
const field = { drag: 0.03, wind: -3, launchHeight: 0.5, targetHeight: -0.5 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function expectHitsWithinBounds(results: Solution[], tolerance = 0.05, maxSpeed = 10) {
  for (const r of results) {
    expect(r.status, `target ${r.target}`).toBe('converged');
    expect(r.modelError).toBeLessThanOrEqual(tolerance);
    // The physics model is float32: the truth, in float64, agrees to a few micrometres.
    expect(r.trueError).toBeLessThanOrEqual(tolerance + 1e-4);
    expect(r.speed).toBeGreaterThanOrEqual(0);
    expect(r.speed).toBeLessThanOrEqual(maxSpeed);
    expect(r.angle).toBeGreaterThan(0);
    expect(r.angle).toBeLessThan(Math.PI / 2);
  }
}

describe('solving on the true physics (the Newtonian approach)', () => {
  it('hits every reachable vacuum target with Gauss–Newton from random starts, in a handful of iterations', () => {
    const results = solveBatch(physicsModel(), vacuumTargets, { seed: 1 });
    expectHitsWithinBounds(results);
    expect(median(results.map((r) => r.iterations))).toBeLessThanOrEqual(4);
  });

  it('hits every reachable target in drag, wind and a lower target with Gauss–Newton', () => {
    const reach = maximumRange(10, field)!.distance;
    const targets = Array.from({ length: 60 }, (_, i) => 0.3 + ((reach - 0.4) * i) / 59);
    expectHitsWithinBounds(solveBatch(physicsModel(field), targets, { seed: 2, world: field }));
  });

  it('hits every reachable vacuum target with Adam from random starts', () => {
    expectHitsWithinBounds(solveBatch(physicsModel(), vacuumTargets, { method: 'adam', seed: 3 }));
  });

  it('needs hundreds of plain gradient-descent iterations where Gauss–Newton needs a handful (the article)', () => {
    const start = { speed: 5, angle: Math.PI / 4 };
    const targets = vacuumTargets.filter((_, i) => i % 4 === 0);
    const descent = solveBatch(physicsModel(), targets, { method: 'gradient-descent', start });
    const newton = solveBatch(physicsModel(), targets, { start });
    expectHitsWithinBounds(descent);
    expect(median(descent.map((r) => r.iterations))).toBeGreaterThan(100);
    expect(median(newton.map((r) => r.iterations))).toBeLessThanOrEqual(5);
  });

  it('reports a target beyond the maximum range as unreachable, with that range and the shot that reaches it', () => {
    const [far] = solveBatch(physicsModel(), [12]);
    expect(far.status).toBe('unreachable');
    expect(far.converged).toBe(false);
    expect(far.maxDistance).toBeCloseTo(100 / 9.81, 6);
    expect(far.speed).toBe(10);
    expect(far.angle).toBeCloseTo(Math.PI / 4, 4);
    expect(solve(physicsModel(), 12, { maxSpeed: 11 }).status).toBe('converged');
  });

  it('records the path of (speed, angle, loss) from the start to the hit', () => {
    const start = { speed: 3, angle: 0.3 };
    const result = solve(physicsModel(), 6, { start, path: true, method: 'adam' });
    expect(result.path![0]).toMatchObject(start);
    expect(result.path).toHaveLength(result.iterations + 1);
    expect(result.path!.at(-1)!.loss).toBeLessThanOrEqual(0.05 ** 2);
    for (const p of result.path!) {
      expect(p.speed).toBeGreaterThanOrEqual(0);
      expect(p.speed).toBeLessThanOrEqual(10);
      expect(p.angle).toBeGreaterThan(0);
      expect(p.angle).toBeLessThan(Math.PI / 2);
    }
  });

  it('is done at once when the start already hits', () => {
    const result = solve(physicsModel(), 100 / 9.81, { start: { speed: 10, angle: Math.PI / 4 } });
    expect(result.iterations).toBe(0);
    expect(result.converged).toBe(true);
  });

  it('reports a non-converged solve as such when the iterations run out', () => {
    const result = solve(physicsModel(), 7, { method: 'gradient-descent', maxIterations: 3, start: { speed: 1, angle: 0.2 } });
    expect(result.status).toBe('not-converged');
    expect(result.iterations).toBe(3);
    expect(result.modelError).toBeGreaterThan(0.05);
  });
});

describe('solving on a model that is not the truth', () => {
  // A stand-in for a learned surrogate: the physics, 3% long.
  const biased = tensorModel((speeds, angles) => tf.mul(landingTensor(speeds, angles), 1.03) as tf.Tensor1D);

  it('meets the tolerance by the model’s measure and reports the true error from the physics', () => {
    const results = solveBatch(biased, [4, 6, 8], { seed: 4 });
    for (const r of results) {
      expect(r.converged).toBe(true);
      expect(r.modelError).toBeLessThanOrEqual(0.05);
      // The model overestimates by 3%, so the truth falls short by about 3% of the target.
      expect(r.trueError).toBeCloseTo(r.target * (1 - 1 / 1.03), 1);
      expect(r.trueError).toBeGreaterThan(0.05);
    }
  });
});

describe('bad input and memory', () => {
  it('throws on a NaN or negative target, naming it', () => {
    expect(() => solveBatch(physicsModel(), [3, NaN])).toThrow(InvalidInputError);
    expect(() => solveBatch(physicsModel(), [3, NaN])).toThrow('targets[1] must be a finite number ≥ 0; received NaN');
    expect(() => solve(physicsModel(), -2)).toThrow('targets[0] must be a finite number ≥ 0; received -2');
  });

  it('throws on bad options, naming them', () => {
    expect(() => solve(physicsModel(), 3, { method: 'newton' as never })).toThrow(/method must be one of gradient-descent, adam, gauss-newton/);
    expect(() => solve(physicsModel(), 3, { tolerance: 0 })).toThrow(/tolerance must be a finite number > 0/);
    expect(() => solve(physicsModel(), 3, { maxSpeed: -1 })).toThrow(/maxSpeed must be a finite number > 0/);
    expect(() => solve(physicsModel(), 3, { maxIterations: 2.5 })).toThrow(/maxIterations must be a whole number/);
    expect(() => solve(physicsModel(), 3, { start: { speed: 20, angle: 0.5 } })).toThrow(/start\.speed must be a finite number in \[0, 10\]/);
  });

  it('solves 10 000 targets in one batch', () => {
    const targets = Array.from({ length: 10_000 }, (_, i) => 0.2 + (i % 97) / 10);
    expect(solveBatch(physicsModel(), targets, { seed: 5 }).every((r) => r.converged)).toBe(true);
  });

  it('leaves no tensor behind on a tensor model, in batches and one by one', () => {
    const model = tensorModel((speeds, angles) => landingTensor(speeds, angles, field) as tf.Tensor1D);
    const before = tf.memory().numTensors;
    const targets = Array.from({ length: 500 }, (_, i) => 0.2 + (i % 53) / 10);
    expect(solveBatch(model, targets, { seed: 5, world: field }).every((r) => r.converged)).toBe(true);
    for (let i = 0; i < 50; i++) solve(model, 3 + i / 20, { world: field, seed: i });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('holding one control', () => {
  it('finds the low and the high arc for a fixed speed, each on its side of the angle of maximum range', () => {
    const speed = 9;
    const best = maximumRange(speed)!.angle;
    const low = solve(physicsModel(), 6, { hold: 'speed', start: { speed, angle: best / 2 }, angleRange: [0, best] });
    const high = solve(physicsModel(), 6, { hold: 'speed', start: { speed, angle: (best + Math.PI / 2) / 2 }, angleRange: [best, Math.PI / 2] });
    for (const arc of [low, high]) {
      expect(arc.converged).toBe(true);
      expect(arc.speed).toBe(speed);
      expect(arc.trueError).toBeLessThanOrEqual(0.05);
    }
    expect(low.angle).toBeLessThan(best);
    expect(high.angle).toBeGreaterThan(best);
  });

  it('finds the speed for a fixed angle, and knows how far that angle can reach', () => {
    const hit = solve(physicsModel(field), 5, { hold: 'angle', start: { speed: 5, angle: 0.5 }, world: field });
    expect(hit.converged).toBe(true);
    expect(hit.angle).toBe(0.5);
    expect(hit.trueError).toBeLessThanOrEqual(0.05);
    const tooFar = solve(physicsModel(), 9.9, { hold: 'angle', start: { speed: 5, angle: 0.2 } });
    expect(tooFar.status).toBe('unreachable');
    expect(tooFar.maxDistance).toBeCloseTo((100 * Math.sin(0.4)) / 9.81, 6);
  });

  it('needs a start to hold a control at', () => {
    expect(() => solve(physicsModel(), 5, { hold: 'speed' })).toThrow(/start must be a \{ speed, angle \} to hold the speed at/);
  });
});

describe('refine', () => {
  it('lands within 0.1 mm from a guess a few centimetres off, in one or two Gauss–Newton steps', () => {
    const world = { drag: 0.03, wind: -2, targetHeight: 0.5 };
    for (const target of [2, 4, 6]) {
      const exact = solve(physicsModel(world), target, { world, tolerance: 1e-9, start: { speed: 9, angle: 0.8 } });
      const start = { speed: exact.speed * 1.01, angle: exact.angle - 0.02 };
      const refined = refine(physicsModel(world), target, start, { tolerance: 1e-4 });
      expect(refined.converged).toBe(true);
      expect(refined.iterations).toBeLessThanOrEqual(2);
      expect(refined.error).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(landing(refined, world)!.distance - target)).toBeCloseTo(refined.error, 12);
    }
  });

  it('takes no step when the start already hits', () => {
    const slowest = vacuumMinimumSpeed(5);
    const refined = refine(physicsModel(), 5, slowest, { tolerance: 1e-6 });
    expect(refined).toMatchObject({ iterations: 0, converged: true, speed: slowest.speed, angle: slowest.angle });
  });

  it('keeps a held control and the angle range', () => {
    const best = maximumRange(9)!.angle;
    const high = refine(physicsModel(), 6, { speed: 9, angle: 1.2 }, { hold: 'speed', angleRange: [best, Math.PI / 2], tolerance: 1e-6 });
    expect(high.speed).toBe(9);
    expect(high.angle).toBeGreaterThan(best);
    expect(high.error).toBeLessThanOrEqual(1e-6);
  });

  it('reports a target it cannot reach as not converged, at its best shot', () => {
    const refined = refine(physicsModel(), 12, { speed: 9, angle: 0.7 }, { maxIterations: 20 });
    expect(refined.converged).toBe(false);
    expect(refined.iterations).toBe(20);
    expect(refined.landing).toBeLessThan(12);
  });

  it('names a bad target or option', () => {
    expect(() => refine(physicsModel(), -1, { speed: 5, angle: 0.5 })).toThrow('target must be a finite number ≥ 0; received -1');
    expect(() => refine(physicsModel(), 3, { speed: 5, angle: 0.5 }, { tolerance: -1 })).toThrow(/tolerance must be a finite number > 0/);
  });
});

describe('an unreachable target', () => {
  it('answers the farthest shot, with how close it comes by the model and in truth', () => {
    const world = { drag: 0.1 };
    const solution = solve(physicsModel(world), 7, { method: 'adam', start: { speed: 3, angle: 0.35 }, world, maxSpeed: 10, path: true });
    expect(solution.status).toBe('unreachable');
    expect(solution.speed).toBe(10);
    expect(solution.trueLanding).toBeCloseTo(solution.maxDistance, 12);
    expect(solution.trueError).toBeCloseTo(7 - solution.maxDistance, 12);
    expect(solution.modelError).toBeCloseTo(solution.trueError, 12);
    expect(solution.path).toEqual([{ speed: 10, angle: solution.angle, loss: expect.closeTo(solution.trueError ** 2, 12) }]);
  });
});
