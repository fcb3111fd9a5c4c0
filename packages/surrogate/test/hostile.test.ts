import * as tf from '@tensorflow/tfjs';
import { CannonError } from '@cannon/errors';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anything, fc, typedErrorChecks } from '../../../tests/support/hostile.js';
import { createSurrogate, heldOutError, surrogateNetworkSpec, surrogateScaling, type Surrogate } from '../src/index.js';
import { trainSmall } from './helpers.js';

const { answersOrNames } = typedErrorChecks(CannonError);
let surrogate: Surrogate;

beforeAll(async () => {
  await initializeBackend();
  surrogate = await trainSmall({ seed: 3 });
});
afterAll(() => surrogate.dispose());

describe('hostile input to a surrogate gets an answer or a typed error, and leaves no tensor behind', () => {
  it('making one, its scalings and its network spec', () => {
    fc.assert(fc.property(anything, anything, (network, metadata) => answersOrNames(() => createSurrogate(network as never, metadata as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, anything, (network, metadata) => answersOrNames(() => createSurrogate(surrogate.network, { ...surrogate.metadata, normalisation: metadata } as never))), { numRuns: 100 });
    fc.assert(fc.property(anything, (metadata) => answersOrNames(() => surrogateScaling(metadata as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, anything, (layers, seed) => answersOrNames(() => surrogateNetworkSpec(layers as never, seed as never))), { numRuns: 200 });
  });

  it('its landings, its forward model and its held-out error', () => {
    const before = tf.memory().numTensors;
    fc.assert(fc.property(anything, anything, (speed, angle) => answersOrNames(() => surrogate.landing(speed as never, angle as never))), { numRuns: 200 });
    fc.assert(fc.property(anything, anything, (speeds, angles) => answersOrNames(() => tf.dispose(surrogate.forward(speeds as never, angles as never)))), { numRuns: 200 });
    fc.assert(fc.property(anything, (options) => answersOrNames(() => heldOutError(surrogate, options as never))), { numRuns: 60 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
