import { landing, maximumRange, minimumSpeed, vacuumMinimumSpeed } from '@cannon/physics';
import { initializeBackend } from '@cannon/physics/tensor';
import { solve, physicsModel } from '@cannon/optimize';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialParameters } from '@cannon/network';
import { aim, aimBatch, aimerError, aimerNetworkSpec, createAimer, fieldDomain, shippedAimer, UnreachableTargetError, vacuumDomain } from '../src/index.js';

beforeAll(async () => {
  await initializeBackend();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

/** Targets and conditions over the field's whole box: its corners, edges and a grid inside. */
function fieldGrid() {
  const points: { target: number; wind: number; drag: number; heightDifference: number }[] = [];
  const steps = (range: readonly [number, number], n: number) => Array.from({ length: n }, (_, i) => range[0] + ((range[1] - range[0]) * i) / (n - 1));
  for (const target of steps(fieldDomain.target, 8))
    for (const wind of steps(fieldDomain.wind, 5))
      for (const drag of steps(fieldDomain.drag, 3))
        for (const heightDifference of steps(fieldDomain.heightDifference, 5)) points.push({ target, wind, drag, heightDifference });
  return points;
}

describe('aim with the shipped aimers', () => {
  it('lands every target of the vacuum range within 5 cm, verified by the physics', () => {
    const targets = Array.from({ length: 400 }, (_, i) => vacuumDomain.target[0] + ((vacuumDomain.target[1] - vacuumDomain.target[0]) * i) / 399);
    const results = aimBatch(targets);
    for (const r of results) {
      expect(r.aimer).toBe('vacuum');
      expect(r.error, `target ${r.target}`).toBeLessThanOrEqual(0.05);
      expect(Math.abs(landing({ speed: r.speed, angle: r.angle })!.distance - r.target)).toBeCloseTo(r.error, 12);
      expect(r.speed).toBeLessThanOrEqual(10);
    }
    expect(median(results.map((r) => r.iterations))).toBeLessThanOrEqual(2);
  });

  it('lands every target over the whole field box within 5 cm, in at most a couple of refinement steps at the median', () => {
    const points = fieldGrid();
    const results = points.map(({ target, ...conditions }) => aim(target, conditions));
    for (const r of results) {
      const calm = r.conditions.wind === 0 && r.conditions.drag === 0 && r.conditions.heightDifference === 0;
      expect(r.aimer).toBe(calm ? 'vacuum' : 'field');
      expect(r.error, `target ${r.target} in ${JSON.stringify(r.conditions)}`).toBeLessThanOrEqual(0.05);
      expect(r.speed).toBeLessThanOrEqual(15);
    }
    expect(median(results.map((r) => r.iterations))).toBeLessThanOrEqual(2);
  });

  it('guesses well before any refinement (a stale shipped model fails here)', () => {
    const field = shippedAimer('field');
    const errors = fieldGrid().map(({ target, wind, drag, heightDifference }) => {
      const shot = field.predict(target, { wind, drag, heightDifference });
      const hit = landing(shot, { wind, drag, targetHeight: heightDifference });
      return hit ? Math.abs(hit.distance - target) : Infinity;
    });
    expect(quantile(errors, 0.5)).toBeLessThan(0.05);
    expect(quantile(errors, 0.95)).toBeLessThan(0.25);
  });

  it('predicts the slowest shot in vacuum, within 1% of its speed, over the whole range and with a target above or below', () => {
    const vacuum = shippedAimer('vacuum');
    const [near, far] = vacuumDomain.target;
    for (let i = 0; i <= 200; i++) {
      const target = near + ((far - near) * i) / 200;
      expect(Math.abs(vacuum.predict(target).speed / vacuumMinimumSpeed(target).speed - 1), `target ${target}`).toBeLessThan(0.01);
    }
    // A target above or below the muzzle, without air: the field aimer answers (drag 0, wind 0).
    const field = shippedAimer('field');
    for (let target = 1; target <= 8; target += 0.5) {
      for (let heightDifference = -1; heightDifference <= 1; heightDifference += 0.25) {
        const slowest = vacuumMinimumSpeed(target, { targetHeight: heightDifference }).speed;
        expect(Math.abs(field.predict(target, { heightDifference }).speed / slowest - 1), `target ${target}, height ${heightDifference}`).toBeLessThan(0.01);
      }
    }
  });

  it('predicts the slowest shot over the field box, within 1% of its speed, corners included', () => {
    const field = shippedAimer('field');
    const steps = (range: readonly [number, number], n: number) => Array.from({ length: n }, (_, i) => range[0] + ((range[1] - range[0]) * i) / (n - 1));
    for (const target of steps(fieldDomain.target, 8))
      for (const wind of steps(fieldDomain.wind, 5))
        for (const drag of steps(fieldDomain.drag, 4))
          for (const heightDifference of steps(fieldDomain.heightDifference, 5)) {
            // The true minimum: the least speed whose maximum range reaches the target (minimumSpeed of @cannon/physics).
            const slowest = minimumSpeed(target, { wind, drag, targetHeight: heightDifference }).speed;
            expect(Math.abs(field.predict(target, { wind, drag, heightDifference }).speed / slowest - 1), JSON.stringify({ target, wind, drag, heightDifference })).toBeLessThan(0.01);
          }
  });

  it('lands within a few millimetres before any refinement: vacuum p95 ≤ 5 mm, field p95 ≤ 2 cm', () => {
    expect(aimerError(shippedAimer('vacuum')).p95).toBeLessThanOrEqual(0.005);
    expect(aimerError(shippedAimer('field')).p95).toBeLessThanOrEqual(0.02);
  });

  it('needs far fewer iterations from the network’s guess than gradient descent from a random start (the article)', () => {
    const targets = [2, 4, 6, 8];
    const fromGuess = targets.map((t) => aim(t, {}, { tolerance: 0.005 }).iterations);
    const fromRandom = targets.map((t, i) => solve(physicsModel(), t, { method: 'gradient-descent', seed: i, tolerance: 0.005 }).iterations);
    expect(median(fromGuess)).toBeLessThanOrEqual(2);
    expect(median(fromRandom)).toBeGreaterThan(100);
  });

  it('lands every target over the whole field box within 1 mm when asked, aiming off once at the median', () => {
    const results = fieldGrid().map(({ target, ...conditions }) => aim(target, conditions, { tolerance: 0.001 }));
    for (const r of results) {
      expect(r.error, `target ${r.target} in ${JSON.stringify(r.conditions)}`).toBeLessThanOrEqual(0.001);
      const world = { wind: r.conditions.wind, drag: r.conditions.drag, targetHeight: r.conditions.heightDifference };
      expect(Math.abs(landing(r, world)!.distance - r.target)).toBeCloseTo(r.error, 12);
    }
    expect(median(results.map((r) => r.iterations))).toBeLessThanOrEqual(1);
  });

  it('hands over to Gauss–Newton when aiming off does not converge, and still lands', () => {
    // An untrained network: its guesses are poor and its miss varies fast, so corrections do not shrink it.
    const untrained = createAimer(shippedAimer('field').metadata, initialParameters({ ...aimerNetworkSpec(shippedAimer('field').metadata), seed: 3 }));
    for (const target of [2, 4.5, 7]) {
      const r = aim(target, { wind: 1, drag: 0.02 }, { aimer: untrained, tolerance: 0.001 });
      expect(r.error).toBeLessThanOrEqual(0.001);
      expect(r.refined).toBe(true);
      expect(r.predicted).toEqual(untrained.predict(target, { wind: 1, drag: 0.02 }));
    }
  });

  it('reports whether it refined, and the network’s own shot', () => {
    const loose = aim(5, {}, { tolerance: 1 });
    expect(loose.refined).toBe(false);
    expect(loose.iterations).toBe(0);
    expect({ speed: loose.speed, angle: loose.angle }).toEqual(loose.predicted);
    const tight = aim(5, {}, { tolerance: 1e-6 });
    expect(tight.refined).toBe(true);
    expect(tight.error).toBeLessThanOrEqual(1e-6);
  });
});

describe('wishes other than the slowest shot', () => {
  it('lands a fixed speed on the low and on the high arc', () => {
    const conditions = { wind: 2, drag: 0.02, heightDifference: 0.3 };
    const low = aim(6, conditions, { speed: 11, arc: 'low' });
    const high = aim(6, conditions, { speed: 11, arc: 'high' });
    const best = maximumRange(11, { wind: 2, drag: 0.02, targetHeight: 0.3 })!.angle;
    expect(low.speed).toBe(11);
    expect(high.speed).toBe(11);
    expect(low.angle).toBeLessThan(best);
    expect(high.angle).toBeGreaterThan(best);
    expect(low.error).toBeLessThanOrEqual(0.05);
    expect(high.error).toBeLessThanOrEqual(0.05);
  });

  it('lands a fixed angle', () => {
    const shot = aim(7, { drag: 0.04, wind: -4 }, { angle: 0.6 });
    expect(shot.angle).toBe(0.6);
    expect(shot.error).toBeLessThanOrEqual(0.05);
  });
});

describe('targets and conditions it cannot serve', () => {
  it('throws UnreachableTargetError with the maximum distance', () => {
    expect(() => aim(10.5)).toThrow(UnreachableTargetError);
    try {
      aim(10.5);
    } catch (error) {
      expect((error as UnreachableTargetError).maxDistance).toBeCloseTo(100 / 9.81, 6);
    }
    try {
      aim(8, {}, { speed: 5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnreachableTargetError);
      expect((error as UnreachableTargetError).maxDistance).toBeCloseTo(25 / 9.81, 6);
    }
  });

  it('aims outside the trained box on the physics alone, and says so', () => {
    for (const [target, conditions] of [[9, { drag: 0.01 }], [0.01, {}], [5, { wind: 7, drag: 0.02 }], [5, { drag: 0.2 }], [3, { heightDifference: 2.5 }]] as const) {
      const shot = aim(target, conditions);
      expect(shot.aimer, `${target} m in ${JSON.stringify(conditions)}`).toBe('physics');
      expect(shot.refined).toBe(true);
      expect(shot.iterations).toBeGreaterThan(0);
      const world = { wind: shot.conditions.wind, drag: shot.conditions.drag, targetHeight: shot.conditions.heightDifference };
      expect(Math.abs(landing(shot, world)!.distance - target)).toBeLessThan(1e-6);
      // The slowest shot: 0.1% slower, no angle reaches the target.
      expect(maximumRange(shot.speed * 0.999, world)!.distance).toBeLessThan(target);
    }
  });

  it('answers the same on the physics in a batch, beside targets the network answers', () => {
    const targets = [2, 0.02, 9, 5];
    const conditions = [{ drag: 0.01 }, {}, { drag: 0.01 }, { wind: 6, drag: 0.01 }];
    const batch = aimBatch(targets, conditions);
    expect(batch.map((shot) => shot.aimer)).toEqual(['field', 'physics', 'physics', 'physics']);
    batch.forEach((shot, i) => expect(shot.speed).toBeCloseTo(aim(targets[i], conditions[i]).speed, 12));
  });

  it('holds to the fastest shot the cannon fires', () => {
    expect(() => aim(9, { drag: 0.01 }, { maxSpeed: 9 })).toThrow(UnreachableTargetError);
    expect(aim(9, { drag: 0.01 }, { maxSpeed: 30 }).aimer).toBe('physics');
    expect(() => aim(5, {}, { maxSpeed: 0 })).toThrow(/maxSpeed must be a finite number > 0/);
  });

  it('refuses what it would otherwise quietly ignore or stumble on, naming it', () => {
    // What is reported is what happened: maxIterations 0 is the network's own shot, with its true miss.
    const unrefined = aim(5, { wind: 3, drag: 0.05 }, { maxIterations: 0, tolerance: 1e-9 });
    expect(unrefined).toMatchObject({ iterations: 0, refined: false, speed: unrefined.predicted.speed, angle: unrefined.predicted.angle });
    expect(unrefined.error).toBeGreaterThan(1e-9);
    expect(aimBatch([5], { wind: 3, drag: 0.05 }, { maxIterations: 0, tolerance: 1e-9 })[0]).toEqual(unrefined);
    expect(() => aim(5, { wind: 2 }, { tolerence: 1e-9 } as never)).toThrow(/options\.tolerence must be one of aimer, tolerance, maxIterations/);
    expect(() => aim(5, {}, null as never)).toThrow(/options must be an object; received null/);
    expect(() => aim(5, {}, { aimer: {} as never })).toThrow(/options\.aimer must be an aimer/);
    expect(() => aimBatch([2, 3], {}, { aimer: {} as never })).toThrow(/options\.aimer must be an aimer/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => aimBatch([5, , 6] as number[])).toThrow(/targets\[1\] must be a distance \(the array has a hole there\)/);
    expect(() => aimBatch(new Array(3))).toThrow(/targets\[0\] must be a distance/);
    expect(() => createAimer(null as never, new Float32Array(0))).toThrow(/metadata must be an aimer's metadata/);
    const { metadata, parameters } = shippedAimer('field');
    expect(() => createAimer(metadata, new Float32Array(3))).toThrow(new RegExp(`parameters must be a Float32Array of the network's ${parameters.length} parameters; received "3 values"`));
    expect(() => createAimer(metadata, new Float32Array(parameters.length).fill(NaN))).toThrow(/parameters\[0\] must be a finite number; received NaN/);
  });

  it('throws on bad input, naming it', () => {
    expect(() => aim(NaN)).toThrow('target must be a finite number > 0; received NaN');
    expect(() => aim(-1)).toThrow(/target must be a finite number > 0/);
    expect(() => aim(0)).toThrow(/target must be a finite number > 0/);
    expect(() => aim(5, { drag: -1 })).toThrow(/conditions\.drag must be a finite number ≥ 0/);
    expect(() => aim(5, { gust: 1 } as never)).toThrow(/conditions\.gust must be one of wind, drag, heightDifference/);
    expect(() => aim(5, {}, { tolerance: 0 })).toThrow(/tolerance must be a finite number > 0/);
    expect(() => aim(5, {}, { speed: 20 })).toThrow(/speed must be a finite number in \(0, 10\]/);
    expect(() => aim(5, {}, { speed: 8, arc: 'middle' as never })).toThrow(/arc must be 'low' or 'high'/);
  });
});
