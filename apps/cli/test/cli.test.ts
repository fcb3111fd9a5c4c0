import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { landing, minimumSpeed } from '@cannon/physics';
import { printJson } from '../src/output.js';
import { runWithoutTensorFlow } from '../../../tests/support/without-tensorflow.js';

// The built command, run as a user runs it: a subprocess, its output and its exit code.
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const run = (...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status, stdout, stderr };
};
const json = (...args: string[]) => {
  const result = run(...args, '--json');
  return { ...result, body: JSON.parse(result.stdout) };
};
const scratch = mkdtempSync(join(tmpdir(), 'cannon-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cannon', () => {
  it('prints help for itself and every command, and its version', () => {
    expect(run('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: cannon <command>') });
    for (const command of ['aim', 'simulate', 'calibrate', 'compare']) {
      expect(run(command, '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining(`Usage: cannon ${command}`) });
    }
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints only the command\'s output on stdout when run from the root as the README says (pnpm -s cannon)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const { status, stdout, stderr } = spawnSync('npx', ['--yes', 'pnpm@10.34.9', '-s', 'cannon', 'aim', '2.5', '--json'], { cwd: root, encoding: 'utf8' });
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ target: 2.5, conditions: { aimer: 'vacuum' } });
  });

  it('aims, simulates and helps without loading TensorFlow.js', () => {
    for (const args of [['--help'], ['aim', '5', '--json'], ['aim', '4', '--wind', '-2', '--drag', '0.02'], ['aim', '12', '--json'], ['simulate', '--speed', '8', '--angle', '40', '--trajectory'], ['aim', '--help'], ['bench', '--help']]) {
      const { status, stderr } = runWithoutTensorFlow([cli, ...args]);
      expect([0, 3], `cannon ${args.join(' ')}: ${stderr}`).toContain(status);
      expect(stderr).not.toContain('TensorFlow.js was loaded');
    }
    // The guard itself: a command that trains does load it.
    expect(runWithoutTensorFlow([cli, 'train', 'inverse', '--out', join(scratch, 'blocked')]).stderr).toContain('TensorFlow.js was loaded');
  });

  it('rejects an unknown command or flag, naming it, with exit code 2', () => {
    expect(run('shoot')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "shoot"') });
    expect(run('aim', '5', '--bogus')).toMatchObject({ status: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(run()).toMatchObject({ status: 2 });
  });
});

describe('cannon aim', () => {
  it('aims, verifies and prints a table', () => {
    const { status, stdout } = run('aim', '7');
    expect(status).toBe(0);
    expect(stdout).toMatch(/target \(m\)\s+speed \(m\/s\)\s+angle/);
    expect(stdout).toContain('vacuum');
  });

  it('prints JSON with both angle units and the conditions, within 1 mm unless told otherwise', () => {
    const { status, body } = json('aim', '5', '--wind', '-3', '--drag', '0.02', '--target-height', '0.5');
    expect(status).toBe(0);
    expect(body.target).toBe(5);
    expect(body.miss).toBeLessThanOrEqual(0.001);
    expect(json('aim', '5', '--tolerance', '0.2').body).toMatchObject({ refined: false, iterations: 0 });
    expect(Math.abs(body.landing - 5)).toBeCloseTo(body.miss, 12);
    expect(body.angleDeg).toBeCloseTo((body.angleRad * 180) / Math.PI, 12);
    expect(body.conditions).toMatchObject({ wind: -3, drag: 0.02, launchHeight: 0, targetHeight: 0.5, aimer: 'field' });
    expect(typeof body.refined).toBe('boolean');
    expect(Number.isInteger(body.iterations)).toBe(true);
  });

  it('honours a fixed speed and arc, and a fixed angle with a unit', () => {
    const high = json('aim', '6', '--speed', '9', '--arc', 'high').body;
    const low = json('aim', '6', '--speed', '9', '--arc', 'low').body;
    expect(high.speed).toBe(9);
    expect(high.angleRad).toBeGreaterThan(low.angleRad);
    expect(json('aim', '6', '--angle', '0.6rad').body.angleRad).toBe(0.6);
    expect(json('aim', '6', '--angle', '35').body.angleDeg).toBeCloseTo(35, 12);
  });

  it('reports an unreachable target with exit code 3 and the maximum distance', () => {
    const { status, body } = json('aim', '12');
    expect(status).toBe(3);
    expect(body.error.code).toBe('UNREACHABLE');
    expect(body.error.maxDistance).toBeCloseTo(100 / 9.81, 6);
    expect(run('aim', '12')).toMatchObject({ status: 3, stderr: expect.stringContaining('unreachable') });
  });

  it('rejects bad input with a message that names it, and exit code 2', () => {
    expect(run('aim')).toMatchObject({ status: 2, stderr: expect.stringContaining('cannon aim takes one distance') });
    expect(run('aim', 'far')).toMatchObject({ status: 2, stderr: expect.stringContaining('distance must be a number') });
    expect(run('aim', '5', '--drag', '-1')).toMatchObject({ status: 2, stderr: expect.stringContaining('--drag must be a number in [0, 100]; received "-1"') });
    expect(run('aim', '0')).toMatchObject({ status: 2, stderr: expect.stringContaining('target must be a finite number > 0; received 0') });
    expect(run('aim', '5', '--angle', 'steep')).toMatchObject({ status: 2, stderr: expect.stringContaining('--angle must be an angle') });
    expect(json('aim', '5', '--drag', '-1').body.error.code).toBe('BAD_INPUT');
  });

  it('rejects a model directory that does not exist or holds a corrupt file', () => {
    expect(run('aim', '5', '--model', join(scratch, 'nowhere'))).toMatchObject({ status: 2, stderr: expect.stringContaining(`cannon: --model ${join(scratch, 'nowhere')} is missing`) });
    const corrupt = join(scratch, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'model.json'), '{"modelTopology": ');
    expect(run('aim', '5', '--model', corrupt)).toMatchObject({ status: 2, stderr: expect.stringContaining('model.json is not valid JSON') });
  });
});

describe('cannon aim --at', () => {
  // Each answer is flown again here, through the physics as a user would: the ball must come down where the target is.
  const flown = (body: { speed: number; angleRad: number; azimuthRad: number }, world: object, height = 0) =>
    landing({ speed: body.speed, angle: body.angleRad, azimuth: body.azimuthRad }, { ...world, targetHeight: height })!;

  it('aims in three dimensions at a still target in a crosswind, the slowest shot within 1 mm', () => {
    const { status, body } = json('aim', '--at', '30,12', '--wind', '2,-3', '--drag', '0.01');
    expect(status).toBe(0);
    // In the shipped 3D aimer's box: its guess, refined on the physics.
    expect(body).toMatchObject({ target: { x: 30, y: 12, z: 0 }, intercept: { x: 30, y: 12, z: 0 }, aimer: 'aim3d' });
    expect(body.azimuthDeg).toBeCloseTo((body.azimuthRad * 180) / Math.PI, 9);
    expect(body.angleDeg).toBeCloseTo((body.angleRad * 180) / Math.PI, 9);
    expect(body.miss).toBeLessThanOrEqual(0.001);
    expect(body).not.toHaveProperty('error');
    const hit = flown(body, { wind: [2, -3], drag: 0.01 });
    expect(Math.hypot(hit.impact.x - 30, hit.impact.y - 12)).toBeLessThanOrEqual(0.001);
    expect(hit.flightTime).toBeCloseTo(body.flightTime, 9);
    // The slowest: within 1% over the physics' own slowest shot along that bearing.
    const slowest = minimumSpeed(Math.hypot(30, 12), { wind: [2, -3], drag: 0.01 }, { bearing: Math.atan2(12, 30) }).speed;
    expect(body.speed).toBeGreaterThanOrEqual(slowest * (1 - 1e-9));
    expect(body.speed / slowest - 1).toBeLessThan(0.01);
    expect(run('aim', '--at', '30,12')).toMatchObject({ status: 0, stdout: expect.stringContaining('azimuth (°)') });
  });

  it('meets a moving target where it is when the ball comes down, a cannonball on the GS table at a fixed speed', () => {
    const ball = { table: 'GS', mass: 5.4, diameter: 0.11 } as const;
    const { status, body } = json('aim', '--at', '1000,0', '--target-velocity', '0,20', '--drag-table', 'gs', '--mass', '5.4', '--diameter', '0.11', '--speed', '450');
    expect(status).toBe(0);
    expect(body.intercept.y).toBeCloseTo(20 * body.flightTime, 6);
    const hit = flown(body, { drag: ball });
    expect(Math.hypot(hit.impact.x - body.intercept.x, hit.impact.y - body.intercept.y)).toBeLessThanOrEqual(0.001);
    // A climbing target seen from a moving launcher, on the high arc.
    const high = json('aim', '--at', '40,5', '--target-velocity', '3,-2,0.5', '--launcher-velocity', '0,4', '--speed', '30', '--arc', 'high', '--target-height', '2').body;
    expect(high.intercept.z).toBeCloseTo(2 + 0.5 * high.flightTime, 9);
    expect(high.angleDeg).toBeGreaterThan(45);
    const lobbed = flown(high, { launcherVelocity: [0, 4] }, high.intercept.z);
    expect(Math.hypot(lobbed.impact.x - high.intercept.x, lobbed.impact.y - high.intercept.y)).toBeLessThanOrEqual(0.001);
  });

  it('refuses what it cannot aim at or read, naming the flag', () => {
    expect(json('aim', '--at', '5000,0', '--speed', '20')).toMatchObject({ status: 3, body: { error: { code: 'UNREACHABLE', maxDistance: expect.closeTo(40.775, 3), message: expect.stringContaining('the farthest reach along that bearing is 40.775 m') } } });
    expect(run('aim', '--at', '3')).toMatchObject({ status: 2, stderr: expect.stringContaining('--at must be two numbers X,Y') });
    expect(run('aim', '--at', '3,4', '--target-velocity', '2')).toMatchObject({ status: 2, stderr: expect.stringContaining('--target-velocity must be two or three numbers X,Y[,Z]') });
    expect(run('aim', '--at', '0,0')).toMatchObject({ status: 2, stderr: expect.stringContaining('target') });
    expect(run('aim', '--at', '3,4', '7')).toMatchObject({ status: 2, stderr: expect.stringContaining('cannon aim --at takes no distance') });
    expect(run('aim', '5', '--drag-table', 'gs')).toMatchObject({ status: 2, stderr: expect.stringContaining('--drag-table is a flag of aiming in three dimensions') });
    expect(run('aim', '5', '--wind', '1,2')).toMatchObject({ status: 2, stderr: expect.stringContaining('give the target as --at X,Y') });
    expect(run('aim', '--at', '3,4', '--arc', 'high')).toMatchObject({ status: 2, stderr: expect.stringContaining('--arc goes with --speed') });
  });
});

describe('cannon aim --at … --radius', () => {
  it('aims for the best chance of a hit given the spreads, and prints it beside the slowest shot\'s', () => {
    const { status, body } = json('aim', '--at', '40,10', '--drag', '0.01', '--wind', '3,-2', '--wind-sd', '1', '--speed-sd', '0.3', '--angle-sd', '0.17', '--radius', '0.5');
    expect(status).toBe(0);
    expect(body.miss).toBeLessThanOrEqual(0.001);
    expect(body.hitProbability).toBeGreaterThan(body.hitProbabilityOfPlainAim + 0.1);
    const slowest = json('aim', '--at', '40,10', '--drag', '0.01', '--wind', '3,-2').body;
    expect(body.speed).toBeGreaterThan(slowest.speed);
    expect(run('aim', '--at', '40,10', '--wind-sd', '1')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--wind-sd goes with --radius/) });
    expect(run('aim', '--at', '40,10', '--radius', '1', '--speed', '30')).toMatchObject({ status: 2, stderr: expect.stringMatching(/not with --speed/) });
    expect(run('aim', '--at', '40,10', '--radius', '-1')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--radius/) });
    expect(run('aim', '5', '--radius', '1')).toMatchObject({ status: 2, stderr: expect.stringMatching(/give the target as --at/) });
  });
});

