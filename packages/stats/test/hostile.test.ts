import { CannonError } from '@cannon/errors';
import { describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { figure, quantile, summarize } from '../src/index.js';

const { answersOrNames } = typedErrorChecks(CannonError);
const values = fc.oneof(fc.array(anything, { maxLength: 4 }), anything);

describe('hostile input to the statistics gets an answer or a typed error', () => {
  it('quantile, summarize and figure', () => {
    const runs = { numRuns: 400 };
    fc.assert(fc.property(values, anything, (v, q) => answersOrNames(() => quantile(v as never, q as never))), runs);
    fc.assert(fc.property(values, anything, (v, t) => answersOrNames(() => summarize(v as never, t as never))), runs);
    fc.assert(fc.property(anything, anything, anything, anything, (b, v, u, d) => answersOrNames(() => figure(b as never, v as never, u as never, d as never))), runs);
  });
});
