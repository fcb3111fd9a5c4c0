import { simulateImpacts } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { describe, expect, it } from 'vitest';
import { aimForHit, diskProbability, hitProbability, type Uncertainty } from '../src/index.js';

/** The share of `draws` shots, each with the uncertain quantities drawn, that land within the radius: the physics flies them all. */
function monteCarlo(shot: { speed: number; angle: number; azimuth: number }, target: { x: number; y: number }, drag: number, wind: [number, number], u: Uncertainty, draws: number, seed: number): number {
  const random = createRandom(seed);
  const column = (f: () => number) => Float64Array.from({ length: draws }, f);
  const impacts = simulateImpacts(
    {
      speed: column(() => shot.speed + (u.speedSd ?? 0) * random.normal()),
      elevation: column(() => shot.angle + (u.angleSd ?? 0) * random.normal()),
      azimuth: column(() => shot.azimuth + (u.azimuthSd ?? 0) * random.normal()),
      gravity: [9.81],
      drag: [drag],
      windX: column(() => wind[0] + (u.windSd ?? 0) * random.normal()),
      windY: column(() => wind[1] + (u.windSd ?? 0) * random.normal()),
      launchHeight: [0],
      targetHeight: [0],
    },
    draws,
  );
  let hits = 0;
  for (let i = 0; i < draws; i++) if (Math.hypot(impacts.x[i] - target.x, impacts.y[i] - target.y) <= u.radius) hits += 1;
  return hits / draws;
}

describe('diskProbability', () => {
  it('is the Rayleigh law for a round spread about the centre, the normal law for a spread along one line, and 0 or 1 for none', () => {
    for (const [sigma, r] of [[1, 1], [0.5, 2], [3, 1]]) expect(diskProbability(0, 0, [sigma * sigma, 0, sigma * sigma], r)).toBeCloseTo(1 - Math.exp(-(r * r) / (2 * sigma * sigma)), 10);
    // Along x only, σ = 1: P(|x| ≤ 1) = 0.682689…
    expect(diskProbability(0, 0, [1, 0, 0], 1)).toBeCloseTo(0.6826894921, 6);
    expect(diskProbability(0.5, 0, [0, 0, 0], 1)).toBe(1);
    expect(diskProbability(1.5, 0, [0, 0, 0], 1)).toBe(0);
  });

  it("matches a fine grid's sum for a tilted, stretched spread off the centre", () => {
    const [mx, my, xx, xy, yy, r] = [0.4, -0.3, 0.8, 0.3, 0.25, 1];
    const det = xx * yy - xy * xy;
    let sum = 0;
    const h = 0.002;
    for (let x = -r; x <= r; x += h) {
      for (let y = -r; y <= r; y += h) {
        if (x * x + y * y > r * r) continue;
        const [dx, dy] = [x - mx, y - my];
        sum += Math.exp(-(yy * dx * dx - 2 * xy * dx * dy + xx * dy * dy) / (2 * det)) / (2 * Math.PI * Math.sqrt(det));
      }
    }
    expect(diskProbability(mx, my, [xx, xy, yy], r)).toBeCloseTo(sum * h * h, 3);
  });
});

