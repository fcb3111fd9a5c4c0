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
