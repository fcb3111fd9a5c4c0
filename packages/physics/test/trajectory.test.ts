import { describe, expect, it } from 'vitest';
import { landing, trajectory } from '../src/index.js';

describe('trajectory', () => {
  it('samples the path from the muzzle to the landing at even times', () => {
    const world = { drag: 0.03, wind: 2, launchHeight: 1 };
    const path = trajectory({ speed: 12, angle: 0.8 }, world, { samples: 50 });
    const hit = landing({ speed: 12, angle: 0.8 }, world)!;
    expect(path.points).toHaveLength(50);
    expect(path.points[0]).toEqual({ t: 0, x: 0, y: 1 });
    const last = path.points[49];
    expect(last.t).toBeCloseTo(hit.flightTime, 12);
    expect(last.x).toBeCloseTo(hit.distance, 9);
    expect(last.y).toBeCloseTo(0, 9);
    const dt = path.points[1].t - path.points[0].t;
    path.points.forEach((p, i) => expect(p.t).toBeCloseTo(i * dt, 12));
    expect(path.landing).toEqual(hit);
  });

  it('follows the vacuum parabola exactly', () => {
    const v = 10;
    const a = 0.9;
    for (const p of trajectory({ speed: v, angle: a }).points) {
      expect(p.x).toBeCloseTo(v * Math.cos(a) * p.t, 9);
      expect(p.y).toBeCloseTo(v * Math.sin(a) * p.t - 0.5 * 9.81 * p.t * p.t, 9);
    }
  });

  it('ends where the ball falls back to the launch height when it never reaches the target height', () => {
    const path = trajectory({ speed: 5, angle: 0.6 }, { targetHeight: 3 });
    expect(path.landing).toBeNull();
    expect(path.points.at(-1)!.y).toBeCloseTo(0, 9);
    expect(Math.max(...path.points.map((p) => p.y))).toBeLessThan(3);
  });
});
