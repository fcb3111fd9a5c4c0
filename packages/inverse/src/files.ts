import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/physics';
import { loadModelDirectory, ModelFileError, saveModelDirectory, type ModelKind } from '@cannon/model-files';
import { createAimer, type Aimer } from './aimer.js';
import { checkDomain, inputFields, varyingInputs } from './domain.js';
import { AIMER_FORMAT, AIMER_VERSION, type AimerMetadata } from './metadata.js';
import { Network } from './network.js';

/** The files of a saved aimer: model.json, weights.bin and aimer.json. */
export const AIMER_FILES: ModelKind = Object.freeze({ kind: 'aimer', saver: 'saveAimer', metadataFile: 'aimer.json' });

/**
 * Saves an aimer (Node) as the directory `directory`: its network as a tfjs layers model (model.json +
 * weights.bin: Dense tanh layers and a linear output of the two raw controls, which `tf.loadLayersModel`
 * loads in a browser) and aimer.json (its domain, inputs and training). Atomic, like every cannon model.
 */
export async function saveAimer(aimer: Aimer, directory: string): Promise<void> {
  if (typeof directory !== 'string' || directory === '') throw new InvalidInputError('directory', 'a non-empty path', directory);
  const layers = aimer.network.getWeights();
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
    const network = new Network({ inputs: metadata.inputs.length, hiddenLayers: metadata.hiddenLayers, outputs: 2, activation: 'tanh' });
    try {
      network.setWeights(Array.from({ length: weights.length / 2 }, (_, l) => ({ kernel: weights[2 * l], bias: weights[2 * l + 1] })));
    } catch (error) {
      network.dispose();
      throw new ModelFileError(locate('model.json'), `does not match ${AIMER_FILES.metadataFile}: ${(error as Error).message}`);
    }
    return createAimer(network, metadata);
  } finally {
    model.dispose();
  }
}

/** Checks that `value`, read from `file`, is an aimer.json this package can use. */
export function checkAimerMetadata(value: unknown, file: string): AimerMetadata {
  const fail = (problem: string): never => {
    throw new ModelFileError(file, problem);
  };
  if (typeof value !== 'object' || value === null) return fail('does not hold a JSON object');
  const m = value as Partial<AimerMetadata>;
  if (m.format !== AIMER_FORMAT) fail(`is not an aimer's metadata: format is ${JSON.stringify(m.format)}, expected "${AIMER_FORMAT}"`);
  if (m.version !== AIMER_VERSION) fail(`has version ${JSON.stringify(m.version)}; this @cannon/inverse reads version ${AIMER_VERSION}`);
  try {
    checkDomain(m.domain!);
  } catch (error) {
    fail(`has an invalid domain: ${(error as Error).message}`);
  }
  if (JSON.stringify(m.inputs) !== JSON.stringify(varyingInputs(m.domain!)) || !m.inputs!.every((f) => (inputFields as readonly string[]).includes(f))) {
    fail(`lists inputs ${JSON.stringify(m.inputs)}, but its domain varies in ${JSON.stringify(varyingInputs(m.domain!))}`);
  }
  if (!Array.isArray(m.hiddenLayers) || m.hiddenLayers.length === 0 || !m.hiddenLayers.every((u) => Number.isInteger(u) && u > 0)) fail('has no valid hiddenLayers');
  if (typeof m.name !== 'string') fail('has no name');
  return m as AimerMetadata;
}