describe('cannon simulate', () => {
  it('lands one shot and prints its trajectory on request', () => {
    const { status, body } = json('simulate', '--speed', '10', '--angle', '45deg', '--trajectory');
    expect(status).toBe(0);
    expect(body.distance).toBeCloseTo(100 / 9.81, 6);
    expect(body.trajectory).toHaveLength(21);
    expect(body.trajectory[0]).toEqual([0, 0, 0, 0]);
    expect(body.trajectory.at(-1)[1]).toBeCloseTo(body.distance, 9);
    expect(body).toMatchObject({ drift: 0, impact: { x: body.distance, y: 0, z: 0 }, impactAngle: expect.closeTo(45, 9) });
    expect(body.impactSpeed).toBeCloseTo(10, 9);
    expect(run('simulate', '--speed', '10', '--angle', '45')).toMatchObject({ status: 0, stdout: expect.stringContaining('lands at (m)') });
  });

  it('follows strong drag at high speed to its landing: 5000 m/s into a drag of 8 1/m lands about a metre out', () => {
    const { status, body } = json('simulate', '--speed', '5000', '--angle', '35', '--drag', '8');
    expect(status).toBe(0);
    expect(body.distance).toBeCloseTo(1.0007, 3);
  });

  it('reports a shot that never lands with exit code 3', () => {
    const { status, body } = json('simulate', '--speed', '3', '--angle', '30', '--target-height', '2');
    expect(status).toBe(3);
    expect(body.error.code).toBe('NO_LANDING');
  });

  it('fires in three dimensions: an azimuth, a crosswind, a ball on a drag table in the air given', () => {
    const { status, body } = json('simulate', '--speed', '450', '--angle', '7', '--azimuth', '20', '--wind', '0,-6', '--drag-table', 'gs', '--mass', '5.4', '--diameter', '0.11', '--altitude', '300', '--trajectory');
    expect(status).toBe(0);
    expect(Math.atan2(body.impact.y, body.impact.x) * (180 / Math.PI)).toBeCloseTo(20 - (Math.atan2(-body.drift, body.downrange) * 180) / Math.PI, 6);
    expect(body.distance).toBeCloseTo(Math.hypot(body.impact.x, body.impact.y), 9);
    expect(body.distance).toBeCloseTo(Math.hypot(body.downrange, body.drift), 9);
    expect(body.drift).toBeLessThan(-1); // the wind from the left blows it to the right
    expect(body.distance).toBeGreaterThan(1500);
    expect(body.impactSpeed).toBeLessThan(450);
    expect(body.trajectory).toHaveLength(21);
    expect(body.trajectory.at(-1).slice(1)).toEqual([expect.closeTo(body.impact.x, 6), expect.closeTo(body.impact.y, 6), expect.closeTo(0, 6)]);
    // On the rotating Earth, fired north at 46° north, the ball is carried to the right.
    const still = json('simulate', '--speed', '450', '--angle', '17', '--drag-table', 'gs', '--mass', '5.4', '--diameter', '0.11').body;
    const turning = json('simulate', '--speed', '450', '--angle', '17', '--drag-table', 'gs', '--mass', '5.4', '--diameter', '0.11', '--latitude', '46', '--bearing', '0').body;
    expect(still.drift).toBe(0);
    expect(turning.drift).toBeLessThan(-1);
    // From a launcher moving to the left at 10 m/s, the ball is carried left of the line the cannon points along.
    const moving = json('simulate', '--speed', '450', '--angle', '17', '--drag-table', 'gs', '--mass', '5.4', '--diameter', '0.11', '--launcher-velocity', '0,10').body;
    expect(moving.drift).toBeGreaterThan(10);
    expect(run('simulate', '--speed', '10', '--angle', '40', '--launcher-velocity', '3')).toMatchObject({ status: 2, stderr: expect.stringContaining('--launcher-velocity must be two numbers X,Y, each in [-1000, 1000]; received "3"') });
    // Its own table, from a CSV file: a constant Cd of the GS table's subsonic value.
    const file = join(scratch, 'flat.csv');
    writeFileSync(file, 'mach,cd\n0,0.47\n5,0.47\n');
    expect(json('simulate', '--speed', '100', '--angle', '30', '--drag-table', file, '--mass', '1', '--diameter', '0.1')).toMatchObject({ status: 0, body: { distance: expect.any(Number) } });
    writeFileSync(file, 'mach,cd\n0,0.47\n0,0.5\n');
    expect(run('simulate', '--speed', '100', '--angle', '30', '--drag-table', file, '--mass', '1', '--diameter', '0.1')).toMatchObject({ status: 2, stderr: expect.stringContaining(`--drag-table ${file}, line 3: the Mach number must be a finite Mach number > 0 (the Mach numbers increase); received 0`) });
  });

  it('names the flag of every bad three-dimensional input', () => {
    const shot = ['simulate', '--speed', '300', '--angle', '10'];
    const table = ['--drag-table', 'g7', '--mass', '0.0113', '--diameter', '0.00782'];
    expect(run(...shot, '--azimuth', 'north')).toMatchObject({ status: 2, stderr: expect.stringContaining('--azimuth must be an angle in degrees, or with a unit (40, 40deg, 0.7rad) from -360° to 360°; received "north"') });
    expect(run(...shot, '--wind', '3,x')).toMatchObject({ status: 2, stderr: expect.stringContaining('--wind must be two numbers X,Y, each in [-1000, 1000]; received "3,x"') });
    expect(run(...shot, '--drag-table', 'g9', '--mass', '1', '--diameter', '0.1')).toMatchObject({ status: 2, stderr: expect.stringContaining('--drag-table must be g1, g7, gs or a CSV file of mach,cd rows; "g9" cannot be read (ENOENT)') });
    expect(run(...shot, '--drag-table', 'g7', '--mass', '0.01')).toMatchObject({ status: 2, stderr: expect.stringContaining('--drag-table needs --diameter') });
    expect(run(...shot, ...table, '--mass', '-1')).toMatchObject({ status: 2, stderr: expect.stringContaining('--mass must be a number in (0, 1000000]; received "-1"') });
    expect(run(...shot, ...table, '--diameter', '0')).toMatchObject({ status: 2, stderr: expect.stringContaining('--diameter must be a number in (0, 10]; received "0"') });
    expect(run(...shot, ...table, '--temperature', '90')).toMatchObject({ status: 2, stderr: expect.stringContaining('--temperature must be a number in [-80, 60]; received "90"') });
    expect(run(...shot, '--altitude', '1000')).toMatchObject({ status: 2, stderr: expect.stringContaining('--altitude describes a ball on a drag table: give --drag-table too') });
    expect(run(...shot, ...table, '--drag', '0.01')).toMatchObject({ status: 2, stderr: expect.stringContaining('--drag and --drag-table are two drag models: give one') });
    expect(run(...shot, '--latitude', '46')).toMatchObject({ status: 2, stderr: expect.stringContaining('--latitude needs --bearing') });
    expect(run(...shot, '--latitude', '95', '--bearing', '0')).toMatchObject({ status: 2, stderr: expect.stringContaining('--latitude must be an angle in degrees, or with a unit (40, 40deg, 0.7rad) from -90° to 90°; received "95"') });
  });

  it('rejects bad values with exit code 2', () => {
    expect(run('simulate', '--speed', 'abc', '--angle', '45')).toMatchObject({ status: 2, stderr: expect.stringContaining('--speed must be a number in [0, 10000]; received "abc"') });
    expect(run('simulate', '--angle', '45')).toMatchObject({ status: 2, stderr: expect.stringContaining('needs --speed') });
  });
});

