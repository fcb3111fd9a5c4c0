import type { SourceOptions } from '@cannon/model-files';
import { loadNetwork, Network } from '@cannon/network/tensor';
import { checkMetadata } from './check-metadata.js';
import { SURROGATE_FILES, surrogateNetworkSpec } from './metadata.js';
import { createSurrogate, type Surrogate } from './surrogate.js';

/**
 * Loads a saved surrogate from a directory (Node) or an http(s) URL of one (browser or Node), checking
 * every file: a missing one, a weights.bin whose size does not match model.json's manifest, or a
 * surrogate.json that does not describe this network throws ModelFileError naming the file. A URL's server
 * has `options.timeoutSeconds` (default 30) to answer each file.
 */
export async function loadSurrogate(source: string, options: SourceOptions = {}): Promise<Surrogate> {
  const { metadata, parameters } = await loadNetwork(source, SURROGATE_FILES, (raw, file) => {
    const checked = checkMetadata(raw, file);
    return { metadata: checked, spec: surrogateNetworkSpec(checked.training.hiddenLayers), scaled: true };
  }, options);
  return createSurrogate(new Network(surrogateNetworkSpec(metadata.training.hiddenLayers), parameters), metadata);
}
