import { CannonError } from '@cannon/errors';
import { describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { checkHiddenLayers, checkScaling, checkSpec, createForward, flatParameters, initialParameters, layersOf, parameterCount, rangeScaling, scaleColumns, spreadScaling } from '../src/index.js';

const { answersOrNames } = typedErrorChecks(CannonError);
// Valid widths allocate their weights: keep those small (a width over 64 is as valid, and checked the same way).
const width = anything.filter((v) => !(Number.isInteger(v) && (v as number) > 64));
const spec = fc.oneof(fc.record({ inputs: width, hiddenLayers: fc.oneof(anything, fc.array(width, { maxLength: 3 })), outputs: width, activation: anything, seed: anything }, { requiredKeys: [] }), anything);
const small = { inputs: 2, hiddenLayers: [3], outputs: 1 };

describe('hostile input to the network engine gets an answer or a typed error', () => {
  it('specs, parameters and forward passes', () => {
    const runs = { numRuns: 300 };
    fc.assert(fc.property(spec, (s) => answersOrNames(() => checkSpec(s as never))), runs);
    fc.assert(fc.property(anything, (s) => answersOrNames(() => checkHiddenLayers(s))), runs);
    fc.assert(fc.property(spec, (s) => answersOrNames(() => initialParameters(s as never))), runs);
    fc.assert(fc.property(spec, (s) => answersOrNames(() => parameterCount(s as never))), runs);
    fc.assert(fc.property(anything, (p) => answersOrNames(() => createForward(small, p as never))), runs);
    fc.assert(fc.property(anything, (p) => answersOrNames(() => layersOf(small, p as never))), runs);
    fc.assert(fc.property(anything, (layers) => answersOrNames(() => flatParameters(small, layers as never))), runs);
    const forward = createForward(small, initialParameters(small));
    fc.assert(fc.property(anything, anything, (rows, count) => answersOrNames(() => forward(rows as never, count as never))), runs);
  });

  it('scalings', () => {
    const runs = { numRuns: 300 };
    fc.assert(fc.property(anything, (range) => answersOrNames(() => rangeScaling(range as never))), runs);
    fc.assert(fc.property(anything, (values) => answersOrNames(() => spreadScaling(values as never))), runs);
    fc.assert(fc.property(anything, anything, (columns, scalings) => answersOrNames(() => scaleColumns(columns as never, scalings as never))), runs);
    fc.assert(fc.property(anything, (scaling) => answersOrNames(() => checkScaling(scaling as never, 2, 1))), runs);
  });
});
