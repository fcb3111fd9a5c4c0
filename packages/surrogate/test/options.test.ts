import { InvalidInputError } from '@cannon/errors';
import { initializeBackend } from '@cannon/physics/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainSurrogate, type SurrogateOptions } from '../src/index.js';

beforeAll(async () => {
  await initializeBackend();
});

const bad: [string, SurrogateOptions, RegExp][] = [
  ['shots', { shots: 1 }, /shots must be a whole number in \[2, 10000000\]; received 1/],
  ['shots', { shots: 10.5 }, /shots must be a whole number in \[2, 10000000\]; received 10.5/],
  ['shots', { shots: 2 ** 31 - 1 }, /shots must be a whole number in \[2, 10000000\]; received 2147483647/],
  ['noise', { noise: -0.1 }, /noise must be a finite number ≥ 0; received -0.1/],
  ['seed', { seed: NaN }, /seed must be a finite number; received NaN/],
  ['speedRange', { speedRange: [5, 2] }, /speedRange must be a pair \[low, high\] of finite numbers with 0 ≤ low < high/],
  ['angleRange', { angleRange: [0, 2] }, /angleRange must be a pair \[low, high\] of finite numbers with −π\/2 ≤ low < high ≤ π\/2/],
  ['hiddenLayers', { hiddenLayers: [] }, /hiddenLayers must be a non-empty array of at most 16 layer widths \(whole numbers from 1 to 4096\)/],
  ['hiddenLayers', { hiddenLayers: [16, 0] }, /hiddenLayers must be/],
  ['activation', { activation: 'wiggle' as never }, /activation must be one of tanh/],
  ['epochs', { epochs: 0 }, /epochs must be a whole number in \[1, 1000000\]; received 0/],
  ['batchSize', { batchSize: 2.5 }, /batchSize must be a whole number in \[1, 65536\]; received 2.5/],
  ['learningRate', { learningRate: 0 }, /learningRate must be a finite number in \(0, 1\]; received 0/],
  ['validationSplit', { validationSplit: 1 }, /validationSplit must be a finite number in \[0, 1\); received 1/],
  ['patience', { patience: 0 }, /patience must be a whole number ≥ 1; received 0/],
  ['world', { world: { gravity: -1 } }, /gravity must be/],
  ['data', { data: [{ speed: 1, angle: 0.5, distance: 1 }] }, /data must be an array of at least 2 shots/],
  ['data[1]', { data: [{ speed: 1, angle: 0.5, distance: 1 }, { speed: NaN, angle: 0.5, distance: 1 }] }, /data\[1\] must be a shot/],
];

describe('trainSurrogate rejects bad options with InvalidInputError naming the option and what is allowed', () => {
  it.each(bad)('%s: %j', async (field, options, message) => {
    const attempt = trainSurrogate(options);
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(trainSurrogate(options)).rejects.toThrow(message);
    await expect(trainSurrogate(options)).rejects.toMatchObject({ field: expect.stringContaining(field === 'world' ? 'gravity' : field) });
  });

  it('and a world where fewer than two shots land', async () => {
    await expect(trainSurrogate({ shots: 5, world: { targetHeight: 100 } })).rejects.toThrow(/shots must be enough shots that at least 2 land/);
  });
});
