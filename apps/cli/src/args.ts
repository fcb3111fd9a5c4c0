import { parseArgs, type ParseArgsConfig } from 'node:util';
import { supportedRanges } from '@cannon/physics';
import { UsageError } from './errors.js';

/**
 * A number from a flag or an argument, or a UsageError naming it and what is allowed (`minOpen`: the lower bound
 * itself is not).
 */
export function number(name: string, text: string | undefined, { min = -Infinity, max = Infinity, integer = false, minOpen = false } = {}): number {
  const value = text === undefined || text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || value < min || (minOpen && value === min) || value > max || (integer && !Number.isInteger(value))) {
    const what = integer ? 'a whole number' : 'a number';
    const low = minOpen ? '(' : '[';
    const bounds = max < Infinity ? (min > -Infinity ? ` in ${low}${min}, ${max}]` : ` ≤ ${max}`) : min > -Infinity ? ` ${minOpen ? '>' : '≥'} ${min}` : '';
    throw new UsageError(`${name} must be ${what}${bounds}; received ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

/**
 * An angle: a bare number is in degrees; "rad" or "deg" may follow it (0.7rad, 40deg). Returns radians. With `min`
 * and `max` (degrees), an angle outside them is refused.
 */
export function angle(name: string, text: string | undefined, { min = -Infinity, max = Infinity } = {}): number {
  const match = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(rad|deg)?\s*$/i.exec(text ?? '');
  const bounds = Number.isFinite(min) && Number.isFinite(max) ? ` from ${min}° to ${max}°` : '';
  const refuse = () => new UsageError(`${name} must be an angle in degrees, or with a unit (40, 40deg, 0.7rad)${bounds}; received ${JSON.stringify(text ?? '')}`);
  if (!match) throw refuse();
  const value = Number(match[1]);
  const radians = match[2]?.toLowerCase() === 'rad' ? value : (value * Math.PI) / 180;
  if (!Number.isFinite(radians) || (radians * 180) / Math.PI < min || (radians * 180) / Math.PI > max) throw refuse();
  return radians;
}

/** Two numbers "a,b" from a flag, each in [min, max], or a UsageError naming the flag. */
export function pair(name: string, text: string | undefined, [min, max]: readonly [number, number]): [number, number] {
  const cells = (text ?? '').split(',');
  const values = cells.map((cell) => (cell.trim() === '' ? NaN : Number(cell)));
  if (cells.length !== 2 || !values.every((value) => Number.isFinite(value) && value >= min && value <= max)) {
    throw new UsageError(`${name} must be two numbers X,Y, each in [${min}, ${max}]; received ${JSON.stringify(text ?? '')}`);
  }
  return [values[0], values[1]];
}

/** Two or three numbers "x,y[,z]" from a flag, each in [min, max], or a UsageError naming the flag. */
export function vector(name: string, text: string | undefined, [min, max]: readonly [number, number]): [number, number] | [number, number, number] {
  const cells = (text ?? '').split(',');
  const values = cells.map((cell) => (cell.trim() === '' ? NaN : Number(cell)));
  if ((cells.length !== 2 && cells.length !== 3) || !values.every((value) => Number.isFinite(value) && value >= min && value <= max)) {
    throw new UsageError(`${name} must be two or three numbers X,Y[,Z], each in [${min}, ${max}]; received ${JSON.stringify(text ?? '')}`);
  }
  return values.length === 2 ? [values[0], values[1]] : [values[0], values[1], values[2]];
}

const negative = /^-(\d|\.\d|Infinity)/;
const MARK = '\u0000';

/** parseArgs, strict, with its errors turned into UsageErrors. */
export function parse(args: string[], options: ParseArgsConfig['options'], command: string): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  // A negative number is a value, not a flag: after a flag that takes one (--wind -3), it is the flag's; anywhere
  // else it is an argument (aim -5), marked so that parseArgs does not read it as an option and unmarked after.
  const all = { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
  const takesValue = (arg: string) => arg.startsWith('--') && arg.length > 2 && !arg.includes('=') && (all as ParseArgsConfig['options'])![arg.slice(2)]?.type === 'string';
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (takesValue(args[i]) && negative.test(args[i + 1] ?? '')) joined.push(`${args[i]}=${args[++i]}`);
    else if (negative.test(args[i])) joined.push(`${MARK}${args[i]}`);
    else joined.push(args[i]);
  }
  try {
    const { values, positionals } = parseArgs({ args: joined, options: all, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals: positionals.map((p) => (p.startsWith(MARK) ? p.slice(MARK.length) : p)) };
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify .*$/s, '')}`);
  }
}

export const worldOptions = {
  wind: { type: 'string' },
  drag: { type: 'string' },
  'launch-height': { type: 'string' },
  'target-height': { type: 'string' },
} as const;

/** The world flags, checked. */
export function worldFrom(values: Record<string, unknown>): { wind: number; drag: number; launchHeight: number; targetHeight: number } {
  // The ranges the physics supports, named by the flag.
  const optional = (flag: string, [min, max]: readonly [number, number]) => (values[flag] === undefined ? 0 : number(`--${flag}`, values[flag] as string, { min, max }));
  return {
    wind: optional('wind', supportedRanges.wind),
    drag: optional('drag', supportedRanges.drag),
    launchHeight: optional('launch-height', supportedRanges.launchHeight),
    targetHeight: optional('target-height', supportedRanges.targetHeight),
  };
}
