import { describe, expect, it } from 'vitest';
import { CannonError } from '@cannon/errors';
import { dragCoefficient, fire, InvalidInputError, landing, maximumRange, trajectory, vacuumArcs, vacuumMinimumSpeed } from '../src/index.js';

describe('bad input', () => {
  it('names the launch field and the allowed range', () => {
    expect(() => landing({ speed: NaN, angle: 0.5 })).toThrow('speed must be a finite number in [0, 10000]; received NaN');
    expect(() => landing({ speed: -1, angle: 0.5 })).toThrow('speed must be a finite number in [0, 10000]; received -1');
    expect(() => landing({ speed: Infinity, angle: 0.5 })).toThrow(/speed must be a finite number in \[0, 10000\]; received Infinity/);
    expect(() => landing({ speed: '5' as never, angle: 0.5 })).toThrow('speed must be a finite number in [0, 10000]; received "5"');
    expect(() => landing({ speed: 5, angle: 2 })).toThrow('angle must be a finite number in (−π/2, π/2); received 2');
    expect(() => landing({ speed: 5, angle: Math.PI / 2 })).toThrow(/angle must be a finite number in \(−π\/2, π\/2\)/);
    expect(() => landing(null as never)).toThrow(/launch must be an object/);
  });

  it('names the world field and the allowed range', () => {
    expect(() => landing({ speed: 5, angle: 0.5 }, { drag: -0.1 })).toThrow('world.drag must be a finite number in [0, 100]; received -0.1');
    expect(() => landing({ speed: 5, angle: 0.5 }, { gravity: 0 })).toThrow('world.gravity must be a finite number in [0.01, 1000]; received 0');
    expect(() => landing({ speed: 5, angle: 0.5 }, { wind: NaN })).toThrow('world.wind must be a finite number in [-1000, 1000]; received NaN');
    expect(() => landing({ speed: 5, angle: 0.5 }, { targetHeight: Infinity })).toThrow(/world\.targetHeight/);
    expect(() => landing({ speed: 5, angle: 0.5 }, { drg: 0.1 } as never)).toThrow(/world\.drg must be one of gravity, drag, wind, launchHeight, targetHeight/);
  });

  it('throws InvalidInputError carrying the field', () => {
    try {
      landing({ speed: 5, angle: 0.5 }, { drag: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toBeInstanceOf(CannonError);
      expect((error as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((error as InvalidInputError).field).toBe('world.drag');
    }
  });

  it('checks the arguments of every other function', () => {
    expect(() => vacuumMinimumSpeed(0)).toThrow(/distance must be a finite number > 0/);
    expect(() => vacuumArcs(5, -1)).toThrow(/speed must be a finite number > 0/);
    expect(() => maximumRange(-3)).toThrow(/speed must be a finite number in \[0, 10000\]/);
    expect(() => trajectory({ speed: 5, angle: 0.5 }, {}, { samples: 1 })).toThrow('samples must be a whole number in [2, 1000000]; received 1');
    expect(() => trajectory({ speed: 5, angle: 0.5 }, {}, { samples: 2.5 })).toThrow('samples must be a whole number in [2, 1000000]; received 2.5');
    expect(() => dragCoefficient({ mass: 0, diameter: 0.1 })).toThrow(/mass must be a finite number > 0/);
    expect(() => fire({ shots: 0 })).toThrow(/shots must be a whole number in \[1, 10000000\]; received 0/);
    expect(() => fire({ shots: 2.5 })).toThrow(/shots must be a whole number in \[1, 10000000\]; received 2.5/);
    // Refused before anything is allocated: two billion shots would take minutes and all memory.
    expect(() => fire({ shots: 2 ** 31 - 1 })).toThrow(/shots must be a whole number in \[1, 10000000\]; received 2147483647/);
    expect(() => fire({ speedRange: [5, 1] })).toThrow(/speedRange must be a pair \[low, high\]/);
    expect(() => fire({ noise: -1 })).toThrow(/noise must be a finite number ≥ 0/);
  });
});

describe('dragCoefficient', () => {
  it('computes k = ρ·Cd·A/(2m) for a sphere', () => {
    // A 0.145 kg baseball, 7.4 cm across, Cd 0.3, sea-level air.
    const k = dragCoefficient({ mass: 0.145, diameter: 0.074, dragCoefficient: 0.3, airDensity: 1.225 });
    expect(k).toBeCloseTo((1.225 * 0.3 * Math.PI * 0.037 ** 2) / (2 * 0.145), 12);
  });
});
