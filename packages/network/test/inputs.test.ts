import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelFileError } from '@cannon/errors';
import { loadModelDirectory } from '@cannon/model-files/tensor';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHiddenLayers, rangeScaling, scaleColumns, spreadScaling, type NetworkScaling } from '../src/index.js';
import { loadNetwork, Network, saveNetwork, scaleTensor, unscaleTensor } from '../src/tensor/index.js';

const kind = { kind: 'test network', saver: 'saveTestNetwork', metadataFile: 'test.json' };
let scratch: string;

beforeAll(async () => {
  await initializeBackend();
  scratch = await mkdtemp(join(tmpdir(), 'cannon-network-'));
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the gradient with respect to the inputs', () => {
  it('matches central finite differences of the plain forward pass', () => {
    const network = new Network({ inputs: 3, hiddenLayers: [12, 7], outputs: 2, seed: 21 });
    const rows = [0.3, -0.8, 0.5, -0.1, 0.9, -0.4];
    const weights = [1, -2, 0.5, 3];
    // d/dx of Σ weights·outputs, through the tfjs op.
    const gradient = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(network.apply(x as tf.Tensor2D), tf.tensor2d(weights, [2, 2]))))(tf.tensor2d(rows, [2, 3])).dataSync());
    const objective = (x: number[]) => Array.from(network.applyRows(x, 2)).reduce((sum, y, i) => sum + weights[i] * y, 0);
    const h = 1e-5;
    rows.forEach((_, i) => {
      const up = rows.slice();
      const down = rows.slice();
      up[i] += h;
      down[i] -= h;
      const finiteDifference = (objective(up) - objective(down)) / (2 * h);
      expect(Math.abs(gradient[i] - finiteDifference)).toBeLessThan(1e-4 * Math.max(1, Math.abs(finiteDifference)));
    });
    network.dispose();
  });
});

describe('scalings', () => {
  it('rangeScaling maps [low, high] onto [−1, 1]', () => {
    const s = rangeScaling([2, 8]);
    expect([(2 - s.offset) / s.scale, (8 - s.offset) / s.scale]).toEqual([-1, 1]);
  });

  it('spreadScaling maps values to mean 0 and deviation 1, and leaves constant values unscaled', () => {
    expect(spreadScaling([1, 3])).toEqual({ offset: 2, scale: 1 });
    expect(spreadScaling([4, 4, 4])).toEqual({ offset: 4, scale: 1 });
  });

  it('scaleColumns scales each column into row-major rows, as scaleTensor does on a tensor', () => {
    const scalings = [rangeScaling([0, 10]), rangeScaling([0, 2])];
    const rows = scaleColumns([[0, 5, 10], [2, 1, 0]], scalings);
    expect(Array.from(rows)).toEqual([-1, 1, 0, 0, 1, -1]);
    const onTensor = tf.tidy(() => Array.from(scaleTensor(tf.tensor2d([[0, 2], [5, 1], [10, 0]]), scalings).dataSync()));
    expect(onTensor).toEqual(Array.from(rows));
    expect(tf.tidy(() => Array.from(unscaleTensor(tf.tensor2d(Array.from(rows), [3, 2]), scalings).dataSync()))).toEqual([0, 2, 5, 1, 10, 0]);
  });
});

describe('checkHiddenLayers', () => {
  it('accepts 1 to 16 layers of 1 to 4096 units, and returns a copy', () => {
    const layers = [64, 64];
    expect(checkHiddenLayers(layers)).toEqual([64, 64]);
    expect(checkHiddenLayers(layers)).not.toBe(layers);
  });

  it('rejects no layers, too many, and widths that are not whole numbers in range, naming the field', () => {
    expect(() => checkHiddenLayers([])).toThrow(/hiddenLayers must be a non-empty array/);
    expect(() => checkHiddenLayers(Array(17).fill(4))).toThrow(/at most 16/);
    expect(() => checkHiddenLayers([8, 4097], 'training.hiddenLayers')).toThrow(/training\.hiddenLayers must be/);
    expect(() => checkHiddenLayers([1.5])).toThrow(/whole numbers from 1 to 4096/);
  });
});

describe('saveNetwork and loadNetwork', () => {
  const spec = { inputs: 2, hiddenLayers: [5, 4], outputs: 1, seed: 8 };
  const scaling: NetworkScaling = { inputs: [rangeScaling([0, 10]), rangeScaling([0, 1.5])], outputs: [{ offset: 4, scale: 2.5 }] };

  it('round-trip the parameters and the metadata, with or without scaling layers', async () => {
    const network = new Network(spec);
    for (const scaled of [true, false]) {
      const directory = join(scratch, `round-trip-${scaled}`);
      await saveNetwork(directory, { spec, parameters: network.parameterValues, scaling: scaled ? scaling : undefined }, { note: 'kept' }, kind);
      const loaded = await loadNetwork(directory, kind, (metadata) => ({ metadata, spec, scaled }));
      expect(loaded.metadata).toEqual({ note: 'kept' });
      expect(Array.from(loaded.parameters)).toEqual(Array.from(network.parameterValues));
    }
    network.dispose();
  });

  it('write a layers model that maps raw inputs to raw outputs, the scalings as fixed layers', async () => {
    const network = new Network(spec);
    const directory = join(scratch, 'scaled');
    await saveNetwork(directory, { spec, parameters: network.parameterValues, scaling }, {}, kind);
    const { model } = await loadModelDirectory(directory, kind);
    expect(model.layers.map((layer) => `${layer.name}${layer.trainable ? '' : ' (fixed)'}`)).toEqual(['normalise_inputs (fixed)', 'hidden_1', 'hidden_2', 'outputs', 'denormalise_outputs (fixed)']);
    const [plain, ours] = tf.tidy(() => {
      const x = tf.tensor2d([[3, 0.2], [9, 1.4]]);
      return [Array.from((model.predict(x) as tf.Tensor).dataSync()), Array.from(unscaleTensor(network.apply(scaleTensor(x, scaling.inputs)), scaling.outputs).dataSync())];
    });
    plain.forEach((y, i) => expect(y).toBeCloseTo(ours[i], 5));
    model.dispose();
    network.dispose();
  });

  it('refuse a model.json whose layers do not match the spec, naming the file', async () => {
    const network = new Network(spec);
    const directory = join(scratch, 'mismatch');
    await saveNetwork(directory, { spec, parameters: network.parameterValues }, {}, kind);
    await expect(loadNetwork(directory, kind, (metadata) => ({ metadata, spec: { ...spec, hiddenLayers: [5, 3] }, scaled: false }))).rejects.toThrow(ModelFileError);
    await expect(loadNetwork(directory, kind, (metadata) => ({ metadata, spec: { ...spec, hiddenLayers: [5, 3] }, scaled: false }))).rejects.toThrow(/model\.json does not match test\.json/);
    network.dispose();
  });

  it('leak no tensors', async () => {
    const network = new Network(spec);
    const before = tf.memory().numTensors;
    const directory = join(scratch, 'leaks');
    await saveNetwork(directory, { spec, parameters: network.parameterValues, scaling }, {}, kind);
    await loadNetwork(directory, kind, (metadata) => ({ metadata, spec, scaled: true }));
    expect(tf.memory().numTensors).toBe(before);
    network.dispose();
  });
});
