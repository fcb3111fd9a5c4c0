import { aim, conditionsOf, type AimOptions } from '@cannon/inverse';
import { supportedRanges } from '@cannon/physics';
import { angle, number, parse, worldFrom, worldOptions } from '../args.js';
import { forFlag, UsageError } from '../errors.js';
import { degrees, printHelp, printJson, table } from '../output.js';

export const aimHelp = `Usage: cannon aim <distance> [options]

Aims at a target: the trained network predicts the slowest shot, the physics verifies it, and
Gauss–Newton refines it when it misses by more than the tolerance (1 mm unless told otherwise: a
refinement from the network's guess takes a step or two, so a precise answer costs next to nothing).
Outside the network's box (the field aimer's targets are 1 to 8 m), the slowest shot is solved for on the
physics alone, and the answer says aimer: physics.

Options:
  --wind W            wind along the line of fire, m/s (default 0)
  --drag K            quadratic drag coefficient, 1/m (default 0)
  --launch-height H   muzzle height, m (default 0)
  --target-height H   target height, m (default 0)
  --speed S           a fixed speed, m/s (with --arc)
  --arc low|high      which arc for a fixed speed (default low)
  --angle A           a fixed angle: degrees, or with a unit (40deg, 0.7rad)
  --tolerance T       the largest accepted miss, m (default 0.001)
  --max-speed S       the fastest shot the cannon fires, m/s (default the aimer's: 10 in calm air, else 15)
  --model DIR         a trained aimer (cannon train inverse) instead of the shipped ones
  --json              print JSON
  -h, --help          show this help`;

/** The miss the command accepts unless told otherwise, m. */
export const TOLERANCE = 0.001;

/** A saved aimer: reading its files takes TensorFlow.js, loaded only here. */
async function loadAimerFrom(directory: string) {
  const [{ initializeBackend }, { loadAimer }] = await Promise.all([import('@cannon/physics/tensor'), import('@cannon/inverse/tensor')]);
  await initializeBackend();
  return forFlag('--model', () => loadAimer(directory));
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    { ...worldOptions, speed: { type: 'string' }, arc: { type: 'string' }, angle: { type: 'string' }, tolerance: { type: 'string' }, 'max-speed': { type: 'string' }, model: { type: 'string' } },
    'cannon aim',
  );
  if (values.help) return printHelp(aimHelp, Boolean(values.json));
  if (positionals.length !== 1) throw new UsageError(`cannon aim takes one distance; received ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  const target = number('distance', positionals[0], { min: 0 });
  const world = worldFrom(values);
  const options: AimOptions = { tolerance: TOLERANCE };
  if (values.tolerance !== undefined) options.tolerance = number('--tolerance', values.tolerance as string, { min: 0 });
  if (values['max-speed'] !== undefined) options.maxSpeed = number('--max-speed', values['max-speed'] as string, { min: 0 });
  if (values.speed !== undefined) options.speed = number('--speed', values.speed as string, { min: 0, max: supportedRanges.speed[1] });
  if (values.arc !== undefined) {
    if (values.arc !== 'low' && values.arc !== 'high') throw new UsageError(`--arc must be low or high; received ${JSON.stringify(values.arc)}`);
    if (values.speed === undefined) throw new UsageError('--arc goes with --speed');
    options.arc = values.arc as 'low' | 'high';
  }
  if (values.angle !== undefined) options.angle = angle('--angle', values.angle as string);
  if (values.model !== undefined) options.aimer = await loadAimerFrom(values.model as string);
  const shot = aim(target, conditionsOf(world), options);
  const result = {
    target,
    speed: shot.speed,
    angleRad: shot.angle,
    angleDeg: degrees(shot.angle),
    landing: shot.landing,
    miss: shot.error,
    iterations: shot.iterations,
    refined: shot.refined,
    conditions: { ...world, aimer: shot.aimer },
  };
  if (values.json) return printJson(result);
  console.log(
    table(
      ['target (m)', 'speed (m/s)', 'angle (°)', 'lands at (m)', 'miss (m)', 'refined', 'iterations', 'aimer'],
      [[target, shot.speed.toFixed(4), degrees(shot.angle).toFixed(3), shot.landing.toFixed(4), shot.error.toExponential(2), shot.refined ? 'yes' : 'no', shot.iterations, shot.aimer]],
    ),
  );
}
