// How the figures write their numbers, one way everywhere.

export const degrees = (radians: number) => (radians * 180) / Math.PI;
export const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** A miss in centimetres: two decimals under 10 cm, one above; "no landing" for a shot that never comes down. */
export const centimetres = (metres: number) => (Number.isFinite(metres) ? `${(metres * 100).toFixed(Math.abs(metres) < 0.1 ? 2 : 1)} cm` : 'no landing');

/** +1.5, −2.0, 0.0: a real minus sign. */
export const signed = (value: number, digits: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(digits)}`;

/** "1 step", "4 steps". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
