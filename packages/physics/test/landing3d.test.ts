// One shot in three dimensions through `landing`: the same impact as the batch, the plane's answers unchanged where
// the shot stays in the plane, what the impact's velocity must be in vacuum, and bad input named field by field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dragTables, flightPath, InvalidInputError, landing, simulateImpacts, simulateLandings, trajectory } from '../src/index.js';

const column = (value: number) => [value];

describe('landing in three dimensions', () => {
  it('is the batch\'s impact for a shot that leaves the plane, with the distance down the line of fire and the drift across it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 3, max: 30, noNaN: true }),
        fc.double({ min: 0.1, max: 1.3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -8, max: 8, noNaN: true }),
        fc.double({ min: -8, max: 8, noNaN: true }),
        (speed, angle, azimuth, wx, wy) => {
          // A shot that stays in the plane is the plane's model's (the next test), not the batch's to the bit.
          fc.pre(azimuth !== 0 || wy !== 0);
          const hit = landing({ speed, angle, azimuth }, { drag: 0.03, wind: [wx, wy], targetHeight: -1 })!;
          const batch = simulateImpacts(
            { speed: column(speed), elevation: column(angle), azimuth: column(azimuth), gravity: [9.81], drag: [0.03], windX: column(wx), windY: column(wy), launchHeight: [0], targetHeight: [-1] },
            1,
          );
          expect(hit.impact).toEqual({ x: batch.x[0], y: batch.y[0], z: -1 });
          expect(hit.flightTime).toBe(batch.flightTime[0]);
          expect(hit.velocity).toEqual({ x: batch.velocity.x[0], y: batch.velocity.y[0], z: batch.velocity.z[0] });
          expect(hit.distance).toBeCloseTo(hit.impact.x * Math.cos(azimuth) + hit.impact.y * Math.sin(azimuth), 9);
          expect(Math.hypot(hit.distance, hit.drift)).toBeCloseTo(Math.hypot(hit.impact.x, hit.impact.y), 9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("gives the plane's answers, to the bit, where the shot stays in the plane", () => {
    const hit = landing({ speed: 12, angle: 0.6 }, { drag: 0.04, wind: [3, 0], launchHeight: 1 })!;
    const plane = simulateLandings({ speed: [12], angle: [0.6], gravity: [9.81], drag: [0.04], wind: [3], launchHeight: [1], targetHeight: [0] }, 1);
    expect(hit.distance).toBe(plane.distance[0]);
    expect(hit.flightTime).toBe(plane.flightTime[0]);
    expect(hit.drift).toBe(0);
    expect(landing({ speed: 12, angle: 0.6, azimuth: 0 }, { drag: 0.04, wind: 3, launchHeight: 1 })).toEqual(hit);
  });

  it('comes down in vacuum at the speed energy gives it, in any direction', () => {
    const hit = landing({ speed: 20, angle: 0.9, azimuth: 2.2 }, { launchHeight: 3, targetHeight: -2 })!;
    const { x, y, z } = hit.velocity;
    expect(Math.hypot(x, y, z)).toBeCloseTo(Math.sqrt(400 + 2 * 9.81 * 5), 9);
    expect(Math.atan2(y, x)).toBeCloseTo(2.2, 12);
  });

  it('flies a ball on a drag table in the air given, as the batch does', () => {
    const hit = landing({ speed: 300, angle: 0.3, azimuth: 0.5 }, { drag: { table: 'GS', mass: 5.4, diameter: 0.11, formFactor: 1.1 }, wind: [0, -4], air: { altitude: 800, temperature: 25 } })!;
    const batch = simulateImpacts(
      { speed: [300], elevation: [0.3], azimuth: [0.5], gravity: [9.81], drag: [1.1], windX: [0], windY: [-4], launchHeight: [0], targetHeight: [0] },
      1,
      [],
      { table: dragTables.GS, mass: 5.4, diameter: 0.11, conditions: { altitude: 800, temperature: 25 } },
    );
    expect(hit.impact.x).toBe(batch.x[0]);
    expect(hit.impact.y).toBe(batch.y[0]);
    // Thinner, warmer air carries it farther than the standard air at sea level.
    expect(hit.distance).toBeGreaterThan(landing({ speed: 300, angle: 0.3, azimuth: 0.5 }, { drag: { table: 'GS', mass: 5.4, diameter: 0.11, formFactor: 1.1 }, wind: [0, -4] })!.distance);
  });

  it("draws the path from the muzzle to the impact, the plane's trajectory where the shot stays in the plane", () => {
    const plane = trajectory({ speed: 12, angle: 0.8 }, { drag: 0.05, wind: -3, launchHeight: 1 }, { samples: 31 });
    const path = flightPath({ speed: 12, angle: 0.8 }, { drag: 0.05, wind: -3, launchHeight: 1 }, { samples: 31 });
    path.points.forEach((point, i) => {
      expect(point.t).toBeCloseTo(plane.points[i].t, 12);
      expect(point.x).toBeCloseTo(plane.points[i].x, 10);
      expect(point.y === 0, `y = ${point.y}`).toBe(true); // zero, of either sign
      expect(point.z).toBeCloseTo(plane.points[i].y, 10);
    });
    const ball = { table: 'G7' as const, mass: 0.0113, diameter: 0.00782 };
    const turned = flightPath({ speed: 800, angle: 0.02, azimuth: -0.7 }, { drag: ball, wind: [3, 4], targetHeight: -1 }, { samples: 11 });
    const hit = turned.landing!;
    expect(turned.points[0]).toEqual({ t: 0, x: 0, y: 0, z: 0 });
    expect(turned.points[10]).toEqual({ t: hit.flightTime, x: expect.closeTo(hit.impact.x, 6), y: expect.closeTo(hit.impact.y, 6), z: expect.closeTo(-1, 9) });
    // Without a landing, the path ends where the ball falls back through the muzzle's height.
    const short = flightPath({ speed: 5, angle: 0.5 }, { targetHeight: 3 }, { samples: 3 });
    expect(short.landing).toBeNull();
    expect(short.points[2].z).toBeCloseTo(0, 12);
    expect(() => flightPath({ speed: 5, angle: 0.5 }, {}, { samples: 1 })).toThrow('samples must be a whole number in [2, 1000000]; received 1');
  });

  it("adds a moving launcher's velocity to the muzzle's, and measures the distance and the drift along the line it points", () => {
    // In vacuum: the ball flies at the sum of the two velocities, for the vacuum's time (the launcher adds no height).
    const [speed, angle, azimuth, vx, vy] = [20, 0.6, 0.3, 4, -3];
    const hit = landing({ speed, angle, azimuth }, { launcherVelocity: [vx, vy], targetHeight: -1 })!;
    const [vz, horizontal] = [speed * Math.sin(angle), speed * Math.cos(angle)];
    const time = (vz + Math.sqrt(vz * vz + 2 * 9.81)) / 9.81;
    expect(hit.flightTime).toBeCloseTo(time, 9);
    expect(hit.impact.x).toBeCloseTo((horizontal * Math.cos(azimuth) + vx) * time, 8);
    expect(hit.impact.y).toBeCloseTo((horizontal * Math.sin(azimuth) + vy) * time, 8);
    expect(hit.distance).toBeCloseTo(hit.impact.x * Math.cos(azimuth) + hit.impact.y * Math.sin(azimuth), 9);
    // In air it is the shot the ground sees: the same as firing that sum from a launcher standing still.
    const moving = landing({ speed: 300, angle: 0.2, azimuth: 1 }, { drag: { table: 'GS', mass: 5.4, diameter: 0.11 }, launcherVelocity: [10, 5] })!;
    const [gx, gy, gz] = [300 * Math.cos(0.2) * Math.cos(1) + 10, 300 * Math.cos(0.2) * Math.sin(1) + 5, 300 * Math.sin(0.2)];
    const still = landing({ speed: Math.hypot(gx, gy, gz), angle: Math.atan2(gz, Math.hypot(gx, gy)), azimuth: Math.atan2(gy, gx) }, { drag: { table: 'GS', mass: 5.4, diameter: 0.11 } })!;
    expect(moving.impact.x).toBeCloseTo(still.impact.x, 6);
    expect(moving.impact.y).toBeCloseTo(still.impact.y, 6);
    expect(() => landing({ speed, angle }, { launcherVelocity: [1, NaN] })).toThrow('world.launcherVelocity[1] must be a finite number in [-1000, 1000]; received NaN');
    expect(() => landing({ speed, angle }, { launcherVelocity: 3 as never })).toThrow('world.launcherVelocity must be a pair [vx, vy] of finite numbers in [-1000, 1000] m/s; received 3');
  });

  it('names each bad field of a three-dimensional shot, and what is allowed', () => {
    const shot = { speed: 10, angle: 0.5 };
    const ball = { table: 'G7' as const, mass: 0.0113, diameter: 0.00782 };
    expect(() => landing({ ...shot, azimuth: '0.3' as never })).toThrow(/^azimuth must be a finite number in \[.*\]; received "0.3"$/);
    expect(() => landing({ ...shot, azimuth: 7 })).toThrow(/^azimuth must be a finite number in/);
    expect(() => landing(shot, { wind: [1] as never })).toThrow('world.wind must be a number (along +x) or a pair [wx, wy] of finite numbers in [-1000, 1000] m/s; received an array');
    expect(() => landing(shot, { wind: [1, NaN] })).toThrow('world.wind[1] must be a finite number in [-1000, 1000]; received NaN');
    expect(() => landing(shot, { drag: { ...ball, table: 'G9' as never } })).toThrow('world.drag.table must be one of G1, G7, GS, or a table made by dragTable; received "G9"');
    expect(() => landing(shot, { drag: { ...ball, mass: -1 } })).toThrow(/^world\.drag\.mass must be a finite number in \(0, /);
    expect(() => landing(shot, { drag: { table: 'G7', mass: 0.01 } as never })).toThrow(/^world\.drag\.diameter must be a finite number in \(0, 10\]; received undefined$/);
    expect(() => landing(shot, { drag: { ...ball, caliber: 1 } as never })).toThrow('world.drag.caliber must be one of table, mass, diameter, formFactor; received "caliber"');
    expect(() => landing(shot, { drag: 0.01, air: { altitude: 100 } })).toThrow(/^world\.air must be given only with a drag table/);
    expect(() => landing(shot, { drag: ball, air: { temperature: 100 } })).toThrow('world.air.temperature must be a finite number in [-80, 60]; received 100');
    expect(() => landing(shot, { drag: ball, air: { humidity: 50 } as never })).toThrow('world.air.humidity must be one of altitude, temperature, pressure; received "humidity"');
    expect(() => landing(shot, { drg: 0.1 } as never)).toThrow('world.drg must be one of gravity, drag, wind, launchHeight, targetHeight, air, earth, launcherVelocity; received "drg"');
    expect(() => landing(shot, { earth: { latitude: 2, bearing: 0 } })).toThrow(/^world\.earth\.latitude must be a finite number in \[/);
    expect(() => landing(shot, { earth: { latitude: 0.5 } as never })).toThrow(/^world\.earth\.bearing must be a finite number in \[.*received undefined$/);
    expect(() => landing(shot, { earth: 0.5 as never })).toThrow('world.earth must be an object { latitude, bearing } (radians); received 0.5');
    try {
      landing(shot, { wind: [0, Infinity] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe('world.wind[1]');
    }
  });
});
