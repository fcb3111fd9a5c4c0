import { InvalidInputError } from '@cannon/errors';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { air, airRanges, dragTables, standardAtmosphere } from '../src/index.js';
import { loadJsBallistics, type JsBallistics } from './js-ballistics.js';

describe('the air', () => {
  it('is the standard atmosphere at sea level and at the tropopause (U.S. Standard Atmosphere 1976)', () => {
    const sea = air(0);
    expect(sea.temperature).toBe(288.15);
    expect(sea.pressure).toBeCloseTo(101325, 9);
    expect(sea.density).toBeCloseTo(1.225, 4);
    expect(sea.speedOfSound).toBeCloseTo(340.294, 3);
    // 11 km: 216.65 K, 22 632 Pa, 0.36392 kg/m³, 295.07 m/s; reached from the muzzle at sea level or from one there.
    for (const tropopause of [air(11000), air(0, { altitude: 11000 })]) {
      expect(tropopause.temperature).toBeCloseTo(216.65, 9);
      expect(Math.abs(tropopause.pressure - 22632)).toBeLessThan(1);
      expect(tropopause.density).toBeCloseTo(0.36392, 4);
      expect(tropopause.speedOfSound).toBeCloseTo(295.07, 2);
    }
    expect(standardAtmosphere(0)).toEqual({ temperature: 15, pressure: 1013.25 });
  });

  it('is anchored at the muzzle: a height above a muzzle at one altitude is that altitude and height above the sea', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 6000, noNaN: true }), fc.double({ min: -400, max: 4000, noNaN: true }), (altitude, height) => {
        const up = air(height, { altitude });
        const there = air(0, { altitude: altitude + height });
        for (const field of ['density', 'speedOfSound', 'temperature', 'pressure'] as const) expect(up[field]).toBeCloseTo(there[field], 9);
      }),
    );
  });

  it('starts from what was measured at the muzzle: its temperature and station pressure', () => {
    const warm = air(0, { altitude: 400, temperature: 30, pressure: 1000 });
    expect(warm.temperature).toBe(303.15);
    expect(warm.pressure).toBe(100000);
    expect(warm.density).toBeCloseTo(100000 / (287.05287 * 303.15), 12);
    expect(warm.speedOfSound).toBeCloseTo(Math.sqrt(1.4 * 287.05287 * 303.15), 12);
    // A temperature alone keeps the altitude's standard pressure, and the other way round.
    expect(air(0, { altitude: 1000, temperature: -10 }).pressure).toBeCloseTo(100 * standardAtmosphere(1000).pressure, 9);
    expect(air(0, { altitude: 1000, pressure: 950 }).temperature).toBeCloseTo(standardAtmosphere(1000).temperature + 273.15, 12);
  });

  it('changes with height as its derivatives say', () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 8000, noNaN: true }), fc.double({ min: -300, max: 3000, noNaN: true }), fc.double({ min: -30, max: 40, noNaN: true }), (altitude, height, temperature) => {
        const conditions = { altitude, temperature };
        const h = 1e-2;
        const [below, here, above] = [air(height - h, conditions), air(height, conditions), air(height + h, conditions)];
        expect(here.densityPerHeight).toBeCloseTo((above.density - below.density) / (2 * h), 9);
        expect(here.speedOfSoundPerHeight).toBeCloseTo((above.speedOfSound - below.speedOfSound) / (2 * h), 9);
      }),
    );
  });

  it('refuses conditions outside its ranges, naming the field and the range', () => {
    expect(() => air(0, { altitude: 20000 })).toThrow(`altitude must be a finite number in [${airRanges.altitude[0]}, ${airRanges.altitude[1]}]; received 20000`);
    expect(() => air(0, { temperature: 100 })).toThrow('temperature must be a finite number in [-80, 60]; received 100');
    expect(() => air(0, { pressure: 5 })).toThrow('pressure must be a finite number in [100, 1200]; received 5');
    expect(() => air(Number.NaN)).toThrow(InvalidInputError);
    expect(() => air(1e6)).toThrow(/^height must be/);
    expect(() => air(0, null as never)).toThrow('conditions must be an object { altitude?, temperature?, pressure? }; received null');
  });
});

describe('against js-ballistics, the peer calculator', () => {
  let peer: JsBallistics;
  beforeAll(async () => {
    peer = await loadJsBallistics();
  });

  it('ships the same G1, G7 and GS tables, point for point', () => {
    for (const name of ['G1', 'G7', 'GS'] as const) {
      const table = dragTables[name];
      expect(peer.Table[name].map((point) => [point.Mach, point.CD])).toEqual(Array.from(table.mach, (mach, k) => [mach, table.cd[k]]));
    }
  });

  it('has the same air, to its rounded constants: density within 0.2%, the speed of sound within 0.05%', () => {
    for (const [altitude, temperature, pressure] of [[0, 15, 1013.25], [1500, 5, 850], [300, 35, 990], [2500, -10, 760]]) {
      const ours = air(0, { altitude, temperature, pressure });
      const theirs = new peer.Atmo({ altitude: peer.UNew.Meter(altitude), temperature: peer.UNew.Celsius(temperature), pressure: peer.UNew.hPa(pressure) });
      expect(Math.abs(ours.density / 1.225 / theirs.densityRatio - 1), `density at ${altitude} m, ${temperature} °C, ${pressure} hPa`).toBeLessThan(2e-3);
      expect(Math.abs(ours.speedOfSound / theirs.mach.In(peer.Unit.MPS) - 1), `speed of sound at ${temperature} °C`).toBeLessThan(5e-4);
    }
  });
});
