// How the figures write their numbers, one way everywhere.

export const degrees = (radians: number) => (radians * 180) / Math.PI;
export const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** A miss in centimetres: two decimals under 10 cm, one above; "no landing" for a shot that never comes down. */
export const centimetres = (metres: number) => (Number.isFinite(metres) ? `${(metres * 100).toFixed(Math.abs(metres) < 0.1 ? 2 : 1)} cm` : 'no landing');

/** +1.5, −2.0, 0.0: a real minus sign. */
export const signed = (value: number, digits: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(digits)}`;

/** "1 step", "4 steps". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A duration to two significant digits under 10 s, three above: "2.4 s", "13.4 s", "0.61 s". */
export const seconds = (value: number) => `${Number(value.toPrecision(value >= 10 ? 3 : 2))} s`;

/** A count of steps or iterations, whole: a median of 403.5 steps reads "404". */
export const whole = (value: number) => String(Math.round(value));

/** What the figures compute on, in words a reader knows; the details (SIMD, isolation) go on hover. */
export const runtimeWords = ({ backend, threads }: { backend: string; threads: number }) =>
  `${backend === 'wasm' ? 'WebAssembly' : 'plain JavaScript'} on ${count(threads, 'thread')}`;
