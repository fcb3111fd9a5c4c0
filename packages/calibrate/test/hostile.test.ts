import { CannonError } from '@cannon/errors';
import { describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { calibrate, parseShots } from '../src/index.js';

const { answersOrNames } = typedErrorChecks(CannonError);
const shot = fc.record({ speed: anything, angle: anything, azimuth: anything, x: anything, y: anything, targetHeight: anything });

describe('hostile input to a calibration gets an answer or a typed error', () => {
  it('calibrate and parseShots', () => {
    const runs = { numRuns: 300 };
    fc.assert(fc.property(fc.oneof(fc.array(shot, { maxLength: 4 }), anything), anything, (shots, options) => answersOrNames(() => calibrate(shots as never, options as never))), runs);
    fc.assert(fc.property(fc.oneof(fc.string(), anything), (text) => answersOrNames(() => parseShots(text as never))), runs);
  });
});
