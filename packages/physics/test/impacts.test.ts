// The three-dimensional shot (simulateImpacts, kernel/flight3d.ts): the plane's model where the shot stays in the
// plane, the independent reference of test/reference3d.mjs under a constant drag and on drag tables in real air,
// the symmetry of turning the shot and the wind together, and every derivative against central finite
// differences of the same model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dragTables, impactFields, landing, simulateImpacts, simulateLandings, type EarthRotation, type ImpactColumns, type ImpactField, type TableDrag } from '../src/index.js';
import { referenceImpact } from './reference3d.mjs';

interface Shot {
  speed: number;
  elevation: number;
  azimuth: number;
  drag: number;
  windX: number;
  windY: number;
  launchHeight: number;
  targetHeight: number;
  gravity?: number;
}

const columnsOf = (shots: Shot[]): ImpactColumns => ({
  speed: shots.map((s) => s.speed),
  elevation: shots.map((s) => s.elevation),
  azimuth: shots.map((s) => s.azimuth),
  gravity: shots.map((s) => s.gravity ?? 9.81),
  drag: shots.map((s) => s.drag),
  windX: shots.map((s) => s.windX),
  windY: shots.map((s) => s.windY),
  launchHeight: shots.map((s) => s.launchHeight),
  targetHeight: shots.map((s) => s.targetHeight),
});

const referenceOf = (shot: Shot, tableDrag?: TableDrag, earth?: EarthRotation) =>
  referenceImpact({
    ...shot,
    wind: [shot.windX, shot.windY],
    earth,
    ...(tableDrag ? { table: tableDrag.table, mass: tableDrag.mass, diameter: tableDrag.diameter, formFactor: shot.drag, conditions: tableDrag.conditions } : {}),
  });

const shotArbitrary = fc.record({
  speed: fc.double({ min: 3, max: 40, noNaN: true }),
  elevation: fc.double({ min: 0.1, max: 1.3, noNaN: true }),
  azimuth: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
  drag: fc.double({ min: 0, max: 0.08, noNaN: true }),
  windX: fc.double({ min: -10, max: 10, noNaN: true }),
  windY: fc.double({ min: -10, max: 10, noNaN: true }),
  launchHeight: fc.double({ min: 0, max: 5, noNaN: true }),
  targetHeight: fc.double({ min: -3, max: 1, noNaN: true }),
});

const cannonball: TableDrag = { table: dragTables.GS, mass: 5.4, diameter: 0.11, conditions: { altitude: 300 } };

