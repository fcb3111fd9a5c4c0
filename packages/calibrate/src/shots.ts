import { InvalidInputError } from '@cannon/errors';

/** One observed shot: what the cannon was set to, and where the ball came down. */
export interface ObservedShot {
  /** The muzzle speed set, m/s (the true one is the speed scale times this). */
  speed: number;
  /** The elevation set, degrees. */
  angle: number;
  /** The azimuth set, degrees (counterclockwise from +x seen from above). */
  azimuth: number;
  /** Where it came down, m. */
  x: number;
  y: number;
  /** The height of the ground where it came down, m above the muzzle's ground (0 when not given). */
  targetHeight: number;
  /** The flight time measured, s, if it was. */
  time?: number;
  /**
   * The line of the file the shot was read from (1 is the header), for messages and `outliers`; absent for shots made
   * in code, which messages name by index (`shots[3]`) and `outliers` by position from 1.
   */
  row?: number;
}

/** The columns a shots file must have, and the ones it may have besides. */
export const shotColumns = ['speed', 'angle', 'azimuth', 'x', 'y'] as const;
export const optionalShotColumns = ['target_height', 'time'] as const;

/**
 * Reads a shots file: a CSV whose header names at least `speed,angle,azimuth,x,y` (angles in degrees), in any order,
 * and may name `target_height` (m), `time` (the flight time measured, s; a blank field: not measured) and any other
 * column (ignored). Blank lines are skipped. Every problem throws
 * `InvalidInputError` naming the line and the column: an empty file, a missing column, a line with too few or too many
 * fields, a field that is not a finite number.
 */
export function parseShots(text: string): ObservedShot[] {
  if (typeof text !== 'string') throw new InvalidInputError('shots', 'the text of a CSV file', text);
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt < 0) throw new InvalidInputError('shots', `a CSV file with a header (${shotColumns.join(',')}) and one line per shot`, 'an empty file');
  const header = lines[headerAt].split(',').map((name) => name.trim().toLowerCase());
  const missing = shotColumns.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new InvalidInputError(`shots line ${headerAt + 1} (the header)`, `a header naming ${shotColumns.join(', ')}; missing ${missing.join(', ')}`, lines[headerAt]);
  const index = (name: string) => header.indexOf(name);
  const shots: ObservedShot[] = [];
  for (let line = headerAt + 1; line < lines.length; line++) {
    if (lines[line].trim() === '') continue;
    const fields = lines[line].split(',');
    if (fields.length !== header.length) throw new InvalidInputError(`shots line ${line + 1}`, `${header.length} comma-separated fields, as the header has`, `${fields.length} fields`);
    const number = (name: string, fallback?: number): number => {
      const at = index(name);
      if (at < 0) return fallback!;
      const field = fields[at].trim();
      const value = field === '' ? NaN : Number(field);
      if (!Number.isFinite(value)) throw new InvalidInputError(`shots line ${line + 1}, column ${name}`, 'a finite number', field);
      return value;
    };
    const timed = index('time') >= 0 && fields[index('time')].trim() !== '';
    shots.push({ speed: number('speed'), angle: number('angle'), azimuth: number('azimuth'), x: number('x'), y: number('y'), targetHeight: number('target_height', 0), ...(timed ? { time: number('time') } : {}), row: line + 1 });
  }
  if (shots.length === 0) throw new InvalidInputError('shots', 'a CSV file with at least one shot after its header', 'a header alone');
  return shots;
}
