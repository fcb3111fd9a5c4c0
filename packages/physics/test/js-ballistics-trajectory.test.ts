/**
 * The three-dimensional shot on a drag table (simulateImpacts), held to js-ballistics (npm), the peer calculator: the
 * same bullet, at the same muzzle speed and elevation, into the same dry standard air, on the same G7 or G1 table,
 * reaches 1000 m at the same time, at the same speed and at the same height, within the peer's own precision: its
 * step, and the ways its physics reads the air and the table.
 *
 * One drag. The peer decelerates the bullet by (ρ/ρ₀)·Cd(M)·(2.08551·10⁻⁴/BC)·v² (feet, seconds), where
 * 2.08551·10⁻⁴ = π·ρ₀/(8·144) with ρ₀ = 0.076474 lb/ft³; ours by ρ·i·Cd(M)·π·d²/(8m)·v². The two are one drag for
 * the form factor i = m/(BC·d²), m in pounds and d in inches: the peer's sectional density over its BC.
 *
 * The peer's precision. It steps a quarter of a foot along the range, Euler (one drag per step): at 1000 m that
 * leaves it about 10⁻⁴ s late, 2 mm low and 0.01 m/s slow against its own answer at a step 100 times finer (measured
 * here). Its physics differs from ours in three ways, each bounded here. Its air is the muzzle's anywhere within
 * 30 ft of the muzzle's height, where ours lapses: ρ falls by 9.6·10⁻⁵ per metre up (and the speed of sound by
 * 1.1·10⁻⁵, which moves these answers a tenth as much); on these paths, from 2.5 m up to 5 m down, that is the
 * largest difference, 1.5·10⁻⁴ s. Its sea-level air is 4.5·10⁻⁵ denser (its rounded constants). And between the
 * table's points its Cd is the parabola through the nearest three, ours the monotone cubic (PCHIP): they differ by
 * up to 2 % in G7's transonic rise, yet that moves these answers by microseconds and hundredths of m/s (flying the
 * peer on our curve instead measures it).
 *
 * Each answer may differ by the sum of those: the peer's step error, its table reading, the two drags' largest
 * relative gap along the path times the answer's change per unit of relative drag, and our own precision. A 1 %
 * error in the drag moves every answer by more than twice that, so the comparison would show it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { air, dragCoefficientAt, dragTables, simulateImpacts, STANDARD_GRAVITY, type DragTable, type TableDrag } from '../src/index.js';
import { loadJsBallistics, type JsBallistics, type PeerTable } from './js-ballistics.js';

const GRAIN = 64.79891e-6; // kg
const GRAINS_PER_POUND = 7000;
const INCH = 0.0254; // m
const FOOT = 0.3048; // m

/** A .308 Winchester 175 gr match bullet, rated BC 0.243 on G7 and 0.505 on G1, at 800 m/s and 10 mrad up. */
const BULLET = { grains: 175, inches: 0.308 };
const MUZZLE_SPEED = 800; // m/s
const ELEVATION = 0.01; // rad
const RANGE = 1000; // m
const cases = [
  { table: 'G7', bc: 0.243 },
  { table: 'G1', bc: 0.505 },
] as const;

/** The form factor of the bullet for a ballistic coefficient (lb/in²) on its table: i = m/(BC·d²). */
const formFactorOf = (bc: number) => BULLET.grains / GRAINS_PER_POUND / (bc * BULLET.inches ** 2);
const ballOn = (table: DragTable): TableDrag => ({ table, mass: BULLET.grains * GRAIN, diameter: BULLET.inches * INCH });

/** The peer's air holds its muzzle's density and speed of sound within this height of the muzzle (m). */
const PEER_HELD_AIR = 30 * FOOT;
/** Our own precision at the impact, against the converged reference of test/reference3d.mjs on these shots. */
const OURS = {
  time: 1e-5, // s: within 8 µs at 6–15 mrad
  height: 1e-4, // m: its range within 1 mm, on a path descending 1 in 30
  // The speed at the impact, on the cubic the impact is found on: within 2.6·10⁻⁵ (G7, through its transonic rise)
  // and 1.3·10⁻⁶ (G1).
  velocity: 5e-5, // relative
};

interface Answer {
  time: number;
  velocity: number;
  height: number;
}
const quantities = ['time', 'velocity', 'height'] as const;
const difference = (a: Answer, b: Answer): Answer => ({ time: a.time - b.time, velocity: a.velocity - b.velocity, height: a.height - b.height });

let peer: JsBallistics;
beforeAll(async () => {
  peer = await loadJsBallistics();
});