describe('cannon calibrate', () => {
  /** A shots file of 12 shots of a cannon 4% slow, 0.5° high, in a drag of 0.02 1/m and a wind of (2, −1.5) m/s, exact. */
  const shotsFile = () => {
    const settings = Array.from({ length: 12 }, (_, i) => ({ speed: 20 + (i % 4) * 6, angle: 18 + (i % 3) * 20, azimuth: -50 + i * 9 }));
    const lines = settings.map(({ speed, angle, azimuth }) => {
      const hit = landing({ speed: 0.96 * speed, angle: ((angle + 0.5) * Math.PI) / 180, azimuth: (azimuth * Math.PI) / 180 }, { drag: 0.02, wind: [2, -1.5] })!;
      return [speed, angle, azimuth, hit.impact.x, hit.impact.y].join(',');
    });
    const file = join(scratch, 'shots.csv');
    writeFileSync(file, `speed,angle,azimuth,x,y\n${lines.join('\n')}\n`);
    return file;
  };

  it('fits the drag, the wind, the speed scale and the elevation bias to a shots file, with their standard errors', () => {
    const file = shotsFile();
    const { status, body } = json('calibrate', '--shots', file);
    expect(status).toBe(0);
    expect(body.fit.drag).toBeCloseTo(0.02, 8);
    expect(body.fit.windX).toBeCloseTo(2, 6);
    expect(body.fit.windY).toBeCloseTo(-1.5, 6);
    expect(body.fit.speedScale).toBeCloseTo(0.96, 8);
    expect(body.fit.elevationBiasDeg).toBeCloseTo(0.5, 6);
    expect(body).toMatchObject({ parameters: ['drag', 'windX', 'windY', 'speedScale', 'elevationBias'], shots: 12, outliers: [] });
    expect(body.covariance).toHaveLength(5);
    expect(body.residualRms).toBeLessThan(1e-6);
    const table = run('calibrate', '--shots', file, '--fit', 'drag,speed-scale,elevation-bias', '--wind', '2,-1.5');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/speed scale\s+0\.9600/);
    expect(table.stdout).toMatch(/wind x \(m\/s\)\s+2\.000\s+known/);
    const robust = json('calibrate', '--shots', file, '--robust');
    expect(robust.status).toBe(0);
    expect(robust.body.fit.speedScale).toBeCloseTo(0.96, 6);
  });

  it('aims the calibrated cannon: the speed and angle to set, which simulate with the calibration lands on the target', () => {
    const calibration = join(scratch, 'calibration.json');
    writeFileSync(calibration, run('calibrate', '--shots', shotsFile(), '--json').stdout);
    const { status, body } = json('aim', '--at', '30,10', '--calibration', calibration);
    expect(status).toBe(0);
    // The cannon shoots 4% slow and 0.5° high: it is told to set 1/0.96 of the true speed, 0.5° less.
    expect(body.speed).toBeCloseTo(body.calibrated.trueSpeed / 0.96, 6);
    expect(body.angleDeg).toBeCloseTo(body.calibrated.trueAngleDeg - 0.5, 5);
    const uncalibrated = json('aim', '--at', '30,10', '--drag', '0.02', '--wind', '2,-1.5').body;
    expect(body.calibrated.trueSpeed).toBeCloseTo(uncalibrated.speed, 4);
    const fired = json('simulate', '--speed', String(body.speed), '--angle', String(body.angleDeg), '--azimuth', String(body.azimuthDeg), '--calibration', calibration);
    expect(Math.hypot(fired.body.impact.x - 30, fired.body.impact.y - 10)).toBeLessThan(0.001);
    // Its covariance makes the parameters uncertain: the chance of landing within 5 cm is neither 0 nor 1.
    const chance = json('aim', '--at', '30,10', '--calibration', calibration, '--radius', '0.05', '--speed-sd', '0.2').body;
    expect(chance.hitProbability).toBeGreaterThan(0);
    expect(chance.hitProbability).toBeLessThan(1);
    expect(chance.hitProbability).toBeGreaterThanOrEqual(chance.hitProbabilityOfPlainAim);
    expect(run('aim', '--at', '30,10', '--calibration', calibration, '--drag', '0.1')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--drag and --calibration/) });
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"fit":{"drag":"x"}}');
    expect(run('simulate', '--speed', '20', '--angle', '40', '--calibration', broken)).toMatchObject({ status: 2, stderr: expect.stringMatching(/fit\.drag/) });
  });

  it("fits a rifle's form factor on the G7 table from its shots, with the wind and the charge", () => {
    const settings = [780, 800, 820].flatMap((speed) => [0.3, 0.6, 1.2].map((angle, i) => ({ speed, angle, azimuth: i - 1 })));
    const ball = { table: 'G7' as const, mass: 0.0113, diameter: 0.00782, formFactor: 1.12 };
    const lines = settings.map(({ speed, angle, azimuth }) => {
      const hit = landing({ speed: 0.97 * speed, angle: (angle * Math.PI) / 180, azimuth: (azimuth * Math.PI) / 180 }, { drag: ball, wind: [-3, 2] })!;
      return [speed, angle, azimuth, hit.impact.x, hit.impact.y].join(',');
    });
    const file = join(scratch, 'rifle.csv');
    writeFileSync(file, `speed,angle,azimuth,x,y\n${lines.join('\n')}\n`);
    const { status, body } = json('calibrate', '--shots', file, '--fit', 'drag,wind,speed-scale', '--drag-table', 'g7', '--mass', '0.0113', '--diameter', '0.00782');
    expect(status).toBe(0);
    expect(body.fit.drag).toBeCloseTo(1.12, 6);
    expect(body.fit.speedScale).toBeCloseTo(0.97, 6);
    expect(run('calibrate', '--shots', file, '--fit', 'drag', '--drag-table', 'g7', '--mass', '0.0113', '--diameter', '0.00782').stdout).toMatch(/form factor/);
    // Its calibration keeps the ball on its table: aim and simulate fly the G7 bullet, not a drag of 1.12 1/m.
    expect(body.world).toMatchObject({ drag: { table: 'G7', mass: 0.0113, diameter: 0.00782 }, wind: [body.fit.windX, body.fit.windY] });
    const calibration = join(scratch, 'rifle.json');
    writeFileSync(calibration, JSON.stringify(body));
    const aimed = json('aim', '--at', '600,5', '--calibration', calibration).body;
    const fired = landing({ speed: 0.97 * aimed.speed, angle: aimed.angleRad, azimuth: aimed.azimuthRad }, { drag: ball, wind: [-3, 2] })!;
    expect(Math.hypot(fired.impact.x - 600, fired.impact.y - 5)).toBeLessThan(0.01);
    expect(run('aim', '--at', '600,5', '--calibration', calibration, '--mass', '0.01')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--mass and --calibration/) });
    // A world in the file that is not one is refused, naming its field.
    const hostile: [unknown, RegExp][] = [
      [{ ...body.world, drag: { ...body.world.drag, table: { name: 'mine', points: 'none' } } }, /world\.drag\.table\.points must be an array/],
      [{ ...body.world, drag: { ...body.world.drag, mass: -5 } }, /world\.drag\.mass must be a finite number/],
      [{ ...body.world, colour: 'red' }, /world\.colour must be one of gravity/],
      [[1], /world must be an object/],
    ];
    for (const [world, message] of hostile) {
      writeFileSync(calibration, JSON.stringify({ ...body, world }));
      expect(run('aim', '--at', '600,5', '--calibration', calibration)).toMatchObject({ status: 2, stderr: expect.stringMatching(message) });
    }
  });

  it('learns a drag law the table does not hold (--fit …,drag-correction), and aims the cannon on it', () => {
    // A cannonball on the smooth sphere's table, whose Cd rises towards the sound barrier, calibrated on a table of
    // one Cd (the textbook's quadratic drag) from 12 shots seen to 1 m.
    const ball = { table: 'GS' as const, mass: 5.4, diameter: 0.117 };
    const lines = Array.from({ length: 12 }, (_, i) => {
      const [speed, angle, azimuth] = [130 + 25 * i, 4 + ((i * 7) % 12) * 3, -30 + ((i * 5) % 12) * 5];
      const hit = landing({ speed: 0.96 * speed, angle: (angle * Math.PI) / 180, azimuth: (azimuth * Math.PI) / 180 }, { drag: ball, wind: [3, -2] })!;
      return [speed, angle, azimuth, hit.impact.x + Math.sin(7 * i), hit.impact.y + Math.cos(5 * i)].join(',');
    });
    const file = join(scratch, 'cannon.csv');
    writeFileSync(file, `speed,angle,azimuth,x,y\n${lines.join('\n')}\n`);
    const sphere = join(scratch, 'one-cd.csv');
    writeFileSync(sphere, 'mach,cd\n0,0.47\n3,0.47\n');
    const conditions = ['--drag-table', sphere, '--mass', '5.4', '--diameter', '0.117'];
    const { status, body } = json('calibrate', '--shots', file, '--fit', 'wind,speed-scale,drag-correction', ...conditions);
    expect(status).toBe(0);
    expect(body.parameters).toEqual(['windX', 'windY', 'speedScale']);
    expect(body.dragCorrection).toMatchObject({ hidden: 6, weights: expect.any(Array) });
    expect(body.residualRms).toBeLessThan(2);
    expect(json('calibrate', '--shots', file, '--fit', 'drag,wind,speed-scale', ...conditions).body.residualRms).toBeGreaterThan(20);
    const calibration = join(scratch, 'cannon.json');
    writeFileSync(calibration, JSON.stringify(body));
    const aimed = json('aim', '--at', '2500,400', '--calibration', calibration).body;
    const fired = landing({ speed: 0.96 * aimed.speed, angle: aimed.angleRad, azimuth: aimed.azimuthRad }, { drag: ball, wind: [3, -2] })!;
    expect(Math.hypot(fired.impact.x - 2500, fired.impact.y - 400)).toBeLessThan(3);
    expect(run('calibrate', '--shots', file, '--fit', 'drag-correction')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--fit drag-correction needs --drag-table/) });
    const text = run('calibrate', '--shots', file, '--fit', 'wind,speed-scale,drag-correction', ...conditions).stdout;
    expect(text).toMatch(/the drag learnt/);
    expect(text).toMatch(/form factor\s+[\d.]+\s+see below/);
  });

  it('refuses a missing file, a bad file and a bad --fit, naming them, with exit code 2', () => {
    expect(run('calibrate', '--shots', join(scratch, 'none.csv'))).toMatchObject({ status: 2, stderr: expect.stringMatching(/--shots .*none\.csv cannot be read: ENOENT/) });
    const bad = join(scratch, 'bad.csv');
    writeFileSync(bad, 'speed,angle,azimuth,x,y\n30,40,0,seventy,1\n');
    expect(json('calibrate', '--shots', bad)).toMatchObject({ status: 2, body: { error: { code: 'BAD_INPUT', message: expect.stringMatching(/line 2, column x/) } } });
    expect(run('calibrate', '--shots', shotsFile(), '--fit', 'drag,gravity')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--fit must name .*"gravity"/) });
    expect(run('calibrate')).toMatchObject({ status: 2, stderr: expect.stringMatching(/needs --shots/) });
  });
});

