import { CannonError } from '@cannon/errors';
import { describe, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { calibrate, correctedTable, correctionFactor, parseShots } from '../src/index.js';
import { dragTables } from '@cannon/physics';

const { answersOrNames } = typedErrorChecks(CannonError);
const shot = fc.record({ speed: anything, angle: anything, azimuth: anything, x: anything, y: anything, targetHeight: anything });

describe('hostile input to a calibration gets an answer or a typed error', () => {
  it('calibrate and parseShots', () => {
    const runs = { numRuns: 300 };
    fc.assert(fc.property(fc.oneof(fc.array(shot, { maxLength: 4 }), anything), anything, (shots, options) => answersOrNames(() => calibrate(shots as never, options as never))), runs);
    fc.assert(fc.property(fc.oneof(fc.string(), anything), (text) => answersOrNames(() => parseShots(text as never))), runs);
  });

  it('a learned drag correction: its options, and the functions that read a correction back', () => {
    // Shots that land, of a cannonball; the hostile part is the correction's options and the ball.
    const shots = [150, 250, 350].flatMap((speed) => [10, 30].map((angle) => ({ speed, angle, azimuth: angle - 20, x: speed * 4, y: angle, targetHeight: 0 })));
    const fit = fc.subarray(['drag', 'wind', 'speedScale', 'elevationBias'] as const).map((names) => [...names, 'dragCorrection' as const]);
    const ball = fc.record({ table: fc.oneof(fc.constantFrom('GS', 'G1'), anything), mass: fc.oneof(fc.constant(5.4), anything), diameter: fc.oneof(fc.constant(0.117), anything) });
    const correction = fc.oneof(fc.record({ hidden: fc.oneof(fc.integer({ min: -2, max: 40 }), anything) }), anything);
    fc.assert(fc.property(fit, ball, correction, (names, drag, options) => answersOrNames(() => calibrate(shots, { fit: names, conditions: { drag: drag as never }, correction: options as never }))), { numRuns: 40 });
    const given = fc.oneof(fc.record({ hidden: anything, top: anything, weights: fc.oneof(anything, fc.array(fc.double(), { maxLength: 9 })) }), anything);
    fc.assert(fc.property(given, anything, (value, mach) => answersOrNames(() => correctionFactor(value as never, mach as never))), { numRuns: 300 });
    fc.assert(fc.property(fc.oneof(fc.constant(dragTables.GS), anything), given, (table, value) => answersOrNames(() => correctedTable(table as never, value as never))), { numRuns: 300 });
  });
});
