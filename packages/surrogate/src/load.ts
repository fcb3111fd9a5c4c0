import { InvalidInputError } from '@cannon/errors';
import { MODEL_FILE } from '@cannon/model-files';
import { ModelFileError } from '@cannon/errors';
import { loadModelDirectory } from '@cannon/model-files/tensor';
import { checkMetadata } from './check-metadata.js';
import { SURROGATE_FILES } from './metadata.js';
import { createSurrogate, type Surrogate } from './surrogate.js';

/**
 * Loads a saved surrogate from a directory (Node) or an http(s) URL of one (browser or Node), checking
 * every file: a missing one, a weights.bin whose size does not match model.json's manifest, or a
 * surrogate.json that does not describe this network throws ModelFileError naming the file.
 */
export async function loadSurrogate(source: string): Promise<Surrogate> {
  if (typeof source !== 'string' || source === '') throw new InvalidInputError('source', 'a directory path or an http(s) URL', source);
  const { model, metadata: raw, locate } = await loadModelDirectory(source, SURROGATE_FILES);
  const metadataFile = locate(SURROGATE_FILES.metadataFile);
  let metadata;
  try {
    metadata = checkMetadata(raw, metadataFile);
  } catch (error) {
    model.dispose();
    throw error;
  }
  const inputShape = model.inputs.map((input) => input.shape);
  const outputShape = model.outputs.map((output) => output.shape);
  if (JSON.stringify(inputShape) !== JSON.stringify([[null, metadata.inputs.length]]) || JSON.stringify(outputShape) !== JSON.stringify([[null, metadata.outputs.length]])) {
    model.dispose();
    throw new ModelFileError(
      metadataFile,
      `does not match ${MODEL_FILE}: it describes ${metadata.inputs.length} inputs and ${metadata.outputs.length} output, but the network takes ${JSON.stringify(inputShape)} and gives ${JSON.stringify(outputShape)}`,
    );
  }
  return createSurrogate(model, metadata);
}
