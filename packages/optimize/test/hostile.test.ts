import { CannonError } from '@cannon/errors';
import { createAdam } from '@cannon/adam';
import { createRandom } from '@cannon/random';
import { describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { landingSurface, lossSurface, physicsModel, refine, solve, solveBatch, surfaceGrid, verify } from '../src/index.js';

const { answersOrNames } = typedErrorChecks(CannonError);
// Iteration counts that are valid are kept small (a search that does not converge runs them all).
const fewIterations = fc.oneof(anything.filter((v) => !(Number.isInteger(v) && (v as number) > 30)), fc.integer({ min: 0, max: 30 }));
const options = fc.oneof(
  fc.record({ method: anything, start: anything, maxIterations: fewIterations, tolerance: anything, learningRate: anything, maxSpeed: anything, world: anything, hold: anything }, { requiredKeys: [] }),
  anything,
);
const gridOptions = fc.oneof(fc.record({ speedSteps: anything, angleSteps: anything, maxSpeed: anything, speedRange: anything, angleRange: anything }, { requiredKeys: [] }), anything);
// For the surfaces, which land every grid point: grids of up to 60 × 60, so that a valid draw stays quick.
const steps = anything.filter((v) => !(Number.isInteger(v) && (v as number) > 60));
const smallGridOptions = fc.oneof(fc.record({ speedSteps: steps, angleSteps: steps, maxSpeed: anything }, { requiredKeys: [] }), anything);

describe('hostile input to the solvers, and to Adam and the random source under them, gets an answer or a typed error', () => {
  it('solve, solveBatch, refine and verify', () => {
    const model = physicsModel();
    fc.assert(fc.property(anything, options, (target, o) => answersOrNames(() => solve(model, target as never, o as never))), { numRuns: 200 });
    fc.assert(fc.property(fc.oneof(fc.array(anything, { maxLength: 3 }), anything), options, (targets, o) => answersOrNames(() => solveBatch(model, targets as never, o as never))), { numRuns: 150 });
    fc.assert(fc.property(anything, anything, fc.oneof(fc.record({ maxSpeed: anything, tolerance: anything, maxIterations: fewIterations }, { requiredKeys: [] }), anything), (target, start, o) => answersOrNames(() => refine(model, target as never, start as never, o as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, anything, anything, (target, launch, world) => answersOrNames(() => verify(target as never, launch as never, world as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, (world) => answersOrNames(() => physicsModel(world as never))), { numRuns: 200 });
  });

  it('the surfaces', () => {
    fc.assert(fc.property(gridOptions, (o) => answersOrNames(() => surfaceGrid(o as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, smallGridOptions, (target, o) => answersOrNames(() => lossSurface(physicsModel(), target as never, o as never))), { numRuns: 100 });
    fc.assert(fc.property(smallGridOptions, (o) => answersOrNames(() => landingSurface(physicsModel(), o as never))), { numRuns: 100 });
  });

  it('Adam and the seeded random source', () => {
    // Sizes up to the ceiling (2²⁶) are valid and allocate two arrays of that many numbers: keep those small.
    const size = anything.filter((v) => !(Number.isInteger(v) && (v as number) > 1_000_000));
    fc.assert(fc.property(size, anything, (n, o) => answersOrNames(() => createAdam(n as never, o as never))), { numRuns: 300 });
    fc.assert(fc.property(fc.integer({ min: 2 ** 26 + 1 }), (n) => answersOrNames(() => createAdam(n, { learningRate: 0.1 }))), { numRuns: 20 });
    const adam = createAdam(2, { learningRate: 0.01 });
    fc.assert(fc.property(anything, anything, anything, (p, g, rate) => answersOrNames(() => adam.update(p as never, g as never, rate as never))), { numRuns: 300 });
    fc.assert(fc.property(anything, (seed) => answersOrNames(() => createRandom(seed as never).between(0, 1))), { numRuns: 300 });
    fc.assert(fc.property(anything, anything, (low, high) => answersOrNames(() => createRandom(1).between(low as never, high as never))), { numRuns: 300 });
  });
});