describe('cannon compare', () => {
  it('puts the three approaches side by side, the hybrid hitting every target', () => {
    const { status, body } = json('compare', '--targets', '20', '--seed', '1');
    expect(status).toBe(0);
    expect(body.approaches.map((a: { approach: string }) => a.approach)).toEqual(['surrogate', 'physics', 'hybrid']);
    expect(body.approaches.map((a: { label: string }) => a.label)).toEqual(['surrogate + gradient descent', 'physics + gradient descent', 'hybrid aimer (verified, refined)']);
    const hybrid = body.approaches[2];
    expect(hybrid.trueError.hitRate).toBe(1);
    expect(hybrid.trueError.max).toBeLessThanOrEqual(0.05);
    expect(body.approaches[1].iterations.p50).toBeGreaterThan(100);
    expect(run('compare', '--targets', '5')).toMatchObject({ status: 0, stdout: expect.stringMatching(/hybrid aimer \(verified, refined\)\s+[\d.]+/) });
  });
});

describe('cannon compare --real', () => {
  it('races the approaches on a real cannon nobody measured: the calibrated physics hits from 20 shots', () => {
    const { status, body } = json('compare', '--real', '--targets', '30');
    expect(status).toBe(0);
    expect(body.rows).toHaveLength(9);
    const calibrated20 = body.rows.find((row: { shots: number; approach: string }) => row.shots === 20 && row.approach === 'calibrated');
    expect(calibrated20.trueError.hitRate).toBe(1);
    expect(body.realCannon).toMatchObject({ drag: 0.05, wind: -1, speedScale: 0.95 });
  });
});

