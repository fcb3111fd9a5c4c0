import { readFileSync } from 'node:fs';
import { InvalidInputError } from '@cannon/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dragCoefficientAt, dragTable, dragTables, type DragPoint } from '../src/index.js';

/** SciPy's PchipInterpolator through each standard table, and its derivative (test/fixtures/pchip-scipy.mjs made it). */
const scipy = JSON.parse(readFileSync(new URL('./fixtures/pchip-scipy.json', import.meta.url), 'utf8')) as {
  scipy: string;
  tables: Record<'G1' | 'G7' | 'GS', { mach: number[]; cd: number[]; perMach: number[] }>;
};

describe('the standard drag tables', () => {
  it('are G1, G7 and GS, from Mach 0, with drag coefficients where ballistics puts them', () => {
    expect(Object.keys(dragTables)).toEqual(['G1', 'G7', 'GS']);
    for (const table of Object.values(dragTables)) expect(table.mach[0]).toBe(0);
    // At the sound barrier: G1 0.4805, G7 0.3803 (its drag rises later and more steeply), the sphere 0.814.
    expect(dragCoefficientAt(dragTables.G1, 1).cd).toBe(0.4805);
    expect(dragCoefficientAt(dragTables.G7, 1).cd).toBe(0.3803);
    expect(dragCoefficientAt(dragTables.GS, 1).cd).toBe(0.814);
    expect([dragTables.G1.mach.length, dragTables.G7.mach.length, dragTables.GS.mach.length]).toEqual([79, 84, 81]);
  });

  it(`interpolate as SciPy's PchipInterpolator does (SciPy ${scipy.scipy}), value and slope, to 1e-14`, () => {
    for (const [name, reference] of Object.entries(scipy.tables)) {
      const table = dragTables[name as keyof typeof dragTables];
      reference.mach.forEach((mach, i) => {
        const { cd, perMach } = dragCoefficientAt(table, mach);
        expect(Math.abs(cd - reference.cd[i]), `${name} Cd at Mach ${mach}`).toBeLessThan(1e-14);
        expect(Math.abs(perMach - reference.perMach[i]), `${name} dCd/dM at Mach ${mach}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(reference.perMach[i])));
      });
      expect(reference.mach.length).toBeGreaterThan(1000);
    }
  });

  it('hold the first and last drag coefficient beyond the ends, with no slope there', () => {
    const fromHalf = dragTable([[0.5, 0.4], [1, 0.6], [2, 0.5]]);
    expect(dragCoefficientAt(fromHalf, 0.2)).toEqual({ cd: 0.4, perMach: 0 });
    for (const table of Object.values(dragTables)) {
      const last = table.mach.length - 1;
      expect(dragCoefficientAt(table, table.mach[last] + 0.5)).toEqual({ cd: table.cd[last], perMach: 0 });
      expect(dragCoefficientAt(table, 1e6)).toEqual({ cd: table.cd[last], perMach: 0 });
      const atLast = dragCoefficientAt(table, table.mach[last]);
      expect(atLast.cd).toBe(table.cd[last]);
      expect(atLast.perMach).toBeCloseTo(table.slopes[last], 14);
    }
    const shifted = dragTable([[0.5, 0.3], [1, 0.5], [2, 0.4]]);
    expect(dragCoefficientAt(shifted, 0.2)).toEqual({ cd: 0.3, perMach: 0 });
  });
});

describe('dragTable, a table of your own', () => {
  /** Tables of 2 to 30 points, Mach increasing from ≥ 0, Cd > 0. */
  const tables = fc
    .array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true })), { minLength: 2, maxLength: 30 })
    .chain((steps) => fc.double({ min: 0, max: 1, noNaN: true }).map((start) => {
      let mach = start;
      return steps.map(([step, cd], k): DragPoint => [k === 0 ? mach : (mach += step), cd]);
    }));

  it('passes through its points and stays, between two, within their drag coefficients (no overshoot)', () => {
    fc.assert(
      fc.property(tables, (points) => {
        const table = dragTable(points);
        points.forEach(([mach, cd]) => expect(dragCoefficientAt(table, mach).cd).toBeCloseTo(cd, 14));
        for (let k = 0; k + 1 < points.length; k++) {
          const [[m0, c0], [m1, c1]] = [points[k], points[k + 1]];
          for (let j = 1; j < 8; j++) {
            const { cd } = dragCoefficientAt(table, m0 + ((m1 - m0) * j) / 8);
            expect(cd).toBeGreaterThanOrEqual(Math.min(c0, c1) - 1e-12);
            expect(cd).toBeLessThanOrEqual(Math.max(c0, c1) + 1e-12);
          }
        }
      }),
    );
  });

  it('has a slope that is the derivative of its drag coefficient, continuous across its points', () => {
    fc.assert(
      fc.property(tables, fc.double({ min: 0, max: 1, noNaN: true }), (points, where) => {
        const table = dragTable(points);
        const first = points[0][0];
        const span = points.at(-1)![0] - first;
        const mach = first + span * (0.02 + 0.96 * where);
        const h = 1e-7 * span;
        const difference = (dragCoefficientAt(table, mach + h).cd - dragCoefficientAt(table, mach - h).cd) / (2 * h);
        const { perMach } = dragCoefficientAt(table, mach);
        expect(Math.abs(perMach - difference)).toBeLessThan(1e-5 * Math.max(1, Math.abs(perMach)));
        // Both sides of an inner point meet at its slope.
        points.slice(1, -1).forEach(([knot], k) => {
          const e = 1e-12 * span;
          for (const side of [knot - e, knot, knot + e]) expect(Math.abs(dragCoefficientAt(table, side).perMach - table.slopes[k + 1])).toBeLessThan(1e-6);
        });
      }),
    );
  });

  it('refuses a table it cannot interpolate, naming the point and what is allowed', () => {
    expect(() => dragTable([[0, 0.3]])).toThrow('points must be an array of 2 to 10000 [Mach, Cd] pairs');
    expect(() => dragTable([[0, 0.3], [0, 0.4]])).toThrow('points[1][0] must be a finite Mach number > 0 (the Mach numbers increase); received 0');
    expect(() => dragTable([[-0.1, 0.3], [1, 0.4]])).toThrow('points[0][0] must be a finite Mach number ≥ 0; received -0.1');
    expect(() => dragTable([[0, 0.3], [1, -0.4]])).toThrow('points[1][1] must be a finite drag coefficient > 0; received -0.4');
    expect(() => dragTable([[0, 0.3], [1, NaN]])).toThrow(InvalidInputError);
    expect(() => dragTable([[0, 0.3], [1, 0.4, 2] as never])).toThrow('points[1] must be a pair [Mach, Cd]');
    expect(() => dragTable('G1' as never)).toThrow(InvalidInputError);
    expect(() => dragTable([[0, 0.3], [1, 0.4]], '')).toThrow('name must be a non-empty string');
  });

  it('names a bad Mach number or table', () => {
    expect(() => dragCoefficientAt(dragTables.GS, NaN)).toThrow('mach must be a finite number ≥ 0; received NaN');
    expect(() => dragCoefficientAt(dragTables.GS, -1)).toThrow('mach must be a finite number ≥ 0; received -1');
    expect(() => dragCoefficientAt(dragTables.GS, '1' as never)).toThrow('mach must be a finite number ≥ 0; received "1"');
    expect(() => dragCoefficientAt({} as never, 1)).toThrow(/^table must be a drag table: dragTables\.G1, G7 or GS, or one made by dragTable; received/);
  });
});
