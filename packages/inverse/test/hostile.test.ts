import { describe, it } from 'vitest';
import { CannonError } from '@cannon/errors';
import { fire, landing, maximumRange, minimumSpeed, trajectory, vacuumArcs, vacuumLanding } from '@cannon/physics';
import { physicsModel, solve } from '@cannon/optimize';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { aim, aimBatch, aimerError, checkAimerMetadata, conditionsOf, createAimer, fieldDomain, inputScalings, sampleConditions, shippedAimer, varyingInputs } from '../src/index.js';

const world = fc.record({ gravity: anything, drag: anything, wind: anything, launchHeight: anything, targetHeight: anything }, { requiredKeys: [] });
const launch = fc.oneof(fc.record({ speed: anything, angle: anything }), anything);

const { answersOrNames } = typedErrorChecks(CannonError);

describe('hostile input gets an answer or a typed error', () => {
  const runs = { numRuns: 300 };
  it('the physics', () => {
    fc.assert(fc.property(launch, world, (l, w) => answersOrNames(() => landing(l as never, w as never))), runs);
    fc.assert(fc.property(launch, world, (l, w) => answersOrNames(() => trajectory(l as never, w as never, { samples: 5 }))), runs);
    fc.assert(fc.property(launch, world, (l, w) => answersOrNames(() => vacuumLanding(l as never, w as never))), runs);
    fc.assert(fc.property(anything, world, (s, w) => answersOrNames(() => maximumRange(s as never, w as never))), runs);
    fc.assert(fc.property(anything, anything, world, (d, s, w) => answersOrNames(() => vacuumArcs(d as never, s as never, w as never))), runs);
    fc.assert(fc.property(anything, world, (d, w) => answersOrNames(() => minimumSpeed(d as never, w as never))), { numRuns: 100 });
    fc.assert(fc.property(anything, anything, (n, noise) => answersOrNames(() => fire({ shots: n as never, noise: noise as never }))), { numRuns: 100 });
  });

  it('aiming and solving', () => {
    const conditions = fc.oneof(fc.record({ wind: anything, drag: anything, heightDifference: anything }, { requiredKeys: [] }), anything);
    const options = fc.oneof(fc.record({ tolerance: anything, maxIterations: anything, maxSpeed: anything, speed: anything, angle: anything, arc: anything }, { requiredKeys: [] }), anything);
    fc.assert(fc.property(anything, conditions, options, (t, c, o) => answersOrNames(() => aim(t as never, c as never, o as never))), { numRuns: 300 });
    fc.assert(fc.property(fc.oneof(fc.array(anything, { maxLength: 3 }), anything), conditions, (t, c) => answersOrNames(() => aimBatch(t as never, c as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, world, (t, w) => answersOrNames(() => solve(physicsModel(), t as never, { world: w as never, maxIterations: 20 }))), { numRuns: 200 });
  });

  it('the aimers, their metadata and their domains', () => {
    const runs = { numRuns: 200 };
    const domain = fc.oneof(fc.record({ target: anything, wind: anything, drag: anything, heightDifference: anything, maxSpeed: anything }, { requiredKeys: [] }), anything);
    fc.assert(fc.property(anything, anything, (metadata, parameters) => answersOrNames(() => createAimer(metadata as never, parameters as never))), runs);
    fc.assert(fc.property(anything, (value) => answersOrNames(() => checkAimerMetadata(value, 'aimer.json'))), runs);
    fc.assert(fc.property(anything, (name) => answersOrNames(() => shippedAimer(name as never))), runs);
    fc.assert(fc.property(anything, (world) => answersOrNames(() => conditionsOf(world as never))), runs);
    fc.assert(fc.property(domain, (d) => answersOrNames(() => varyingInputs(d as never))), runs);
    fc.assert(fc.property(domain, (d) => answersOrNames(() => inputScalings(d as never))), runs);
    fc.assert(fc.property(domain, anything.filter((v) => !(Number.isInteger(v) && (v as number) > 100_000)), (d, n) => answersOrNames(() => sampleConditions(d as never, n as never, { uniform: Math.random }))), runs);
    // Valid counts allocate four columns of that many numbers: keep those small.
    const count = anything.filter((v) => !(Number.isInteger(v) && (v as number) > 100_000));
    fc.assert(fc.property(count, (n) => answersOrNames(() => sampleConditions(fieldDomain, n as never, { uniform: Math.random }))), runs);
    const field = shippedAimer('field');
    fc.assert(fc.property(anything, (o) => answersOrNames(() => aimerError(field, o as never))), { numRuns: 60 });
  });
});
