import { dragTables, simulateImpacts } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { describe, expect, it } from 'vitest';
import { calibrate, parameterNames, parseShots, type ObservedShot } from '../src/index.js';

/** A cannon nobody measured: its drag, the wind, a charge 4% short, a barrel 0.5° high. */
const truth = { drag: 0.02, windX: 2, windY: -1.5, speedScale: 0.96, elevationBias: (0.5 * Math.PI) / 180 };

/** `n` shots of the true cannon at random settings, landing with Gaussian noise of `noise` m in x and y. */
function fire(n: number, noise: number, seed: number, spread = true): ObservedShot[] {
  const random = createRandom(seed);
  const set = Array.from({ length: n }, (_, i) => ({
    speed: spread ? 20 + 20 * random.uniform() : 30,
    angle: spread ? 15 + 50 * random.uniform() : 40,
    azimuth: spread ? -60 + 120 * random.uniform() : 0,
    targetHeight: 0,
    row: i + 2,
  }));
  const flown = flyTrue(set);
  return set.map((shot, i) => ({ ...shot, x: flown.x[i] + noise * random.normal(), y: flown.y[i] + noise * random.normal() }));
}

/** The true cannon's flights of shots set to (speed, angle°, azimuth°): where they land, and when. */
function flyTrue(set: readonly { speed: number; angle: number; azimuth: number }[]) {
  return simulateImpacts(
    {
      speed: set.map((shot) => shot.speed * truth.speedScale),
      elevation: set.map((shot) => (shot.angle * Math.PI) / 180 + truth.elevationBias),
      azimuth: set.map((shot) => (shot.azimuth * Math.PI) / 180),
      gravity: [9.81],
      drag: [truth.drag],
      windX: [truth.windX],
      windY: [truth.windY],
      launchHeight: [0],
      targetHeight: [0],
    },
    set.length,
  );
}

