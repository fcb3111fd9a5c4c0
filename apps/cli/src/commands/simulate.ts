import { flightPath, landing, supportedRanges } from '@cannon/physics';
import { NoLandingError } from '@cannon/errors';
import { angle, number, parse } from '../args.js';
import { world3dFrom, world3dHelp, world3dOptions } from '../world3d.js';
import { calibratedWorld, calibrationFrom, calibrationHelp, calibrationOptions } from '../calibration.js';
import { UsageError } from '../errors.js';
import { degrees, fixed, printHelp, printJson, table } from '../output.js';

export const simulateHelp = `Usage: cannon simulate --speed S --angle E [options]

Fires one shot through the physics and prints where and when it lands. x points along azimuth 0,
y to its left, z up.

Options:
  --speed S            muzzle speed, m/s
  --angle E            elevation: degrees, or with a unit (40deg, 0.7rad)
  --azimuth A          direction of fire, counterclockwise from +x seen from above: degrees, or with
                       a unit (default 0)
${world3dHelp}
${calibrationHelp}
  --trajectory         also print the path, sampled at 21 times: [t, x, y, z]
  --json               print JSON
  -h, --help           show this help`;

const options = {
  speed: { type: 'string' },
  angle: { type: 'string' },
  azimuth: { type: 'string' },
  ...world3dOptions,
  ...calibrationOptions,
  trajectory: { type: 'boolean' },
} as const;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, options, 'cannon simulate');
  if (values.help) return printHelp(simulateHelp, Boolean(values.json));
  if (positionals.length > 0) throw new UsageError(`cannon simulate takes no arguments besides its options; received ${positionals.join(' ')}`);
  if (values.speed === undefined) throw new UsageError('cannon simulate needs --speed');
  if (values.angle === undefined) throw new UsageError('cannon simulate needs --angle');
  const calibration = calibrationFrom(values);
  // A calibrated cannon fires the speed set times its scale, at the elevation set plus its bias.
  const launch = {
    speed: number('--speed', values.speed as string, { min: 0, max: supportedRanges.speed[1] }) * (calibration?.speedScale ?? 1),
    angle: angle('--angle', values.angle as string) + (calibration?.elevationBias ?? 0),
    azimuth: values.azimuth === undefined ? 0 : angle('--azimuth', values.azimuth as string, { min: -360, max: 360 }),
  };
  const world = calibratedWorld(world3dFrom(values), calibration);
  const hit = landing(launch, world);
  if (!hit) throw new NoLandingError(`the shot at ${launch.speed} m/s and ${degrees(launch.angle).toFixed(2)}° never comes down through the target height ${world.targetHeight ?? 0} m`);
  const speed = Math.hypot(hit.velocity.x, hit.velocity.y, hit.velocity.z);
  // The impact's angle below the horizontal.
  const impactAngle = Math.atan2(-hit.velocity.z, Math.hypot(hit.velocity.x, hit.velocity.y));
  const path = values.trajectory ? flightPath(launch, world, { samples: 21 }).points.map((p) => [p.t, p.x, p.y, p.z]) : undefined;
  if (values.json) {
    return printJson({
      distance: Math.hypot(hit.impact.x, hit.impact.y),
      downrange: hit.distance,
      drift: hit.drift,
      flightTime: hit.flightTime,
      impact: hit.impact,
      impactSpeed: speed,
      impactAngle: degrees(impactAngle),
      impactAngleRad: impactAngle,
      ...(path ? { trajectory: path } : {}),
    });
  }
  console.log(
    table(
      ['lands at (m)', 'downrange (m)', 'drift (m)', 'flight time (s)', 'impact speed (m/s)', 'impact angle (°)'],
      [[fixed(Math.hypot(hit.impact.x, hit.impact.y), 4), fixed(hit.distance, 4), fixed(hit.drift, 4), fixed(hit.flightTime, 4), fixed(speed, 3), fixed(degrees(impactAngle), 2)]],
    ),
  );
  if (path) console.log(`\n${table(['t (s)', 'x (m)', 'y (m)', 'z (m)'], path.map((point) => point.map((value) => fixed(value, 3))))}`);
}
