import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/physics';
import { METADATA_FILE, MODEL_FILE, WEIGHTS_FILE } from './files.js';
import { writeDirectoryAtomically } from './node-files.js';
import type { Surrogate } from './surrogate.js';

/**
 * Saves a surrogate (Node) as the directory `directory`: model.json (the network, whose weightsManifest
 * names weights.bin, so a browser loads it with tf.loadLayersModel), weights.bin and surrogate.json (the
 * metadata). Atomic: the three files are written beside it and renamed into place together.
 */
export async function saveSurrogate(surrogate: Surrogate, directory: string): Promise<void> {
  if (typeof directory !== 'string' || directory === '') throw new InvalidInputError('directory', 'a non-empty path', directory);
  const artifacts = await modelArtifacts(surrogate.model);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const text = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  await writeDirectoryAtomically(directory, {
    [MODEL_FILE]: text(modelJson),
    [WEIGHTS_FILE]: weights,
    [METADATA_FILE]: text(surrogate.metadata),
  });
}

/** The network's topology and weights, through an IO handler that keeps them in memory. */
async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save({
    async save(artifacts) {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  });
  if (!captured?.modelTopology || !captured.weightData) throw new Error('tf.LayersModel.save gave no topology or weights');
  return captured;
}
