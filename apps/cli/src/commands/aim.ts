import { aim, aimAt, aimForHit, conditionsOf, type AimAtOptions, type AimAtResult, type AimOptions } from '@cannon/inverse';
import { supportedRanges } from '@cannon/physics';
import { angle, number, pair, parse, vector, worldFrom } from '../args.js';
import { world3dFrom, world3dHelp, world3dOptions } from '../world3d.js';
import { calibratedWorld, calibrationFrom, calibrationOptions } from '../calibration.js';
import { forFlag, UsageError } from '../errors.js';
import { degrees, printHelp, printJson, table } from '../output.js';

export const aimHelp = `Usage: cannon aim <distance> [options]
       cannon aim --at X,Y [options]

Aims at a target: the trained network predicts the slowest shot, the physics verifies it, and
Gauss–Newton refines it when it misses by more than the tolerance (1 mm unless told otherwise: a
refinement from the network's guess takes a step or two, so a precise answer costs next to nothing).
Outside the network's box (the field aimer's targets are 1 to 8 m), the slowest shot is solved for on the
physics alone, and the answer says aimer: physics.

With --at, aims in three dimensions at a target anywhere on the ground (x along azimuth 0, y to its
left), still or moving, from a launcher still or moving, in any world cannon simulate takes, on the
physics alone: the slowest shot, or a fixed --speed on either --arc, or a fixed --angle. Every answer is
flown again, and its miss measured where the target is when the ball comes down.

Options:
  --at X,Y            the target's position, m (three dimensions)
  --target-velocity VX,VY[,VZ]
                      with --at: the target's velocity, m/s (VZ: it climbs)
  --wind W            wind along the line of fire, m/s (default 0); with --at, also WX,WY
  --drag K            quadratic drag coefficient, 1/m (default 0)
  --launch-height H   muzzle height, m (default 0)
  --target-height H   target height, m (default 0)
  --speed S           a fixed speed, m/s (with --arc)
  --arc low|high      which arc for a fixed speed (default low)
  --angle A           a fixed angle: degrees, or with a unit (40deg, 0.7rad)
  --tolerance T       the largest accepted miss, m (default 0.001)
  --max-speed S       the fastest shot the cannon fires, m/s (default the aimer's: 10 in calm air, else 15;
                      with --at, the physics' 10 000)
  --model DIR         a trained aimer (cannon train inverse) instead of the shipped ones
  --calibration FILE  with --at: the JSON cannon calibrate --json printed for this cannon. Its drag and
                      wind are the world's, and the speed and angle printed (and --speed, --angle,
                      --max-speed given) are the ones to set: a cannon 4% slow is set 4% faster
  --radius R          with --at: aim for the best chance of landing within R m of the target, given
                      the spreads below (each a standard deviation; default 0) and the calibration's
                      covariance, and print that chance beside the plain aim's (the slowest shot's);
                      among shots up to --max-speed, by default twice the slowest shot's speed
  --wind-sd W         each horizontal component of the wind, m/s
  --speed-sd S        the muzzle speed, m/s
  --angle-sd A        the elevation: degrees, or with a unit
  --json              print JSON
  -h, --help          show this help

With --at, the world's flags of cannon simulate too:
${world3dHelp}`;

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
    {
      ...world3dOptions,
      ...calibrationOptions,
      at: { type: 'string' },
      'target-velocity': { type: 'string' },
      speed: { type: 'string' },
      arc: { type: 'string' },
      angle: { type: 'string' },
      tolerance: { type: 'string' },
      'max-speed': { type: 'string' },
      model: { type: 'string' },
      radius: { type: 'string' },
      'wind-sd': { type: 'string' },
      'speed-sd': { type: 'string' },
      'angle-sd': { type: 'string' },
    },
    'cannon aim',
  );
  if (values.help) return printHelp(aimHelp, Boolean(values.json));
  if (values.at !== undefined) return aimInSpace(values, positionals);
  const spatial = ['target-velocity', ...Object.keys(world3dOptions).filter((flag) => !['wind', 'drag', 'launch-height', 'target-height'].includes(flag))].find((flag) => values[flag] !== undefined);
  if (spatial) throw new UsageError(`--${spatial} is a flag of aiming in three dimensions: give the target as --at X,Y`);
  if (typeof values.wind === 'string' && values.wind.includes(',')) throw new UsageError('--wind WX,WY is a wind in three dimensions: give the target as --at X,Y');
  if (values.calibration !== undefined) throw new UsageError('--calibration aims a calibrated cannon in three dimensions: give the target as --at X,Y');
  const chance = ['radius', 'wind-sd', 'speed-sd', 'angle-sd'].find((flag) => values[flag] !== undefined);
  if (chance) throw new UsageError(`--${chance} aims for the best chance of a hit in three dimensions: give the target as --at X,Y`);
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

