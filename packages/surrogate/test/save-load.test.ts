import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSurrogate, ModelFileError, saveSurrogate, type Surrogate } from '../src/index.js';
import { predictions, trainSmall } from './helpers.js';

let surrogate: Surrogate;
let scratch: string;
let saved: string;

beforeAll(async () => {
  await initializeBackend();
  surrogate = await trainSmall({ seed: 11, noise: 0.02 });
  scratch = await mkdtemp(join(tmpdir(), 'cannon-surrogate-'));
  saved = join(scratch, 'saved');
  await saveSurrogate(surrogate, saved);
});

afterAll(async () => {
  surrogate.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** A copy of the saved surrogate, to damage. */
async function copyOfSaved(name: string): Promise<string> {
  const directory = join(scratch, name);
  await saveSurrogate(surrogate, directory);
  return directory;
}

/** Serves a directory over http on a free port. */
async function serve(directory: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    try {
      response.end(await readFile(join(directory, (request.url ?? '/').slice(1))));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('saveSurrogate and loadSurrogate', () => {
  it('round-trip a surrogate: the same predictions and the same metadata', async () => {
    const loaded = await loadSurrogate(saved);
    expect(predictions(loaded)).toEqual(predictions(surrogate));
    expect(loaded.metadata).toEqual(surrogate.metadata);
    loaded.dispose();
  });

  it('write exactly model.json, weights.bin and surrogate.json, and model.json’s manifest names weights.bin', async () => {
    expect((await readdir(saved)).sort()).toEqual(['model.json', 'surrogate.json', 'weights.bin']);
    const modelJson = JSON.parse(await readFile(join(saved, 'model.json'), 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest.map((group: { paths: string[] }) => group.paths)).toEqual([['weights.bin']]);
    expect(JSON.parse(await readFile(join(saved, 'surrogate.json'), 'utf8'))).toEqual(surrogate.metadata);
    expect((await readdir(scratch)).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('write a model.json that plain tf.loadLayersModel loads over http, as a browser would', async () => {
    const { url, server } = await serve(saved);
    try {
      const model = await tf.loadLayersModel(`${url}/model.json`);
      const [plain, ours] = tf.tidy(() => [
        Array.from((model.predict(tf.tensor2d([[5, 0.7], [9, 1.2]])) as tf.Tensor).dataSync()),
        Array.from(surrogate.forward(tf.tensor1d([5, 9]), tf.tensor1d([0.7, 1.2])).dataSync()),
      ]);
      // The same weights through other kernels: equal to float32 rounding.
      plain.forEach((distance, i) => expect(distance).toBeCloseTo(ours[i], 4));
      model.dispose();
    } finally {
      server.close();
    }
  });

  it('load from an http URL, surrogate.json and all', async () => {
    const { url, server } = await serve(saved);
    try {
      const loaded = await loadSurrogate(url);
      expect(predictions(loaded)).toEqual(predictions(surrogate));
      expect(loaded.metadata).toEqual(surrogate.metadata);
      loaded.dispose();
      await expect(loadSurrogate(`${url}/elsewhere`)).rejects.toThrow(/elsewhere\/model\.json is missing \(HTTP 404\)/);
    } finally {
      server.close();
    }
  });

  it('overwrite a saved surrogate with a new one', async () => {
    const directory = await copyOfSaved('overwritten');
    const other = await trainSmall({ seed: 12 });
    await saveSurrogate(other, directory);
    const loaded = await loadSurrogate(directory);
    expect(predictions(loaded)).toEqual(predictions(other));
    loaded.dispose();
    other.dispose();
  });

  it('load a surrogate saved by @cannon/surrogate 0.1.0 (tf.layers), predicting what its model.json predicts', async () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'saved-by-0.1.0');
    const loaded = await loadSurrogate(fixture);
    const { url, server } = await serve(fixture);
    try {
      const model = await tf.loadLayersModel(`${url}/model.json`);
      const speeds = [1, 3, 5, 7, 9.9];
      const angles = [0.1, 0.5, 0.7, 1.1, 1.5];
      const [plain, ours] = tf.tidy(() => [
        Array.from((model.predict(tf.tensor2d(speeds.map((speed, i) => [speed, angles[i]]))) as tf.Tensor).dataSync()),
        Array.from(loaded.forward(tf.tensor1d(speeds), tf.tensor1d(angles)).dataSync()),
      ]);
      plain.forEach((distance, i) => expect(distance).toBeCloseTo(ours[i], 4));
      expect(loaded.metadata.training.hiddenLayers).toEqual([6, 5]);
      model.dispose();
    } finally {
      server.close();
      loaded.dispose();
    }
  });

  it('leak no tensors', async () => {
    const before = tf.memory().numTensors;
    await saveSurrogate(surrogate, join(scratch, 'leak-check'));
    const loaded = await loadSurrogate(join(scratch, 'leak-check'));
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('loadSurrogate refuses damaged files, naming the file', () => {
  it('a missing directory', async () => {
    const missing = join(scratch, 'nothing-here');
    await expect(loadSurrogate(missing)).rejects.toThrow(ModelFileError);
    await expect(loadSurrogate(missing)).rejects.toThrow(`${missing} is missing`);
  });

  it('a missing weights.bin', async () => {
    const directory = await copyOfSaved('no-weights');
    await rm(join(directory, 'weights.bin'));
    await expect(loadSurrogate(directory)).rejects.toMatchObject({ name: 'ModelFileError', file: join(directory, 'weights.bin') });
    await expect(loadSurrogate(directory)).rejects.toThrow(/weights\.bin is missing/);
  });

  it('a missing surrogate.json', async () => {
    const directory = await copyOfSaved('no-metadata');
    await rm(join(directory, 'surrogate.json'));
    await expect(loadSurrogate(directory)).rejects.toThrow(/surrogate\.json is missing/);
  });

  it('a truncated weights.bin', async () => {
    const directory = await copyOfSaved('truncated-weights');
    await truncate(join(directory, 'weights.bin'), 100);
    await expect(loadSurrogate(directory)).rejects.toMatchObject({ file: join(directory, 'weights.bin') });
    await expect(loadSurrogate(directory)).rejects.toThrow(/weights\.bin is truncated: 100 bytes, but the weightsManifest of model\.json needs \d+/);
  });

  it('a truncated model.json', async () => {
    const directory = await copyOfSaved('truncated-model');
    await truncate(join(directory, 'model.json'), 50);
    await expect(loadSurrogate(directory)).rejects.toThrow(/model\.json is not valid JSON/);
  });

  it('a surrogate.json of another format or version', async () => {
    const directory = await copyOfSaved('other-version');
    const metadata = JSON.parse(await readFile(join(directory, 'surrogate.json'), 'utf8'));
    await writeFile(join(directory, 'surrogate.json'), JSON.stringify({ ...metadata, version: 2 }));
    await expect(loadSurrogate(directory)).rejects.toThrow(/surrogate\.json has version 2; this @cannon\/surrogate reads version 1/);
    await writeFile(join(directory, 'surrogate.json'), JSON.stringify({ ...metadata, format: 'something-else' }));
    await expect(loadSurrogate(directory)).rejects.toThrow(/surrogate\.json is not a surrogate's metadata: format is "something-else"/);
  });

  it('a surrogate.json whose inputs do not match the network', async () => {
    const directory = await copyOfSaved('other-inputs');
    const metadata = JSON.parse(await readFile(join(directory, 'surrogate.json'), 'utf8'));
    await writeFile(join(directory, 'surrogate.json'), JSON.stringify({ ...metadata, inputs: ['speed', 'angle', 'wind'] }));
    await expect(loadSurrogate(directory)).rejects.toMatchObject({ file: join(directory, 'surrogate.json') });
    await expect(loadSurrogate(directory)).rejects.toThrow(/surrogate\.json describes inputs \["speed","angle","wind"\]/);
  });

  it('a model.json whose network does not match surrogate.json', async () => {
    const directory = await copyOfSaved('other-network');
    const modelJson = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8'));
    // Give the network three inputs: a network that does not take (speed, angle).
    modelJson.modelTopology.config.layers[0].config.batch_input_shape = [null, 3];
    const weightSpecs: { name: string; shape: number[] }[] = modelJson.weightsManifest[0].weights;
    const kernel = weightSpecs.findIndex((spec) => spec.name === 'normalise_inputs/kernel');
    weightSpecs[kernel].shape = [3, 2];
    await writeFile(join(directory, 'model.json'), JSON.stringify(modelJson));
    // Keep the byte count consistent (two more float32s, before the rest), so the shape check, not the size check, speaks.
    const weights = await readFile(join(directory, 'weights.bin'));
    const offset = weightSpecs.slice(0, kernel).reduce((bytes, spec) => bytes + 4 * spec.shape.reduce((n, d) => n * d, 1), 0);
    await writeFile(join(directory, 'weights.bin'), Buffer.concat([weights.subarray(0, offset), Buffer.alloc(8), weights.subarray(offset)]));
    await expect(loadSurrogate(directory)).rejects.toThrow(/model\.json does not match surrogate\.json: it describes 2 inputs and 1 outputs, but the scaling layers normalise_inputs and denormalise_outputs have kernels of shape \[3,2\]/);
  });

  it('a source that is neither a path nor a URL', async () => {
    await expect(loadSurrogate('')).rejects.toThrow(InvalidInputError);
  });

  it('a surrogate.json of hidden layers other than tanh, which @cannon/network does not run', async () => {
    const directory = await copyOfSaved('relu');
    const metadata = JSON.parse(await readFile(join(directory, 'surrogate.json'), 'utf8'));
    await writeFile(join(directory, 'surrogate.json'), JSON.stringify({ ...metadata, training: { ...metadata.training, activation: 'relu' } }));
    await expect(loadSurrogate(directory)).rejects.toThrow(/surrogate\.json has hidden layers of activation "relu"; this @cannon\/surrogate runs 'tanh' only/);
  });
});

describe('saveSurrogate', () => {
  it('does not replace a directory that holds anything but a saved surrogate', async () => {
    const directory = join(scratch, 'precious');
    await saveSurrogate(surrogate, directory);
    await writeFile(join(directory, 'notes.txt'), 'mine');
    await expect(saveSurrogate(surrogate, directory)).rejects.toThrow(/holds other files \(notes\.txt\)/);
    expect(await readFile(join(directory, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
