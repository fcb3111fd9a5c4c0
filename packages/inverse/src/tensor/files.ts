import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/errors';
import { type ModelKind } from '@cannon/model-files';
import { ModelFileError } from '@cannon/errors';
import { loadModelDirectory, saveModelDirectory } from '@cannon/model-files/tensor';
import { flatParameters, layersOf } from '@cannon/network';
import { aimerNetworkSpec, createAimer, type Aimer } from '../aimer.js';
import { checkAimerMetadata } from '../metadata.js';

/** The files of a saved aimer: model.json, weights.bin and aimer.json. */
export const AIMER_FILES: ModelKind = Object.freeze({ kind: 'aimer', saver: 'saveAimer', metadataFile: 'aimer.json' });

/**
 * Saves an aimer (Node) as the directory `directory`: its network as a tfjs layers model (model.json +
 * weights.bin: Dense tanh layers and a linear output of the two raw controls, which `tf.loadLayersModel`
 * loads in a browser) and aimer.json (its domain, inputs and training). Atomic, like every cannon model.
 */
export async function saveAimer(aimer: Aimer, directory: string): Promise<void> {
  if (typeof directory !== 'string' || directory === '') throw new InvalidInputError('directory', 'a non-empty path', directory);
  const layers = layersOf(aimerNetworkSpec(aimer.metadata), aimer.parameters);
  const model = tf.sequential({ name: 'aimer' });
  layers.forEach(({ kernel, bias, inputs, units }, l) => {
    const weights = [tf.tensor2d(kernel, [inputs, units]), tf.tensor1d(bias)];
    model.add(tf.layers.dense({ ...(l === 0 ? { inputShape: [inputs] } : {}), units, activation: l < layers.length - 1 ? 'tanh' : 'linear', weights }));
    tf.dispose(weights);
  });
  try {
    await saveModelDirectory(directory, model, aimer.metadata, AIMER_FILES);
  } finally {
    model.dispose();
  }
}

/** Loads a saved aimer from a directory (Node) or an http(s) URL, checking every file (see @cannon/model-files). */
export async function loadAimer(source: string): Promise<Aimer> {
  if (typeof source !== 'string' || source === '') throw new InvalidInputError('source', 'a directory path or an http(s) URL', source);
  const { model, metadata: raw, locate } = await loadModelDirectory(source, AIMER_FILES);
  try {
    const metadata = checkAimerMetadata(raw, locate(AIMER_FILES.metadataFile));
    const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
    let parameters: Float32Array;
    try {
      parameters = flatParameters(aimerNetworkSpec(metadata), Array.from({ length: weights.length / 2 }, (_, l) => ({ kernel: weights[2 * l], bias: weights[2 * l + 1] })));
    } catch (error) {
      throw new ModelFileError(locate('model.json'), `does not match ${AIMER_FILES.metadataFile}: ${(error as Error).message}`);
    }
    return createAimer(metadata, parameters);
  } finally {
    model.dispose();
  }
}
