// The drag tables as the three-dimensional kernel reads them (kernel/drag.ts, laid out by src/impacts.ts): the same
// PCHIP as `dragCoefficientAt`, at every Mach number a flight meets, at the knots, and held beyond the ends.
import { describe, expect, it } from 'vitest';
import { dragCoefficientAt, dragTable, dragTables, type DragTable } from '../src/index.js';
import { layTable } from '../src/impacts.js';
import { flightKernel } from '../src/kernel.js';

const irregular = dragTable([
  [0.3, 0.2],
  [0.31, 0.25],
  [0.9, 0.3],
  [1.1, 0.7],
  [1.1001, 0.69],
  [1.100101, 0.68],
  [1.100102, 0.66],
  [3.7, 0.4],
]);

function heldTo(table: DragTable) {
  const kernel = flightKernel();
  const at = kernel.heapBase();
  layTable(kernel, at, table);
  const first = table.mach[0];
  const last = table.mach[table.mach.length - 1];
  const knots = Array.from(table.mach);
  const middles = knots.slice(1).map((mach, k) => (knots[k] + mach) / 2);
  const machs = [...knots, ...middles, ...Array.from({ length: 20_001 }, (_, i) => first - 1 + ((last - first + 2) * i) / 20_000)];
  let worst = 0;
  let worstSlope = 0;
  for (const mach of machs) {
    const cd = kernel.dragCoefficientAt(at, mach);
    const slope = kernel.dragCoefficientPerMachAt();
    const exact = dragCoefficientAt(table, Math.min(Math.max(mach, first), last));
    worst = Math.max(worst, Math.abs(cd - exact.cd));
    if (mach > first && mach < last) worstSlope = Math.max(worstSlope, Math.abs(slope - exact.perMach) / (1 + Math.abs(exact.perMach)));
    else expect(slope, `slope beyond the table at Mach ${mach}`).toBe(0);
  }
  return { worst, worstSlope };
}

describe("the kernel's drag tables", () => {
  it.each([['G1', dragTables.G1], ['G7', dragTables.G7], ['GS', dragTables.GS], ['an irregular table of its own', irregular]] as const)(
    '%s: Cd within 10⁻¹⁴ of the PCHIP, its slope within 10⁻¹², held beyond the ends with a slope 0',
    (_, table) => {
      const { worst, worstSlope } = heldTo(table);
      expect(worst).toBeLessThan(1e-14);
      expect(worstSlope).toBeLessThan(1e-12);
    },
  );
});
