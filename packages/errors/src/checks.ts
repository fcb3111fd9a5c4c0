import { InvalidInputError } from './errors.js';

/** Throws unless `value` is a finite number in [min, max] (bounds may be open). Returns it. */
export function checkNumber(
  field: string,
  value: unknown,
  { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minOpen ? value > min : value >= min) &&
    (maxOpen ? value < max : value <= max);
  if (!ok) throw new InvalidInputError(field, describeRange(min, max, minOpen, maxOpen), value);
  return value as number;
}

/** Throws unless `value` is a whole number in [min, max]. Returns it. */
export function checkInteger(field: string, value: unknown, { min = -Infinity, max = Infinity } = {}): number {
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
  if (!ok) {
    const bounds = max === Infinity ? (min === -Infinity ? '' : ` ≥ ${min}`) : min === -Infinity ? ` ≤ ${max}` : ` in [${min}, ${max}]`;
    throw new InvalidInputError(field, `a whole number${bounds}`, value);
  }
  return value as number;
}

/**
 * Throws unless `value` is a pair [low, high] of finite numbers with min ≤ low < high ≤ max (low ≤ high
 * when `point` allows a range of one value). Returns it.
 */
export function checkRange(field: string, value: unknown, { min = -Infinity, max = Infinity, point = false } = {}): readonly [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max) &&
    (point ? value[0] <= value[1] : value[0] < value[1]);
  if (!ok) {
    const order = point ? 'low ≤ high' : 'low < high';
    const lower = min === -Infinity ? '' : `${format(min)} ≤ `;
    const upper = max === Infinity ? '' : ` ≤ ${format(max)}`;
    throw new InvalidInputError(field, `a pair [low, high] of finite numbers with ${lower}${order}${upper}`, value);
  }
  return value as [number, number];
}

/**
 * Whether `value` is a column of numbers as the packages take them: an array, or a typed array of numbers
 * (not a DataView, not a BigInt64Array). Its elements are the caller's to check.
 */
export function isNumberColumn(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array));
}

export function describeRange(min: number, max: number, minOpen = false, maxOpen = false): string {
  if (min === -Infinity && max === Infinity) return 'a finite number';
  if (max === Infinity) return `a finite number ${minOpen ? '>' : '≥'} ${min}`;
  if (min === -Infinity) return `a finite number ${maxOpen ? '<' : '≤'} ${max}`;
  return `a finite number in ${minOpen ? '(' : '['}${format(min)}, ${format(max)}${maxOpen ? ')' : ']'}`;
}

function format(x: number): string {
  if (Math.abs(x - Math.PI / 2) < 1e-15) return 'π/2';
  if (Math.abs(x + Math.PI / 2) < 1e-15) return '−π/2';
  return String(x);
}