/** The shot as the peer takes it: no sight height, no twist (no spin drift), level, no cant, no wind, dry ICAO air at sea level. */
function peerShot(dragTable: PeerTable, bc: number) {
  const { UNew } = peer;
  const dm = new peer.DragModel({ bc, dragTable, weight: UNew.Grain(BULLET.grains), diameter: UNew.Inch(BULLET.inches) });
  const weapon = new peer.Weapon({ sightHeight: UNew.Meter(0), twist: UNew.Inch(0) });
  return new peer.Shot({ weapon, ammo: new peer.Ammo({ dm, mv: UNew.MPS(MUZZLE_SPEED) }), atmo: peer.Atmo.icao({}), relativeAngle: UNew.Radian(ELEVATION) });
}

/** The peer's rows every `step` metres to `range`, at its default step or at `maxStepFeet` (its step is half of it). */
function peerRows(shot: unknown, range: number, step: number, maxStepFeet?: number) {
  const { UNew, Unit } = peer;
  if (maxStepFeet) peer.setGlobalMaxCalcStepSize(UNew.Foot(maxStepFeet));
  try {
    const { trajectory } = new peer.Calculator().fire({ shot, trajectoryRange: UNew.Meter(range), trajectoryStep: UNew.Meter(step) });
    return trajectory.map((row) => ({
      x: row.distance.In(Unit.Meter),
      time: row.time,
      velocity: row.velocity.In(Unit.MPS),
      height: row.height.In(Unit.Meter),
      angle: row.angle.In(Unit.Radian),
    }));
  } finally {
    peer.resetGlobals();
  }
}

/** Our shot where it passes the range x: one impact through a target height near there, moved onto x along the path. */
function oursAt(x: number, heightNear: number, table: DragTable, formFactor: number): Answer {
  const fly = (targetHeight: number) => {
    // The peer's gravity, 32.17405 ft/s², is the standard 9.80665 m/s².
    const columns = { speed: [MUZZLE_SPEED], elevation: [ELEVATION], azimuth: [0], gravity: [STANDARD_GRAVITY], drag: [formFactor], windX: [0], windY: [0], launchHeight: [0], targetHeight: [targetHeight] };
    const { x: impact, flightTime, velocity, partials } = simulateImpacts(columns, 1, ['targetHeight'], ballOn(table));
    const along = partials.targetHeight!;
    return { x: impact[0], time: flightTime[0], speed: Math.hypot(velocity.x[0], velocity.y[0], velocity.z[0]), perHeight: { x: along.x[0], time: along.flightTime[0] } };
  };
  let height = heightNear;
  let impact = fly(height);
  for (let k = 0; k < 2; k++) {
    height += (x - impact.x) / impact.perHeight.x;
    impact = fly(height);
  }
  const { perHeight } = impact;
  const rest = (x - impact.x) / perHeight.x; // the height still to go to x, micrometres
  return {
    time: impact.time + rest * perHeight.time,
    velocity: impact.speed, // it changes by nanometres per second over the micrometres still to go
    height: height + rest,
  };
}

/**
 * The drag per metre of each model, 1/m, at each point of the table (Mach 0 to 5), in the muzzle's air: the peer's
 * velocity changes by −(ρ/ρ₀)·dragByMach(M)·|v|·v·dt in feet, (ρ/ρ₀)·dragByMach(M)/FOOT per metre; ours is
 * ρ·i·Cd(M)·π·d²/(8m). At the table's points its parabolas and our cubic both pass through the table's Cd.
 */
function dragsPerMetre(table: (typeof cases)[number]['table'], bc: number) {
  const ammo = new peer.Ammo({ dm: new peer.DragModel({ bc, dragTable: peer.Table[table] }), mv: peer.UNew.MPS(MUZZLE_SPEED) });
  const { densityRatio } = peer.Atmo.icao({});
  const integrator = new peer.TrajectoryCalc(ammo);
  const { mass, diameter } = ballOn(dragTables[table]);
  return Array.from(dragTables[table].mach, (mach) => ({
    mach,
    theirs: (densityRatio * integrator.dragByMach(mach)) / FOOT,
    ours: (air(0).density * formFactorOf(bc) * dragCoefficientAt(dragTables[table], mach).cd * Math.PI * diameter ** 2) / (8 * mass),
  }));
}

