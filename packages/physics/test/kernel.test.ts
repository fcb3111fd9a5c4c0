import { describe, expect, it } from 'vitest';
import { createRandom } from '@cannon/random';
import { landing, shotFields, simulateLandings, supportedRanges, type ShotColumns } from '../src/index.js';

describe('the flight kernel', () => {
  it('flies shots two at a time without one lane disturbing the other', () => {
    // Mixed on purpose: short and long flights, no landings, landings at the muzzle, odd batch size.
    const random = createRandom(12);
    const count = 101;
    const columns: ShotColumns = {
      speed: Array.from({ length: count }, (_, i) => (i % 7 === 0 ? 0 : random.between(0, 20))),
      angle: Array.from({ length: count }, () => random.between(-1.5, 1.5)),
      gravity: [9.81],
      drag: Array.from({ length: count }, () => random.between(0, 0.1)),
      wind: Array.from({ length: count }, () => random.between(-5, 5)),
      launchHeight: Array.from({ length: count }, (_, i) => (i % 5 === 0 ? 0 : random.between(-2, 2))),
      targetHeight: Array.from({ length: count }, (_, i) => (i % 5 === 0 ? 0 : random.between(-2, 2))),
    };
    const together = simulateLandings(columns, count, shotFields);
    let landed = 0;
    for (let i = 0; i < count; i++) {
      const one = Object.fromEntries(shotFields.map((f) => [f, [columns[f].length === 1 ? columns[f][0] : columns[f][i]]])) as unknown as ShotColumns;
      const alone = simulateLandings(one, 1, shotFields);
      expect(Object.is(together.distance[i], alone.distance[0]) || together.distance[i] === alone.distance[0]).toBe(true);
      for (const field of shotFields) expect(together.partials[field]![i]).toBe(alone.partials[field]![0]);
      if (!Number.isNaN(alone.distance[0])) landed++;
    }
    expect(landed).toBeGreaterThan(30);
    expect(landed).toBeLessThan(count);
  });

  it('flies landings without derivatives eight lanes at a time, each lane taking the next shot as its own stops', () => {
    // Flights of 1 to thousands of steps side by side, shots that never land, one out of steps in the middle:
    // every lane stops at a different step and takes a new shot then. Landings alone are flown by another
    // loop than landings with derivatives, on the same operations: the distances must agree to the bit.
    const random = createRandom(31);
    const count = 203;
    const columns: ShotColumns = {
      speed: Array.from({ length: count }, (_, i) => (i === 100 ? 1e4 : i % 9 === 0 ? 0 : random.between(0, 60))),
      angle: Array.from({ length: count }, () => random.between(-1.5, 1.5)),
      gravity: Array.from({ length: count }, (_, i) => (i === 100 ? 0.01 : 9.81)),
      drag: Array.from({ length: count }, (_, i) => (i === 100 ? 100 : i % 4 === 0 ? random.between(0, 5) : random.between(0, 0.1))),
      wind: Array.from({ length: count }, () => random.between(-5, 5)),
      launchHeight: Array.from({ length: count }, () => random.between(-2, 2)),
      targetHeight: Array.from({ length: count }, () => random.between(-2, 2)),
    };
    const values = simulateLandings(columns, count);
    const withDerivatives = simulateLandings(columns, count, ['speed', 'angle']);
    expect(Array.from(values.unresolved)).toEqual(Array.from(withDerivatives.unresolved));
    expect(values.unresolved[100]).toBe(1);
    for (let i = 0; i < count; i++) {
      expect(Object.is(values.distance[i], withDerivatives.distance[i]), `shot ${i}`).toBe(true);
      expect(Object.is(values.flightTime[i], withDerivatives.flightTime[i]), `shot ${i}`).toBe(true);
    }
    const landed = values.distance.filter(Number.isFinite).length;
    expect(landed).toBeGreaterThan(60);
    expect(landed).toBeLessThan(count - 1);
    // And one shot alone lands where it does in the batch.
    for (const i of [0, 1, 57, 101, 202]) {
      const one = Object.fromEntries(shotFields.map((f) => [f, [columns[f][i]]])) as unknown as ShotColumns;
      expect(Object.is(simulateLandings(one, 1).distance[0], values.distance[i])).toBe(true);
    }
  });

  it('differentiates with respect to speed and angle alone in two seeded directions, as the three of the launch set do', () => {
    // Two seeded directions (each a move of the launch velocity and of the step together) in place of the launch
    // set's three: the same landings to the bit, the same partials but for the order of their rounding.
    const random = createRandom(47);
    const count = 4001;
    const columns: ShotColumns = {
      speed: Array.from({ length: count }, (_, i) => (i % 3 === 0 ? random.between(0, 800) : random.between(0, 60))),
      angle: Array.from({ length: count }, () => random.between(-1.5, 1.5)),
      gravity: Array.from({ length: count }, () => random.between(1, 20)),
      drag: Array.from({ length: count }, (_, i) => (i % 4 === 0 ? random.between(0, 3) : random.between(0, 0.1))),
      wind: Array.from({ length: count }, () => random.between(-10, 10)),
      launchHeight: Array.from({ length: count }, () => random.between(-3, 3)),
      targetHeight: Array.from({ length: count }, () => random.between(-3, 3)),
    };
    const two = simulateLandings(columns, count, ['speed', 'angle']);
    const three = simulateLandings(columns, count, ['speed', 'angle', 'targetHeight']);
    let landed = 0;
    for (let i = 0; i < count; i++) {
      expect(Object.is(two.distance[i], three.distance[i]), `shot ${i}`).toBe(true);
      expect(Object.is(two.flightTime[i], three.flightTime[i]), `shot ${i}`).toBe(true);
      if (!Number.isFinite(two.distance[i])) continue;
      landed++;
      // What a partial is measured against: the distance, per m/s of speed or per radian of angle.
      const scale = Math.abs(two.distance[i]) + 1e-9;
      expect(Math.abs(two.partials.speed![i] - three.partials.speed![i]) * Math.max(columns.speed[i], 1), `∂/∂speed of shot ${i}`).toBeLessThan(1e-10 * scale);
      expect(Math.abs(two.partials.angle![i] - three.partials.angle![i]), `∂/∂angle of shot ${i}`).toBeLessThan(1e-10 * scale);
    }
    expect(landed).toBeGreaterThan(2000);
    // One of them alone, speed or angle, is the same as both.
    const speedAlone = simulateLandings(columns, count, ['speed']);
    expect(Array.from(speedAlone.partials.speed!)).toEqual(Array.from(two.partials.speed!));
  });

  it('stops with a clear error instead of stepping forever when a shot would need more steps than its budget', () => {
    expect(() => landing({ speed: 1e4, angle: 0.6 }, { drag: 100, gravity: 0.01 })).toThrow(/could not be followed to its landing within \d+ steps/);
  });

  it('refuses values outside the supported ranges, naming the field and the range', () => {
    for (const [field, [min, max]] of Object.entries(supportedRanges)) {
      const world = field === 'speed' ? {} : { [field]: max * 1.0001 + 1e-9 };
      const launch = { speed: field === 'speed' ? max * 1.0001 : 5, angle: 0.5 };
      const name = field === 'speed' ? 'speed' : `world.${field}`;
      expect(() => landing(launch, world), field).toThrow(`${name} must be a finite number in [${min}, ${max}]`);
    }
    expect(() => landing({ speed: 5, angle: 0.5 }, { gravity: 1e-200 })).toThrow('world.gravity must be a finite number in [0.01, 1000]; received 1e-200');
  });
});