describe('cannon train', () => {
  it('trains an aimer, writes it, and the written aimer aims', () => {
    const out = join(scratch, 'aimer');
    const { status, body } = json('train', 'inverse', '--steps', '150', '--out', out, '--seed', '3');
    expect(status).toBe(0);
    expect(body).toMatchObject({ model: 'inverse', out, domain: 'field', steps: 150 });
    expect(body.unrefinedError.p50).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(['aimer.json', 'model.json', 'weights.bin']);
    const aimed = json('aim', '4', '--wind', '1', '--model', out).body;
    expect(aimed.miss).toBeLessThanOrEqual(0.05);
    expect(aimed).not.toHaveProperty('error');
    expect(aimed.conditions.aimer).toBe('field');
  });

  it('trains a surrogate and reports its error against the physics', () => {
    const out = join(scratch, 'surrogate');
    const { status, stdout } = run('train', 'surrogate', '--steps', '5', '--out', out);
    expect(status).toBe(0);
    expect(stdout).toContain(`surrogate written to ${out}`);
    expect(stdout).toMatch(/p50 \(m\)\s+p95 \(m\)\s+max \(m\)/);
    expect(readdirSync(out).sort()).toEqual(['model.json', 'surrogate.json', 'weights.bin']);
  });

  it('never leaves a half-written model when the run is interrupted', async () => {
    const out = join(scratch, 'interrupted');
    const child = spawn(process.execPath, [cli, 'train', 'inverse', '--steps', '100000', '--out', out], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith('.interrupted'))).toEqual([]);
  });

  it('rejects a missing --out, an unknown kind and a bad number with exit code 2', () => {
    expect(run('train', 'inverse')).toMatchObject({ status: 2, stderr: expect.stringContaining('needs --out DIR') });
    expect(run('train', 'cannon', '--out', join(scratch, 'x'))).toMatchObject({ status: 2, stderr: expect.stringContaining('needs surrogate or inverse') });
    expect(run('train', 'inverse', '--steps', 'many', '--out', join(scratch, 'x'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--steps must be a whole number ≥ 1') });
    expect(run('train', 'inverse', '--domain', 'moon', '--out', join(scratch, 'x'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--domain must be field or vacuum') });
  });
});

describe('cannon bench', () => {
  it('prints the figures a library measures of itself', () => {
    const { status, body } = json('bench', '--package', 'physics');
    expect(status).toBe(0);
    expect(body.map((figure: { bench: string }) => figure.bench)).toEqual(['physics.simulateLandings.usPerShot', 'physics.simulateLandingsWithGradient.usPerShot']);
    for (const figure of body) {
      expect(figure.unit).toBe('us');
      expect(figure.value).toBeGreaterThan(0);
    }
  });

  it('rejects an unknown package with exit code 2', () => {
    expect(run('bench', '--package', 'nope')).toMatchObject({ status: 2, stderr: expect.stringContaining('--package must be one of') });
  });
});

describe('the contract a script relies on', () => {
  it('reads a negative number as a value, naming the argument it is wrong for', () => {
    for (const args of [['aim', '-5'], ['aim', '--json', '--', '-5'], ['aim', '-5', '--json']]) {
      const { status, stdout, stderr } = run(...args);
      expect(status, args.join(' ')).toBe(2);
      const message = args.includes('--json') ? JSON.parse(stdout).error.message : stderr;
      expect(message).toContain('distance must be a number ≥ 0; received "-5"');
    }
    expect(json('simulate', '--speed', '8', '--angle', '40', '--wind', '-2')).toMatchObject({ status: 0, body: { distance: expect.any(Number) } });
  });

  it('answers in JSON wherever --json stands', () => {
    const before = run('--json', 'aim', '-5');
    expect(before.status).toBe(2);
    expect(JSON.parse(before.stdout)).toMatchObject({ error: { code: 'BAD_INPUT', message: expect.stringContaining('distance') } });
    expect(before.stderr).toBe('');
    expect(JSON.parse(run('--version', '--json').stdout)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(JSON.parse(run('aim', '--help', '--json').stdout)).toEqual({ help: expect.stringContaining('Usage: cannon aim') });
  });

  it('ends quietly when its reader closes early', () => {
    for (const command of ['aim 2.5 --json | true', 'simulate --speed 8 --angle 40 --trajectory --json | head -c 0']) {
      const { status, stderr } = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${cli}" ${command}`], { encoding: 'utf8' });
      expect(stderr, command).toBe('');
      expect(status, command).toBe(0);
    }
  });

  it('refuses sizes that cannot fit before any work, with exit code 2', () => {
    expect(json('compare', '--targets', '1e12')).toMatchObject({ status: 2, body: { error: { code: 'BAD_INPUT', message: expect.stringContaining('targets must be a whole number in [1, 100000]') } } });
    expect(json('train', 'inverse', '--batch', '100000000', '--out', join(scratch, 'huge'))).toMatchObject({ status: 2, body: { error: { code: 'BAD_INPUT', message: expect.stringContaining('batchSize') } } });
    expect(existsSync(join(scratch, 'huge'))).toBe(false);
  });

  it('checks where a model will be written before it trains', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a model');
    expect(json('train', 'inverse', '--steps', '3000', '--out', file)).toMatchObject({ status: 2, body: { error: { code: 'BAD_INPUT', message: expect.stringContaining('is a file: a model is saved as a directory') } } });
    expect(json('train', 'surrogate', '--out', join(file, 'inside'))).toMatchObject({ status: 2, body: { error: { message: expect.stringContaining('is a file') } } });
  });

  it('writes numbers JSON cannot hold as strings, never as null', () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      printJson({ miss: Infinity, landing: NaN, speed: 8 });
    } finally {
      write.mockRestore();
    }
    expect(JSON.parse(written.join(''))).toEqual({ miss: 'Infinity', landing: 'NaN', speed: 8 });
  });
});

describe('cannon aim outside the shipped boxes', () => {
  it('aims on the physics, says so, and lands within the tolerance', () => {
    for (const args of [['9', '--drag', '0.01'], ['0.01'], ['5', '--wind', '9', '--drag', '0.01']]) {
      const { status, body } = json('aim', ...args);
      expect(status, args.join(' ')).toBe(0);
      expect(body.conditions.aimer).toBe('physics');
      expect(Math.abs(body.landing - body.target)).toBeLessThanOrEqual(0.001);
    }
  });

  it('holds to --max-speed, and says how far the cannon can reach', () => {
    const { status, body } = json('aim', '9', '--drag', '0.01', '--max-speed', '9');
    expect(status).toBe(3);
    expect(body.error).toMatchObject({ code: 'UNREACHABLE', maxDistance: expect.any(Number) });
    expect(body.error.maxDistance).toBeLessThan(9);
  });
});

describe('the contract on bad input, for every command', () => {
  const bad = [
    ['aim'], ['aim', 'far'], ['aim', '-5'], ['aim', '0'], ['aim', '1e308'], ['aim', '5', '--wind', 'x'], ['aim', '5', '--drag', '-1'],
    ['aim', '5', '--speed', '0'], ['aim', '5', '--speed', '1e308'], ['aim', '5', '--angle', '95'], ['aim', '5', '--arc', 'mid', '--speed', '8'],
    ['aim', '5', '--tolerance', '-1'], ['aim', '5', '--max-speed', '-3'], ['aim', '5', '--model', '/nonexistent'], ['aim', '5', '--model', '/etc'],
    ['aim', '5', '--bogus'], ['aim', '500', '--drag', '0.05'], ['simulate'], ['simulate', '--speed', '8'], ['simulate', '--speed', 'x', '--angle', '40'],
    ['simulate', '--speed', '1e308', '--angle', '40'], ['simulate', '--speed', '8', '--angle', '40', '--drag', '1e308'], ['simulate', '--speed', '8', '--angle', '40', '--wind', '1e308'],
    ['simulate', '--speed', '10000', '--angle', '35', '--drag', '100', '--launch-height', '100000'], ['simulate', '--speed', '20000', '--angle', '35'], ['compare', '--targets', '0'], ['compare', '--targets', '1e12'], ['compare', 'x'],
    ['train'], ['train', 'nope', '--out', join(scratch, 'x')], ['train', 'inverse'], ['bench', '--package', 'nope'], ['nope'],
  ];
  it.each(bad.map((args) => [args.join(' '), args] as const))('%s --json: exit 2 or 3, one JSON error on stdout, nothing on stderr, never INTERNAL', (_, args) => {
    const { status, stdout, stderr } = run(...args, '--json');
    expect([2, 3], stdout).toContain(status);
    const body = JSON.parse(stdout);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).not.toBe('INTERNAL');
    expect(['BAD_INPUT', 'UNREACHABLE', 'NO_LANDING']).toContain(body.error.code);
    expect(stderr).toBe('');
  });
});
