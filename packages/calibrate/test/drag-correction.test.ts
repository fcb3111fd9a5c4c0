import { dragCoefficientAt, dragTable, dragTables, landing, simulateImpacts, type World3d } from '@cannon/physics';
import { createRandom } from '@cannon/random';
import { describe, expect, it } from 'vitest';
import { calibrate, type Calibration } from '../src/index.js';
import { referenceImpact } from '../../physics/test/reference3d.mjs';
import { correctedTable, correctionFactor, CorrectedFlier, initialCorrection, physicalParameters, type CorrectedParameters, type DragCorrection } from '../src/drag-correction.js';

/** A 12-pounder's iron ball: 5.4 kg, 117 mm, in the standard air at 300 m. */
const ball = { table: dragTables.GS, mass: 5.4, diameter: 0.117, conditions: { altitude: 300 } };
const conditions = { gravity: 9.81, launchHeight: 2 };

/** A correction that bends the drag: its weights set by hand, so that the factor runs from about 0.8 to 1.3. */
function bent(): DragCorrection {
  const correction = initialCorrection(1.6);
  correction.weights = correction.weights.map((w, j) => (j < correction.hidden ? 0.15 * Math.sin(1.3 * j + 0.4) : w));
  return correction;
}

const at: CorrectedParameters = { drag: 1.1, windX: 4, windY: -3, speedScale: 0.97, elevationBias: 0.01, correction: bent() };
const shots = [
  { speed: 150, elevation: 0.3, azimuth: 0.2, targetHeight: 0 },
  { speed: 420, elevation: 0.12, azimuth: -0.5, targetHeight: 10 },
  { speed: 260, elevation: 0.75, azimuth: 1.2, targetHeight: -5 },
];

function fly(shot: (typeof shots)[number], parameters = at) {
  const flier = new CorrectedFlier(ball, conditions.gravity, conditions.launchHeight, parameters.correction.hidden);
  const partials = [0, 1, 2].map(() => new Float64Array(flier.count));
  return { ...flier.fly(shot, parameters, partials), partials };
}

describe('CorrectedFlier', () => {
  it('comes down where the independent reference does, on the corrected drag law', () => {
    for (const shot of shots) {
      const flown = fly(shot);
      const reference = referenceImpact(
        {
          speed: shot.speed * at.speedScale,
          elevation: shot.elevation + at.elevationBias,
          azimuth: shot.azimuth,
          gravity: conditions.gravity,
          wind: [at.windX, at.windY],
          launchHeight: conditions.launchHeight,
          targetHeight: shot.targetHeight,
          ...ball,
          formFactor: at.drag,
          dragLaw: (mach) => dragCoefficientAt(ball.table, mach).cd * correctionFactor(at.correction, mach),
        },
        { tolerance: 1e-11 },
      )!;
      // Within 10⁻⁵ of the range (the worst of these shots is at 2.6·10⁻⁶: 1.7 mm in 660 m).
      expect(Math.hypot(flown.x - reference.x, flown.y - reference.y)).toBeLessThan(1e-5 * Math.hypot(reference.x, reference.y));
      expect(Math.abs(flown.time - reference.time)).toBeLessThan(1e-6 * reference.time);
    }
  });

  it('gives the derivatives of its landing by every parameter, as central differences do', () => {
    for (const shot of shots) {
      const { partials } = fly(shot);
      const count = partials[0].length;
      for (let p = 0; p < count; p++) {
        const moved = (delta: number) => {
          const parameters = { ...at, correction: { ...at.correction, weights: [...at.correction.weights] } } as CorrectedParameters & Record<string, number>;
          if (p < physicalParameters.length) parameters[physicalParameters[p]] += delta;
          else parameters.correction.weights[p - physicalParameters.length] += delta;
          return fly(shot, parameters);
        };
        const h = 1e-6;
        const [up, down] = [moved(h), moved(-h)];
        const differences = [(up.x - down.x) / (2 * h), (up.y - down.y) / (2 * h), (up.time - down.time) / (2 * h)];
        differences.forEach((difference, row) => {
          expect(Math.abs(partials[row][p] - difference)).toBeLessThan(1e-5 * (1 + Math.abs(difference)));
        });
      }
    }
  });

  it('is flown by the kernel on the corrected table to within 10⁻⁴ of the range', () => {
    const table = correctedTable(ball.table, at.correction);
    const impacts = simulateImpacts(
      {
        speed: shots.map((s) => s.speed * at.speedScale),
        elevation: shots.map((s) => s.elevation + at.elevationBias),
        azimuth: shots.map((s) => s.azimuth),
        gravity: [conditions.gravity],
        drag: [at.drag],
        windX: [at.windX],
        windY: [at.windY],
        launchHeight: [conditions.launchHeight],
        targetHeight: shots.map((s) => s.targetHeight),
      },
      shots.length,
      [],
      { ...ball, table },
    );
    shots.forEach((shot, k) => {
      const flown = fly(shot);
      expect(Math.hypot(impacts.x[k] - flown.x, impacts.y[k] - flown.y)).toBeLessThan(1e-4 * Math.hypot(flown.x, flown.y));
    });
  });
});