describe('calibrate', () => {
  it('recovers a cannon from exact shots to the last digits, from no guess', () => {
    const fitted = calibrate(fire(12, 0, 1));
    for (const name of parameterNames) expect(fitted.fit[name]).toBeCloseTo(truth[name], 9);
    expect(fitted.residualRms).toBeLessThan(1e-8);
    expect(fitted.shots).toBe(12);
  });

  it('recovers it from noisy shots within three standard errors, and flags a shot that landed far off', () => {
    const shots = fire(20, 0.5, 2);
    shots[7] = { ...shots[7], x: shots[7].x + 12 };
    const fitted = calibrate(shots.filter((_, i) => i !== 7));
    for (const name of parameterNames) expect(Math.abs(fitted.fit[name] - truth[name])).toBeLessThan(3 * fitted.standardError[name]);
    expect(fitted.residualRms).toBeGreaterThan(0.3);
    expect(fitted.residualRms).toBeLessThan(1.2);
    expect(fitted.outliers).toEqual([]);
    expect(calibrate(shots).outliers).toEqual([shots[7].row]);
  });

  it('with a Huber loss on request, a wild shot pulls the fit only a little', () => {
    const shots = fire(20, 0.5, 2);
    shots[7] = { ...shots[7], x: shots[7].x + 12 };
    const plain = calibrate(shots);
    const robust = calibrate(shots, { robust: 'huber' });
    const clean = calibrate(shots.filter((_, i) => i !== 7));
    // Nearer the fit without the wild shot than least squares is, for every parameter, and still within 3σ of the truth.
    for (const name of parameterNames) {
      expect(Math.abs(robust.fit[name] - clean.fit[name])).toBeLessThan(Math.abs(plain.fit[name] - clean.fit[name]));
      expect(Math.abs(robust.fit[name] - truth[name])).toBeLessThan(3 * robust.standardError[name]);
    }
    expect(robust.outliers).toEqual([shots[7].row]);
    expect(() => calibrate(shots, { robust: 'cauchy' as 'huber' })).toThrow(/options\.robust/);
  });

  it('gives standard errors that match the spread: about 95% of the 2σ intervals hold the truth over 200 noisy sets', () => {
    const repeats = 200;
    const covered: Record<string, number> = {};
    for (let r = 0; r < repeats; r++) {
      const fitted = calibrate(fire(20, 0.5, 100 + r));
      for (const name of parameterNames) if (Math.abs(fitted.fit[name] - truth[name]) <= 2 * fitted.standardError[name]) covered[name] = (covered[name] ?? 0) + 1;
    }
    // 95.4% expected; the binomial spread over 200 is ±1.5%, and the fit is linear only to first order.
    for (const name of parameterNames) {
      expect(covered[name] / repeats, name).toBeGreaterThan(0.9);
      expect(covered[name] / repeats, name).toBeLessThan(0.99);
    }
  });

  it('uses measured flight times, each weighed by its own noise: the fit is nearer and surer than from the landings alone', () => {
    const random = createRandom(40);
    const landings = fire(12, 1, 41);
    const flown = flyTrue(landings);
    const timed = landings.map((shot, i) => ({ ...shot, time: flown.flightTime[i] + 0.005 * random.normal() }));
    const without = calibrate(landings);
    const withTimes = calibrate(timed);
    expect(withTimes.flightTimeRms).toBeGreaterThan(0.001);
    expect(withTimes.flightTimeRms).toBeLessThan(0.01);
    expect(without.flightTimeRms).toBeUndefined();
    for (const name of parameterNames) {
      expect(withTimes.standardError[name]).toBeLessThan(without.standardError[name]);
      expect(Math.abs(withTimes.fit[name] - truth[name])).toBeLessThan(3 * withTimes.standardError[name]);
    }
    expect(() => calibrate([{ ...timed[0], time: -1 }, ...timed.slice(1)])).toThrow(new RegExp(`shots line ${timed[0].row}, column time`));
    expect(() => calibrate([{ ...timed[0], row: undefined, time: -1 }, ...timed.slice(1)])).toThrow(/shots\[0\]\.time/);
  });

  it('fits only what it is asked, the rest known', () => {
    const shots = fire(10, 0, 3);
    const fitted = calibrate(shots, { fit: ['speedScale'], conditions: { drag: truth.drag, wind: [truth.windX, truth.windY] } });
    expect(fitted.parameters).toEqual(['speedScale']);
    expect(fitted.covariance).toHaveLength(1);
    expect(fitted.standardError.drag).toBe(0);
    // The barrel's bias is not fitted: the scale absorbs what it can, not exactly.
    expect(Math.abs(fitted.fit.speedScale - truth.speedScale)).toBeLessThan(0.01);
  });

  it("fits a ball's form factor on a drag table, with the wind and the charge, from a rifle's shots", () => {
    const tableDrag = { table: dragTables.G7, mass: 0.0113, diameter: 0.00782 };
    const set = [780, 800, 820].flatMap((speed) => [0.3, 0.6, 1.2].map((angle, i) => ({ speed, angle, azimuth: i - 1, targetHeight: 0, row: 0 })));
    const flown = simulateImpacts(
      { speed: set.map((s) => 0.97 * s.speed), elevation: set.map((s) => (s.angle * Math.PI) / 180), azimuth: set.map((s) => (s.azimuth * Math.PI) / 180), gravity: [9.81], drag: [1.12], windX: [-3], windY: [2], launchHeight: [0], targetHeight: [0] },
      set.length,
      [],
      tableDrag,
    );
    const shots = set.map((s, i) => ({ ...s, row: i + 2, x: flown.x[i], y: flown.y[i] }));
    const fitted = calibrate(shots, { fit: ['drag', 'wind', 'speedScale'], conditions: { drag: { table: 'G7', mass: 0.0113, diameter: 0.00782 } } });
    expect(fitted.fit.drag).toBeCloseTo(1.12, 8);
    expect(fitted.fit.windX).toBeCloseTo(-3, 6);
    expect(fitted.fit.windY).toBeCloseTo(2, 6);
    expect(fitted.fit.speedScale).toBeCloseTo(0.97, 8);
    expect(() => calibrate(shots, { conditions: { drag: { table: 'G9' as 'G7', mass: 1, diameter: 1 } } })).toThrow(/options\.conditions\.drag\.table/);
  });

  it('refuses what the shots cannot determine, naming it', () => {
    // No drag: the wind moves no landing.
    expect(() => calibrate(fire(10, 0, 4), { fit: ['wind', 'speedScale'], conditions: { drag: 0 } })).toThrow(/no landing moves with windX/);
    // One speed, one angle, one azimuth: every shot gives the same two equations, too few for three parameters.
    expect(() => calibrate(fire(10, 0.1, 5, false), { fit: ['drag', 'speedScale', 'elevationBias'], conditions: { wind: [truth.windX, truth.windY] } })).toThrow(
      /together, (drag|speedScale|elevationBias)( and (drag|speedScale|elevationBias))+ move the landings as one/,
    );
    // More parameters than coordinates.
    expect(() => calibrate(fire(2, 0, 6))).toThrow(/more landings' coordinates/);
    expect(() => calibrate(fire(5, 0, 6), { fit: ['drag', 'gravity' as 'drag'] })).toThrow(/options\.fit\[1\]/);
    expect(() => calibrate([])).toThrow(/shots/);
  });

  it('refuses at once a drag no landing moves: a ball with next to no area, whose damped steps are not numbers', () => {
    // Each step's form factor was NaN, flown to the step budget (1.2 s an evaluation), for 32 s before the refusal.
    const shots = [150, 250, 350].flatMap((speed) => [10, 30].map((angle) => ({ speed, angle, azimuth: angle - 20, x: speed * 4, y: angle, targetHeight: 0 })));
    expect(() => calibrate(shots, { fit: ['drag'], conditions: { drag: { table: 'GS', mass: 5.4, diameter: 4.4e-285 } } })).toThrow(/options\.fit must be parameters the shots determine: no landing moves with drag/);
  }, 10_000);

  it('takes a correction whose flight stops being a number for a step that failed, not an error about the Mach number', () => {
    // Shots that land far short of their flights: the correction's trials may make the drag push the ball on, ever
    // faster, until its speed overflows. Such a flight lands nowhere, as a shot that never comes down does.
    const shots = [150, 250, 350].flatMap((speed) => [10, 30].map((angle) => ({ speed, angle, azimuth: angle - 20, x: speed * 4, y: angle, targetHeight: 0 })));
    const fitted = calibrate(shots, { fit: ['dragCorrection'], conditions: { drag: { table: 'GS', mass: 5.4, diameter: 0.117 } } });
    expect(fitted.dragCorrection!.weights.every((weight) => Number.isFinite(weight))).toBe(true);
  });

  it('refuses a shot that cannot land at its height, naming its line', () => {
    const shots = fire(6, 0, 7);
    shots[3] = { ...shots[3], targetHeight: 500 };
    expect(() => calibrate(shots)).toThrow(new RegExp(`shots line ${shots[3].row} must be a shot that comes down`));
    // Without lines (shots made in code), the index.
    expect(() => calibrate(shots.map((shot) => ({ ...shot, row: undefined })))).toThrow(/shots\[3\] must be a shot that comes down/);
  });
});

describe('parseShots', () => {
  it('reads a shots file: its columns in any order, extra columns ignored, blank lines skipped', () => {
    const shots = parseShots('angle,speed,azimuth,x,y,note,target_height\n40,30,0,70.5,1.25,first,0\n\n35,28,10,60,11,second,1.5\n');
    expect(shots).toEqual([
      { speed: 30, angle: 40, azimuth: 0, x: 70.5, y: 1.25, targetHeight: 0, row: 2 },
      { speed: 28, angle: 35, azimuth: 10, x: 60, y: 11, targetHeight: 1.5, row: 4 },
    ]);
    const timed = parseShots('speed,angle,azimuth,x,y,time\n30,40,0,70.5,1.25,3.9\n28,35,10,60,11,\n');
    expect(timed.map((shot) => shot.time)).toEqual([3.9, undefined]);
  });

  it('names the line and the column of what it cannot read', () => {
    expect(() => parseShots('')).toThrow(/an empty file/);
    expect(() => parseShots('speed,angle,x,y\n30,40,70,1\n')).toThrow(/line 1 \(the header\).*missing azimuth/);
    expect(() => parseShots('speed,angle,azimuth,x,y\n30,40,0,seventy,1\n')).toThrow(/line 2, column x must be a finite number; received "seventy"/);
    expect(() => parseShots('speed,angle,azimuth,x,y\n30,40,0,70\n')).toThrow(/line 2 must be 5 comma-separated fields/);
    expect(() => parseShots('speed,angle,azimuth,x,y\n')).toThrow(/at least one shot/);
    expect(() => parseShots(42 as unknown as string)).toThrow(/the text of a CSV file/);
  });
});
