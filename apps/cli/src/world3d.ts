import { readFileSync } from 'node:fs';
import { airRanges, dragTable, InvalidInputError, supportedRanges, type DragPoint, type World3d } from '@cannon/physics';
import { angle, number, pair } from './args.js';
import { UsageError } from './errors.js';

/** The flags of a three-dimensional world, as `cannon simulate` and `cannon aim --at` take them. */
export const world3dOptions = {
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
} as const;

/** Their help, one flag a line or two. */
export const world3dHelp = `  --wind W | WX,WY     wind, m/s: along +x, or both components (default 0)
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
  --target-height H    target height, m (default 0)`;

/** The world the flags describe, checked flag by flag. */
export function world3dFrom(values: Record<string, string | boolean | undefined>): World3d {
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