describe('three-dimensional shots', () => {
  it("are the plane's shots where they stay in the plane: azimuth 0, no crosswind", () => {
    fc.assert(
      fc.property(fc.array(shotArbitrary, { minLength: 1, maxLength: 9 }), (shots) => {
        const inPlane = shots.map((s) => ({ ...s, azimuth: 0, windY: 0 }));
        const impacts = simulateImpacts(columnsOf(inPlane), inPlane.length);
        const landings = simulateLandings(
          { speed: inPlane.map((s) => s.speed), angle: inPlane.map((s) => s.elevation), gravity: [9.81], drag: inPlane.map((s) => s.drag), wind: inPlane.map((s) => s.windX), launchHeight: inPlane.map((s) => s.launchHeight), targetHeight: inPlane.map((s) => s.targetHeight) },
          inPlane.length,
        );
        inPlane.forEach((_, i) => {
          if (Number.isNaN(landings.distance[i])) {
            expect([impacts.x[i], impacts.y[i], impacts.flightTime[i]]).toEqual([NaN, NaN, NaN]);
            return;
          }
          expect(impacts.y[i] === 0, `y = ${impacts.y[i]}`).toBe(true); // zero, of either sign
          expect(Math.abs(impacts.x[i] - landings.distance[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(landings.distance[i])));
          expect(Math.abs(impacts.flightTime[i] - landings.flightTime[i])).toBeLessThanOrEqual(1e-12 * (1 + landings.flightTime[i]));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('land within 1 mm + 1e-6 of the range of the independent reference, under a constant drag, in a crosswind, in any direction', () => {
    fc.assert(
      fc.property(shotArbitrary, (shot) => {
        const impacts = simulateImpacts(columnsOf([shot]), 1);
        const reference = referenceOf(shot);
        if (!reference) {
          expect(impacts.x[0]).toBeNaN();
          return;
        }
        const range = Math.hypot(reference.x, reference.y);
        expect(Math.hypot(impacts.x[0] - reference.x, impacts.y[0] - reference.y)).toBeLessThan(1e-3 + 1e-6 * range);
        expect(Math.abs(impacts.flightTime[0] - reference.time)).toBeLessThan(1e-4);
      }),
      { numRuns: 25 },
    );
  });

  it('land within 0.01% of the range of the independent reference on the GS, G1 and G7 tables, 100 to 800 m/s, at altitudes to 2 km', () => {
    const cases: [TableDrag, Shot][] = [
      [cannonball, { speed: 100, elevation: 0.7, azimuth: 0.3, drag: 1, windX: 5, windY: -4, launchHeight: 0, targetHeight: 0 }],
      [{ ...cannonball, conditions: { altitude: 2000, temperature: 5 } }, { speed: 450, elevation: 0.12, azimuth: -1, drag: 1.1, windX: -3, windY: 6, launchHeight: 2, targetHeight: -10 }],
      [{ table: dragTables.G1, mass: 0.0104, diameter: 0.00782, conditions: { altitude: 1500, pressure: 850 } }, { speed: 800, elevation: 0.01, azimuth: 2, drag: 1, windX: 2, windY: 3, launchHeight: 0, targetHeight: -3 }],
      [{ table: dragTables.G7, mass: 0.0113, diameter: 0.00782 }, { speed: 820, elevation: 0.004, azimuth: 0, drag: 0.9, windX: 0, windY: 4, launchHeight: 1.5, targetHeight: 0 }],
      [{ table: dragTables.G7, mass: 0.0113, diameter: 0.00782 }, { speed: 300, elevation: 0.5, azimuth: 0.8, drag: 1.2, windX: -6, windY: 0, launchHeight: 0, targetHeight: 20 }],
    ];
    for (const [tableDrag, shot] of cases) {
      const impacts = simulateImpacts(columnsOf([shot]), 1, [], tableDrag);
      const reference = referenceOf(shot, tableDrag)!;
      const range = Math.hypot(reference.x, reference.y);
      expect(Math.hypot(impacts.x[0] - reference.x, impacts.y[0] - reference.y)).toBeLessThan(1e-4 * range);
      expect(Math.abs(impacts.flightTime[0] / reference.time - 1)).toBeLessThan(1e-4);
    }
  });

  it('turn their impact with the shot and the wind turned together', () => {
    fc.assert(
      fc.property(shotArbitrary, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (shot, turn) => {
        const [c, s] = [Math.cos(turn), Math.sin(turn)];
        const turned = { ...shot, azimuth: shot.azimuth + turn, windX: c * shot.windX - s * shot.windY, windY: s * shot.windX + c * shot.windY };
        const impacts = simulateImpacts(columnsOf([shot, turned]), 2);
        if (Number.isNaN(impacts.x[0])) {
          expect(impacts.x[1]).toBeNaN();
          return;
        }
        const scale = 1e-9 * (1 + Math.hypot(impacts.x[0], impacts.y[0]));
        expect(Math.abs(impacts.x[1] - (c * impacts.x[0] - s * impacts.y[0]))).toBeLessThan(scale);
        expect(Math.abs(impacts.y[1] - (s * impacts.x[0] + c * impacts.y[0]))).toBeLessThan(scale);
      }),
      { numRuns: 40 },
    );
  });

  const finiteDifferences = (columns: ImpactColumns, field: ImpactField, tableDrag?: TableDrag) => {
    const value = columns[field][0];
    const h = 1e-6 * Math.max(1, Math.abs(value));
    const up = simulateImpacts({ ...columns, [field]: [value + h] }, 1, [], tableDrag);
    const down = simulateImpacts({ ...columns, [field]: [value - h] }, 1, [], tableDrag);
    return (['x', 'y', 'flightTime'] as const).map((key) => (up[key][0] - down[key][0]) / (2 * h));
  };

  /** Shots whose derivatives were held to finite differences (the rest never came down). */
  let checked = 0;
  const expectDerivativesToMatch = (shot: Shot, tableDrag?: TableDrag) => {
    const columns = columnsOf([shot]);
    const impacts = simulateImpacts(columns, 1, impactFields, tableDrag);
    if (Number.isNaN(impacts.x[0])) return;
    checked++;
    for (const field of impactFields) {
      const partial = impacts.partials[field]!;
      const exact = [partial.x[0], partial.y[0], partial.flightTime[0]];
      const numeric = finiteDifferences(columns, field, tableDrag);
      exact.forEach((value, k) => expect(Math.abs(value - numeric[k]), `${field}, output ${k}`).toBeLessThan(1e-5 * (1 + Math.abs(numeric[k]))));
    }
  };

  it('have exact derivatives of the impact and the flight time with respect to every input, under a constant drag', () => {
    checked = 0;
    fc.assert(fc.property(shotArbitrary, (shot) => expectDerivativesToMatch(shot)), { numRuns: 30 });
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('have exact derivatives with respect to every input on a drag table in real air', () => {
    checked = 0;
    fc.assert(
      fc.property(
        fc.record({
          speed: fc.double({ min: 60, max: 700, noNaN: true }),
          elevation: fc.double({ min: 0.02, max: 0.9, noNaN: true }),
          azimuth: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
          drag: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
          windX: fc.double({ min: -10, max: 10, noNaN: true }),
          windY: fc.double({ min: -10, max: 10, noNaN: true }),
          launchHeight: fc.double({ min: 0, max: 5, noNaN: true }),
          targetHeight: fc.double({ min: -20, max: 1, noNaN: true }),
        }),
        fc.constantFrom(dragTables.GS, dragTables.G1, dragTables.G7),
        (shot, table) => expectDerivativesToMatch(shot, { ...cannonball, table }),
      ),
      { numRuns: 20 },
    );
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('give the derivatives that follow from symmetries as they are flown: the azimuth from the wind, the launch height from the target height', () => {
    fc.assert(
      fc.property(shotArbitrary, fc.boolean(), (shot, onTable) => {
        const tableDrag = onTable ? cannonball : undefined;
        const ball = onTable ? { ...shot, speed: 20 * shot.speed, drag: 1 } : shot;
        const columns = columnsOf([ball]);
        const bySymmetry = simulateImpacts(columns, 1, impactFields, tableDrag);
        const flown = simulateImpacts(columns, 1, ['azimuth', 'launchHeight'], tableDrag);
        for (const field of ['azimuth', 'launchHeight'] as const) {
          for (const key of ['x', 'y', 'flightTime'] as const) {
            const [a, b] = [bySymmetry.partials[field]![key][0], flown.partials[field]![key][0]];
            expect(Math.abs(a - b), `${field}.${key}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b)));
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('carry every derivative in fewer directions (the wind Galilean, gravity by slowing time) exactly as each field flown alone', () => {
    fc.assert(
      fc.property(shotArbitrary, fc.boolean(), (shot, onTable) => {
        const tableDrag = onTable ? cannonball : undefined;
        const ball = onTable ? { ...shot, speed: 20 * shot.speed, drag: 1 } : shot;
        const columns = columnsOf([ball]);
        const together = simulateImpacts(columns, 1, impactFields, tableDrag);
        for (const field of impactFields) {
          const alone = simulateImpacts(columns, 1, [field], tableDrag);
          for (const key of ['x', 'y', 'flightTime'] as const) {
            const [a, b] = [together.partials[field]![key][0], alone.partials[field]![key][0]];
            expect(Math.abs(a - b), `${field}.${key}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b)));
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('turn with the Earth: the Coriolis acceleration, held to the reference, to the right in the north, up when fired east at the equator', () => {
    const shots: [Shot, TableDrag | undefined, EarthRotation][] = [
      [{ speed: 35, elevation: 0.7, azimuth: 0.4, drag: 0.01, windX: 3, windY: -2, launchHeight: 1, targetHeight: 0 }, undefined, { latitude: 0.9, bearing: 2 }],
      [{ speed: 450, elevation: 0.3, azimuth: -0.5, drag: 1, windX: 0, windY: 4, launchHeight: 0, targetHeight: -5 }, cannonball, { latitude: -0.6, bearing: 4 }],
    ];
    for (const [shot, tableDrag, earth] of shots) {
      const impacts = simulateImpacts(columnsOf([shot]), 1, [], tableDrag, earth);
      const reference = referenceOf(shot, tableDrag, earth)!;
      const range = Math.hypot(reference.x, reference.y);
      const still = simulateImpacts(columnsOf([shot]), 1, [], tableDrag);
      // The turning moves the impact by centimetres to metres; the model follows the reference far closer.
      expect(Math.hypot(impacts.x[0] - still.x[0], impacts.y[0] - still.y[0])).toBeGreaterThan(tableDrag ? 1 : 0.01);
      expect(Math.hypot(impacts.x[0] - reference.x, impacts.y[0] - reference.y)).toBeLessThan(tableDrag ? 1e-4 * range : 1e-3 + 1e-6 * range);
    }
    // In the northern hemisphere a shot is carried to the right of its line of fire, in the southern to the left.
    const ball = { drag: { table: 'GS' as const, mass: 5.4, diameter: 0.11 } };
    const north = landing({ speed: 450, angle: 0.3 }, { ...ball, earth: { latitude: 0.8, bearing: 0 } })!;
    const south = landing({ speed: 450, angle: 0.3 }, { ...ball, earth: { latitude: -0.8, bearing: 0 } })!;
    expect(north.drift).toBeLessThan(-0.5);
    expect(south.drift).toBeGreaterThan(0.5);
    // Fired east at the equator, it is lifted (the Eötvös effect) and flies farther than fired west.
    const east = landing({ speed: 450, angle: 0.3 }, { ...ball, earth: { latitude: 0, bearing: Math.PI / 2 } })!;
    const west = landing({ speed: 450, angle: 0.3 }, { ...ball, earth: { latitude: 0, bearing: -Math.PI / 2 } })!;
    expect(east.distance - west.distance).toBeGreaterThan(1);
  });

  it('have exact derivatives on the rotating Earth, the azimuth flown (the Earth does not turn with the shot)', () => {
    checked = 0;
    fc.assert(
      fc.property(shotArbitrary, fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (shot, latitude, bearing) => {
        const earth = { latitude, bearing };
        const columns = columnsOf([{ ...shot, speed: 10 * shot.speed }]);
        const impacts = simulateImpacts(columns, 1, impactFields, undefined, earth);
        if (Number.isNaN(impacts.x[0])) return;
        checked++;
        for (const field of impactFields) {
          const value = columns[field][0];
          // The drag's step is small beside 1/(speed·time), the scale on which these long, fast flights bend.
          const h = field === 'drag' ? 1e-9 : 1e-6 * Math.max(1, Math.abs(value));
          const up = simulateImpacts({ ...columns, [field]: [value + h] }, 1, [], undefined, earth);
          const down = simulateImpacts({ ...columns, [field]: [value - h] }, 1, [], undefined, earth);
          for (const key of ['x', 'y', 'flightTime'] as const) {
            const numeric = (up[key][0] - down[key][0]) / (2 * h);
            // (A Coriolis term of the tangents dropped or turned the wrong way errs by ~2Ω·T ≈ 10⁻³ of them.)
            expect(Math.abs(impacts.partials[field]![key][0] - numeric), `${field}.${key}`).toBeLessThan(1e-4 * (1 + Math.abs(numeric)));
          }
        }
      }),
      { numRuns: 20 },
    );
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('report NaN where a shot never comes down to the target height, with partials 0', () => {
    const shot = { speed: 5, elevation: 0.5, azimuth: 1, drag: 0.01, windX: 1, windY: 1, launchHeight: 0, targetHeight: 10 };
    const impacts = simulateImpacts(columnsOf([shot]), 1, ['speed', 'azimuth']);
    expect(impacts.x[0]).toBeNaN();
    expect(impacts.y[0]).toBeNaN();
    expect(impacts.partials.speed!.x[0]).toBe(0);
  });
});
