// How the figures write their numbers, one way everywhere.

export const degrees = (radians: number) => (radians * 180) / Math.PI;
export const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** A miss in centimetres: two decimals under 10 cm, one above; "no landing" for a shot that never comes down. */
export const centimetres = (metres: number) => (Number.isFinite(metres) ? `${(metres * 100).toFixed(Math.abs(metres) < 0.1 ? 2 : 1)} cm` : 'no landing');

/** +1.5, −2.0, 0.0: a real minus sign. */
export const signed = (value: number, digits: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(digits)}`;

/** "1 step", "4 steps". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A distance in the unit that reads best: "under 0.01 mm", "1.8 mm", "4.7 cm", "1.25 m"; "no landing" for a shot that never comes down. */
export const distance = (metres: number) => {
  if (!Number.isFinite(metres)) return 'no landing';
  const size = Math.abs(metres);
  if (size < 1e-5) return 'under 0.01 mm';
  if (size < 1e-3) return `${(metres * 1000).toFixed(2)} mm`;
  if (size < 0.01) return `${(metres * 1000).toFixed(1)} mm`;
  if (size < 1) return `${(metres * 100).toFixed(1)} cm`;
  return `${metres.toFixed(2)} m`;
};

/** A number to `digits` significant digits, without trailing zeros: 0.6123 → "0.61", 2.0 → "2". */
export const significant = (value: number, digits: number) => String(Number(value.toPrecision(digits)));

/** A duration to two significant digits under 10 s, three above: "2.4 s", "13.4 s", "0.61 s". */
export const seconds = (value: number) => `${significant(value, value >= 10 ? 3 : 2)} s`;

/** A count of steps or iterations, whole: a median of 403.5 steps reads "404". */
export const whole = (value: number) => String(Math.round(value));

/** What the figures compute on, in words a reader knows; the details (SIMD, isolation) go on hover. */
export const runtimeWords = ({ backend, threads }: { backend: string; threads: number }) =>
  `${backend === 'wasm' ? 'WebAssembly' : 'plain JavaScript'} on ${count(threads, 'thread')}`;
