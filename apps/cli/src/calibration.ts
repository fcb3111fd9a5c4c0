import { readFileSync } from 'node:fs';
import { dragTable, dragTables, InvalidInputError, resolveWorld3d, type DragPoint, type World3d } from '@cannon/physics';
import { UsageError } from './errors.js';

/** A cannon's calibration, as `cannon calibrate --json` prints it: the physics' parameters that fit its shots. */
export interface CannonCalibration {
  drag: number;
  windX: number;
  windY: number;
  /** The true muzzle speed over the speed set. */
  speedScale: number;
  /** Radians added to the elevation set. */
  elevationBias: number;
  /** The fitted parameters and their covariance, in that order. */
  parameters: string[];
  covariance: number[][];
  /** The world it found: the drag model (a table's ball, corrected or not) and its air with the wind. */
  world?: Pick<World3d, 'drag' | 'air' | 'wind'>;
}

/** A world's drag model as JSON holds it: a table by its standard name, or by its points. */
export function worldJson(world: World3d): Record<string, unknown> {
  const { drag } = world;
  if (typeof drag !== 'object') return { ...world };
  const { table: given } = drag;
  const standard = Object.entries(dragTables).find(([, table]) => table === given)?.[0];
  const table = typeof given === 'string' ? given : (standard ?? { name: given.name, points: Array.from(given.mach, (mach, i) => [mach, given.cd[i]]) });
  return { ...world, drag: { ...drag, table } };
}

/**
 * The world of a calibration's JSON, checked by the physics whole (an unknown key is refused as any bad value is); its
 * messages name the file's field.
 */
function worldFrom(file: string, json: unknown): CannonCalibration['world'] {
  const refuse = (field: string, allowed: string) => new UsageError(`--calibration ${file}: world.${field} must be ${allowed}, as cannon calibrate --json prints it`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`--calibration ${file}: world must be an object, as cannon calibrate --json prints it`);
  const world = json as World3d & { drag?: unknown };
  let { drag } = world;
  const table = (drag as { table?: unknown } | undefined)?.table;
  if (typeof drag === 'object' && drag !== null && typeof table === 'object' && table !== null) {
    // A table of its own, by its points.
    const { name, points } = table as { name?: unknown; points?: unknown };
    try {
      drag = { ...drag, table: dragTable(points as DragPoint[], typeof name === 'string' ? name : 'calibrated') };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw refuse(`drag.table.${error.field}`, error.allowed);
    }
  }
  try {
    resolveWorld3d({ ...world, drag } as World3d);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw refuse(error.field.replace(/^world\./, ''), error.allowed);
  }
  return { drag: drag as World3d['drag'], wind: world.wind, ...(world.air === undefined ? {} : { air: world.air }) };
}

/** The flag, and its help line. */
export const calibrationOptions = { calibration: { type: 'string' } } as const;
export const calibrationHelp = `  --calibration FILE   the JSON cannon calibrate --json printed for this cannon: its drag and wind,
                       and the speed and angle to set for the true ones (a cannon 4% slow is set 4%
                       faster); not with --drag, --drag-table or --wind`;

/** The calibration `--calibration` names, read and checked, or undefined without the flag. */
export function calibrationFrom(values: Record<string, string | boolean | undefined>): CannonCalibration | undefined {
  const file = values.calibration as string | undefined;
  if (file === undefined) return undefined;
  const both = ['drag', 'drag-table', 'mass', 'diameter', 'form-factor', 'altitude', 'temperature', 'pressure', 'wind'].find((flag) => values[flag] !== undefined);
  if (both) throw new UsageError(`--${both} and --calibration both give the world: the calibration's ${both === 'wind' ? 'wind' : 'drag, ball and air'} are the ones fitted to the shots`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--calibration ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let fit: Record<string, unknown> | undefined;
  let json: { fit?: Record<string, unknown>; parameters?: unknown; covariance?: unknown; world?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
    fit = json.fit;
  } catch {
    throw new UsageError(`--calibration ${file} is not JSON: give the file cannon calibrate --json wrote`);
  }
  const calibration = {} as CannonCalibration;
  for (const [key, ok] of [['drag', (v: number) => v >= 0 && v <= 10], ['windX', (v: number) => Math.abs(v) <= 100], ['windY', (v: number) => Math.abs(v) <= 100], ['speedScale', (v: number) => v > 0.1 && v < 10], ['elevationBias', (v: number) => Math.abs(v) < 0.5]] as const) {
    const value = fit?.[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) throw new UsageError(`--calibration ${file} must hold fit.${key}, a number as cannon calibrate --json prints it; received ${JSON.stringify(value ?? null)}`);
    calibration[key] = value;
  }
  const { parameters, covariance } = json;
  const known = ['drag', 'windX', 'windY', 'speedScale', 'elevationBias'];
  const names = Array.isArray(parameters) && parameters.every((name) => known.includes(name as string)) ? (parameters as string[]) : undefined;
  const square = names && Array.isArray(covariance) && covariance.length === names.length && covariance.every((row) => Array.isArray(row) && row.length === names.length && row.every((value) => typeof value === 'number' && Number.isFinite(value)));
  if (!names || !square) throw new UsageError(`--calibration ${file} must hold parameters and their covariance, as cannon calibrate --json prints them`);
  calibration.parameters = names;
  calibration.covariance = covariance as number[][];
  if (json.world !== undefined) calibration.world = worldFrom(file, json.world);
  return calibration;
}

/** The world with the calibration's drag and wind (its ball on its table, in its air, when it has one). */
export function calibratedWorld<W extends World3d>(world: W, calibration: CannonCalibration | undefined): W {
  if (!calibration) return world;
  if (calibration.world) return { ...world, ...calibration.world, wind: [calibration.windX, calibration.windY] };
  return { ...world, drag: calibration.drag, wind: [calibration.windX, calibration.windY] };
}
