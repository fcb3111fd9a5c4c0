// The air the three-dimensional kernel flies through (kernel/air.ts): its table of the density's power of the
// temperature held to the power itself, and its slope to the power's derivative, over every height a flight can reach.
import { describe, expect, it } from 'vitest';
import { GAS_CONSTANT, LAPSE_RATE, STANDARD_GRAVITY } from '../src/index.js';
import { flightKernel } from '../src/kernel.js';

const exponent = STANDARD_GRAVITY / (GAS_CONSTANT * LAPSE_RATE) - 1;

describe("the kernel's air", () => {
  it('is (1 − u)ⁿ to 2·10⁻¹⁴, and its slope −n·(1 − u)ⁿ⁻¹ to 10⁻¹⁰, from 10 km below the muzzle to 23 km above it', () => {
    const kernel = flightKernel();
    kernel.prepareAir();
    let worst = 0;
    let worstSlope = 0;
    for (let i = 1; i < 100_000; i++) {
      const u = -0.2 + i / 100_000;
      const exact = (1 - u) ** exponent;
      worst = Math.max(worst, Math.abs(kernel.densityRatioAt(u) / exact - 1));
      worstSlope = Math.max(worstSlope, Math.abs(kernel.densityRatioPerUAt() / (-exponent * (1 - u) ** (exponent - 1)) - 1));
    }
    expect(worst).toBeLessThan(2e-14);
    expect(worstSlope).toBeLessThan(1e-10);
  });

  it('holds the density at the ends of its table beyond them', () => {
    const kernel = flightKernel();
    kernel.prepareAir();
    expect(kernel.densityRatioAt(-0.5)).toBe(kernel.densityRatioAt(-0.2));
    expect(kernel.densityRatioPerUAt()).toBe(0);
    expect(kernel.densityRatioAt(0.95)).toBe(kernel.densityRatioAt(0.8));
  });
});
