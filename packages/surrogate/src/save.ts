import { InvalidInputError } from '@cannon/errors';
import { saveModelDirectory } from '@cannon/model-files/tensor';
import { SURROGATE_FILES } from './metadata.js';
import type { Surrogate } from './surrogate.js';

/**
 * Saves a surrogate (Node) as the directory `directory`: model.json (the network, whose weightsManifest
 * names weights.bin, so a browser loads it with tf.loadLayersModel), weights.bin and surrogate.json (the
 * metadata). Atomic: the three files are written beside it and renamed into place together.
 */
export async function saveSurrogate(surrogate: Surrogate, directory: string): Promise<void> {
  if (typeof directory !== 'string' || directory === '') throw new InvalidInputError('directory', 'a non-empty path', directory);
  await saveModelDirectory(directory, surrogate.model, surrogate.metadata, SURROGATE_FILES);
}
