import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { MODEL_FILE, type ModelKind, type SourceOptions } from '@cannon/model-files';
import { ModelFileError } from '@cannon/errors';
import { loadModelDirectory, saveModelDirectory } from '@cannon/model-files/tensor';
import { flatParameters, layersOf } from '../parameters.js';
import { checkScaling, type NetworkScaling } from '../scaling.js';
import { checkSpec, type NetworkSpec } from '../spec.js';

/** A network as it is saved: its spec, its flat parameters and, when its inputs and outputs are scaled, the scaling. */
export interface SavedNetwork {
  spec: NetworkSpec;
  parameters: Float32Array;
  scaling?: NetworkScaling;
}

/**
 * Saves a network and its metadata (Node) as the directory `directory`, through @cannon/model-files:
 * model.json + weights.bin are a tfjs layers model (Dense tanh layers and a linear output; with a scaling,
 * a fixed Dense layer before them that scales the inputs and one after that scales the outputs back), so
 * `tf.loadLayersModel` loads it in a browser and maps raw inputs to raw outputs. Atomic.
 */
export async function saveNetwork(directory: string, network: SavedNetwork, metadata: unknown, kind: ModelKind): Promise<void> {
  if (typeof directory !== 'string' || directory === '') throw new InvalidInputError('directory', 'a non-empty path', directory);
  const { spec, parameters, scaling } = network;
  checkSpec(spec);
  if (scaling) checkScaling(scaling, spec.inputs, spec.outputs);
  const layers = layersOf(spec, parameters);
  const model = tf.sequential({ name: kind.kind });
  const dense = (config: Parameters<typeof tf.layers.dense>[0], kernel: ArrayLike<number>, bias: ArrayLike<number>, inputs: number) => {
    const weights = [tf.tensor2d(Float32Array.from(kernel), [inputs, config.units]), tf.tensor1d(Float32Array.from(bias))];
    model.add(tf.layers.dense({ ...(model.layers.length === 0 ? { inputShape: [inputs] } : {}), ...config, weights }));
    // Each layer keeps its own copy.
    tf.dispose(weights);
  };
  if (scaling) dense({ name: 'normalise_inputs', units: spec.inputs, trainable: false }, ...diagonal(scaling.inputs, (s) => 1 / s.scale, (s) => -s.offset / s.scale), spec.inputs);
  layers.forEach(({ kernel, bias, inputs, units }, l) => {
    const hidden = l < layers.length - 1;
    dense({ name: hidden ? `hidden_${l + 1}` : 'outputs', units, activation: hidden ? 'tanh' : 'linear' }, kernel, bias, inputs);
  });
  if (scaling) dense({ name: 'denormalise_outputs', units: spec.outputs, trainable: false }, ...diagonal(scaling.outputs, (s) => s.scale, (s) => s.offset), spec.outputs);
  try {
    await saveModelDirectory(directory, model, metadata, kind);
  } finally {
    model.dispose();
  }
}

/**
 * Loads a network saved by `saveNetwork` (or any tfjs layers model of Dense layers in that shape) from a
 * directory (Node) or an http(s) URL, checking every file. `describe` checks the metadata (throwing
 * ModelFileError naming `file`) and says which network it describes, and whether the model has the scaling
 * layers around it. A model.json that does not match throws ModelFileError naming it.
 */
export async function loadNetwork<T>(
  source: string,
  kind: ModelKind,
  describe: (metadata: unknown, file: string) => { metadata: T; spec: NetworkSpec; scaled: boolean },
  options: SourceOptions = {},
): Promise<{ metadata: T; parameters: Float32Array }> {
  if (typeof source !== 'string' || source === '') throw new InvalidInputError('source', 'a directory path or an http(s) URL', source);
  const { model, metadata: raw, locate } = await loadModelDirectory(source, kind, options);
  try {
    const { metadata, spec, scaled } = describe(raw, locate(kind.metadataFile));
    const mismatch = (problem: string) => new ModelFileError(locate(MODEL_FILE), `does not match ${kind.metadataFile}: ${problem}`);
    const all = model.layers;
    const network = scaled ? all.slice(1, -1) : all;
    if (network.length < 1 || !all.every((layer) => layer.getClassName() === 'Dense')) throw mismatch(`it should hold Dense layers only, ${scaled ? 'the first and last of them the fixed scalings' : 'the network itself'}`);
    if (scaled) {
      const shape = (layer: tf.layers.Layer) => JSON.stringify(layer.getWeights()[0]?.shape);
      const [first, last] = [all[0], all[all.length - 1]];
      if (shape(first) !== `[${spec.inputs},${spec.inputs}]` || shape(last) !== `[${spec.outputs},${spec.outputs}]`) {
        throw mismatch(`it describes ${spec.inputs} inputs and ${spec.outputs} outputs, but the scaling layers ${first.name} and ${last.name} have kernels of shape ${shape(first)} and ${shape(last)}`);
      }
    }
    network.forEach((layer, l) => {
      const activation = (layer.getConfig() as { activation?: string }).activation;
      const expected = l < network.length - 1 ? 'tanh' : 'linear';
      if (activation !== expected) throw mismatch(`layer ${layer.name} has activation ${activation}; @cannon/network runs ${l < network.length - 1 ? 'tanh hidden layers' : 'a linear output'}`);
    });
    const weights = network.map((layer) => layer.getWeights().map((w) => w.dataSync() as Float32Array));
    try {
      return { metadata, parameters: flatParameters(spec, weights.map(([kernel, bias]) => ({ kernel, bias }))) };
    } catch (error) {
      throw mismatch((error as Error).message);
    }
  } finally {
    model.dispose();
  }
}

/** A diagonal kernel and a bias for one affine map per column. */
function diagonal(scalings: NetworkScaling['inputs'], slope: (s: NetworkScaling['inputs'][number]) => number, intercept: (s: NetworkScaling['inputs'][number]) => number): [Float32Array, Float32Array] {
  const n = scalings.length;
  const kernel = new Float32Array(n * n);
  scalings.forEach((s, i) => (kernel[i * n + i] = slope(s)));
  return [kernel, Float32Array.from(scalings, intercept)];
}
