import { readFileSync } from 'node:fs';
import { airRanges, dragTable, flightPath, InvalidInputError, landing, supportedRanges, type DragPoint, type World3d } from '@cannon/physics';
import { NoLandingError } from '@cannon/errors';
import { angle, number, pair, parse } from '../args.js';
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
  --wind W | WX,WY     wind, m/s: along +x, or both components (default 0)
  --drag K             constant quadratic drag coefficient, 1/m (default 0)
  --drag-table T       the drag of a ball on a standard table, g1, g7 or gs (the smooth sphere: a
                       cannonball), or of your own: a CSV file of mach,cd rows; needs --mass and --diameter
  --mass M             the ball's mass, kg
  --diameter D         the ball's diameter, m
  --form-factor I      its drag over the table's (default 1)
  --altitude H         with a drag table: the muzzle's altitude above sea level, m (default 0)
  --temperature C      with a drag table: the air's temperature at the muzzle, °C (default: the
                       standard atmosphere's at the altitude)
  --pressure HPA       with a drag table: the station pressure at the muzzle, hPa (default: likewise)
  --latitude L         on the rotating Earth (the Coriolis acceleration): the muzzle's latitude,
                       degrees north (negative south) or with a unit; needs --bearing
  --bearing B          the compass bearing of +x, degrees clockwise from north, or with a unit
  --launcher-velocity VX,VY
                       the launcher's own velocity over the ground, m/s (shooting on the move): it
                       adds to the muzzle's
  --launch-height H    muzzle height, m (default 0)
  --target-height H    target height, m (default 0)
  --trajectory         also print the path, sampled at 21 times: [t, x, y, z]
  --json               print JSON
  -h, --help           show this help`;

const options = {
  speed: { type: 'string' },
  angle: { type: 'string' },
  azimuth: { type: 'string' },
  wind: { type: 'string' },
  drag: { type: 'string' },
  'drag-table': { type: 'string' },
  mass: { type: 'string' },
  diameter: { type: 'string' },
  'form-factor': { type: 'string' },
  altitude: { type: 'string' },
  temperature: { type: 'string' },
  pressure: { type: 'string' },
  latitude: { type: 'string' },
  'launcher-velocity': { type: 'string' },
  bearing: { type: 'string' },
  'launch-height': { type: 'string' },
  'target-height': { type: 'string' },
  trajectory: { type: 'boolean' },
} as const;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, options, 'cannon simulate');
  if (values.help) return printHelp(simulateHelp, Boolean(values.json));
  if (positionals.length > 0) throw new UsageError(`cannon simulate takes no arguments besides its options; received ${positionals.join(' ')}`);
  if (values.speed === undefined) throw new UsageError('cannon simulate needs --speed');
  if (values.angle === undefined) throw new UsageError('cannon simulate needs --angle');
  const launch = {
    speed: number('--speed', values.speed as string, { min: 0, max: supportedRanges.speed[1] }),
    angle: angle('--angle', values.angle as string),
    azimuth: values.azimuth === undefined ? 0 : angle('--azimuth', values.azimuth as string, { min: -360, max: 360 }),
  };
  const world = worldFrom(values);
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

/** The world the flags describe, checked flag by flag. */
function worldFrom(values: Record<string, string | boolean | undefined>): World3d {
  const text = (flag: string) => values[flag] as string | undefined;
  const optional = (flag: string, [min, max]: readonly [number, number]) => (text(flag) === undefined ? undefined : number(`--${flag}`, text(flag), { min, max }));
  const wind = text('wind') === undefined ? 0 : text('wind')!.includes(',') ? pair('--wind', text('wind'), supportedRanges.wind) : number('--wind', text('wind'), { min: supportedRanges.wind[0], max: supportedRanges.wind[1] });
  const world: World3d = {
    wind,
    launchHeight: optional('launch-height', supportedRanges.launchHeight) ?? 0,
    targetHeight: optional('target-height', supportedRanges.targetHeight) ?? 0,
  };
  if ((text('latitude') === undefined) !== (text('bearing') === undefined)) throw new UsageError(`--${text('latitude') === undefined ? 'bearing' : 'latitude'} needs --${text('latitude') === undefined ? 'latitude' : 'bearing'}: the Earth turns under a shot at a latitude, fired on a bearing`);
  if (text('latitude') !== undefined) world.earth = { latitude: angle('--latitude', text('latitude'), { min: -90, max: 90 }), bearing: angle('--bearing', text('bearing'), { min: -360, max: 360 }) };
  if (text('launcher-velocity') !== undefined) world.launcherVelocity = pair('--launcher-velocity', text('launcher-velocity'), supportedRanges.wind);
  const air = ['altitude', 'temperature', 'pressure'].filter((flag) => text(flag) !== undefined);
  const ball = ['mass', 'diameter', 'form-factor'].filter((flag) => text(flag) !== undefined);
  if (text('drag-table') === undefined) {
    if (air.length > 0 || ball.length > 0) throw new UsageError(`--${[...ball, ...air][0]} describes a ball on a drag table: give --drag-table too (or --drag K alone for a constant drag)`);
    world.drag = optional('drag', supportedRanges.drag) ?? 0;
    return world;
  }
  if (text('drag') !== undefined) throw new UsageError('--drag and --drag-table are two drag models: give one');
  for (const flag of ['mass', 'diameter']) if (text(flag) === undefined) throw new UsageError(`--drag-table needs --${flag}`);
  world.drag = {
    table: tableFrom(text('drag-table')!),
    mass: number('--mass', text('mass'), { min: 0, max: 1e6, minOpen: true }),
    diameter: number('--diameter', text('diameter'), { min: 0, max: 10, minOpen: true }),
    formFactor: text('form-factor') === undefined ? 1 : number('--form-factor', text('form-factor'), { min: 0, max: 100, minOpen: true }),
  };
  world.air = {
    ...(text('altitude') !== undefined ? { altitude: optional('altitude', airRanges.altitude) } : {}),
    ...(text('temperature') !== undefined ? { temperature: optional('temperature', airRanges.temperature) } : {}),
    ...(text('pressure') !== undefined ? { pressure: optional('pressure', airRanges.pressure) } : {}),
  };
  return world;
}

/** g1, g7 or gs, or a CSV file of mach,cd rows (a header row is allowed). */
function tableFrom(name: string): 'G1' | 'G7' | 'GS' | ReturnType<typeof dragTable> {
  const standard = name.toUpperCase();
  if (standard === 'G1' || standard === 'G7' || standard === 'GS') return standard;
  let csv: string;
  try {
    csv = readFileSync(name, 'utf8');
  } catch (error) {
    throw new UsageError(`--drag-table must be g1, g7, gs or a CSV file of mach,cd rows; ${JSON.stringify(name)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const rows = csv.split(/\r?\n/).map((line, index) => ({ line: index + 1, cells: line.split(',').map((cell) => cell.trim()) })).filter(({ cells }) => cells.join('') !== '');
  const points: DragPoint[] = [];
  const lines: number[] = [];
  for (const { line, cells } of rows) {
    const numbers = cells.map(Number);
    if (cells.length === 2 && numbers.every((value, k) => cells[k] !== '' && Number.isFinite(value))) {
      points.push([numbers[0], numbers[1]]);
      lines.push(line);
    } else if (!(points.length === 0 && line === rows[0].line)) {
      throw new UsageError(`--drag-table ${name}, line ${line}: a row must be two numbers, mach,cd; received ${JSON.stringify(cells.join(','))}`);
    }
  }
  if (points.length < 2 || points.length > 10_000) throw new UsageError(`--drag-table ${name} must have 2 to 10000 rows of mach,cd; it has ${points.length}`);
  try {
    return dragTable(points, name);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const row = /^points\[(\d+)\]/.exec(error.field);
    const where = row ? `line ${lines[Number(row[1])]}` : 'its rows';
    throw new UsageError(`--drag-table ${name}, ${where}: ${error.message.replace(/^points(?:\[\d+\])?(\[[01]\])? must be/, (_, cell) => `${cell === '[0]' ? 'the Mach number' : cell === '[1]' ? 'the drag coefficient' : 'the table'} must be`)}`);
  }
}
