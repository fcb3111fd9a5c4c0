import * as tf from '@tensorflow/tfjs';
import { ModelFileError } from '@cannon/errors';
import { directorySource, writeDirectoryAtomically } from '../node-files.js';
import { MODEL_FILE, WEIGHTS_FILE, type ModelKind } from '../kind.js';
import { isUrl, urlSource, type FileSource, type SourceOptions } from '../sources.js';

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
 * every file: a missing one, a model.json that is not a layers model with one weights file, a weight of a
 * dtype other than float32 or int32, a weights.bin whose size does not match the manifest or that holds a
 * weight that is not finite, a file that is not JSON, or a URL that does not answer within `timeoutSeconds`
 * (default 30) throws ModelFileError naming it; a failed load leaves no tensor behind. The metadata comes back
 * unchecked, with where it was read.
 */
export async function loadModelDirectory(
  source: string,
  { kind, metadataFile }: ModelKind,
  options: SourceOptions = {},
): Promise<{ model: tf.LayersModel; metadata: unknown; locate(name: string): string }> {
  const files = isUrl(source) ? urlSource(source, options) : await directorySource(source, kind);
  const modelJson = parseJson(files, MODEL_FILE, await files.read(MODEL_FILE));
  const weightSpecs = checkManifest(files, modelJson, kind);
  const { modelTopology, format, generatedBy, convertedBy } = modelJson as tf.io.ModelJSON;
  const weights = await files.read(WEIGHTS_FILE);
  const needed = weightSpecs.reduce((sum, spec) => sum + byteLength(spec), 0);
  if (weights.byteLength !== needed) {
    const what = weights.byteLength < needed ? 'truncated' : 'too long';
    throw new ModelFileError(files.locate(WEIGHTS_FILE), `is ${what}: ${weights.byteLength} bytes, but the weightsManifest of ${MODEL_FILE} needs ${needed}`);
  }
  checkFinite(files, weightSpecs, weights);
  const metadata = parseJson(files, metadataFile, await files.read(metadataFile));
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology,
    format,
    generatedBy,
    convertedBy,
    weightSpecs,
    weightData: weights.slice().buffer,
  };
  // tfjs builds the layers' variables before it finds that the weights do not fit them: on failure, dispose
  // every tensor and variable the attempt made.
  const engine = tf.engine();
  const variablesBefore = new Set(Object.keys(engine.state.registeredVariables));
  engine.startScope();
  try {
    const model = await tf.loadLayersModel({ load: async () => artifacts });
    engine.endScope();
    return { model, metadata, locate: files.locate };
  } catch (error) {
    engine.endScope();
    for (const [name, variable] of Object.entries(engine.state.registeredVariables)) if (!variablesBefore.has(name)) variable.dispose();
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

function checkManifest(files: FileSource, modelJson: unknown, kind: string): tf.io.WeightsManifestEntry[] {
  const json = (typeof modelJson === 'object' && modelJson !== null ? modelJson : {}) as Partial<tf.io.ModelJSON>;
  const manifest = json.weightsManifest;
  const ok =
    typeof json.modelTopology === 'object' &&
    json.modelTopology !== null &&
    Array.isArray(manifest) &&
    manifest.length === 1 &&
    typeof manifest[0] === 'object' &&
    manifest[0] !== null &&
    JSON.stringify(manifest[0].paths) === JSON.stringify([WEIGHTS_FILE]) &&
    Array.isArray(manifest[0].weights) &&
    manifest[0].weights.every((spec) => typeof spec === 'object' && spec !== null && typeof spec.name === 'string' && Array.isArray(spec.shape) && spec.shape.every((d) => Number.isInteger(d) && d >= 0));
  if (!ok) throw new ModelFileError(files.locate(MODEL_FILE), `is not a saved ${kind}'s network: it needs a modelTopology and a weightsManifest with the one path "${WEIGHTS_FILE}" and named weights with shapes`);
  for (const spec of manifest[0].weights) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    if (!(dtype in BYTES)) {
      throw new ModelFileError(files.locate(MODEL_FILE), `gives the weight ${spec.name} the dtype ${JSON.stringify(dtype)}; a saved model holds ${Object.keys(BYTES).join(' or ')} weights`);
    }
  }
  return manifest[0].weights;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4 };

function byteLength(spec: tf.io.WeightsManifestEntry): number {
  return spec.shape.reduce((n, d) => n * d, 1) * BYTES[spec.quantization?.dtype ?? spec.dtype];
}

/** Refuses a float32 weight that is NaN or infinite, naming the weight and where it is. */
function checkFinite(files: FileSource, specs: tf.io.WeightsManifestEntry[], weights: Uint8Array): void {
  const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
  let offset = 0;
  for (const spec of specs) {
    const length = byteLength(spec);
    if ((spec.quantization?.dtype ?? spec.dtype) === 'float32') {
      for (let at = offset; at < offset + length; at += 4) {
        const value = view.getFloat32(at, true);
        if (!Number.isFinite(value)) {
          throw new ModelFileError(files.locate(WEIGHTS_FILE), `holds a weight that is not finite (${value}) in ${spec.name}, element ${(at - offset) / 4}: the model is damaged`);
        }
      }
    }
    offset += length;
  }
}
