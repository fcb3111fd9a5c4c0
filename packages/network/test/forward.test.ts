import { createRandom } from '@cannon/random';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@cannon/errors';
import { createForward, initialParameters, type NetworkSpec } from '../src/index.js';
import { createJavaScriptForward } from '../src/forward.js';

/** Parameters of a spec drawn uniformly in [−scale, scale], and rows of inputs in [−3, 3]. */
function randomNetwork(spec: NetworkSpec, rows: number, seed: number, scale = 1) {
  const random = createRandom(seed);
  const parameters = initialParameters(spec).map(() => scale * (2 * random.uniform() - 1));
  const x = Float64Array.from({ length: rows * spec.inputs }, () => 6 * random.uniform() - 3);
  return { parameters, x };
}

/** The largest difference, in units of the larger magnitude (at least 1): float rounding is ~1e-16 of it. */
function largestDifference(a: Float64Array, b: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return largest;
}

describe('the forward pass in WebAssembly', () => {
  const specs: NetworkSpec[] = [
    { inputs: 4, hiddenLayers: [24, 24, 24], outputs: 2, activation: 'tanh' },
    { inputs: 1, hiddenLayers: [32, 32], outputs: 2, activation: 'tanh' },
    { inputs: 3, hiddenLayers: [7], outputs: 5, activation: 'tanh' },
    { inputs: 2, hiddenLayers: [1, 6, 3], outputs: 1, activation: 'tanh' },
  ];

  it('equals the JavaScript forward pass to float rounding, for even and odd numbers of rows', () => {
    specs.forEach((spec, s) => {
      for (const rows of [1, 2, 3, 64, 101]) {
        const { parameters, x } = randomNetwork(spec, rows, 10 * s + rows);
        expect(largestDifference(createForward(spec, parameters)(x, rows), createJavaScriptForward(spec, parameters)(x, rows)), `spec ${s}, ${rows} rows`).toBeLessThan(1e-14);
      }
    });
  });

  it('gives each row the same numbers to the bit, alone or in a batch of any size (four, two or one rows at a time)', () => {
    specs.forEach((spec, s) => {
      const { parameters, x } = randomNetwork(spec, 11, 7 + s);
      const forward = createForward(spec, parameters);
      const alone = Array.from({ length: 11 }, (_, r) => Array.from(forward(x.subarray(r * spec.inputs, (r + 1) * spec.inputs), 1)));
      for (const rows of [2, 3, 4, 5, 6, 7, 11]) {
        const batch = forward(x, rows);
        for (let r = 0; r < rows; r++) expect(Array.from(batch.subarray(r * spec.outputs, (r + 1) * spec.outputs)), `spec ${s}, row ${r} of ${rows}`).toEqual(alone[r]);
      }
    });
  });

  it('equals it where tanh saturates (sums in the hundreds) and near zero', () => {
    const spec = specs[0];
    for (const scale of [40, 1e-6]) {
      const { parameters, x } = randomNetwork(spec, 50, 3, scale);
      expect(largestDifference(createForward(spec, parameters)(x, 50), createJavaScriptForward(spec, parameters)(x, 50)), `scale ${scale}`).toBeLessThan(1e-14);
    }
  });

  it('keeps each network its own parameters, however many are made, and reads only the rows asked for', () => {
    const spec = specs[0];
    const networks = [1, 2, 3].map((seed) => randomNetwork(spec, 5, seed));
    const forwards = networks.map(({ parameters }) => createForward(spec, parameters));
    networks.forEach(({ parameters, x }, n) => {
      const expected = createJavaScriptForward(spec, parameters)(x, 3);
      const out = new Float64Array(8).fill(7);
      forwards[n](Array.from(x), 3, out);
      expect(largestDifference(out.subarray(0, 6), expected)).toBeLessThan(1e-14);
      expect(Array.from(out.subarray(6))).toEqual([7, 7]);
    });
  });

  it('answers zero rows with nothing, and refuses rows that x does not hold or out has no room for', () => {
    const spec = specs[2];
    const forward = createForward(spec, initialParameters(spec));
    expect(forward([], 0)).toEqual(new Float64Array(0));
    expect(() => forward([1, 2, 3], 2)).toThrow(InvalidInputError);
    expect(() => forward([1, 2, 3], 1, new Float64Array(4))).toThrow(/out must be room for 5 values/);
    expect(() => forward([1, 2, 3], 1.5)).toThrow(/rows must be a whole number/);
  });
});
