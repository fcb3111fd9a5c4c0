import { saveNetwork } from '@cannon/network/tensor';
import { SURROGATE_FILES } from './metadata.js';
import { surrogateScaling, type Surrogate } from './surrogate.js';

/**
 * Saves a surrogate (Node) as the directory `directory`: model.json (the network with its scalings as fixed
 * layers, whose weightsManifest names weights.bin, so a browser loads it with tf.loadLayersModel and feeds it
 * [speed, angle] rows in m/s and rad), weights.bin and surrogate.json (the metadata). Atomic: the three
 * files are written beside it and renamed into place together.
 */
export async function saveSurrogate(surrogate: Surrogate, directory: string): Promise<void> {
  const { network, metadata } = surrogate;
  await saveNetwork(directory, { spec: network.spec, parameters: network.parameterValues, scaling: surrogateScaling(metadata) }, metadata, SURROGATE_FILES);
}