describe('calibrate with a learned drag correction', () => {
  // The textbook's drag, one Cd for every speed (quadratic), against a real cannonball's, which rises towards the sound
  // barrier (the smooth sphere's table): a law the textbook's family does not hold.
  const textbook = dragTable(
    [
      [0, 0.47],
      [3, 0.47],
    ],
    'one Cd',
  );
  const truth = { windX: 3, windY: -2, speedScale: 0.96 };
  const settings = (n: number, random: ReturnType<typeof createRandom>) =>
    Array.from({ length: n }, () => ({ speed: 120 + 300 * random.uniform(), angle: 3 + 37 * random.uniform(), azimuth: -30 + 60 * random.uniform(), targetHeight: 0 }));
  /** Where shots set so land in `world` (the true cannon's, or a calibration's), the speed `scale` times the one set. */
  const land = (set: ReturnType<typeof settings>, world: World3d, scale: number) =>
    set.map((s) => landing({ speed: s.speed * scale, angle: (s.angle * Math.PI) / 180, azimuth: (s.azimuth * Math.PI) / 180 }, world)!.impact);
  const trueWorld: World3d = { drag: { table: 'GS', mass: 5.4, diameter: 0.117 }, wind: [truth.windX, truth.windY] };
  const random = createRandom(5);
  const held = settings(300, random);
  const trueHeld = land(held, trueWorld, truth.speedScale);
  const set = settings(12, random);
  const flown = land(set, trueWorld, truth.speedScale);
  // Twelve shots, each landing seen to 1 m in x and y.
  const shots = set.map((s, i) => ({ ...s, x: flown[i].x + random.normal(), y: flown[i].y + random.normal() }));
  const conditions = { drag: { table: textbook, mass: 5.4, diameter: 0.117 } };
  /** The misses of a calibration's predictions at the 300 held-out settings, sorted. */
  const heldOutMisses = (calibration: Calibration) => {
    const predicted = land(held, calibration.world, calibration.fit.speedScale);
    return held.map((_, i) => Math.hypot(predicted[i].x - trueHeld[i].x, predicted[i].y - trueHeld[i].y)).sort((a, b) => a - b);
  };
  const plain = calibrate(shots, { fit: ['drag', 'wind', 'speedScale'], conditions });
  const corrected = calibrate(shots, { fit: ['drag', 'wind', 'speedScale', 'dragCorrection'], conditions });

  it('learns the drag law from twelve shots, where the textbook family misses by tens of metres', () => {
    const [plainMisses, correctedMisses] = [heldOutMisses(plain), heldOutMisses(corrected)];
    // The family cannot bend its Cd: at shots it has not seen it misses by tens of metres (39 m at the median).
    expect(plainMisses[150]).toBeGreaterThan(20);
    // The corrected physics predicts them to about the shots' own noise: 1.0 m at the median, 4.3 m at worst.
    expect(correctedMisses[150]).toBeLessThan(1.5);
    expect(correctedMisses[299]).toBeLessThan(5);
    expect(corrected.residualRms).toBeLessThan(2); // √2 m is the noise's
    expect(plain.residualRms).toBeGreaterThan(20);
  });

  it('finds the true Cd over the Mach numbers the shots flew through, and the cannon with it', () => {
    const correction = corrected.dragCorrection!;
    for (const mach of [0.3, 0.5, 0.7, 0.9, 1.1]) {
      const learned = 0.47 * corrected.fit.drag * correctionFactor(correction, mach);
      expect(Math.abs(learned / dragCoefficientAt(dragTables.GS, mach).cd - 1)).toBeLessThan(0.03);
    }
    expect(Math.abs(corrected.fit.speedScale - truth.speedScale)).toBeLessThan(3 * corrected.standardError.speedScale);
    expect(Math.abs(corrected.fit.windY - truth.windY)).toBeLessThan(3 * corrected.standardError.windY);
    expect(Math.abs(corrected.fit.windX - truth.windX)).toBeLessThan(3 * corrected.standardError.windX);
    // The form factor is the table's fit, which the network multiplies: not a parameter of the corrected fit.
    expect(corrected.parameters).toEqual(['windX', 'windY', 'speedScale']);
    // Its world flies the corrected table: the kernel lands the shots where the fit said.
    const again = land(set, corrected.world, corrected.fit.speedScale);
    const rms = Math.sqrt(shots.reduce((sum, shot, i) => sum + (again[i].x - shot.x) ** 2 + (again[i].y - shot.y) ** 2, 0) / shots.length);
    expect(Math.abs(rms - corrected.residualRms)).toBeLessThan(0.01);
  });

  it('leaves a law the family holds as it is', () => {
    const inFamily = land(set, { ...trueWorld, drag: { ...conditions.drag, formFactor: 1.2 } }, truth.speedScale);
    const exactish = set.map((s, i) => ({ ...s, x: inFamily[i].x + 0.3 * random.normal(), y: inFamily[i].y + 0.3 * random.normal() }));
    const fitted = calibrate(exactish, { fit: ['drag', 'wind', 'speedScale', 'dragCorrection'], conditions });
    for (const mach of [0.3, 0.6, 0.9, 1.1]) expect(Math.abs(fitted.fit.drag * correctionFactor(fitted.dragCorrection!, mach) - 1.2)).toBeLessThan(0.02 * 1.2);
  });

  it('fits measured flight times with the landings, and weighs a wild shot less when robust', () => {
    const trueTimes = set.map((s) => landing({ speed: s.speed * truth.speedScale, angle: (s.angle * Math.PI) / 180, azimuth: (s.azimuth * Math.PI) / 180 }, trueWorld)!.flightTime);
    const timed = shots.map((shot, i) => ({ ...shot, time: trueTimes[i] + 0.01 * random.normal() }));
    const fitted = calibrate(timed, { fit: ['wind', 'speedScale', 'dragCorrection'], conditions });
    expect(fitted.flightTimeRms).toBeGreaterThan(0);
    expect(fitted.flightTimeRms).toBeLessThan(0.05);
    expect(Math.abs(fitted.fit.speedScale - truth.speedScale)).toBeLessThan(3 * fitted.standardError.speedScale);
    const wild = shots.map((shot, i) => (i === 3 ? { ...shot, x: shot.x + 40 } : shot));
    const robust = calibrate(wild, { fit: ['wind', 'speedScale', 'dragCorrection'], conditions, robust: 'huber' });
    expect(robust.outliers).toContain(4);
    expect(Math.abs(robust.fit.speedScale - truth.speedScale)).toBeLessThan(0.01);
  });

  it('refuses a correction without a drag table, naming options.fit', () => {
    expect(() => calibrate(shots, { fit: ['drag', 'dragCorrection'] })).toThrow(/options\.fit.*drag table/);
    expect(() => calibrate(shots, { fit: ['drag', 'dragCorrection'], conditions, correction: { hidden: 0 } })).toThrow(/options\.correction\.hidden/);
  });
});
