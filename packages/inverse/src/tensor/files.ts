import { type ModelKind, type SourceOptions } from '@cannon/model-files';
import { loadNetwork, saveNetwork } from '@cannon/network/tensor';
import { aimerNetworkSpec, createAimer, type Aimer } from '../aimer.js';
import { checkAimerMetadata } from '../metadata.js';
import { aimer3dNetworkSpec, checkAimer3dMetadata, createAimer3d, type Aimer3d } from '../aimer3d.js';

/** The files of a saved aimer: model.json, weights.bin and aimer.json. */
export const AIMER_FILES: ModelKind = Object.freeze({ kind: 'aimer', saver: 'saveAimer', metadataFile: 'aimer.json' });

/**
 * Saves an aimer (Node) as the directory `directory`: its network as a tfjs layers model (model.json +
 * weights.bin: Dense tanh layers and a linear output of the two raw controls, which `tf.loadLayersModel`
 * loads in a browser; its inputs scaled as `inputScalings` says) and aimer.json (its domain, inputs and
 * training). Atomic, like every cannon model (see `saveNetwork` of @cannon/network/tensor).
 */
export async function saveAimer(aimer: Aimer, directory: string): Promise<void> {
  await saveNetwork(directory, { spec: aimerNetworkSpec(aimer.metadata), parameters: aimer.parameters }, aimer.metadata, AIMER_FILES);
}

/** Loads a saved aimer from a directory (Node) or an http(s) URL, checking every file (see @cannon/model-files). */
export async function loadAimer(source: string, options: SourceOptions = {}): Promise<Aimer> {
  const { metadata, parameters } = await loadNetwork(source, AIMER_FILES, (raw, file) => {
    const checked = checkAimerMetadata(raw, file);
    return { metadata: checked, spec: aimerNetworkSpec(checked), scaled: false };
  }, options);
  return createAimer(metadata, parameters);
}

/** The files of a saved 3D aimer: model.json, weights.bin and aimer.json (format cannon-aimer-3d). */
export const AIMER3D_FILES: ModelKind = Object.freeze({ kind: '3D aimer', saver: 'saveAimer3d', metadataFile: 'aimer.json' });

/** Saves a 3D aimer (Node) as the directory `directory`, atomically, as `saveAimer` saves a 2D one. */
export async function saveAimer3d(aimer: Aimer3d, directory: string): Promise<void> {
  await saveNetwork(directory, { spec: aimer3dNetworkSpec(aimer.metadata), parameters: aimer.parameters }, aimer.metadata, AIMER3D_FILES);
}

/** Loads a saved 3D aimer from a directory (Node) or an http(s) URL, checking every file. */
export async function loadAimer3d(source: string, options: SourceOptions = {}): Promise<Aimer3d> {
  const { metadata, parameters } = await loadNetwork(source, AIMER3D_FILES, (raw, file) => {
    const checked = checkAimer3dMetadata(raw, file);
    return { metadata: checked, spec: aimer3dNetworkSpec(checked), scaled: false };
  }, options);
  return createAimer3d(metadata, parameters);
}
