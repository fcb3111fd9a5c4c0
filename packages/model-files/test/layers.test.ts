import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initializeBackend } from '@cannon/physics/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError, type ModelKind } from '../src/index.js';
import { loadModelDirectory, saveModelDirectory } from '../src/tensor/index.js';

const kind: ModelKind = { kind: 'widget', saver: 'saveWidget', metadataFile: 'widget.json' };
const root = mkdtempSync(join(tmpdir(), 'model-files-'));
let model: tf.Sequential;

beforeAll(async () => {
  await initializeBackend();
  model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'tanh' }), tf.layers.dense({ units: 1 })] });
});

afterAll(() => {
  model.dispose();
  rmSync(root, { recursive: true, force: true });
});

const predict = (m: tf.LayersModel) => tf.tidy(() => Array.from((m.predict(tf.tensor2d([[0.5, -1]])) as tf.Tensor).dataSync()));

describe('a model directory', () => {
  it('holds model.json, weights.bin and the metadata, and loads back the same network and metadata', async () => {
    const directory = join(root, 'round-trip');
    await saveModelDirectory(directory, model, { answer: 42 }, kind);
    expect(readdirSync(directory).sort()).toEqual(['model.json', 'weights.bin', 'widget.json']);
    expect(JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8')).weightsManifest[0].paths).toEqual(['weights.bin']);
    const loaded = await loadModelDirectory(directory, kind);
    expect(loaded.metadata).toEqual({ answer: 42 });
    expect(predict(loaded.model)).toEqual(predict(model));
    loaded.model.dispose();
  });

  it('names a missing directory, a missing file, a truncated weights.bin and a file that is not JSON', async () => {
    await expect(loadModelDirectory(join(root, 'nowhere'), kind)).rejects.toThrow(/nowhere is missing: there is no such directory to load a widget from/);
    const directory = join(root, 'damaged');
    await saveModelDirectory(directory, model, {}, kind);
    writeFileSync(join(directory, 'widget.json'), '{"half":');
    await expect(loadModelDirectory(directory, kind)).rejects.toThrow(/widget\.json is not valid JSON/);
    truncateSync(join(directory, 'weights.bin'), 8);
    await expect(loadModelDirectory(directory, kind)).rejects.toThrow(/weights\.bin is truncated: 8 bytes/);
    rmSync(join(directory, 'model.json'));
    const failure = loadModelDirectory(directory, kind);
    await expect(failure).rejects.toBeInstanceOf(ModelFileError);
    await expect(failure).rejects.toThrow(/model\.json is missing/);
  });

  it('replaces a saved model whole, and refuses to replace a directory that holds other files', async () => {
    const directory = join(root, 'replaced');
    await saveModelDirectory(directory, model, { version: 1 }, kind);
    await saveModelDirectory(directory, model, { version: 2 }, kind);
    expect((await loadModelDirectory(directory, kind).then((l) => (l.model.dispose(), l.metadata))) as { version: number }).toEqual({ version: 2 });
    writeFileSync(join(directory, 'notes.txt'), 'mine');
    await expect(saveModelDirectory(directory, model, {}, kind)).rejects.toThrow(/holds other files \(notes\.txt\): saveWidget replaces the whole directory/);
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses a weight that is not finite, a dtype it does not hold and a model.json of null, naming the file', async () => {
    const directory = join(root, 'corrupt');
    await saveModelDirectory(directory, model, {}, kind);
    const weights = readFileSync(join(directory, 'weights.bin'));
    weights.writeFloatLE(NaN, 8);
    writeFileSync(join(directory, 'weights.bin'), weights);
    await expect(loadModelDirectory(directory, kind)).rejects.toThrow(/weights\.bin holds a weight that is not finite \(NaN\) in .*, element 2: the model is damaged/);
    const json = JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8'));
    json.weightsManifest[0].weights[0].dtype = 'float64';
    writeFileSync(join(directory, 'model.json'), JSON.stringify(json));
    await expect(loadModelDirectory(directory, kind)).rejects.toThrow(/model\.json gives the weight .* the dtype "float64"; a saved model holds float32 or int32 weights/);
    writeFileSync(join(directory, 'model.json'), 'null');
    await expect(loadModelDirectory(directory, kind)).rejects.toThrow(/model\.json is not a saved widget's network/);
  });

  it('leaves no tensor behind when the weights do not fit the topology', async () => {
    const directory = join(root, 'mismatch');
    await saveModelDirectory(directory, model, {}, kind);
    const json = JSON.parse(readFileSync(join(directory, 'model.json'), 'utf8'));
    // The first layer says 4 units; the weights are for 3, and weights.bin holds as many bytes as the manifest says.
    json.modelTopology.config.layers[0].config.units = 4;
    writeFileSync(join(directory, 'model.json'), JSON.stringify(json));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await expect(loadModelDirectory(directory, kind)).rejects.toThrow(/model\.json does not hold a network tfjs can load/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives up on a URL whose server never answers after timeoutSeconds, naming the file', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(loadModelDirectory(`http://127.0.0.1:${port}/widget`, kind, { timeoutSeconds: 0.3 })).rejects.toThrow(
        `http://127.0.0.1:${port}/widget/model.json did not arrive within 0.3 s (timeoutSeconds)`,
      );
      await expect(loadModelDirectory(`http://127.0.0.1:${port}/widget`, kind, { timeoutSeconds: 0 })).rejects.toThrow(/timeoutSeconds must be a finite number > 0/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
