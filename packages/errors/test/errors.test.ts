import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BackendError, CannonError, checkInteger, checkNumber, checkRange, InvalidInputError, isNumberColumn, ModelFileError, NoLandingError, OutsideDomainError, UnreachableTargetError } from '../src/index.js';

describe('the error family', () => {
  it('gives every error a code, a name and the CannonError base', () => {
    const errors = [
      [new InvalidInputError('speed', 'a finite number ≥ 0', -1), 'INVALID_INPUT', 'InvalidInputError'],
      [new OutsideDomainError('target', 9, [1, 8], 'field'), 'OUTSIDE_DOMAIN', 'OutsideDomainError'],
      [new UnreachableTargetError(50, 12.5, { wind: 0, drag: 0.1, heightDifference: 0 }), 'UNREACHABLE_TARGET', 'UnreachableTargetError'],
      [new NoLandingError('the shot never comes down'), 'NO_LANDING', 'NoLandingError'],
      [new ModelFileError('model.json', 'is missing'), 'MODEL_FILE', 'ModelFileError'],
      [new BackendError('no wasm'), 'BACKEND', 'BackendError'],
    ] as const;
    for (const [error, code, name] of errors) {
      expect(error).toBeInstanceOf(CannonError);
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
    }
  });

  it('names the field, what is allowed and what was received', () => {
    const error = new InvalidInputError('world.drag', 'a finite number ≥ 0', -1);
    expect(error.message).toBe('world.drag must be a finite number ≥ 0; received -1');
    expect(error.field).toBe('world.drag');
    expect(new InvalidInputError('name', 'a string', { a: 1 }).message).toMatch(/received an object$/);
    expect(new InvalidInputError('name', 'a string', 'x').message).toMatch(/received "x"$/);
  });

  it('says how far an unreachable target could be reached, and in what conditions', () => {
    const error = new UnreachableTargetError(50, 12.3456, { wind: -2, drag: 0.1, heightDifference: 1 });
    expect(error.message).toBe('target 50 m is unreachable: beyond the maximum range, 12.346 m, in these conditions (wind -2 m/s, drag 0.1 1/m, height difference 1 m)');
    expect(error.maxDistance).toBe(12.3456);
  });

  it('names the bearing and the farthest reach along it for a target in three dimensions', () => {
    const error = new UnreachableTargetError(1500, 1234.5678, { bearing: 0.5, wind: [3, -2], drag: 'GS table, 5.4 kg, 0.11 m', targetHeight: 10 }, 'beyond the maximum range at 450 m/s');
    expect(error.message).toBe('target 1500.000 m away on bearing 0.5000 rad (28.65°) is unreachable: beyond the maximum range at 450 m/s; the farthest reach along that bearing is 1234.568 m, in these conditions (wind [3, -2] m/s, drag GS table, 5.4 kg, 0.11 m, target height 10 m)');
    expect(error.maxDistance).toBe(1234.5678);
    expect(error.conditions).toMatchObject({ bearing: 0.5 });
    expect(new UnreachableTargetError(2, 1, { bearing: 0, wind: [0, 0], drag: 0.01, targetHeight: 0 }).message).toContain('drag 0.01 1/m');
  });
});

describe('checkNumber', () => {
  it('returns a number in range, and refuses one outside it naming the field', () => {
    expect(checkNumber('x', 1, { min: 0, max: 2 })).toBe(1);
    expect(() => checkNumber('x', 3, { min: 0, max: 2 })).toThrow('x must be a finite number in [0, 2]; received 3');
    expect(() => checkNumber('x', 0, { min: 0, minOpen: true })).toThrow('x must be a finite number > 0; received 0');
    expect(() => checkNumber('angle', 2, { min: 0, max: Math.PI / 2 })).toThrow('angle must be a finite number in [0, π/2]; received 2');
  });

  it('refuses every value that is not a finite number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(NaN), fc.constant(Infinity), fc.constant(-Infinity), fc.string(), fc.constant(null), fc.constant(undefined), fc.object()), (value) => {
        expect(() => checkNumber('x', value)).toThrow(InvalidInputError);
      }),
    );
  });

  it('accepts every finite number inside closed bounds', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => checkNumber('x', value, { min: -1e6, max: 1e6 }) === value));
  });
});

describe('checkInteger and checkRange', () => {
  it('takes whole numbers only', () => {
    expect(checkInteger('shots', 3, { min: 1 })).toBe(3);
    expect(() => checkInteger('shots', 2.5, { min: 1 })).toThrow('shots must be a whole number ≥ 1; received 2.5');
    expect(() => checkInteger('steps', 0, { min: 1, max: 9 })).toThrow('steps must be a whole number in [1, 9]; received 0');
  });

  it('takes an ordered pair within bounds', () => {
    expect(checkRange('speedRange', [0, 10], { min: 0 })).toEqual([0, 10]);
    expect(checkRange('heights', [2, 2], { point: true })).toEqual([2, 2]);
    expect(() => checkRange('speedRange', [10, 0], { min: 0 })).toThrow('speedRange must be a pair [low, high] of finite numbers with 0 ≤ low < high; received an array');
    expect(() => checkRange('speedRange', [0], {})).toThrow(InvalidInputError);
  });
});

describe('isNumberColumn', () => {
  it('takes arrays and typed arrays of numbers, and nothing else', () => {
    for (const column of [[], [1, 2], new Float32Array(2), new Float64Array(0), new Int32Array(3), new Uint8ClampedArray(1)]) expect(isNumberColumn(column)).toBe(true);
    const others = [null, undefined, 3, '12', { length: 2, 0: 1, 1: 2 }, new DataView(new ArrayBuffer(8)), new BigInt64Array(1), new BigUint64Array(1), new ArrayBuffer(8), new Set([1])];
    for (const other of others) expect(isNumberColumn(other)).toBe(false);
  });

  it('answers for any value, and a column it takes has a whole length', () => {
    fc.assert(fc.property(fc.anything({ withTypedArray: true, withBigInt: true, withMap: true, withSet: true }), (value) => {
      const taken = isNumberColumn(value);
      return !taken || Number.isInteger((value as ArrayLike<number>).length);
    }));
  });
});
