import { checkNumber, InvalidInputError } from '@cannon/errors';

/** A seeded source of random numbers (sfc32, seeded by splitmix32): the same seed, the same sequence. */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in the open interval (min, max). */
  between(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function createRandom(seed = 0): Random {
  checkNumber('seed', seed);
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const uniform = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  const between = (min: number, max: number) => {
    // The open interval must hold a float: the draw is repeated until it lands strictly inside.
    if (!(typeof min === 'number' && typeof max === 'number' && Number.isFinite(min) && Number.isFinite(max) && min < max && min + (max - min) / 2 > min && min + (max - min) / 2 < max)) {
      throw new InvalidInputError('between(min, max)', 'finite numbers min < max with room between them', [min, max]);
    }
    for (;;) {
      const x = min + (max - min) * uniform();
      if (x > min && x < max) return x;
    }
  };
  const normal = () => {
    const u = 1 - uniform(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, between, normal };
}