describe('aimForHit', () => {
  const target = { x: 40, y: 10 };
  const [drag, wind] = [0.01, [3, -2] as [number, number]];
  const u: Uncertainty = { windSd: 1, speedSd: 0.3, angleSd: 0.003, radius: 0.5 };

  it('finds a shot with a better chance than the slowest, and both chances are what 20 000 shots through the physics say', () => {
    const aimed = aimForHit(target, { drag, wind }, u);
    expect(aimed.error).toBeLessThanOrEqual(0.001);
    expect(aimed.hitProbability).toBeGreaterThan(aimed.plain.hitProbability + 0.1);
    const draws = 20_000;
    for (const [shot, seed] of [[aimed, 1], [aimed.plain, 2]] as const) {
      const truth = monteCarlo(shot, target, drag, wind, u, draws, seed);
      // Within 4 of the sampling's standard errors, and 0.01 for the linearisation.
      expect(Math.abs(shot.hitProbability - truth)).toBeLessThan(4 * Math.sqrt((truth * (1 - truth)) / draws) + 0.01);
    }
    expect(hitProbability(aimed, target, { drag, wind }, u)).toBeCloseTo(aimed.hitProbability, 12);
  });

  it("adds a calibration's uncertainty: its parameters drawn from their covariance, as 20 000 shots through the physics say", () => {
    const [k, w, scale] = [0.02, [2, -1.5] as [number, number], 0.96];
    const parameters = ['drag', 'windX', 'windY', 'speedScale', 'elevationBias'];
    const sd = [0.0008, 0.3, 0.2, 0.008, 0.004];
    const correlation = (i: number, j: number) => (i === j ? 1 : (i === 3 && j === 4) || (i === 4 && j === 3) ? -0.6 : 0);
    const covariance = sd.map((si, i) => sd.map((sj, j) => correlation(i, j) * si * sj));
    const uncertainty: Uncertainty = { radius: 0.5, calibration: { parameters, covariance, speedScale: scale } };
    const aimed = aimForHit(target, { drag: k, wind: w }, uncertainty);
    // The truth: each draw's parameters from N(fit, C) (C's Cholesky factor times standard normals), the same settings.
    const draws = 20_000;
    const random = createRandom(9);
    const l: number[][] = covariance.map(() => covariance.map(() => 0));
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = covariance[i][j];
        for (let m = 0; m < j; m++) sum -= l[i][m] * l[j][m];
        l[i][j] = i === j ? Math.sqrt(sum) : sum / l[j][j];
      }
    }
    for (const shot of [aimed, aimed.plain]) {
      const columns = { speed: new Float64Array(draws), elevation: new Float64Array(draws), azimuth: [shot.azimuth], gravity: [9.81], drag: new Float64Array(draws), windX: new Float64Array(draws), windY: new Float64Array(draws), launchHeight: [0], targetHeight: [0] };
      for (let d = 0; d < draws; d++) {
        const n = [0, 1, 2, 3, 4].map(() => random.normal());
        const delta = l.map((row) => row.reduce((sum, value, m) => sum + value * n[m], 0));
        columns.drag[d] = Math.max(0, k + delta[0]);
        columns.windX[d] = w[0] + delta[1];
        columns.windY[d] = w[1] + delta[2];
        columns.speed[d] = ((scale + delta[3]) * shot.speed) / scale;
        columns.elevation[d] = shot.angle + delta[4];
      }
      const impacts = simulateImpacts(columns, draws);
      let hits = 0;
      for (let d = 0; d < draws; d++) if (Math.hypot(impacts.x[d] - target.x, impacts.y[d] - target.y) <= 0.5) hits += 1;
      const truth = hits / draws;
      expect(truth).toBeGreaterThan(0.05);
      expect(truth).toBeLessThan(0.95);
      expect(Math.abs(shot.hitProbability - truth)).toBeLessThan(4 * Math.sqrt((truth * (1 - truth)) / draws) + 0.01);
    }
    expect(aimed.hitProbability).toBeGreaterThanOrEqual(aimed.plain.hitProbability);
    expect(() => aimForHit(target, {}, { radius: 1, calibration: { parameters: ['drag', 'gravity'], covariance: [[1, 0], [0, 1]], speedScale: 1 } })).toThrow(/uncertainty\.calibration\.parameters/);
    expect(() => aimForHit(target, {}, { radius: 1, calibration: { parameters: ['drag'], covariance: [[1, 0]], speedScale: 1 } })).toThrow(/uncertainty\.calibration\.covariance/);
  });

  it('keeps the slowest shot where nothing is better, and refuses what it cannot take, naming it', () => {
    // Only the elevation is uncertain: the slowest shot barely feels it, and no shot does better.
    const still = aimForHit({ x: 30, y: 0 }, {}, { angleSd: 0.01, radius: 0.2 });
    expect(still.hitProbability).toBeGreaterThanOrEqual(still.plain.hitProbability);
    expect(still.hitProbability).toBeGreaterThan(0.99);
    // No elevation spread: the faster the better, up to the default bound, twice the slowest shot's speed.
    const fast = aimForHit(target, { drag, wind }, { windSd: 1, speedSd: 0.3, radius: 0.5 });
    expect(fast.speed).toBeLessThanOrEqual(2 * fast.plain.speed * (1 + 1e-9));
    expect(fast.speed).toBeGreaterThan(1.5 * fast.plain.speed);
    expect(() => aimForHit(target, { drag, wind }, { windSd: 1 } as Uncertainty)).toThrow(/uncertainty\.radius/);
    expect(() => aimForHit(target, { drag, wind }, { ...u, speedSd: -1 })).toThrow(/uncertainty\.speedSd/);
    expect(() => aimForHit({ ...target, velocity: [1, 0] } as never, { drag, wind }, u)).toThrow(/target/);
  });
});
