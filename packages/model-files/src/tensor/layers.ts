import * as tf from '@tensorflow/tfjs';
import { ModelFileError } from '@cannon/errors';
import { directorySource, writeDirectoryAtomically } from '../node-files.js';
import { MODEL_FILE, WEIGHTS_FILE, type ModelKind } from '../kind.js';
import { isUrl, urlSource, type FileSource } from '../sources.js';

/**
 * Saves a layers model and its metadata (Node) as the directory `directory`: model.json (the network,
 * whose weightsManifest names weights.bin, so a browser loads it with tf.loadLayersModel), weights.bin and
 * the metadata file. Atomic: the three files are written beside it and renamed into place together.
 */
export async function saveModelDirectory(directory: string, model: tf.LayersModel, metadata: unknown, { saver, metadataFile }: ModelKind): Promise<void> {
  const artifacts = await modelArtifacts(model);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const text = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  await writeDirectoryAtomically(directory, { [MODEL_FILE]: text(modelJson), [WEIGHTS_FILE]: weights, [metadataFile]: text(metadata) }, saver);
}

/**
 * Loads a saved layers model and its metadata from a directory (Node) or an http(s) URL of one, checking
 * every file: a missing one, a weights.bin whose size does not match model.json's manifest, or a file
 * that is not JSON throws ModelFileError naming it. The metadata comes back unchecked, with where it was read.
 */
export async function loadModelDirectory(source: string, { kind, metadataFile }: ModelKind): Promise<{ model: tf.LayersModel; metadata: unknown; locate(name: string): string }> {
  const files = isUrl(source) ? urlSource(source) : await directorySource(source, kind);
  const modelJson = parseJson(files, MODEL_FILE, await files.read(MODEL_FILE)) as Partial<tf.io.ModelJSON>;
  const weightSpecs = checkManifest(files, modelJson, kind);
  const weights = await files.read(WEIGHTS_FILE);
  const needed = weightSpecs.reduce((sum, spec) => sum + byteLength(spec), 0);
  if (weights.byteLength !== needed) {
    const what = weights.byteLength < needed ? 'truncated' : 'too long';
    throw new ModelFileError(files.locate(WEIGHTS_FILE), `is ${what}: ${weights.byteLength} bytes, but the weightsManifest of ${MODEL_FILE} needs ${needed}`);
  }
  const metadata = parseJson(files, metadataFile, await files.read(metadataFile));
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: modelJson.modelTopology,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
    weightSpecs,
    weightData: weights.slice().buffer,
  };
  try {
    return { model: await tf.loadLayersModel({ load: async () => artifacts }), metadata, locate: files.locate };
  } catch (error) {
    throw new ModelFileError(files.locate(MODEL_FILE), `does not hold a network tfjs can load: ${(error as Error).message}`);
  }
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

function parseJson(files: FileSource, name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelFileError(files.locate(name), `is not valid JSON (truncated?): ${(error as Error).message}`);
  }
}

function checkManifest(files: FileSource, modelJson: Partial<tf.io.ModelJSON>, kind: string): tf.io.WeightsManifestEntry[] {
  const manifest = modelJson.weightsManifest;
  const ok =
    typeof modelJson.modelTopology === 'object' &&
    modelJson.modelTopology !== null &&
    Array.isArray(manifest) &&
    manifest.length === 1 &&
    JSON.stringify(manifest[0].paths) === JSON.stringify([WEIGHTS_FILE]) &&
    Array.isArray(manifest[0].weights);
  if (!ok) throw new ModelFileError(files.locate(MODEL_FILE), `is not a saved ${kind}'s network: it needs a modelTopology and a weightsManifest with the one path "${WEIGHTS_FILE}"`);
  return manifest[0].weights;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

function byteLength(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  return spec.shape.reduce((n, d) => n * d, 1) * (BYTES[dtype] ?? NaN);
}
