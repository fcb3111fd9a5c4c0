import * as tf from '@tensorflow/tfjs';
import { InvalidInputError } from '@cannon/physics';
import { checkMetadata } from './check-metadata.js';
import { ModelFileError } from './errors.js';
import { isUrl, METADATA_FILE, MODEL_FILE, urlSource, WEIGHTS_FILE, type FileSource } from './files.js';
import { directorySource } from './node-files.js';
import { createSurrogate, type Surrogate } from './surrogate.js';

/**
 * Loads a saved surrogate from a directory (Node) or an http(s) URL of one (browser or Node), checking
 * every file: a missing one, a weights.bin whose size does not match model.json's manifest, or a
 * surrogate.json that does not describe this network throws ModelFileError naming the file.
 */
export async function loadSurrogate(source: string): Promise<Surrogate> {
  if (typeof source !== 'string' || source === '') throw new InvalidInputError('source', 'a directory path or an http(s) URL', source);
  const files = isUrl(source) ? urlSource(source) : await directorySource(source);
  const modelJson = parseJson(files, MODEL_FILE, await files.read(MODEL_FILE)) as Partial<tf.io.ModelJSON>;
  const weightSpecs = checkManifest(files, modelJson);
  const weights = await files.read(WEIGHTS_FILE);
  const needed = weightSpecs.reduce((sum, spec) => sum + byteLength(spec), 0);
  if (weights.byteLength !== needed) {
    const what = weights.byteLength < needed ? 'truncated' : 'too long';
    throw new ModelFileError(files.locate(WEIGHTS_FILE), `is ${what}: ${weights.byteLength} bytes, but the weightsManifest of ${MODEL_FILE} needs ${needed}`);
  }
  const metadata = checkMetadata(parseJson(files, METADATA_FILE, await files.read(METADATA_FILE)), files.locate(METADATA_FILE));

  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: modelJson.modelTopology,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
    weightSpecs,
    weightData: weights.slice().buffer,
  };
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel({ load: async () => artifacts });
  } catch (error) {
    throw new ModelFileError(files.locate(MODEL_FILE), `does not hold a network tfjs can load: ${(error as Error).message}`);
  }
  const inputShape = model.inputs.map((input) => input.shape);
  const outputShape = model.outputs.map((output) => output.shape);
  if (JSON.stringify(inputShape) !== JSON.stringify([[null, metadata.inputs.length]]) || JSON.stringify(outputShape) !== JSON.stringify([[null, metadata.outputs.length]])) {
    model.dispose();
    throw new ModelFileError(
      files.locate(METADATA_FILE),
      `does not match ${MODEL_FILE}: it describes ${metadata.inputs.length} inputs and ${metadata.outputs.length} output, but the network takes ${JSON.stringify(inputShape)} and gives ${JSON.stringify(outputShape)}`,
    );
  }
  return createSurrogate(model, metadata);
}

function parseJson(files: FileSource, name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelFileError(files.locate(name), `is not valid JSON (truncated?): ${(error as Error).message}`);
  }
}

function checkManifest(files: FileSource, modelJson: Partial<tf.io.ModelJSON>): tf.io.WeightsManifestEntry[] {
  const manifest = modelJson.weightsManifest;
  const ok = typeof modelJson.modelTopology === 'object' && modelJson.modelTopology !== null && Array.isArray(manifest) && manifest.length === 1 && JSON.stringify(manifest[0].paths) === JSON.stringify([WEIGHTS_FILE]) && Array.isArray(manifest[0].weights);
  if (!ok) throw new ModelFileError(files.locate(MODEL_FILE), `is not a saved surrogate's network: it needs a modelTopology and a weightsManifest with the one path "${WEIGHTS_FILE}"`);
  return manifest[0].weights;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

function byteLength(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  return spec.shape.reduce((n, d) => n * d, 1) * (BYTES[dtype] ?? NaN);
}
