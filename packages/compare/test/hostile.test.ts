import { CannonError } from '@cannon/errors';
import { describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { compareApproaches } from '../src/index.js';

const { answersOrNamesAsync } = typedErrorChecks(CannonError);
// Options a comparison refuses before any work: every value but undefined and {} (which run the whole article),
// and option values that are not the option's (null and undefined stand for the default, and so run it too).
const refused = anything.filter((v) => v !== undefined && !(v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0));
const badValues = fc.oneof(
  fc.record({ targets: anything.filter((v) => v != null && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100_000)) }),
  fc.record({ tolerance: anything.filter((v) => v != null && !(typeof v === 'number' && v > 0 && Number.isFinite(v))) }),
  fc.record({ onProgress: anything.filter((v) => v !== undefined) }),
);

describe('hostile options to a comparison are refused with a typed error, before any work', () => {
  it('compareApproaches', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(refused, badValues), async (options) => answersOrNamesAsync(() => compareApproaches(options as never))), { numRuns: 200 });
  });
});
