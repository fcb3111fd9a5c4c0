import { landing, supportedRanges, trajectory } from '@cannon/physics';
import { angle, number, parse, worldFrom, worldOptions } from '../args.js';
import { UsageError } from '../errors.js';
import { degrees, printHelp, printJson, table } from '../output.js';
import { NoLandingError } from '@cannon/errors';

export const simulateHelp = `Usage: cannon simulate --speed S --angle A [options]

Fires one shot through the physics and prints where and when it lands.

Options:
  --speed S           launch speed, m/s
  --angle A           launch angle: degrees, or with a unit (40deg, 0.7rad)
  --wind W            wind along the line of fire, m/s (default 0)
  --drag K            quadratic drag coefficient, 1/m (default 0)
  --launch-height H   muzzle height, m (default 0)
  --target-height H   target height, m (default 0)
  --trajectory        also print the path, sampled at 21 times
  --json              print JSON
  -h, --help          show this help`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { ...worldOptions, speed: { type: 'string' }, angle: { type: 'string' }, trajectory: { type: 'boolean' } }, 'cannon simulate');
  if (values.help) return printHelp(simulateHelp, Boolean(values.json));
  if (positionals.length > 0) throw new UsageError(`cannon simulate takes no arguments besides its options; received ${positionals.join(' ')}`);
  if (values.speed === undefined) throw new UsageError('cannon simulate needs --speed');
  if (values.angle === undefined) throw new UsageError('cannon simulate needs --angle');
  const launch = { speed: number('--speed', values.speed as string, { min: 0, max: supportedRanges.speed[1] }), angle: angle('--angle', values.angle as string) };
  const world = worldFrom(values);
  const hit = landing(launch, world);
  if (!hit) throw new NoLandingError(`the shot at ${launch.speed} m/s and ${degrees(launch.angle).toFixed(2)}° never comes down through the target height ${world.targetHeight} m`);
  const path = values.trajectory ? trajectory(launch, world, { samples: 21 }).points.map((p) => [p.t, p.x, p.y]) : undefined;
  if (values.json) return printJson({ distance: hit.distance, flightTime: hit.flightTime, ...(path ? { trajectory: path } : {}) });
  console.log(table(['lands at (m)', 'flight time (s)'], [[hit.distance.toFixed(4), hit.flightTime.toFixed(4)]]));
  if (path) console.log(`\n${table(['t (s)', 'x (m)', 'y (m)'], path.map(([t, x, y]) => [t.toFixed(3), x.toFixed(3), y.toFixed(3)]))}`);
}