describe('against js-ballistics at 1000 m', () => {
  it('has the same drag for the form factor i = m/(BC·d²), to 10⁻⁶ in the same air; its sea-level air is 4.5·10⁻⁵ denser', () => {
    // The peer's ICAO pressure at sea level, 29.9214 inHg (1013.25 hPa), over the 29.92 inHg its density 0.076474
    // lb/ft³ refers to.
    const { densityRatio } = peer.Atmo.icao({});
    expect(densityRatio - 1).toBeGreaterThan(4e-5);
    expect(densityRatio - 1).toBeLessThan(5e-5);
    for (const { table, bc } of cases) {
      for (const { mach, theirs, ours } of dragsPerMetre(table, bc)) {
        // What is left is its rounded 2.08551·10⁻⁴ and ρ₀: 8·10⁻⁷.
        expect(Math.abs(theirs / (densityRatio * ours) - 1), `${table} at Mach ${mach}`).toBeLessThan(1e-6);
      }
    }
  });

  for (const { table, bc } of cases) {
    it(`flies the same ${table} shot: the same time of flight, velocity and height at 1000 m, within the peer's own precision`, () => {
      const peerTable = peer.Table[table];
      const shot = peerShot(peerTable, bc);
      // The peer's path every 10 m and its row at 1000 m (the first of its steps at or past it).
      const rows = peerRows(shot, RANGE + 5, 10);
      const theirs = rows[rows.length - 1];
      expect(theirs.x).toBeGreaterThanOrEqual(RANGE);
      expect(theirs.x).toBeLessThan(RANGE + 0.1);
      const heights = rows.map((row) => row.height);
      const [lowest, highest] = [Math.min(...heights), Math.max(...heights)];
      // The path stays where the peer holds its muzzle's air, so that its air is one and the same all along.
      expect(Math.max(-lowest, highest)).toBeLessThan(PEER_HELD_AIR);

      // Its precision: its answer at a step 100 times finer, moved back along its path to the same range.
      const fine = peerRows(shot, theirs.x, theirs.x, 0.005).at(-1)!;
      const back = fine.x - theirs.x; // under a millimetre
      const converged = { time: fine.time - back / (fine.velocity * Math.cos(fine.angle)), velocity: fine.velocity, height: fine.height - back * Math.tan(fine.angle) };
      const peerStep = difference(theirs, converged);
      // Its table reading: the same peer on our cubic, read off finely enough that its parabolas follow it.
      const { mach: machs } = dragTables[table];
      const ourCurve = Array.from({ length: 5001 }, (_, k) => {
        const mach = machs[0] + ((machs[machs.length - 1] - machs[0]) * k) / 5000;
        return { Mach: mach, CD: dragCoefficientAt(dragTables[table], mach).cd };
      });
      const tableReading = difference(theirs, peerRows(peerShot(ourCurve, bc), RANGE, RANGE).at(-1)!);
      // The two drags' largest relative gap along the path: ours lapses with height where the peer's air holds, and
      // its sea-level air is denser (the first test).
      const density = air(0).density;
      const lapse = Math.max(Math.abs(air(highest).density / density - 1), Math.abs(air(lowest).density / density - 1));
      const airGap = lapse + Math.max(...dragsPerMetre(table, bc).map(({ theirs, ours }) => Math.abs(theirs / ours - 1)));

      const formFactor = formFactorOf(bc);
      const ours = oursAt(theirs.x, theirs.height, dragTables[table], formFactor);
      // Each answer's change for 1 % more drag.
      const perPercent = difference(oursAt(theirs.x, theirs.height, dragTables[table], 1.01 * formFactor), ours);
      const own = { time: OURS.time, height: OURS.height, velocity: OURS.velocity * ours.velocity };
      const gap = difference(ours, theirs);

      for (const q of quantities) {
        const tolerance = Math.abs(peerStep[q]) + Math.abs(tableReading[q]) + (Math.abs(perPercent[q]) * airGap) / 0.01 + own[q];
        const figures = `${table} ${q}: ours ${ours[q]}, peer ${theirs[q]} (step error ${peerStep[q]}, table reading ${tableReading[q]}), 1 % of drag ${perPercent[q]}, tolerance ${tolerance}`;
        expect.soft(Math.abs(gap[q]), figures).toBeLessThanOrEqual(tolerance);
        // A 1 % error of the drag would show.
        expect(Math.abs(perPercent[q]), figures).toBeGreaterThan(2 * tolerance);
      }
      // The peer's precision is what the header says.
      expect(Math.abs(peerStep.time)).toBeLessThan(2e-4);
      expect(Math.abs(peerStep.height)).toBeLessThan(3e-3);
      expect(Math.abs(peerStep.velocity)).toBeLessThan(0.02);
    });
  }
});