/** `cannon aim --at X,Y`: the target anywhere on the ground, still or moving, aimed at on the physics (`aimAt`). */
function aimInSpace(values: Record<string, string | boolean | undefined>, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`cannon aim --at takes no distance; received ${positionals.join(' ')}`);
  if (values.model !== undefined) throw new UsageError('--model is a trained plane aimer: with --at the aim is solved on the physics');
  const [x, y] = pair('--at', values.at as string, [-1e6, 1e6]);
  const calibration = calibrationFrom(values);
  const { targetHeight = 0, ...world } = calibratedWorld(world3dFrom(values), calibration);
  // A calibrated cannon's settings: the true speed is the scale times the speed set, the true elevation the one set
  // plus the bias.
  const [scale, bias] = calibration ? [calibration.speedScale, calibration.elevationBias] : [1, 0];
  const velocity = values['target-velocity'] === undefined ? undefined : vector('--target-velocity', values['target-velocity'] as string, supportedRanges.wind);
  const options: AimAtOptions = { tolerance: TOLERANCE };
  if (values.tolerance !== undefined) options.tolerance = number('--tolerance', values.tolerance as string, { min: 0, minOpen: true });
  if (values['max-speed'] !== undefined) options.maxSpeed = scale * number('--max-speed', values['max-speed'] as string, { min: 0, minOpen: true, max: supportedRanges.speed[1] });
  if (values.speed !== undefined) options.speed = scale * number('--speed', values.speed as string, { min: 0, minOpen: true, max: supportedRanges.speed[1] });
  if (values.arc !== undefined) {
    if (values.arc !== 'low' && values.arc !== 'high') throw new UsageError(`--arc must be low or high; received ${JSON.stringify(values.arc)}`);
    if (values.speed === undefined) throw new UsageError('--arc goes with --speed');
    options.arc = values.arc as 'low' | 'high';
  }
  if (values.angle !== undefined) options.angle = angle('--angle', values.angle as string, { min: -90, max: 90 }) + bias;
  const spreadFlags = ['wind-sd', 'speed-sd', 'angle-sd'].filter((flag) => values[flag] !== undefined);
  if (spreadFlags.length > 0 && values.radius === undefined) throw new UsageError(`--${spreadFlags[0]} goes with --radius: the chance of landing within it is what is aimed for`);
  let shot: AimAtResult;
  let chances: { hitProbability: number; hitProbabilityOfPlainAim: number } | undefined;
  if (values.radius !== undefined) {
    const fixed = ['speed', 'angle', 'target-velocity'].find((flag) => values[flag] !== undefined);
    if (fixed) throw new UsageError(`--radius chooses the shot for a still target: not with --${fixed}`);
    const sd = (flag: string, max: number) => (values[flag] === undefined ? 0 : number(`--${flag}`, values[flag] as string, { min: 0, max }));
    const uncertainty = {
      radius: number('--radius', values.radius as string, { min: 0, minOpen: true, max: 1e5 }),
      windSd: sd('wind-sd', 50),
      // The spread of the speed set is the scale's share of the true one's.
      speedSd: scale * sd('speed-sd', 1000),
      angleSd: values['angle-sd'] === undefined ? 0 : angle('--angle-sd', values['angle-sd'] as string, { min: 0, max: 28 }),
      // A calibrated cannon's parameters are uncertain too, as its covariance says.
      ...(calibration ? { calibration: { parameters: calibration.parameters, covariance: calibration.covariance, speedScale: calibration.speedScale } } : {}),
    };
    const aimed = aimForHit({ x, y, height: targetHeight }, world, uncertainty, options);
    shot = aimed;
    chances = { hitProbability: aimed.hitProbability, hitProbabilityOfPlainAim: aimed.plain.hitProbability };
  } else shot = aimAt({ x, y, height: targetHeight, ...(velocity ? { velocity } : {}) }, world, options);
  const [speed, elevation] = [shot.speed / scale, shot.angle - bias];
  const result = {
    target: { x, y, z: targetHeight, ...(velocity ? { velocity } : {}) },
    speed,
    angleRad: elevation,
    angleDeg: degrees(elevation),
    azimuthRad: shot.azimuth,
    azimuthDeg: degrees(shot.azimuth),
    flightTime: shot.flightTime,
    intercept: shot.intercept,
    landing: shot.landing,
    // The true miss: `error` in the JSON is only ever a failure, which a script tests for.
    miss: shot.error,
    iterations: shot.iterations,
    refined: shot.refined,
    aimer: shot.aimer,
    // The settings above are the calibrated cannon's; the shot it fires is this one.
    ...(calibration ? { calibrated: { trueSpeed: shot.speed, trueAngleRad: shot.angle, trueAngleDeg: degrees(shot.angle), speedScale: scale, elevationBias: bias } } : {}),
    ...(chances ?? {}),
  };
  if (values.json) return printJson(result);
  console.log(
    table(
      ['speed (m/s)', 'elevation (°)', 'azimuth (°)', 'flight time (s)', 'meets at (m)', 'miss (m)', 'iterations'],
      [[speed.toFixed(4), degrees(elevation).toFixed(3), degrees(shot.azimuth).toFixed(3), shot.flightTime.toFixed(4), `${shot.intercept.x.toFixed(3)}, ${shot.intercept.y.toFixed(3)}, ${shot.intercept.z.toFixed(3)}`, shot.error.toExponential(2), shot.iterations]],
    ),
  );  if (chances) console.log(`\nchance of a hit: ${(100 * chances.hitProbability).toFixed(1)}% (the slowest shot's: ${(100 * chances.hitProbabilityOfPlainAim).toFixed(1)}%)`);
}
